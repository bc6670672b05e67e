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
        // Options with the values to draw from (valid ones mostly, some that swift-argument-parser rejects); nil:
        // a flag. Half the lines are built from whole options, half from loose words, so both sides are exercised.
        let options: [(names: [String], values: [String]?)] = [
            (["--next"], nil), (["--path"], ["repo", "sub dir", ""]), (["--config"], ["slipway.yml"]),
            (["--tag-prefix", "-t"], ["pkg@", "", "v"]),
            (["--strategy"], ["commitizen", "semantic-release", "standard-version", "semver"]),
            (["--first-parent"], nil), (["--format"], ["json", "text", "JSON"]),
            (["--release-as", "-r"], ["minor", "major", "1.2.3", "1.2", "v2.0.0"]),
            (["--prerelease", "-p"], ["alpha", "rc", "", "--"]), (["--first-release", "-f"], nil),
            (["--skip-tag", "--no-tag"], nil), (["--dry-run"], nil), (["--skip-bump"], nil),
            (["--changelog"], ["CHANGES.md"]), (["--ledger"], ["ledger"]), (["--color"], ["never"]),
        ]
        let words = [
            "--next", "--help", "-h", "--format=json", "--", "-pf", "--no-ledger", "-s", "version", "stray",
            "--release-notes", "notes.md", "-t", "--strategy",
        ]
        var random = SeededRandom(seed: 20_261_206)
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        var accepted = 0
        for round in 0..<2_000 {
            var items: [[String]] = []
            if round.isMultiple(of: 2) {
                items.append(["--next"])
                for _ in 0..<Int(random.next() % 5) {
                    let option = pick(options)
                    let name = pick(option.names)
                    // A prerelease identifier is optional: sometimes the flag comes alone.
                    if let values = option.values, !(option.names[0] == "--prerelease" && random.next() % 3 == 0) {
                        items.append([name, pick(values)])
                    } else {
                        items.append([name])
                    }
                }
                if random.next() % 8 == 0 { items.append([pick(words)]) }
                items.shuffle(using: &random)
            } else {
                items = (0..<Int(random.next() % 8)).map { _ in [pick(words + options.flatMap(\.names))] }
            }
            let line = ["version"] + items.flatMap { $0 }
            guard let direct = VersionNextQuery(commandLine: line) else { continue }
            accepted += 1
            let parsed = Self.parsed(line)
            #expect(parsed != nil, "read directly, but swift-argument-parser rejects \(line)")
            if let parsed { #expect(direct == parsed, "\(line)") }
        }
        // The comparison means something only if a fair share of the lines were read directly.
        #expect(accepted > 300, "only \(accepted) command lines read directly")
    }

    @Test("run directly, --next prints exactly what the parsed command prints", .tags(.process))
    func sameOutputAsTheCommand() async throws {
        let root = try await VersionCommandTests.releasedRepository()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let environment = VersionCommandTests.gitEnvironment
        for tail in [[], ["--format", "json"], ["--prerelease", "rc", "--no-tag", "--format", "json"], ["-t", "x"]] {
            let line = ["version", "--path", root, "--next"] + tail
            let direct = try #require(await CommandHarness.runDirectly(line, environment: environment), "\(line)")
            let parsed = try await CommandHarness.run(line, environment: environment)
            #expect(direct.status == parsed.status, "\(line)")
            #expect(direct.output == parsed.output, "\(line)")
            #expect(direct.errors == parsed.errors, "\(line)")
            #expect(!direct.output.isEmpty || !direct.errors.isEmpty, "\(line)")
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
