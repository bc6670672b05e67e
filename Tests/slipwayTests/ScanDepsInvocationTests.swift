import ArgumentParser
import Foundation
import SlipwayTestSupport
import Testing

@testable import slipway

/// `slipway scan deps` read without swift-argument-parser: the same values whenever the direct reading accepts a
/// command line, and swift-argument-parser's own handling for everything it declines.
@Suite struct ScanDepsInvocationTests {
    /// What swift-argument-parser makes of `arguments`, or nil when it rejects them or they name another command.
    static func parsed(_ arguments: [String]) -> ScanDepsInvocation? {
        guard let command = try? Slipway.parseAsRoot(arguments) as? Slipway.ScanDeps else { return nil }
        return ScanDepsInvocation(command)
    }

    @Test("plain spellings are read directly, with the values swift-argument-parser gives them")
    func readsPlainSpellings() throws {
        let lines: [[String]] = [
            ["scan", "deps"],
            ["scan", "deps", "services/api", "--db", "osv/all.zip", "--format", "sarif", "-o", "deps.sarif"],
            ["scan", "deps", "--db", "osv", "--fail-on", "critical", "--vex", "x.json", "--vex-format", "openvex"],
            ["scan", "deps", "--db", "osv", "--index", "/cache/idx", "--ledger", "ledger", "--color", "never"],
            ["scan", "deps", "--db", "osv", "--no-index", "--no-ledger", "-f", "json", "--config", "ci.yml"],
            ["scan", "deps", "--online", "--osv-url", "http://127.0.0.1:9/", "--timeout", "5"],
        ]
        for line in lines {
            let direct = try #require(ScanDepsInvocation(commandLine: line), "declined \(line)")
            #expect(direct == Self.parsed(line), "\(line)")
        }
        #expect(ScanDepsInvocation(commandLine: ["scan", "deps", "--ledger", "l"])?.ledgerRecording.ledger == "l")
        #expect(Self.parsed(["scan", "deps", "--ledger", "l", "--no-ledger"]) == nil)
        #expect(Self.parsed(["scan", "deps", "--online", "--db", "osv"]) == nil)
    }

    @Test("contradictions, bad values, help and unusual spellings go to swift-argument-parser")
    func declinesTheRest() {
        let lines: [[String]] = [
            ["scan"], ["scan", "licenses"], ["deps"], ["scan", "deps", "--help"], ["scan", "deps", "a", "b"],
            ["scan", "deps", "--online", "--db", "osv"], ["scan", "deps", "--timeout", "0"],
            ["scan", "deps", "--timeout", "601"], ["scan", "deps", "--timeout", "ten"],
            ["scan", "deps", "--ledger", "l", "--no-ledger"], ["scan", "deps", "--format", "table", "-f", "json"],
            ["scan", "deps", "--format", "html"], ["scan", "deps", "--vex-format", "csaf"],
            ["scan", "deps", "--db=osv"], ["scan", "deps", "--fail-on", "none"],
        ]
        for line in lines {
            #expect(ScanDepsInvocation(commandLine: line) == nil, "\(line)")
        }
    }

    @Test("on 2,000 random command lines, every one read directly parses to the same values")
    func agreesWithTheParser() {
        let generator = RandomCommandLines(
            command: ["scan", "deps"],
            samples: [
                .init(names: ["--db"], values: ["osv", "all.zip", ""]), .init(names: ["--index"], values: ["idx"]),
                .init(names: ["--no-index"]), .init(names: ["--fail-on"], values: ["low", "high", "critical", "x"]),
                .init(names: ["--format", "-f"], values: ["table", "json", "sarif", "xml"]),
                .init(names: ["--output", "-o"], values: ["out.json"]), .init(names: ["--vex"], values: ["v.json"]),
                .init(names: ["--vex-format"], values: ["cyclonedx", "openvex", "csaf"]),
                .init(names: ["--config"], values: ["slipway.yml"]),
                .init(names: ["--color"], values: ["auto", "never", "no"]),
                .init(names: ["--ledger"], values: ["ledger", "postgres://db/x"]), .init(names: ["--no-ledger"]),
                .init(names: ["--online"]), .init(names: ["--osv-url"], values: ["http://127.0.0.1:8080"]),
                .init(names: ["--timeout"], values: ["1", "30", "600", "0", "601", "-5", "x"]),
            ],
            words: ["lockfiles", "api", "--help", "--db=osv", "--", "-fo", "deps", "-"]
        )
        generator.expectAgreement(
            2_000,
            seed: 20_261_208,
            minimumRead: 300,
            direct: ScanDepsInvocation.init(commandLine:),
            parsed: Self.parsed
        )
    }

    @Test("run directly, a scan prints and exits exactly as the parsed command does")
    func sameOutputAsTheCommand() async throws {
        let root = try ScanDepsCommandTests.repository()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let tails: [[String]] = [
            ["--db", root + "/osv"], ["--db", root + "/osv", "--format", "json"],
            ["--db", root + "/osv", "-f", "sarif", "--fail-on", "critical"], ["--db", root + "/osv", "--no-index"],
            ["--db", root + "/absent"], [],
        ]
        for tail in tails {
            let line = ["scan", "deps", root + "/app"] + tail
            try await CommandHarness.expectDirectRunMatchesParsed(line)
        }
    }
}
