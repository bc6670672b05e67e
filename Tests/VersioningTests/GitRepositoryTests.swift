import Foundation
import SlipwayCore
import SlipwayTestSupport
import Testing
import Versioning

@Suite(.tags(.process)) struct GitRepositoryTests {
    static func makeRepository() async throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("slipway-git-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try await TestProcess.run(["git", "init", "--quiet", "--initial-branch=main"], in: root)
        return root
    }

    static func commit(_ message: String, in root: String) async throws {
        try await TestProcess.run(["git", "commit", "--quiet", "--allow-empty", "--message", message], in: root)
    }

    @Test("reads multi-paragraph messages, tags and the origin URL from a real repository")
    func readsHistory() async throws {
        let root = try await Self.makeRepository()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try await Self.commit("feat: first", in: root)
        try await TestProcess.run(["git", "tag", "v1.0.0"], in: root)
        try await Self.commit("fix(parser): handle CRLF\n\nThe body has\n\ntwo paragraphs.\n\nRefs: #12", in: root)
        try await Self.commit("feat!: drop Node 16", in: root)
        try await TestProcess.run(["git", "remote", "add", "origin", "git@github.com:acme/app.git"], in: root)
        let repository = GitRepository(path: root, runner: FoundationProcessRunner())
        #expect(try await repository.hasCommits())
        #expect(try await !repository.isShallow())
        #expect(try await repository.tagsMergedIntoHead() == ["v1.0.0"])
        let commits = try await repository.commits(range: "v1.0.0..HEAD")
        #expect(
            commits.map(\.message) == [
                "feat!: drop Node 16", "fix(parser): handle CRLF\n\nThe body has\n\ntwo paragraphs.\n\nRefs: #12",
            ]
        )
        #expect(commits.allSatisfy { $0.hash.count == 40 })
        #expect(try await repository.originURL() == "git@github.com:acme/app.git")
    }

    @Test("an empty repository has no commits, and a plain directory is not a repository")
    func emptyAndMissing() async throws {
        let root = try await Self.makeRepository()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try await !GitRepository(path: root, runner: FoundationProcessRunner()).hasCommits())
        let plain = FileManager.default.temporaryDirectory.appendingPathComponent("slipway-plain-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: plain) }
        try FileManager.default.createDirectory(atPath: plain, withIntermediateDirectories: true)
        await #expect(throws: GitError.notARepository(path: plain)) {
            try await GitRepository(path: plain, runner: FoundationProcessRunner()).commits(range: "HEAD")
        }
    }

    @Test("git is called with an argv, never through a shell")
    func argvIsExact() async throws {
        let runner = RecordingProcessRunner([
            ["git", "-C", "/repo", "log", "--format=%H%x1f%B%x1e", "--first-parent", "v1.0.0..HEAD"]: ProcessResult(
                status: 0,
                standardOutput: Array("abc\u{1F}fix: a\n\u{1E}\ndef\u{1F}feat: b\n\nbody\n\u{1E}\n".utf8)
            )
        ])
        let commits = try await GitRepository(path: "/repo", runner: runner).commits(
            range: "v1.0.0..HEAD",
            firstParent: true
        )
        #expect(
            commits == [RawCommit(hash: "abc", message: "fix: a"), RawCommit(hash: "def", message: "feat: b\n\nbody")]
        )
        #expect(runner.calls.count == 1)
    }

    @Test("a range git cannot resolve says which and how to fetch it; a range that looks like an option never runs")
    func badRanges() async throws {
        let root = try await Self.makeRepository()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try await Self.commit("feat: one", in: root)
        do {
            _ = try await GitRepository(path: root, runner: FoundationProcessRunner()).commits(range: "HEAD~5..HEAD")
            Issue.record("an unknown revision was accepted")
        } catch {
            guard case .badRange(let range, let reason) = error else {
                Issue.record("unexpected error: \(error)")
                return
            }
            #expect(range == "HEAD~5..HEAD")
            #expect(reason.contains("unknown revision"))
            #expect("\(error)".contains("fetch its base first"))
        }
        // `git log --output=FILE` writes FILE: a range starting with `-` is refused before git runs.
        let runner = RecordingProcessRunner([:])
        await #expect(throws: GitError.badRange(range: "--output=x", reason: "a range cannot start with '-'")) {
            try await GitRepository(path: root, runner: runner).commits(range: "--output=x")
        }
        #expect(runner.calls.isEmpty)
    }
}
