import ArgumentParser
import Foundation
import Logging
import SlipwayCore
import SlipwayTestSupport
import Testing

@testable import slipway

/// `slipway version` and `slipway commits lint` end to end, in-process, against real temporary git repositories.
@Suite(.tags(.process)) struct VersionCommandTests {
    static let gitEnvironment = [
        "PATH": "/usr/local/bin:/usr/bin:/bin", "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com", "GIT_CONFIG_NOSYSTEM": "1",
    ]

    typealias Run = CommandRun

    static func run(_ arguments: [String], environment: [String: String] = [:]) async throws -> Run {
        var env = gitEnvironment
        for (key, value) in environment { env[key] = value }
        return try await CommandHarness.run(arguments, environment: env)
    }

    static func git(_ arguments: [String], in root: String) async throws -> String {
        try await TestProcess.run(["git"] + arguments, in: root)
    }

    /// A repository at v1.0.0 (package.json) followed by a feature, a fix and a chore.
    static func releasedRepository() async throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("slipway-version-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        _ = try await git(["init", "--quiet", "--initial-branch=main"], in: root)
        try "{\n\t\"name\": \"demo\",\n\t\"version\": \"1.0.0\"\n}\n".write(
            toFile: root + "/package.json",
            atomically: true,
            encoding: .utf8
        )
        _ = try await git(["add", "package.json"], in: root)
        _ = try await git(["commit", "--quiet", "--message", "chore: init"], in: root)
        _ = try await git(["tag", "v1.0.0"], in: root)
        for message in [
            "feat(api): add widgets\n\nCloses #12. Tracked in PLAT-7.", "fix: handle empty body", "chore: tidy",
        ] {
            _ = try await git(["commit", "--quiet", "--allow-empty", "--message", message], in: root)
        }
        _ = try await git(["remote", "add", "origin", "https://github.com/acme/demo.git"], in: root)
        return root
    }

    @Test("--dry-run prints the plan and the changelog section and changes nothing")
    func dryRun() async throws {
        let root = try await Self.releasedRepository()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let run = try await Self.run(["version", "--path", root, "--dry-run"])
        #expect(run.status == slipway.ExitStatus.success)
        #expect(run.output.contains("Would release 1.1.0 (minor) after v1.0.0"))
        #expect(
            run.output.contains("* **api:** add widgets ([")
                && run.output.contains("closes [#12](https://github.com/acme/demo/issues/12)")
        )
        #expect(try String(contentsOfFile: root + "/package.json", encoding: .utf8).contains("\"version\": \"1.0.0\""))
        #expect(!FileManager.default.fileExists(atPath: root + "/CHANGELOG.md"))
        #expect(try await Self.git(["tag", "--list"], in: root) == "v1.0.0\n")
    }

    @Test("--next prints only the next version (JSON: the plan's fields), the reason for no release on stderr")
    func nextOnly() async throws {
        let root = try await Self.releasedRepository()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let run = try await Self.run(["version", "--path", root, "--next"])
        #expect(run.status == slipway.ExitStatus.success)
        #expect(run.output == "1.1.0\n")
        let json = try await Self.run(["version", "--path", root, "--next", "--format", "json"])
        let plan = try await Self.run(["version", "--path", root, "--dry-run", "--format", "json"])
        let next = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let full = try #require(try JSONSerialization.jsonObject(with: Data(plan.output.utf8)) as? [String: Any])
        for key in ["nextVersion", "previousTag", "previousVersion", "releaseType", "summary", "tag"] {
            #expect("\(next[key] ?? "absent")" == "\(full[key] ?? "absent")", "\(key)")
        }
        #expect(next["tag"] as? String == "v1.1.0")
        #expect(
            Set(next.keys) == [
                "nextVersion", "previousTag", "previousVersion", "releaseType", "summary", "tag", "warnings",
            ]
        )
        let prefixed = try await Self.run([
            "version", "--path", root, "--next", "--release-as", "3.0.0", "--prerelease", "rc",
        ])
        #expect(prefixed.output == "3.0.0-rc.0\n")
        #expect(!FileManager.default.fileExists(atPath: root + "/CHANGELOG.md"))
        #expect(try await Self.git(["tag", "--list"], in: root) == "v1.0.0\n")
        #expect(try await Self.git(["status", "--porcelain"], in: root) == "")

        _ = try await Self.git(["tag", "v1.1.0"], in: root)
        _ = try await Self.git(["commit", "--quiet", "--allow-empty", "--message", "chore: tidy"], in: root)
        let none = try await Self.run(["version", "--path", root, "--next", "--strategy", "semantic-release"])
        let noneFull = try await Self.run(["version", "--path", root, "--dry-run", "--strategy", "semantic-release"])
        #expect(none.status == noneFull.status)
        #expect(none.output.isEmpty)
        #expect(none.errors.hasSuffix(noneFull.output))
        #expect(noneFull.output.hasPrefix("No release: "))
        await #expect(throws: (any Error).self) {
            try await Self.run(["version", "--path", root, "--next", "--release-notes", root + "/notes.md"])
        }
        #expect(!FileManager.default.fileExists(atPath: root + "/notes.md"))
    }

    @Test("a release updates package.json in place, writes CHANGELOG.md, commits, tags and sets GitHub outputs")
    func release() async throws {
        let root = try await Self.releasedRepository()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let outputs = root + "/github-output"
        let run = try await Self.run(
            ["version", "--path", root, "--release-notes", root + "/notes.md"],
            environment: ["GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": outputs]
        )
        #expect(run.status == slipway.ExitStatus.success, "\(run.errors)")
        #expect(
            try String(contentsOfFile: root + "/package.json", encoding: .utf8)
                == "{\n\t\"name\": \"demo\",\n\t\"version\": \"1.1.0\"\n}\n"
        )
        let changelog = try String(contentsOfFile: root + "/CHANGELOG.md", encoding: .utf8)
        #expect(changelog.hasPrefix("# Changelog\n"))
        #expect(changelog.contains("## [1.1.0](https://github.com/acme/demo/compare/v1.0.0...v1.1.0) (2026-11-18)"))
        #expect(try await Self.git(["log", "-1", "--format=%s"], in: root) == "chore(release): 1.1.0\n")
        #expect(try await Self.git(["tag", "--list"], in: root) == "v1.0.0\nv1.1.0\n")
        #expect(
            try await Self.git(["status", "--porcelain"], in: root).split(separator: "\n").allSatisfy {
                $0.contains("notes.md") || $0.contains("github-output")
            }
        )
        let github = try String(contentsOfFile: outputs, encoding: .utf8)
        #expect(
            github.contains("version=1.1.0\n") && github.contains("tag=v1.1.0\n") && github.contains("released=true\n")
        )
        #expect(try String(contentsOfFile: root + "/notes.md", encoding: .utf8).contains("### Features"))
    }

    @Test("--format json carries versions, type, tag, per-commit reasons and issue keys")
    func json() async throws {
        let root = try await Self.releasedRepository()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "{\"issueKeys\": [\"PLAT\"]}".write(toFile: root + "/.versionrc", atomically: true, encoding: .utf8)
        let run = try await Self.run(["version", "--path", root, "--dry-run", "--format", "json"])
        let plan = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any]
        #expect(plan?["previousVersion"] as? String == "1.0.0")
        #expect(plan?["nextVersion"] as? String == "1.1.0")
        #expect(plan?["releaseType"] as? String == "minor")
        #expect(plan?["tag"] as? String == "v1.1.0")
        #expect(plan?["issueKeys"] as? [String] == ["PLAT-7"])
        #expect((plan?["commits"] as? [Any])?.count == 3)
    }

    @Test("--prerelease, --release-as and --first-release follow standard-version")
    func flags() async throws {
        let root = try await Self.releasedRepository()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(
            try await Self.run(["version", "--path", root, "--dry-run", "--prerelease", "alpha"]).output.contains(
                "Would release 1.1.0-alpha.0"
            )
        )
        #expect(
            try await Self.run(["version", "--path", root, "--dry-run", "--prerelease"]).output.contains(
                "Would release 1.1.0-0"
            )
        )
        #expect(
            try await Self.run(["version", "--path", root, "--dry-run", "--release-as", "2.0.0"]).output.contains(
                "Would release 2.0.0"
            )
        )
        #expect(
            try await Self.run(["version", "--path", root, "--dry-run", "--release-as", "patch"]).output.contains(
                "Would release 1.0.1"
            )
        )
        let fresh = FileManager.default.temporaryDirectory.appendingPathComponent("slipway-first-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: fresh) }
        try FileManager.default.createDirectory(atPath: fresh, withIntermediateDirectories: true)
        _ = try await Self.git(["init", "--quiet"], in: fresh)
        try "0.3.0\n".write(toFile: fresh + "/VERSION", atomically: true, encoding: .utf8)
        _ = try await Self.git(["add", "VERSION"], in: fresh)
        _ = try await Self.git(["commit", "--quiet", "--message", "feat: first"], in: fresh)
        let first = try await Self.run(["version", "--path", fresh, "--first-release"])
        #expect(first.status == slipway.ExitStatus.success, "\(first.errors)")
        #expect(try await Self.git(["tag", "--list"], in: fresh) == "v0.3.0\n")
        #expect(try String(contentsOfFile: fresh + "/VERSION", encoding: .utf8) == "0.3.0\n")
    }

    @Test("bad repositories give clear errors: no commits, not a repository, shallow clone without tags")
    func badRepositories() async throws {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("slipway-empty-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: empty) }
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let plain = try await Self.run(["version", "--path", empty])
        #expect(plain.status == slipway.ExitStatus.inputError)
        #expect(plain.errors.contains("not a git repository"))
        _ = try await Self.git(["init", "--quiet"], in: empty)
        let noCommits = try await Self.run(["version", "--path", empty])
        #expect(noCommits.errors.contains("has no commits yet"))
        let origin = try await Self.releasedRepository()
        defer { try? FileManager.default.removeItem(atPath: origin) }
        let shallow = FileManager.default.temporaryDirectory.appendingPathComponent(
            "slipway-shallow-\(UUID().uuidString)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: shallow) }
        _ = try await TestProcess.run(
            ["git", "clone", "--quiet", "--depth", "1", "--no-tags", "file://\(origin)", shallow],
            in: origin
        )
        let run = try await Self.run(["version", "--path", shallow, "--dry-run"])
        #expect(run.status == slipway.ExitStatus.inputError)
        #expect(run.errors.contains("git fetch --tags --unshallow"))
    }

    @Test("a tag prefix git cannot use fails the plan before anything is written")
    func invalidTagPrefix() async throws {
        let root = try await Self.releasedRepository()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let head = try await Self.git(["rev-parse", "HEAD"], in: root)
        let run = try await Self.run(["version", "--path", root, "--tag-prefix", "release v"])
        #expect(run.status == slipway.ExitStatus.inputError)
        #expect(run.errors.contains("'release v1.1.0' cannot be a git tag (it contains ' ')"))
        #expect(try await Self.git(["rev-parse", "HEAD"], in: root) == head)
        #expect(try String(contentsOfFile: root + "/package.json", encoding: .utf8).contains("\"version\": \"1.0.0\""))
        #expect(!FileManager.default.fileExists(atPath: root + "/CHANGELOG.md"))
        let untagged = try await Self.run(["version", "--path", root, "--tag-prefix", "release v", "--skip-tag"])
        #expect(untagged.status == slipway.ExitStatus.success)
    }

    @Test("a commit that fails (a pre-commit hook) puts every file back as it was: no half release")
    func failedCommitRestoresFiles() async throws {
        let root = try await Self.releasedRepository()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let hook = root + "/.git/hooks/pre-commit"
        try "#!/bin/sh\necho 'lint failed' >&2\nexit 1\n".write(toFile: hook, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
        let before = try String(contentsOfFile: root + "/package.json", encoding: .utf8)
        let head = try await Self.git(["rev-parse", "HEAD"], in: root)
        let run = try await Self.run(["version", "--path", root])
        #expect(run.status == slipway.ExitStatus.inputError)
        #expect(run.errors.contains("lint failed"))
        #expect(try String(contentsOfFile: root + "/package.json", encoding: .utf8) == before)
        #expect(!FileManager.default.fileExists(atPath: root + "/CHANGELOG.md"))
        #expect(try await Self.git(["rev-parse", "HEAD"], in: root) == head)
        #expect(try await Self.git(["status", "--porcelain"], in: root) == "")
        #expect(try await Self.git(["tag", "--list"], in: root) == "v1.0.0\n")
        // --no-verify skips the hook: the same release then goes through.
        let released = try await Self.run(["version", "--path", root, "--no-verify"])
        #expect(released.status == slipway.ExitStatus.success)
        #expect(try await Self.git(["tag", "--list"], in: root) == "v1.0.0\nv1.1.0\n")
    }

    @Test("commits lint reports non-conventional messages and unknown types, exit 1")
    func lint() async throws {
        let root = try await Self.releasedRepository()
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = try await Self.git(["commit", "--quiet", "--allow-empty", "--message", "feature: typo type"], in: root)
        _ = try await Self.git(["commit", "--quiet", "--allow-empty", "--message", "no type at all"], in: root)
        let run = try await Self.run(["commits", "lint", "v1.0.0..HEAD", "--path", root])
        #expect(run.status == slipway.ExitStatus.findings)
        #expect(run.output.contains("type 'feature' is not one of"))
        #expect(run.output.contains("no type at all"))
        #expect(run.output.contains("5 commit(s) checked, 2 violation(s)"))
        let clean = try await Self.run(["commits", "lint", "v1.0.0..HEAD~2", "--path", root])
        #expect(clean.status == slipway.ExitStatus.success)
    }

    @Test("changelog prints the next section or the release notes and changes nothing")
    func changelog() async throws {
        let root = try await Self.releasedRepository()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let section = try await Self.run(["changelog", "--path", root])
        #expect(section.output.hasPrefix("## [1.1.0](https://github.com/acme/demo/compare/v1.0.0...v1.1.0)"))
        let notes = try await Self.run(["changelog", "--path", root, "--release-notes"])
        #expect(notes.output.hasPrefix("### Features"))
        #expect(!FileManager.default.fileExists(atPath: root + "/CHANGELOG.md"))
        #expect(try String(contentsOfFile: root + "/package.json", encoding: .utf8).contains("1.0.0"))
    }
}
