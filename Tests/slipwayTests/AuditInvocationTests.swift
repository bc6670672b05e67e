import ArgumentParser
import Foundation
import SlipwayTestSupport
import Testing
import WorkflowAudit

@testable import slipway

/// `slipway audit` read without swift-argument-parser: the same values whenever the direct reading accepts a command
/// line, and swift-argument-parser's own handling for everything it declines.
@Suite struct AuditInvocationTests {
    /// What swift-argument-parser makes of `arguments`, or nil when it rejects them or they name another command.
    static func parsed(_ arguments: [String]) -> AuditInvocation? {
        guard let command = try? Slipway.parseAsRoot(arguments) as? Slipway.Audit else { return nil }
        return AuditInvocation(command)
    }

    @Test("a report's plain spellings are read directly, with the values swift-argument-parser gives them")
    func readsPlainSpellings() throws {
        let lines: [[String]] = [
            ["audit"],
            ["audit", "."],
            ["audit", "a.yml", "b.yml", "--format", "json"],
            ["audit", "--format", "sarif", "--output", "audit.sarif", "repo", "--fail-on", "critical"],
            ["audit", "-f", "markdown", "-o", "", "--only", "unpinned-uses", "--only", "missing-timeout", "x"],
            [
                "audit", "--config", "ci/slipway.yml", "--color", "never", "--baseline", "base.json", "--format",
                "github",
            ],
        ]
        for line in lines {
            let direct = try #require(AuditInvocation(commandLine: line), "declined \(line)")
            #expect(direct == Self.parsed(line), "\(line)")
        }
        let invocation = try #require(
            AuditInvocation(commandLine: ["audit", "w/a.yml", "--only", "r1", "w/b.yml", "--only", "r2"])
        )
        #expect(invocation.paths == ["w/a.yml", "w/b.yml"])
        #expect(invocation.only == ["r1", "r2"])
    }

    @Test("fixes, listings, explanations, baselines written, help and unusual spellings go to swift-argument-parser")
    func declinesTheRest() {
        let lines: [[String]] = [
            [], ["version"], ["audit", "--fix"], ["audit", "--fix", "--dry-run"], ["audit", "--list-rules"],
            ["audit", "--explain", "template-injection"], ["audit", "--write-baseline", "b.json"],
            ["audit", "--pin-map", "pins.txt", "--fix"], ["audit", "--help"], ["audit", "-h"],
            ["audit", "--format=json"], ["audit", "--format", "yaml"], ["audit", "--fail-on", "severe"],
            ["audit", "--color", "sometimes"], ["audit", "--format", "json", "-f", "text"], ["audit", "--output"],
            ["audit", "--", "-odd.yml"], ["audit", "-"], ["audit", "--ledger", "x"], ["scan", "audit"],
        ]
        for line in lines {
            #expect(AuditInvocation(commandLine: line) == nil, "\(line)")
        }
    }

    @Test("on 2,000 random command lines, every one read directly parses to the same values")
    func agreesWithTheParser() {
        let generator = RandomCommandLines(
            command: ["audit"],
            samples: [
                .init(names: ["--config"], values: ["slipway.yml", ""]),
                .init(names: ["--color"], values: ["auto", "always", "never", "yes"]),
                .init(
                    names: ["--format", "-f"],
                    values: ["text", "json", "sarif", "markdown", "github", "html", "--"]
                ),
                .init(names: ["--output", "-o"], values: ["out.sarif", ""]),
                .init(names: ["--fail-on"], values: ["info", "low", "medium", "high", "critical", "none"]),
                .init(names: ["--only"], values: ["unpinned-uses", "no-such-rule", ""]),
                .init(names: ["--baseline"], values: ["base.json"]), .init(names: ["--fix"]),
                .init(names: ["--dry-run"]), .init(names: ["--list-rules"]),
                .init(names: ["--explain"], values: ["template-injection"]),
                .init(names: ["--write-baseline"], values: ["b.json"]),
                .init(names: ["--pin-map"], values: ["pins.txt"]),
            ],
            words: ["repo", "a.yml", "sub dir/b.yaml", "", "--help", "-h", "--format=json", "--", "-fo", "audit", "-"]
        )
        generator.expectAgreement(
            2_000,
            seed: 20_261_207,
            minimumRead: 300,
            direct: AuditInvocation.init(commandLine:),
            parsed: Self.parsed
        )
    }

    @Test("run directly, a report is exactly what the parsed command prints, in every format")
    func sameOutputAsTheCommand() async throws {
        let examples = Corpus.packageRoot + "/examples/release-pipeline"
        let workflows = examples + "/.github/workflows/"
        let tails: [[String]] = [
            [examples], [examples, "--format", "json"],
            [workflows + "release.yml", workflows + "deploy.yml", "-f", "sarif"],
            [examples, "--format", "markdown", "--fail-on", "critical"], [examples, "--only", "unpinned-uses"],
            [examples, "--format", "github", "--color", "always"], [examples + "/absent.yml"],
        ]
        for tail in tails {
            let line = ["audit"] + tail
            try await CommandHarness.expectDirectRunMatchesParsed(line)
        }
    }
}
