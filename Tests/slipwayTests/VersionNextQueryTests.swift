import ArgumentParser
import Foundation
import SlipwayTestSupport
import Testing
import Versioning

@testable import slipway

/// `slipway version --next` read without swift-argument-parser: the same values whenever the direct reading accepts a
/// command line, and swift-argument-parser's own handling for everything it declines.
@Suite struct VersionNextQueryTests {
    /// What swift-argument-parser makes of `arguments`: the query of a `version --next` command, or nil when it
    /// rejects them or they name another command or no `--next`.
    static func parsed(_ arguments: [String]) -> VersionNextQuery? {
        guard let command = try? Slipway.parseAsRoot(arguments) as? Slipway.Version, command.nextOnly else {
            return nil
        }
        return VersionNextQuery(command)
    }

    @Test("plain spellings are read directly, with the values swift-argument-parser gives them")
    func readsPlainSpellings() throws {
        let lines: [[String]] = [
            ["version", "--next"],
            ["version", "--next", "--format", "json"],
            ["version", "--path", "repo", "--next", "--tag-prefix", "pkg@", "--strategy", "commitizen"],
            ["version", "--next", "-t", "", "--first-parent", "--config", "ci/slipway.yml"],
            ["version", "--next", "--prerelease", "alpha", "--release-as", "minor"],
            ["version", "rc", "--next", "--prerelease"],
            ["version", "-p", "--next", "-r", "2.0.0-rc.1", "-f", "--no-tag", "--dry-run"],
            ["version", "--next", "--skip-tag", "--strategy", "semantic-release", "--format", "text"],
        ]
        for line in lines {
            let direct = try #require(VersionNextQuery(commandLine: line), "declined \(line)")
            #expect(direct == Self.parsed(line), "\(line)")
        }
        let query = try #require(
            VersionNextQuery(commandLine: ["version", "--next", "-p", "beta", "-t", "pkg@", "--path", "a b"])
        )
        #expect(query.prerelease == "beta")
        #expect(query.tagPrefix == "pkg@")
        #expect(query.path == "a b")
        #expect(VersionNextQuery(commandLine: ["version", "--next", "--prerelease"])?.prerelease == "")
        #expect(VersionNextQuery(commandLine: ["version", "--next"])?.prerelease == nil)
    }

    @Test("help, other commands, other spellings, bad values and repeats are left to swift-argument-parser")
    func declinesTheRest() {
        let lines: [[String]] = [
            [], ["version"], ["version", "--dry-run"], ["audit", "--next"], ["version", "--next", "--help"],
            ["version", "--next", "-h"], ["--version"], ["version", "--next", "--format=json"],
            ["version", "--next", "--format", "yaml"], ["version", "--next", "--strategy", "semver"],
            ["version", "--next", "--release-as", "sideways"], ["version", "--next", "--tag-prefix"],
            ["version", "--next", "--path", "--format"], ["version", "--next", "--next"],
            ["version", "--next", "-t", "a", "--tag-prefix", "b"], ["version", "--next", "--skip-tag", "--no-tag"],
            ["version", "--next", "stray"], ["version", "--next", "--", "x"], ["version", "--next", "-pf"],
            ["version", "--next", "--release-notes", "notes.md"], ["version", "--next", "--ledger", "ledger"],
            ["version", "--next", "--color", "never"], ["version", "--next", "--sign"],
        ]
        for line in lines {
            #expect(VersionNextQuery(commandLine: line) == nil, "\(line)")
        }
    }

    @Test("on 2,000 random command lines, every one read directly parses to the same values")
    func agreesWithTheParser() throws {
        let generator = RandomCommandLines(
            command: ["version"],
            samples: [
                .init(names: ["--next"]), .init(names: ["--path"], values: ["repo", "sub dir", ""]),
                .init(names: ["--config"], values: ["slipway.yml"]),
                .init(names: ["--tag-prefix", "-t"], values: ["pkg@", "", "v"]),
                .init(names: ["--strategy"], values: ["commitizen", "semantic-release", "standard-version", "semver"]),
                .init(names: ["--first-parent"]), .init(names: ["--format"], values: ["json", "text", "JSON"]),
                .init(names: ["--release-as", "-r"], values: ["minor", "major", "1.2.3", "1.2", "v2.0.0"]),
                .init(names: ["--prerelease", "-p"], values: ["alpha", "rc", "", "--", nil, nil]),
                .init(names: ["--first-release", "-f"]), .init(names: ["--skip-tag", "--no-tag"]),
                .init(names: ["--dry-run"]), .init(names: ["--skip-bump"]),
                .init(names: ["--changelog"], values: ["CHANGES.md"]), .init(names: ["--ledger"], values: ["ledger"]),
                .init(names: ["--color"], values: ["never"]),
            ],
            words: [
                "--next", "--help", "-h", "--format=json", "--", "-pf", "--no-ledger", "-s", "version", "stray",
                "alpha",
                "--release-notes", "notes.md", "-t", "--strategy",
            ],
            required: ["--next"]
        )
        generator.expectAgreement(
            2_000,
            seed: 20_261_206,
            minimumRead: 300,
            direct: VersionNextQuery.init(commandLine:),
            parsed: Self.parsed
        )
    }

    @Test("run directly, --next prints exactly what the parsed command prints", .tags(.process))
    func sameOutputAsTheCommand() async throws {
        let root = try await VersionCommandTests.releasedRepository()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let environment = VersionCommandTests.gitEnvironment
        for tail in [[], ["--format", "json"], ["--prerelease", "rc", "--no-tag", "--format", "json"], ["-t", "x"]] {
            let line = ["version", "--path", root, "--next"] + tail
            try await CommandHarness.expectDirectRunMatchesParsed(line, environment: environment)
        }
        let missing = try #require(
            await CommandHarness.runDirectly(
                ["version", "--path", root + "/absent", "--next"],
                environment: environment
            )
        )
        #expect(missing.status == slipway.ExitStatus.inputError)
        #expect(missing.errors.contains("absent"))
    }
}
