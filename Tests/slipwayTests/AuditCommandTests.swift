import ArgumentParser
import Foundation
import Logging
import SlipwayCore
import SlipwayTestSupport
import Testing

@testable import slipway

/// Runs `slipway audit` in-process against temporary repositories and captures its output.
@Suite struct AuditCommandTests {
    typealias Run = CommandRun

    static func run(
        _ arguments: [String],
        environment: [String: String] = [:],
        in directory: String
    ) async throws -> Run {
        try await CommandHarness.run(arguments, environment: environment)
    }

    static func temporaryRepository(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("slipway-\(UUID().uuidString)").path
        for (path, text) in files {
            let url = URL(fileURLWithPath: root).appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(atPath: root + "/.git", withIntermediateDirectories: true)
        return root
    }

    static let injectable = """
        on: issues
        permissions: {}
        jobs:
          triage:
            runs-on: ubuntu-latest
            timeout-minutes: 5
            steps:
              - run: echo "${{ github.event.issue.title }}"
        """

    @Test("findings at or above --fail-on exit 1, below exit 0")
    func exitStatusFollowsFailOn() async throws {
        let root = try Self.temporaryRepository([".github/workflows/triage.yml": Self.injectable])
        let failing = try await Self.run(["audit", root], in: root)
        #expect(failing.status == slipway.ExitStatus.findings)
        #expect(failing.output.contains(".github/workflows/triage.yml:8:20: critical:"))
        #expect(failing.output.contains("[template-injection]"))
        let quiet = try await Self.run(["audit", root, "--only", "missing-timeout"], in: root)
        #expect(quiet.status == slipway.ExitStatus.success)
    }

    @Test("invalid YAML exits 2 with a located message while other files are still audited")
    func invalidYAMLIsLocated() async throws {
        let root = try Self.temporaryRepository([
            ".github/workflows/broken.yml": "on: push\njobs:\n  a: [unclosed\n",
            ".github/workflows/triage.yml": Self.injectable,
        ])
        let run = try await Self.run(["audit", root, "--format", "json"], in: root)
        #expect(run.status == slipway.ExitStatus.inputError)
        #expect(run.errors.contains(".github/workflows/broken.yml:4:1: error: invalid YAML"))
        #expect(run.output.contains("\"ruleId\" : \"template-injection\""))
    }

    @Test("a run with unreadable inputs does not say it passed, in text and in Markdown")
    func inputErrorsAreNotAPass() async throws {
        let root = try Self.temporaryRepository([
            ".github/workflows/broken.yml": "on: push\njobs:\n  a: [unclosed\n",
            ".github/workflows/clean.yml": "on: push\npermissions: {}\njobs: {}\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let text = try await Self.run(["audit", root, "--fail-on", "critical"], in: root)
        #expect(text.status == slipway.ExitStatus.inputError)
        #expect(text.output.contains("; incomplete: 1 input error(s) above; fix them and run again\n"))
        #expect(!text.output.contains("passed"))
        let markdown = try await Self.run(["audit", root, "--format", "markdown", "--fail-on", "critical"], in: root)
        #expect(markdown.output.contains("**Incomplete**: 1 input problem(s) below; fix them and run again."))
        let both = try Self.temporaryRepository([
            ".github/workflows/broken.yml": "on: push\njobs:\n  a: [unclosed\n",
            ".github/workflows/triage.yml": Self.injectable,
        ])
        defer { try? FileManager.default.removeItem(atPath: both) }
        let failing = try await Self.run(["audit", both], in: both)
        #expect(failing.output.contains("; failed: findings at or above high, and 1 input error(s) above\n"))
    }

    @Test("unknown config keys and rule ids are errors with file:line:column and a suggestion")
    func configurationErrorsAreLocated() async throws {
        let root = try Self.temporaryRepository([
            ".github/workflows/triage.yml": Self.injectable,
            "slipway.yml": "version: 1\naudit:\n  rules:\n    template-injektion: off\n",
        ])
        let run = try await Self.run(["audit", root], in: root)
        #expect(run.status == slipway.ExitStatus.inputError)
        #expect(
            run.errors.contains(
                "slipway.yml:4:5: error: unknown rule id 'template-injektion'; did you mean 'template-injection'?"
            )
        )
        let typo = try Self.temporaryRepository([
            ".github/workflows/triage.yml": Self.injectable,
            "slipway.yml": "version: 1\naudit:\n  fail-onn: low\n",
        ])
        let second = try await Self.run(["audit", typo], in: typo)
        #expect(second.status == slipway.ExitStatus.inputError)
        #expect(
            second.errors.contains("slipway.yml:3:3: error: unknown key 'fail-onn' in audit; did you mean 'fail-on'?")
        )
    }

    @Test("a rule turned off in slipway.yml does not report")
    func configurationTurnsRulesOff() async throws {
        let root = try Self.temporaryRepository([
            ".github/workflows/triage.yml": Self.injectable,
            "slipway.yml": "version: 1\naudit:\n  rules:\n    template-injection: off\n",
        ])
        let run = try await Self.run(["audit", root, "--format", "json"], in: root)
        #expect(!run.output.contains("template-injection"))
    }

    @Test("a baseline accepts today's findings even after lines move")
    func baselineMatchesByContent() async throws {
        let root = try Self.temporaryRepository([".github/workflows/triage.yml": Self.injectable])
        let written = try await Self.run(["audit", root, "--write-baseline", root + "/baseline.json"], in: root)
        #expect(written.status == slipway.ExitStatus.success)
        let moved = "# a new comment line moves everything down\n" + Self.injectable
        try moved.write(toFile: root + "/.github/workflows/triage.yml", atomically: true, encoding: .utf8)
        let run = try await Self.run(
            ["audit", root, "--baseline", root + "/baseline.json", "--format", "json"],
            in: root
        )
        #expect(run.status == slipway.ExitStatus.success)
        #expect(run.output.contains("\"baselined\" : 1"))
    }

    @Test("--fix adds timeout-minutes idempotently and --dry-run prints a diff without writing")
    func fixIsIdempotent() async throws {
        let workflow = """
            on: push
            permissions: {}
            jobs:
              build:
                runs-on: ubuntu-latest  # keep this comment
                steps:
                  - run: make
            """
        let root = try Self.temporaryRepository([".github/workflows/ci.yml": workflow])
        let dryRun = try await Self.run(["audit", root, "--fix", "--dry-run"], in: root)
        #expect(dryRun.output.contains("+    timeout-minutes: 30"))
        let path = root + "/.github/workflows/ci.yml"
        #expect(try String(contentsOfFile: path, encoding: .utf8) == workflow)
        _ = try await Self.run(["audit", root, "--fix"], in: root)
        let fixed = try String(contentsOfFile: path, encoding: .utf8)
        #expect(fixed.contains("    timeout-minutes: 30\n    runs-on: ubuntu-latest  # keep this comment"))
        _ = try await Self.run(["audit", root, "--fix"], in: root)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == fixed)
    }

    @Test("under GitHub Actions, annotations are printed and a summary is appended")
    func gitHubActionsIntegration() async throws {
        let root = try Self.temporaryRepository([".github/workflows/triage.yml": Self.injectable])
        let summary = root + "/summary.md"
        let run = try await Self.run(
            ["audit", root],
            environment: ["GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary],
            in: root
        )
        #expect(
            run.output.contains(
                "::error file=.github/workflows/triage.yml,line=8,col=20,title=template-injection (critical)::"
            )
        )
        #expect(try String(contentsOfFile: summary, encoding: .utf8).contains("# Release pipeline audit"))
    }

    @Test("--list-rules --format json lists every registered rule")
    func listRulesAsJSON() async throws {
        let run = try await Self.run(["audit", "--list-rules", "--format", "json"], in: "/tmp")
        let data = Data(run.output.utf8)
        let rules = try JSONSerialization.jsonObject(with: data) as? [[String: Any]]
        #expect(rules?.count == WorkflowAuditRegistryCount.value)
        #expect(rules?.contains { $0["id"] as? String == "template-injection" } == true)
    }

    @Test("--explain shows the rationale and an unknown id suggests a near match")
    func explainRule() async throws {
        let run = try await Self.run(["audit", "--explain", "template-injection"], in: "/tmp")
        #expect(run.output.contains("# template-injection"))
        let unknown = try await Self.run(["audit", "--explain", "template-injektion"], in: "/tmp")
        #expect(unknown.status == slipway.ExitStatus.inputError)
        #expect(unknown.errors.contains("did you mean 'template-injection'?"))
    }

    @Test("--dry-run without --fix is a usage error")
    func dryRunNeedsFix() throws {
        #expect(throws: (any Error).self) {
            var command = try Slipway.parseAsRoot(["audit", "--dry-run"])
            try command.validate()
        }
    }
}

/// `--fix` over the sample repository: valid YAML afterwards, the fixed findings gone, and a second run a no-op.
@Suite struct FixSampleRepositoryTests {
    @Test("fixing the sample release pipeline is safe and idempotent")
    func fixSample() async throws {
        let sample = Corpus.packageRoot + "/examples/release-pipeline/.github/workflows/"
        let files = [
            ".github/workflows/release.yml": try String(contentsOfFile: sample + "release.yml", encoding: .utf8),
            ".github/workflows/deploy.yml": try String(contentsOfFile: sample + "deploy.yml", encoding: .utf8),
        ]
        let root = try AuditCommandTests.temporaryRepository(files)
        let before = try await AuditCommandTests.run(["audit", root, "--format", "json"], in: root)
        let fixed = try await AuditCommandTests.run(["audit", root, "--fix"], in: root)
        #expect(fixed.errors.contains("applied"))
        let release = try String(contentsOfFile: root + "/.github/workflows/release.yml", encoding: .utf8)
        #expect(release.contains("HEAD_COMMIT_MESSAGE: ${{ github.event.head_commit.message }}"))
        #expect(release.contains("# A typical team release workflow"))
        let after = try await AuditCommandTests.run(["audit", root, "--format", "json"], in: root)
        for rule in ["template-injection", "missing-timeout", "artipacked", "missing-permissions"] {
            #expect(before.output.contains("\"ruleId\" : \"\(rule)\""), "\(rule) should fire before the fix")
            #expect(!after.output.contains("\"ruleId\" : \"\(rule)\""), "\(rule) still fires after the fix")
        }
        let again = try await AuditCommandTests.run(["audit", root, "--fix"], in: root)
        #expect(again.errors.contains("nothing to fix"))
        #expect(try String(contentsOfFile: root + "/.github/workflows/release.yml", encoding: .utf8) == release)
    }
}

@Suite struct EmptyRepositoryTests {
    @Test("a directory without workflows is an input error, not a clean pass")
    func noWorkflows() async throws {
        let root = try AuditCommandTests.temporaryRepository(["README.md": "hello\n"])
        let run = try await AuditCommandTests.run(["audit", root], in: root)
        #expect(run.status == slipway.ExitStatus.inputError)
        #expect(run.output.contains("no workflows found"))
    }
}

/// Inputs named on the command line: each file audited once, and files that share a path told apart.
@Suite struct AuditInputTests {
    @Test("files of two repositories with the same path are both audited and told apart, never dropped")
    func samePathInTwoRepositories() async throws {
        let first = try AuditCommandTests.temporaryRepository([
            ".github/workflows/release.yml": AuditCommandTests.injectable
        ])
        let second = try AuditCommandTests.temporaryRepository([
            ".github/workflows/release.yml": AuditCommandTests.injectable
        ])
        defer {
            try? FileManager.default.removeItem(atPath: first)
            try? FileManager.default.removeItem(atPath: second)
        }
        let files = [first + "/.github/workflows/release.yml", second + "/.github/workflows/release.yml"]
        let run = try await AuditCommandTests.run(["audit", "--format", "json"] + files, in: first)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let findings = try #require(report["findings"] as? [[String: Any]])
        let paths = Set(findings.compactMap { ($0["location"] as? [String: Any])?["path"] as? String })
        #expect(paths == Set(files))
        // The same file named twice is still audited once.
        let twice = try await AuditCommandTests.run(["audit", "--format", "json", files[0], files[0]], in: first)
        let again = try #require(try JSONSerialization.jsonObject(with: Data(twice.output.utf8)) as? [String: Any])
        let single = try #require(again["findings"] as? [[String: Any]])
        #expect(single.count * 2 == findings.count)
        #expect(
            single.allSatisfy {
                (($0["location"] as? [String: Any])?["path"] as? String) == ".github/workflows/release.yml"
            }
        )
    }
}
