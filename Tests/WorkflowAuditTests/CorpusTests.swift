import SlipwayCore
import SlipwayTestSupport
import Testing

@testable import WorkflowAudit

/// Audits the real workflow corpus from `../shared/corpus/workflows` (read-only).
@Suite(.enabled(if: Corpus.isAvailable, "shared corpus not present (../shared/corpus/workflows)"))
struct CorpusTests {
    @Test("every corpus workflow audits without crashing; only the invalid-YAML one is an input error")
    func corpusAuditsCleanly() async throws {
        let fileSystem = LocalFileSystem()
        let directory = Corpus.workflowsDirectory
        let names = try fileSystem.contentsOfDirectory(at: directory).filter {
            $0.hasSuffix(".yml") || $0.hasSuffix(".yaml")
        }
        #expect(names.count >= 160)
        let request = AuditRequest(
            paths: names.map { directory + "/" + $0 },
            today: CalendarDate("2026-11-25")!
        )
        let report = try await AuditEngine(fileSystem: fileSystem).run(request)
        let errors = report.diagnostics.filter { $0.level == .error }
        #expect(errors.count == 1, "\(errors)")
        let broken = try #require(errors.first)
        #expect(
            broken.location?.path.hasSuffix("terraform-aws-modules__terraform-aws-eks__.github__workflows__release.yml")
                == true
        )
        #expect(broken.location?.line == 12)
        #expect(broken.message.contains("invalid YAML"))
        #expect(report.files.filter(\.parsed).count == names.count - 1)
        #expect(!report.findings.isEmpty)
        for finding in report.findings {
            #expect(finding.location.line >= 1 && finding.location.column >= 1)
            #expect(!finding.fingerprint.isEmpty)
        }
    }

    @Test("two runs over shuffled inputs give byte-identical JSON")
    func outputIsDeterministic() async throws {
        let fileSystem = LocalFileSystem()
        let directory = Corpus.workflowsDirectory
        let names = try fileSystem.contentsOfDirectory(at: directory).filter { $0.hasSuffix(".yml") }.prefix(40)
        func render(_ order: [String]) async throws -> String {
            let request = AuditRequest(paths: order.map { directory + "/" + $0 }, today: CalendarDate("2026-11-25")!)
            let report = try await AuditEngine(fileSystem: fileSystem).run(request)
            return try ReportFormat.json.reporter.render(report, options: ReportOptions())
        }
        let first = try await render(Array(names))
        let second = try await render(Array(names).reversed())
        #expect(first == second)
    }
}
