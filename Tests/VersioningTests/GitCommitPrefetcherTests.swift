import Foundation
import SlipwayCore
import SlipwayTestSupport
import Testing

@testable import Versioning

/// The second thread that inflates a long range's commits ahead of the walk: what it hands over must be what the
/// walk would read itself, and the walk's answers must stay git's whatever the thread managed to do.
@Suite(.tags(.process)) struct GitCommitPrefetcherTests {
    /// A repository of `count` commits after a `v1.0.0` tag, written by `git fast-import` (a pack, oldest first).
    static func longHistory(_ name: String, count: Int) async throws -> String {
        let root = try await NativeGitReaderTests.makeRepository(name)
        let messages = (0..<count).map { index -> [UInt8] in
            let kind = ["fix", "feat", "chore", "docs"][index % 4]
            return Array("\(kind)(part\(index % 7)): change number \(index)\n\nBody of \(index).\n".utf8)
        }
        try await NativeGitReaderTests.git(
            ["fast-import", "--quiet", "--done"],
            in: root,
            input: NativeGitReaderTests.stream(messages) + Array("done\n".utf8)
        )
        try await NativeGitReaderTests.git(["reset", "--quiet", "--hard", "main"], in: root)
        try await NativeGitReaderTests.git(["tag", "v1.0.0", "main~\(count - 2)"], in: root)
        return root
    }

    /// The commits of `main`, newest first.
    static func commitIDs(_ root: String) async throws -> [GitObjectID] {
        let list = try await NativeGitReaderTests.git(["rev-list", "main"], in: root)
        return try String(decoding: list, as: UTF8.self).split(separator: "\n").map {
            try #require(GitObjectID(hex: $0))
        }
    }

    /// Starts a prefetcher where a walk from `HEAD` would, lets it finish before the walk takes anything, then
    /// checks every entry it hands over against the object database's own read.
    static func checkHandOver(_ root: String) async throws {
        let ids = try await commitIDs(root)
        let reader = try NativeGitReader(path: root, environment: [:])
        let objects = GitObjectDatabase(objectsDirectory: reader.commonDirectory + "/objects")
        let index = try NativeGitReaderTests.packIndex(root)
        let pack = try GitPack(basePath: String(index.dropLast(4)), number: 0)
        let offsets = try ids.map { try #require(pack.offset(of: $0)) }
        let ascending = offsets[1] > offsets[0]
        let prefetcher = try #require(
            GitCommitPrefetcher(pack: pack, first: offsets[1], limit: ascending ? pack.entriesEnd : 11)
        )
        defer { prefetcher.stop() }
        let deadline = ContinuousClock.now + .seconds(60)
        while !prefetcher.isFinished, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        #expect(prefetcher.isFinished, "the thread did not finish within a minute")
        for position in 1..<ids.count {
            let expected = try objects.object(ids[position])
            #expect(expected.kind == .commit)
            if let data = prefetcher.take(at: offsets[position]) {
                #expect(data == expected.data, "\(ids[position].hex)")
            }
            // Asked again, the entry is the walk's to read.
            #expect(prefetcher.take(at: offsets[position]) == nil)
        }
        // The thread left the first entries to the walk and inflated every later commit of the range.
        #expect(prefetcher.taken == ids.count - 1 - GitCommitPrefetcher.minimumLead)
        // An offset that is not an entry of the range is never answered.
        #expect(prefetcher.take(at: offsets[0]) == nil)
    }

    @Test("oldest-first (fast-import) and newest-first (pack-objects) packs: every entry handed over is the object")
    func handOver() async throws {
        let root = try await Self.longHistory("prefetch-hand-over", count: 300)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try await Self.checkHandOver(root)
        // Without deltas, so that every commit stays a whole entry the thread may take.
        try await NativeGitReaderTests.repack(root, window: 0, depth: 50)
        try await Self.checkHandOver(root)
    }

    @Test("a long range walked with the thread gives git's log, in either pack order and from a damaged pack")
    func longRanges() async throws {
        let count = 4 * NativeGitReader.commitsBeforePrefetching + 10
        let root = try await Self.longHistory("prefetch-walk", count: count)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fast = GitRepository(path: root, runner: FoundationProcessRunner())
        for pass in 0..<2 {
            let coverage = try await NativeGitReaderTests.compare(root)
            #expect(coverage.snapshot && coverage.logs == 2, "pass \(pass)")
            guard case .commits(let commits) = fast.nativeCommits(sinceReachableTag: "v1.0.0") else {
                Issue.record("the reader gave up on a plain range")
                return
            }
            #expect(commits.count == count - 2)
            try await NativeGitReaderTests.repack(root, window: 10, depth: 50)
        }
        // Damage an entry deep in the range (past the point where the thread starts): the reader gives up or
        // answers as git does, and never crashes.
        let ids = try await Self.commitIDs(root)
        let pack = try NativeGitReaderTests.packIndex(root).replacingOccurrences(of: ".idx", with: ".pack")
        let offset = try #require(
            try GitPack(basePath: String(pack.dropLast(5)), number: 0).offset(of: ids[3 * ids.count / 4])
        )
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: pack)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: pack)))
        for index in (offset + 4)..<(offset + 12) { bytes[index] ^= 0x5A }
        try Data(bytes).write(to: URL(fileURLWithPath: pack))
        #expect(fast.nativeCommits(sinceReachableTag: "v1.0.0") == nil)
        try await NativeGitReaderTests.compare(root)
    }
}
