import Foundation
import SlipwayCore
import SlipwayTestSupport
import Testing
import Versioning

/// Replays each real release history into a temporary git repository (previous tag, then every commit, oldest
/// first) and plans the release through git, as `slipway version` does: the planned release type must be the one
/// the project shipped (with the same documented exception as `HistoryReplayTests`).
@Suite(.tags(.process), .enabled(if: Corpus.isAvailable, "shared corpus not present"))
struct GitReplayTests {
    @Test(
        "the release planned from a replayed git history matches the release the project shipped",
        arguments: HistoryReplayTests.samples
    )
    func replayIntoGit(_ name: String) async throws {
        let sample = try HistoryReplayTests.load(name)
        let root = try await GitRepositoryTests.makeRepository()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "{\n  \"version\": \"\(sample.previous)\"\n}\n".write(
            toFile: root + "/package.json",
            atomically: true,
            encoding: .utf8
        )
        try await TestProcess.run(["git", "add", "package.json"], in: root)
        try await GitRepositoryTests.commit("chore(release): \(sample.previous)", in: root)
        try await TestProcess.run(["git", "tag", "v\(sample.previous)"], in: root)
        for commit in sample.commits.reversed() {
            try await GitRepositoryTests.commit(commit.message, in: root)
        }
        let plan = try await ReleasePlanner(
            repository: GitRepository(path: root, runner: FoundationProcessRunner()),
            fileSystem: LocalFileSystem()
        ).plan(ReleaseRequest(root: root, date: CalendarDate("2026-11-25")!))
        let shipped = HistoryReplayTests.shippedType(from: sample.previous, to: sample.release)
        let expected = HistoryReplayTests.knownDifferences[name]?.computed ?? shipped
        #expect(
            plan.releaseType == expected,
            "\(name): planned \(String(describing: plan.releaseType)), shipped \(shipped)"
        )
        #expect(plan.previousTag == "v\(sample.previous)")
        #expect(plan.commits.count == sample.commits.count)
        #expect(plan.files.map(\.path).sorted() == ["CHANGELOG.md", "package.json"])
    }
}
