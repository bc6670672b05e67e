import Foundation
import SlipwayCore
import SupplyChain
import Testing

@Suite struct LicenseScannerTests {
    static let composerLock = """
        {
          "packages": [
            { "name": "acme/free", "version": "1.0.0", "license": ["MIT"] },
            { "name": "acme/copyleft", "version": "2.0.0", "license": ["GPL-3.0-only"] },
            { "name": "acme/mystery", "version": "0.1.0" },
            { "name": "acme/broken", "version": "0.2.0", "license": ["MIT AND"] }
          ]
        }
        """

    static let packageLock = """
        {
          "name": "web",
          "version": "1.0.0",
          "lockfileVersion": 3,
          "packages": {
            "": {"name": "web", "version": "1.0.0", "dependencies": {"ms": "^2.1.3"}},
            "node_modules/ms": {"version": "2.1.3"}
          }
        }
        """

    static func files() -> [String: String] {
        [
            "proj/composer.lock": composerLock,
            "proj/tools/composer.lock":
                #"{"packages": [{"name": "acme/free", "version": "1.0.0", "license": ["MIT"]}]}"#,
            "proj/web/package-lock.json": packageLock,
            "proj/web/node_modules/ms/package.json": #"{"name": "ms", "version": "2.1.3", "license": "(MIT)"}"#,
            "proj/web/node_modules/left-pad/package.json":
                #"{"name": "left-pad", "version": "1.3.0", "license": "WTFPL"}"#,
            "proj/web/node_modules/isc-thing/package.json":
                #"{"name": "isc-thing", "version": "1.0.0", "license": "ISC License"}"#,
        ]
    }

    static let policy = LicensePolicy(
        allow: [.term(.id("MIT")), .term(.id("ISC"))],
        deny: [.term(.id("GPL-3.0-only"))],
        unknown: .warn,
        severity: .high,
        exceptions: [
            LicensePolicy.Exception(
                package: "pkg:npm/left-pad",
                license: .term(.id("WTFPL")),
                reason: "reviewed by legal",
                owner: "web-team",
                expires: CalendarDate("2026-06-30") ?? CalendarDate(secondsSince1970: 0),
                location: SourceLocation(path: "slipway.yml", line: 10, column: 9)
            ),
            LicensePolicy.Exception(
                package: "acme/mystery",
                reason: "internal package",
                owner: "php-team",
                expires: CalendarDate("2026-01-31") ?? CalendarDate(secondsSince1970: 0),
                location: SourceLocation(path: "slipway.yml", line: 15, column: 9)
            ),
        ]
    )

    static func scan(today: String = "2026-03-01", failOn: Severity = .high) throws -> LicenseReport {
        let fileSystem = InMemoryFileSystem(files: files())
        return try LicenseScanner(fileSystem: fileSystem).scan(
            LicenseScanRequest(
                path: "proj",
                policy: policy,
                today: CalendarDate(today) ?? CalendarDate(secondsSince1970: 0),
                failOn: failOn
            )
        )
    }

    @Test("lockfile and installed packages are merged, resolved and judged; exceptions apply until they expire")
    func scansProject() throws {
        let report = try Self.scan()
        let statuses = Dictionary(uniqueKeysWithValues: report.packages.map { ($0.purl, $0.status) })
        #expect(
            statuses == [
                "pkg:composer/acme/broken@0.2.0": .invalid,
                "pkg:composer/acme/copyleft@2.0.0": .denied,
                "pkg:composer/acme/free@1.0.0": .allowed,
                "pkg:composer/acme/mystery@0.1.0": .unknown,
                "pkg:npm/isc-thing@1.0.0": .allowed,
                "pkg:npm/left-pad@1.3.0": .excepted,
                "pkg:npm/ms@2.1.3": .allowed,
            ]
        )
        let ms = try #require(report.packages.first { $0.name == "ms" })
        #expect(ms.source == .both)
        #expect(ms.expression == "MIT")
        #expect(ms.location?.path == "web/package-lock.json")
        #expect(ms.metadata?.path == "web/node_modules/ms/package.json")
        let isc = try #require(report.packages.first { $0.name == "isc-thing" })
        #expect(isc.source == .installed)
        #expect(isc.normalized && isc.expression == "ISC" && isc.declared == "ISC License")
        let free = try #require(report.packages.first { $0.name == "acme/free" })
        #expect(free.otherLocations.map(\.path) == ["tools/composer.lock"])
        #expect(report.packages.first { $0.name == "left-pad" }?.reason?.contains("owner web-team") == true)

    }

    @Test("findings are sorted by location and rule and carry the package, expression and notes")
    func findings() throws {
        let report = try Self.scan()
        #expect(
            report.findings.map { "\($0.location?.description ?? "-") \($0.ruleId)" } == [
                "composer.lock:4:5 license-denied",
                "composer.lock:5:5 license-unknown",
                "composer.lock:6:5 license-expression-invalid",
                "slipway.yml:15:9 license-exception-expired",
            ]
        )
        let denied = try #require(report.findings.first)
        #expect(denied.package == "pkg:composer/acme/copyleft@2.0.0")
        #expect(denied.expression == "GPL-3.0-only")
        #expect(denied.message.contains("denied license (GPL-3.0-only)"))
        let unknown = report.findings[1]
        #expect(unknown.severity == .medium)
        #expect(
            unknown.notes == [
                Diagnostic.Note(
                    "the expired exception",
                    location: SourceLocation(path: "slipway.yml", line: 15, column: 9)
                )
            ]
        )
        let invalid = report.findings[2]
        #expect(invalid.expression == "MIT AND")
        #expect(invalid.message.contains("column 8: the expression ends too early"))
        let expired = report.findings[3]
        #expect(expired.severity == .high)
        #expect(expired.message.contains("expired on 2026-01-31 (owner php-team: internal package)"))
        #expect(report.summary.expiredExceptions == 1)
        #expect(report.summary.failed)
        #expect(report.summary.statuses["excepted"] == 1)
        #expect(report.summary.severities == ["info": 0, "low": 0, "medium": 2, "high": 2, "critical": 0])
    }

    @Test("before expiry the exception hides the finding; an exception's license must match the expression")
    func exceptionsBeforeExpiry() throws {
        let report = try Self.scan(today: "2026-01-31")
        #expect(!report.findings.contains { $0.ruleId == LicenseRule.exceptionExpired.id })
        #expect(report.packages.first { $0.name == "acme/mystery" }?.status == .excepted)
        // On the day after left-pad's exception expires it is reported along with the license it covered.
        let later = try Self.scan(today: "2026-07-01")
        #expect(later.packages.first { $0.name == "left-pad" }?.status == .notAllowed)
        #expect(later.findings.filter { $0.ruleId == LicenseRule.exceptionExpired.id }.count == 2)
    }

    @Test("without findings at or above --fail-on and without expired exceptions the run passes")
    func failThreshold() throws {
        var files = Self.files()
        files["proj/composer.lock"] = #"{"packages": [{"name": "a/b", "version": "1.0.0"}]}"#
        let report = try LicenseScanner(fileSystem: InMemoryFileSystem(files: files)).scan(
            LicenseScanRequest(path: "proj", policy: LicensePolicy(), today: CalendarDate(secondsSince1970: 0))
        )
        #expect(report.findings.map(\.ruleId) == ["license-unknown"])
        #expect(!report.summary.failed)
        let strict = try LicenseScanner(fileSystem: InMemoryFileSystem(files: files)).scan(
            LicenseScanRequest(
                path: "proj",
                policy: LicensePolicy(),
                today: CalendarDate(secondsSince1970: 0),
                failOn: .medium
            )
        )
        #expect(strict.summary.failed)
    }

    @Test("a missing path or metadata directory is an error naming it")
    func missingPaths() {
        let scanner = LicenseScanner(fileSystem: InMemoryFileSystem(files: Self.files()))
        let today = CalendarDate(secondsSince1970: 0)
        #expect(throws: FileSystemError.notFound(path: "nowhere")) {
            try scanner.scan(LicenseScanRequest(path: "nowhere", today: today))
        }
        #expect(throws: FileSystemError.notFound(path: "site-packages")) {
            try scanner.scan(LicenseScanRequest(path: "proj", metadataDirectories: ["site-packages"], today: today))
        }
    }

    @Test("renderers: a table, sorted-key JSON of the documented shape, SARIF with every rule, annotations, Markdown")
    func renderers() throws {
        let report = try Self.scan()
        let table = LicenseReportRenderer.table(report)
        #expect(table.hasPrefix("PACKAGE"))
        #expect(table.contains("isc-thing"))
        #expect(table.contains("ISC (from \"ISC License\")"))
        #expect(table.contains("composer.lock:4:5: high: acme/copyleft@2.0.0 is licensed under GPL-3.0-only"))
        #expect(table.hasSuffix("; 1 expired exception(s) fail the run\n"))

        let json = try LicenseReportRenderer.json(report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(
            object.keys.sorted() == ["diagnostics", "findings", "lockfiles", "packages", "schemaVersion", "summary"]
        )
        let first = try #require((object["packages"] as? [[String: Any]])?.first)
        #expect(
            first.keys.sorted() == [
                "declared", "ecosystem", "expression", "location", "metadata", "name", "normalized", "otherLocations",
                "purl", "reason", "source", "status", "version",
            ]
        )
        #expect(json == (try LicenseReportRenderer.json(try Self.scan())))

        let sarif = try LicenseReportRenderer.sarif(report, policy: Self.policy, toolVersion: "9.9.9")
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.compactMap { $0["id"] as? String } == LicenseRule.allCases.map(\.id).sorted())
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 4)
        #expect(results.first?["ruleId"] as? String == "license-denied")

        let annotations = LicenseReportRenderer.annotations(report)
        #expect(
            annotations.contains(
                "::error file=composer.lock,line=4,col=5,title=license-denied%3A pkg%3Acomposer/acme/copyleft@2.0.0::"
            )
        )
        #expect(annotations.contains("::warning file=composer.lock,line=5,col=5"))
        let markdown = LicenseReportRenderer.markdown(report)
        #expect(
            markdown.contains(
                "| high | `license-denied` | `pkg:composer/acme/copyleft@2.0.0` | `GPL-3.0-only` | `composer.lock:4:5` |"
            )
        )
    }

    @Test("the rule ids are stable and kebab-case")
    func ruleIds() {
        #expect(
            LicenseRule.allCases.map(\.id) == [
                "license-denied", "license-not-allowed", "license-unknown", "license-exception-expired",
                "license-expression-invalid",
            ]
        )
        for rule in LicenseRule.allCases {
            #expect(rule.id.allSatisfy { $0.isLowercase || $0 == "-" })
            #expect(!rule.summary.isEmpty && !rule.help.isEmpty)
        }
    }
}
