import SlipwayCore
import SlipwayTestSupport
import Testing

@testable import WorkflowAudit

/// The hand-written JSON report against `JSONOutput` (Foundation's encoder), which it must match byte for byte.
@Suite
struct AuditReportJSONWriterTests {
    static func report(message: String, bySeverity: [String: Int] = ["high": 1]) -> AuditReport {
        let location = SourceLocation(path: "a/.github/workflows/ci.yml", line: 3, column: 7)
        let finding = Finding(
            ruleId: "template-injection",
            area: .security,
            severity: .high,
            confidence: .medium,
            message: message,
            location: location,
            notes: [Diagnostic.Note("called from here", location: location), Diagnostic.Note(message)],
            fix: Fix(summary: message, edits: [TextEdit(start: 1, end: 4, replacement: message)]),
            fingerprint: "abc"
        )
        return AuditReport(
            version: AuditReport.schemaVersion,
            tool: AuditReport.Tool(name: "slipway", version: "1.2.3"),
            root: "/tmp/x",
            files: [
                AuditReport.File(path: "ci.yml", kind: .workflow, findings: 1, calledFrom: [location], parsed: true),
                AuditReport.File(path: "bad.yml", kind: nil, findings: 0, calledFrom: [], parsed: false),
            ],
            findings: [
                finding,
                Finding(
                    ruleId: "r",
                    area: .enterprise,
                    severity: .low,
                    confidence: .high,
                    message: "m",
                    location: location
                ),
            ],
            strengths: [
                Strength(id: "s", area: .reliability, message: message),
                Strength(id: "t", area: .security, message: "x", location: location),
            ],
            summary: AuditReport.Summary(
                areas: [
                    AuditReport.AreaSummary(
                        area: .security,
                        title: "Security",
                        score: 80,
                        findings: 1,
                        strengths: 1,
                        bySeverity: bySeverity
                    )
                ],
                findings: 2,
                suppressed: 0,
                baselined: 1,
                failOn: .high,
                failed: true
            ),
            diagnostics: [
                Diagnostic(.error, message, at: location, notes: [Diagnostic.Note("n")]), Diagnostic(.warning, "w"),
            ]
        )
    }

    @Test(
        "every message text the writer accepts is written as the encoder writes it",
        arguments: [
            "plain", "quote \" and backslash \\ and slash /", "newline\nand tab\t", "unicode é ü 😀 \u{301}", "",
            "${{ github.event.issue.title }}", "<>&'`",
        ]
    )
    func matchesEncoder(_ message: String) throws {
        let report = Self.report(message: message, bySeverity: ["high": 1, "critical": 2, "low": 3])
        let fast = try #require(AuditReportJSONWriter.render(report))
        #expect(fast == (try JSONOutput.string(report)))
    }

    @Test("every ASCII character: the writer matches the encoder")
    func asciiEscapes() throws {
        var written = 0
        for value in 0..<128 {
            let message = "a" + String(UnicodeScalar(UInt8(value))) + "b"
            let report = Self.report(message: message)
            let fast = try #require(AuditReportJSONWriter.render(report))
            written += 1
            #expect(fast == (try JSONOutput.string(report)), "character \(value)")
        }
        #expect(written == 128)
    }

    @Test("control characters and line separators are written as the encoder writes them; empty objects go to it")
    func controlsAndEmptyObjects() throws {
        for message in ["bell \u{07}", "cr \r", "ls \u{2028} ps \u{2029}", "del \u{7F}", "nul \u{0}"] {
            let report = Self.report(message: message)
            #expect(
                AuditReportJSONWriter.render(report) == (try JSONOutput.string(report)),
                "\(message.debugDescription)"
            )
        }
        #expect(AuditReportJSONWriter.render(Self.report(message: "ok", bySeverity: [:])) == nil)
    }

    @Test(
        "reports with findings around the parallel writer's chunk sizes are written as the encoder writes them",
        arguments: [1, 255, 256, 257, 383, 384, 385, 1000]
    )
    func parallelChunks(count: Int) throws {
        var report = Self.report(message: "quote \" é", bySeverity: ["high": 1, "low": 3])
        let template = report.findings
        report.findings = (0..<count).map { index in
            var finding = template[index % template.count]
            finding.message = "finding \(index)"
            return finding
        }
        let fast = try #require(AuditReportJSONWriter.render(report))
        #expect(fast == (try JSONOutput.string(report)))
        #expect(fast.split(separator: "\n").filter { $0.hasPrefix("      \"message\" : \"finding ") }.count == count)
    }

    @Test(
        "the JSON reporter's UTF-8 is its text's, on the writer's path and on the encoder's (an empty area)",
        arguments: [[:], ["high": 1]] as [[String: Int]]
    )
    func reporterBytesMatchText(bySeverity: [String: Int]) throws {
        for count in [2, 300] {
            var report = Self.report(message: "é \u{07}", bySeverity: bySeverity)
            let template = report.findings
            report.findings = (0..<count).map { template[$0 % template.count] }
            let reporter = ReportFormat.json.reporter
            let bytes = try reporter.renderUTF8(report, options: ReportOptions())
            #expect(bytes == Array(try reporter.render(report, options: ReportOptions()).utf8))
            #expect(bytes == Array(try JSONOutput.string(report).utf8))
        }
    }

    @Test(
        "the corpus report: the writer's bytes are the encoder's",
        .enabled(if: Corpus.isAvailable, "shared corpus not present (../shared/corpus/workflows)")
    )
    func corpusReportMatchesEncoder() async throws {
        let fileSystem = LocalFileSystem()
        let directory = Corpus.workflowsDirectory
        let names = try fileSystem.contentsOfDirectory(at: directory).filter {
            $0.hasSuffix(".yml") || $0.hasSuffix(".yaml")
        }
        let request = AuditRequest(paths: names.map { directory + "/" + $0 }, today: CalendarDate("2026-11-25")!)
        let report = try await AuditEngine(fileSystem: fileSystem).run(request)
        let fast = try #require(AuditReportJSONWriter.render(report))
        #expect(fast == (try JSONOutput.string(report)))
    }
}
