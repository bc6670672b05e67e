import Foundation
import SlipwayCore
import SlipwayTestSupport
import Testing

@testable import slipway

/// `slipway scan deps` end to end, in-process, on temporary repositories and databases.
@Suite struct ScanDepsCommandTests {
    static func advisory(_ id: String, package: String, fixed: String, aliases: [String] = []) -> String {
        """
        {"id": "\(id)", "modified": "2024-06-01T00:00:00Z", "summary": "Bug in \(package)",
         "aliases": [\(aliases.map { "\"\($0)\"" }.joined(separator: ","))],
         "affected": [{"package": {"ecosystem": "PyPI", "name": "\(package)"},
                       "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "\(fixed)"}]}]}]}
        """
    }

    /// A repository with a requirements file and an OSV directory beside it.
    static func repository(config: String? = nil) throws -> String {
        var files = [
            "app/requirements.txt": "requests==2.25.0\nflask==2.0.0\nsafe==1.0.0\n",
            "osv/PYSEC-1.json": advisory("PYSEC-1", package: "requests", fixed: "2.31.0", aliases: ["CVE-2023-1"]),
            "osv/GHSA-1.json": advisory("GHSA-1", package: "requests", fixed: "2.31.0", aliases: ["CVE-2023-1"]),
            "osv/PYSEC-2.json": advisory("PYSEC-2", package: "flask", fixed: "2.2.5"),
        ]
        if let config { files["app/slipway.yml"] = config }
        return try AuditCommandTests.temporaryRepository(files)
    }

    @Test("findings fail the gate with exit 1; aliases merge; the index is written next to the database and reused")
    func gate() async throws {
        let root = try Self.repository()
        let first = try await CommandHarness.run(["scan", "deps", root + "/app", "--db", root + "/osv"])
        #expect(first.status == .findings)
        #expect(first.output.contains("Scanned 3 component(s): 2 vulnerabilities (2 high); FAILED"))
        #expect(first.output.contains("GHSA-1"))
        #expect(!first.output.contains("PYSEC-1 "), "PYSEC-1 is an alias of GHSA-1 and merges into it")
        #expect(first.output.contains("requirements.txt:1"))
        #expect(FileManager.default.fileExists(atPath: root + "/osv.slipway-index"))
        let second = try await CommandHarness.run([
            "scan", "deps", root + "/app", "--db", root + "/osv", "--format", "json",
        ])
        #expect(second.status == .findings)
        let json = try JSONSerialization.jsonObject(with: Data(second.output.utf8)) as? [String: Any]
        #expect((json?["findings"] as? [Any])?.count == 2)
        #expect((json?["database"] as? [String: Any])?["advisoryCount"] as? Int == 3)
        #expect(json?["failed"] as? Bool == true)
        let critical = try await CommandHarness.run([
            "scan", "deps", root + "/app", "--db", root + "/osv", "--fail-on", "critical",
        ])
        #expect(critical.status == .success)
    }

    @Test("exceptions from slipway.yml accept findings and go into the VEX; an expired one fails and says so")
    func exceptions() async throws {
        let root = try Self.repository(
            config: """
                scan:
                  deps:
                    database: ../osv
                    exceptions:
                      - id: CVE-2023-1
                        reason: only used against our own API
                        owner: platform@example.com
                        expires: 2027-06-30
                        justification: requires_environment
                      - id: PYSEC-2
                        reason: upgrade scheduled
                        owner: web@example.com
                        expires: 2026-11-01
                """
        )
        let run = try await CommandHarness.run(["scan", "deps", root + "/app", "--vex", root + "/vex.json"])
        #expect(run.status == .findings)
        #expect(run.output.contains("1 accepted by exceptions"))
        #expect(run.output.contains("the exception for PYSEC-2 (owner web@example.com) expired on 2026-11-01"))
        let vex = try String(contentsOfFile: root + "/vex.json", encoding: .utf8)
        #expect(vex.contains("\"state\" : \"not_affected\""))
        #expect(vex.contains("\"justification\" : \"requires_environment\""))
        #expect(vex.contains("GHSA-1"))
        #expect(!vex.contains("PYSEC-2"))
        let openVEX = try await CommandHarness.run(
            ["scan", "deps", root + "/app", "--vex", root + "/vex.openvex.json", "--vex-format", "openvex"]
        )
        #expect(openVEX.status == .findings)
        let document = try String(contentsOfFile: root + "/vex.openvex.json", encoding: .utf8)
        #expect(document.contains("\"status\" : \"not_affected\""))
        #expect(document.contains("vulnerable_code_cannot_be_controlled_by_adversary"))
    }

    @Test("SARIF puts each finding on its lockfile line; GitHub gets annotations, a summary and outputs")
    func sarifAndGitHub() async throws {
        let root = try Self.repository()
        let summary = root + "/summary.md"
        let outputs = root + "/outputs.txt"
        let run = try await CommandHarness.run(
            [
                "scan", "deps", root + "/app", "--db", root + "/osv", "--format", "sarif", "--output",
                root + "/deps.sarif",
            ],
            environment: ["GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary, "GITHUB_OUTPUT": outputs]
        )
        #expect(run.status == .findings)
        let sarif = try String(contentsOfFile: root + "/deps.sarif", encoding: .utf8)
        #expect(sarif.contains("\"ruleId\" : \"GHSA-1\""))
        #expect(sarif.contains("\"uri\" : \"requirements.txt\""))
        #expect(run.output.contains("::error file=requirements.txt,line=1"))
        #expect(try String(contentsOfFile: summary, encoding: .utf8).contains("| high | GHSA-1 |"))
        let outputText = try String(contentsOfFile: outputs, encoding: .utf8)
        #expect(outputText.contains("failed=true"))
        #expect(outputText.contains("high=2"))
    }

    @Test("input errors exit 2 with a located message: no database, a bad slipway.yml, no lockfiles")
    func inputErrors() async throws {
        let root = try Self.repository()
        let noDatabase = try await CommandHarness.run(["scan", "deps", root + "/app"])
        #expect(noDatabase.status == .inputError)
        #expect(noDatabase.errors.contains("pass --db"))
        let missing = try await CommandHarness.run(["scan", "deps", root + "/app", "--db", root + "/nowhere"])
        #expect(missing.status == .inputError)
        #expect(missing.errors.contains("no advisory database here"))
        let badConfig = try Self.repository(config: "scan:\n  deps:\n    fail-on: sometimes\n")
        let bad = try await CommandHarness.run(["scan", "deps", badConfig + "/app", "--db", badConfig + "/osv"])
        #expect(bad.status == .inputError)
        #expect(bad.errors.contains("slipway.yml:3:14"))
        let empty = try await CommandHarness.run(["scan", "deps", root + "/osv", "--db", root + "/osv"])
        #expect(empty.status == .inputError)
        #expect(empty.errors.contains("no lockfiles found"))
    }

    @Test("--online asks the OSV API (a real server on 127.0.0.1 here) and gates the same way")
    func online() async throws {
        let root = try Self.repository()
        let server = try LocalHTTPServer { request in
            if request.path == "/v1/querybatch" {
                let names = ["requests", "flask", "safe"].filter { request.text.contains("\"\($0)\"") }
                let results = names.map { $0 == "requests" ? #"{"vulns": [{"id": "GHSA-1"}]}"# : "{}" }
                return HTTPResponse(
                    status: 200,
                    body: Array(#"{"results": [\#(results.joined(separator: ","))]}"#.utf8)
                )
            }
            let record = Self.advisory("GHSA-1", package: "requests", fixed: "2.31.0")
            return request.path == "/v1/vulns/GHSA-1"
                ? HTTPResponse(status: 200, body: Array(record.utf8)) : HTTPResponse(status: 404)
        }
        defer { server.stop() }
        // A timeout far above any answer time: a loaded machine can delay the local server's answers by minutes.
        let run = try await CommandHarness.run([
            "scan", "deps", root + "/app", "--online", "--osv-url", server.baseURL, "--timeout", "600",
        ])
        #expect(run.status == .findings, "\(run.errors)")
        #expect(run.output.contains("Database: \(server.baseURL) (online, 1 advisories"))
        #expect(run.output.contains("GHSA-1"))
        server.stop()
        let down = try await CommandHarness.run([
            "scan", "deps", root + "/app", "--online", "--osv-url", server.baseURL, "--timeout", "2",
        ])
        #expect(down.status == .inputError)
        #expect(down.errors.contains("OSV API"))
    }
}
