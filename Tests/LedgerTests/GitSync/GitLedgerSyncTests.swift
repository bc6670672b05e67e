import Foundation
import Ledger
import SlipwayCore
import SlipwayTestSupport
import Synchronization
import Testing

/// `GitLedgerSync` against a real bare repository and real `git` processes in a temporary directory.
@Suite(.tags(.process)) struct GitLedgerSyncTests {
    /// An event that names the runner, the round and the item, so a test can count every one of them.
    static func event(clone: Int, round: Int, item: Int) -> LedgerEvent {
        LedgerEvent(
            kind: EventKind(rawValue: "test.sync"),
            time: Timestamp(secondsSince1970: 1_795_000_000 + round * 60 + item),
            actor: "runner-\(clone)",
            details: .object([
                "clone": .number(Double(clone)), "round": .number(Double(round)), "item": .number(Double(item)),
            ])
        )
    }

    @Test("the first push creates the ref; a pull into an empty ledger copies it, and it verifies")
    func firstPushThenPullIntoEmptyLedger() async throws {
        let world = try await GitSyncWorld()
        defer { world.remove() }
        let first = try await world.clone("a")
        let second = try await world.clone("b")
        try await first.append((0..<3).map { LedgerFixtures.event($0) })

        let pushed = try await first.sync().push()
        #expect(pushed.pushedCount == 3)
        #expect(pushed.firstIndex == 0)
        #expect(pushed.size == 3)
        #expect(pushed.attempts == 1)
        #expect(pushed.checkpointSigned)
        #expect(pushed.commit == (try await world.remoteCommit()))
        #expect(pushed.rootHash == (try await MerkleTree(entries: try first.entries()).rootHash()))
        // The ref's tree is the documented layout: each entries line is exactly a leaf.
        let files = try await world.git(
            ["ls-tree", "-r", "--name-only", GitLedgerSync.Settings.defaultRef],
            in: world.bare
        )
        #expect(
            files.split(separator: "\n") == [
                "checkpoints/00000000000000000003.note", "entries/00000000000000000000.jsonl", "ledger.json",
            ]
        )
        let lines = try await world.git(
            ["show", "\(GitLedgerSync.Settings.defaultRef):entries/00000000000000000000.jsonl"],
            in: world.bare
        )
        #expect(lines.split(separator: "\n").map { Array($0.utf8) } == (try await first.entries()))
        // Nothing but objects and the private ref was written in the clone: no branch, no index, no work tree.
        #expect(
            try await world.git(["for-each-ref", "--format=%(refname)"], in: first.repository)
                == "refs/slipway-sync/origin/slipway/ledger"
        )
        #expect(!FileManager.default.fileExists(atPath: first.repository + "/.git/index"))

        let pulled = try await second.sync().pull()
        #expect(pulled.state == .fastForwarded)
        #expect(pulled.localSizeBefore == 0)
        #expect(pulled.localSize == 3)
        #expect(pulled.importedCheckpoints == 1)
        #expect(try await second.entries() == (try first.entries()))
        let report = try await second.verify()
        #expect(report.isValid, "\(report.failures)")
        #expect(report.checkpointsVerified == 1)
        #expect(try await second.store.manifest()?.origin == LedgerFixtures.origin)

        let again = try await second.sync().pull()
        #expect(again.state == .upToDate)
    }

    @Test("full chunk files are reused by later pushes, and a ledger of several chunks round-trips")
    func chunksAreReused() async throws {
        let world = try await GitSyncWorld()
        defer { world.remove() }
        let first = try await world.clone("a")
        let second = try await world.clone("b")
        try await first.append((0..<4).map { LedgerFixtures.event($0) })
        let one = try await first.sync(chunkEntries: 3).push()
        try await first.append((4..<8).map { LedgerFixtures.event($0) })
        let two = try await first.sync(chunkEntries: 3).push()
        let chunk = "entries/00000000000000000000.jsonl"
        #expect(
            try await world.git(["rev-parse", "\(one.commit ?? ""):\(chunk)"], in: world.bare)
                == (try await world.git(["rev-parse", "\(two.commit ?? ""):\(chunk)"], in: world.bare))
        )
        #expect(
            try await world.git(["ls-tree", "--name-only", "\(two.commit ?? ""):entries"], in: world.bare)
                == "00000000000000000000.jsonl\n00000000000000000003.jsonl\n00000000000000000006.jsonl"
        )
        #expect(
            try await world.git(["rev-list", "--parents", "-n", "1", two.commit ?? ""], in: world.bare)
                == "\(two.commit ?? "") \(one.commit ?? "")"
        )

        _ = try await second.sync().pull()
        #expect(try await second.entries() == (try first.entries()))
        // A sync configured for another chunk size keeps the remote's own.
        try await second.append([LedgerFixtures.event(8)])
        let three = try await second.sync(chunkEntries: 100).push()
        #expect(three.firstIndex == 8)
        let manifest = try await world.git(["show", "\(three.commit ?? ""):ledger.json"], in: world.bare)
        #expect(manifest.contains(#""chunkEntries":3"#))
        #expect(manifest.contains(#""size":9"#))
        #expect(
            try await world.git(["ls-tree", "--name-only", "\(three.commit ?? ""):entries"], in: world.bare).split(
                separator: "\n"
            ).count == 3
        )
        _ = try await first.sync().pull()
        #expect(try await first.entries() == (try second.entries()))
        #expect(try await first.verify().isValid)
    }

    @Test("pushing an unchanged or empty ledger is a no-op that creates no commit")
    func pushWithoutNewEventsIsNoOp() async throws {
        let world = try await GitSyncWorld()
        defer { world.remove() }
        let empty = try await world.clone("empty")
        let nothing = try await empty.sync().push()
        #expect(nothing.pushedCount == 0)
        #expect(nothing.pulled?.state == .remoteEmpty)
        #expect(try await world.remoteCommit() == nil)

        let runner = try await world.clone("runner")
        try await runner.append([LedgerFixtures.event(1)])
        _ = try await runner.sync().push()
        let commit = try await world.remoteCommit()
        let unchanged = try await runner.sync().push()
        #expect(unchanged.pushedCount == 0)
        #expect(unchanged.pulled?.state == .upToDate)
        #expect(try await world.remoteCommit() == commit)
        let fromEmpty = try await empty.sync().push()
        #expect(fromEmpty.pushedCount == 0)
        #expect(fromEmpty.pulled?.state == .fastForwarded)
        #expect(try await world.remoteCommit() == commit)
    }

    @Test("a pull keeps local events the remote lacks as pending; push appends them on top of the remote log")
    func divergedPullKeepsPendingAndPushRebases() async throws {
        let world = try await GitSyncWorld()
        defer { world.remove() }
        let first = try await world.clone("a")
        let second = try await world.clone("b")
        try await first.append([Self.event(clone: 0, round: 0, item: 0), Self.event(clone: 0, round: 0, item: 1)])
        _ = try await first.sync().push()
        _ = try await second.sync().pull()

        try await first.append([Self.event(clone: 0, round: 1, item: 0)])
        _ = try await first.sync().push()
        let mine = [Self.event(clone: 1, round: 1, item: 0), Self.event(clone: 1, round: 1, item: 1)]
        try await second.append(mine)
        let before = try await second.entries()

        let pulled = try await second.sync().pull()
        #expect(pulled.state == .diverged)
        #expect(pulled.pending == 2)
        #expect(pulled.remoteSize == 3)
        #expect(try await second.entries() == before)

        let pushed = try await second.sync().push()
        #expect(pushed.pushedCount == 2)
        #expect(pushed.firstIndex == 3)
        #expect(pushed.size == 5)
        let expected = try await Array(first.entries().prefix(3)) + mine.map { try $0.canonicalBytes() }
        #expect(try await second.entries() == expected)
        let report = try await second.verify()
        #expect(report.isValid, "\(report.failures)")
        // The rebuilt ledger holds the remote's checkpoints, not the local ones signed for the old indices.
        #expect(try await second.store.checkpoints().map(\.size) == [2, 3, 5])

        let caughtUp = try await first.sync().pull()
        #expect(caughtUp.state == .fastForwarded)
        #expect(try await first.entries() == expected)
    }

    @Test("clones appending and pushing at once, round after round, lose no event and keep one linear log")
    func racingClonesKeepEveryEventExactlyOnce() async throws {
        let world = try await GitSyncWorld()
        defer { world.remove() }
        let clones = 3
        let rounds = 3
        let perRound = 2
        var runners: [Clone] = []
        for index in 0..<clones { runners.append(try await world.clone("runner-\(index)")) }
        let attempts = try await withThrowingTaskGroup(of: [Int].self) { group in
            for (index, runner) in runners.enumerated() {
                group.addTask {
                    var attempts: [Int] = []
                    for round in 0..<rounds {
                        try await runner.append((0..<perRound).map { Self.event(clone: index, round: round, item: $0) })
                        let outcome = try await runner.sync(maxAttempts: 60, seed: UInt64(index * 100 + round)).push()
                        #expect(outcome.pushedCount == perRound)
                        attempts.append(outcome.attempts)
                    }
                    return attempts
                }
            }
            var all: [Int] = []
            for try await some in group { all += some }
            return all
        }

        let auditor = try await world.clone("auditor")
        _ = try await auditor.sync().pull()
        let events = try await Ledger(store: auditor.store).events().events.map(\.event)
        var seen: [String: Int] = [:]
        for event in events {
            guard case .object(let details) = event.details else { continue }
            seen["\(details["clone"] ?? .null)/\(details["round"] ?? .null)/\(details["item"] ?? .null)", default: 0] +=
                1
        }
        #expect(events.count == clones * rounds * perRound)
        #expect(seen.count == clones * rounds * perRound)
        #expect(seen.values.allSatisfy { $0 == 1 })
        // Each runner's own events stay in the order it appended them.
        for index in 0..<clones {
            let own = events.filter { $0.actor == "runner-\(index)" }
            #expect(
                own
                    == (0..<rounds).flatMap { round in
                        (0..<perRound).map { Self.event(clone: index, round: round, item: $0) }
                    }
            )
        }
        let report = try await auditor.verify()
        #expect(report.isValid, "\(report.failures)")
        #expect(report.checkpointsVerified == clones * rounds)
        // One commit per push, each with one parent: a linear history.
        let ref = GitLedgerSync.Settings.defaultRef
        #expect(try await world.git(["rev-list", "--count", ref], in: world.bare) == "\(clones * rounds)")
        #expect(try await world.git(["rev-list", "--min-parents=2", ref], in: world.bare).isEmpty)
        // Every runner's local ledger is a prefix of the final log after its last push.
        for runner in runners {
            let local = try await runner.entries()
            #expect(local == Array(try await auditor.entries().prefix(local.count)))
        }
        #expect(attempts.count == clones * rounds)
        #expect(attempts.allSatisfy { $0 >= 1 })
    }

    @Test("a remote whose history was rewritten is refused, naming the first differing index")
    func rewrittenHistoryIsRefused() async throws {
        let world = try await GitSyncWorld()
        defer { world.remove() }
        let first = try await world.clone("a")
        let second = try await world.clone("b")
        let forger = try await world.clone("forger")
        try await first.append((0..<3).map { LedgerFixtures.event($0) })
        _ = try await first.sync().push()
        let original = try await world.remoteCommit()
        _ = try await second.sync().pull()

        // Someone force-pushes a log that agrees on entry 0 and differs from entry 1 on.
        try await forger.append([LedgerFixtures.event(0), LedgerFixtures.event(7), LedgerFixtures.event(8)])
        let forged = try await forger.sync(ref: "refs/slipway/forged").push()
        try await world.git(["update-ref", GitLedgerSync.Settings.defaultRef, forged.commit ?? ""], in: world.bare)

        try await second.append([LedgerFixtures.event(3)])
        let before = try await second.entries()
        for operation in ["pull", "push"] {
            do {
                if operation == "pull" {
                    _ = try await second.sync().pull()
                } else {
                    _ = try await second.sync().push()
                }
                Issue.record("\(operation) accepted a rewritten history")
            } catch let error as LedgerSyncError {
                guard case .historyRewritten(_, let index, let synced, _) = error else {
                    Issue.record("unexpected \(error)")
                    continue
                }
                #expect(index == 1)
                #expect(synced == 3)
                #expect(error.description.contains("history rewritten: entry 1"))
            }
            #expect(try await second.entries() == before)
        }

        // Back to the genuine log, then rolled back to its first entry: also a rewrite.
        try await world.git(["update-ref", GitLedgerSync.Settings.defaultRef, original ?? ""], in: world.bare)
        #expect(try await second.sync().pull().state == .localAhead)
        let short = try await world.clone("short")
        try await short.append([LedgerFixtures.event(0)])
        let shortPush = try await short.sync(ref: "refs/slipway/short").push()
        try await world.git(["update-ref", GitLedgerSync.Settings.defaultRef, shortPush.commit ?? ""], in: world.bare)
        await #expect {
            _ = try await second.sync().pull()
        } throws: { error in
            guard case LedgerSyncError.historyRewritten(_, 1, 3, let detail) = error else { return false }
            return detail.contains("rolled back")
        }
    }

    @Test("a remote ledger of a newer format, or one that does not verify, is refused and nothing changes")
    func newerFormatAndTamperedRemoteAreRefused() async throws {
        let world = try await GitSyncWorld()
        defer { world.remove() }
        let writer = try await world.clone("writer")
        try await writer.append((0..<2).map { LedgerFixtures.event($0) })
        let pushed = try await writer.sync().push()
        let ref = GitLedgerSync.Settings.defaultRef

        // A commit whose ledger.json says format 2.
        let manifest = #"{"chunkEntries":4096,"format":2,"origin":"x","root":"00","size":0}"# + "\n"
        let blob = try await world.git(["hash-object", "-w", "--stdin"], in: world.bare, input: Array(manifest.utf8))
        let tree = try await world.git(
            ["mktree"],
            in: world.bare,
            input: Array("100644 blob \(blob)\tledger.json\n".utf8)
        )
        let newer = try await world.git(["commit-tree", tree, "-m", "format 2"], in: world.bare)
        try await world.git(["update-ref", ref, newer], in: world.bare)
        let reader = try await world.clone("reader")
        await #expect(throws: LedgerSyncError.remoteNewerFormat(ref: ref, found: 2, supported: 1)) {
            _ = try await reader.sync().pull()
        }
        #expect(!FileManager.default.fileExists(atPath: reader.ledger + "/ledger.json"))

        // The real ledger with one entry edited: its entries no longer hash to the published root.
        let entries = try await world.git(
            ["show", "\(pushed.commit ?? ""):entries/00000000000000000000.jsonl"],
            in: world.bare
        )
        let edited = entries.replacingOccurrences(of: "octocat", with: "mallory") + "\n"
        let editedBlob = try await world.git(
            ["hash-object", "-w", "--stdin"],
            in: world.bare,
            input: Array(edited.utf8)
        )
        let listing = try await world.git(["ls-tree", "\(pushed.commit ?? ""):entries"], in: world.bare)
        let oldBlob = String(listing.split(separator: " ")[2].prefix(40))
        let entriesTree = try await world.git(
            ["mktree"],
            in: world.bare,
            input: Array(listing.replacingOccurrences(of: oldBlob, with: editedBlob).appending("\n").utf8)
        )
        var rootListing = try await world.git(["ls-tree", pushed.commit ?? ""], in: world.bare)
        let oldEntriesTree = try await world.git(["rev-parse", "\(pushed.commit ?? ""):entries"], in: world.bare)
        rootListing = rootListing.replacingOccurrences(of: oldEntriesTree, with: entriesTree) + "\n"
        let tamperedTree = try await world.git(["mktree"], in: world.bare, input: Array(rootListing.utf8))
        let tampered = try await world.git(["commit-tree", tamperedTree, "-m", "edit"], in: world.bare)
        try await world.git(["update-ref", ref, tampered], in: world.bare)
        await #expect {
            _ = try await reader.sync().pull()
        } throws: { error in
            guard case LedgerSyncError.remoteDoesNotVerify(_, _, let reason) = error else { return false }
            return reason.contains("do not hash to the root in ledger.json")
        }

        // The genuine ledger, but checked against a stranger's key.
        try await world.git(["update-ref", ref, pushed.commit ?? ""], in: world.bare)
        let stranger = try LedgerFixtures.signer()
        await #expect {
            _ = try await reader.sync(verifiers: [stranger.verifier]).pull()
        } throws: { error in
            guard case LedgerSyncError.remoteDoesNotVerify(_, _, let reason) = error else { return false }
            return reason.contains("no signature is from a trusted key")
        }
        #expect(!FileManager.default.fileExists(atPath: reader.ledger + "/ledger.json"))
    }

    @Test("a ledger of another origin, and a ref that holds something else, are refused")
    func otherOriginAndForeignRefAreRefused() async throws {
        let world = try await GitSyncWorld()
        defer { world.remove() }
        let writer = try await world.clone("writer")
        try await writer.append([LedgerFixtures.event(0)])
        _ = try await writer.sync().push()
        let stranger = try await world.clone("stranger")
        try await Ledger(store: stranger.store).append([LedgerFixtures.event(1)], origin: "other.example/ledger")
        await #expect {
            _ = try await stranger.sync(signed: false).push()
        } throws: { error in
            error as? LedgerSyncError
                == .originMismatch(
                    ref: GitLedgerSync.Settings.defaultRef,
                    local: "other.example/ledger",
                    remote: LedgerFixtures.origin
                )
        }

        // A commit of ordinary files on the ledger ref.
        let blob = try await world.git(["hash-object", "-w", "--stdin"], in: world.bare, input: Array("hi\n".utf8))
        let tree = try await world.git(["mktree"], in: world.bare, input: Array("100644 blob \(blob)\tREADME\n".utf8))
        let commit = try await world.git(["commit-tree", tree, "-m", "readme"], in: world.bare)
        try await world.git(["update-ref", GitLedgerSync.Settings.defaultRef, commit], in: world.bare)
        await #expect {
            _ = try await writer.sync().pull()
        } throws: { error in
            guard case LedgerSyncError.remoteMalformed(_, let found, let reason) = error else { return false }
            return found == commit && reason == "the commit has no ledger.json"
        }
    }

    @Test("git missing, a missing remote and a directory that is not a repository give clear errors")
    func gitFailuresAreClear() async throws {
        let world = try await GitSyncWorld()
        defer { world.remove() }
        let runner = try await world.clone("runner")
        try await runner.append([LedgerFixtures.event(0)])
        let noGit = GitLedgerSync(
            store: runner.store,
            git: GitPlumbing(
                repository: runner.repository,
                runner: FoundationProcessRunner(),
                environment: ["PATH": world.root + "/no-bin"]
            )
        )
        await #expect {
            _ = try await noGit.push()
        } throws: { error in
            guard case LedgerSyncError.gitUnavailable(let reason) = error else { return false }
            return reason.contains("not found on PATH") && "\(error)".contains("install git")
        }

        try await world.git(["remote", "set-url", "origin", world.root + "/nowhere.git"], in: runner.repository)
        await #expect {
            _ = try await runner.sync().push()
        } throws: { error in
            guard case LedgerSyncError.gitFailed(let arguments, _, let message) = error else { return false }
            return arguments.contains("fetch") && message.contains("nowhere.git")
        }

        let notARepository = GitLedgerSync(
            store: runner.store,
            git: GitPlumbing(repository: world.root, runner: FoundationProcessRunner(), environment: world.environment)
        )
        await #expect(throws: LedgerSyncError.notARepository(path: world.root)) {
            _ = try await notARepository.pull()
        }
        #expect(try await runner.entries().count == 1)
    }

    @Test("a push that landed before its run died is not pushed again")
    func interruptedPushIsCompletedNotRepeated() async throws {
        let world = try await GitSyncWorld()
        defer { world.remove() }
        let (_, second) = try await world.divergedClones()

        // The push lands, then the run dies before updating anything local.
        let dying = DyingAfterPushRunner()
        await #expect(throws: LedgerSyncError.self) { _ = try await second.sync(runner: dying).push() }
        #expect(dying.pushed)
        let remote = try await world.remoteCommit()

        let resumed = try await second.sync().pull()
        #expect(resumed.state == .completedInterruptedPush)
        let again = try await second.sync().push()
        #expect(again.pushedCount == 0)
        #expect(try await world.remoteCommit() == remote)
        let expected = try [0, 1, 2].map { try LedgerFixtures.event($0).canonicalBytes() }
        #expect(try await second.entries() == expected)
        #expect(try await second.verify().isValid)
    }

    @Test("a rebuild keeps an interrupted append's bytes in torn/, and a swap cut short is put back")
    func rebuildKeepsTornBytesAndSwapRecovers() async throws {
        let world = try await GitSyncWorld()
        defer { world.remove() }
        let (_, second) = try await world.divergedClones()
        // An append that died before publishing: bytes after the published end of the tail segment.
        let segment = LedgerFixtures.segment(second.ledger, firstIndex: 0)
        let torn = Array("2 0123 {\"half".utf8)
        try LedgerFixtures.write(try LedgerFixtures.read(segment) + torn, to: segment)

        let pushed = try await second.sync().push()
        #expect(pushed.firstIndex == 2)
        #expect(pushed.warnings.contains { $0.contains("unacknowledged byte(s)") })
        #expect(try LedgerFixtures.read(second.ledger + "/torn/00000000000000000002.jsonl") == torn)
        #expect(try await second.store.read { _ in }.tornTail == nil)
        #expect(try await second.entries() == (try [0, 1, 2].map { try LedgerFixtures.event($0).canonicalBytes() }))

        // A sync that died between its two renames: the ledger is only at <ledger>.sync-old.
        try FileManager.default.moveItem(atPath: second.ledger, toPath: second.ledger + ".sync-old")
        try FileManager.default.createDirectory(atPath: second.ledger + ".sync-new", withIntermediateDirectories: true)
        let pulled = try await second.sync().pull()
        #expect(pulled.state == .upToDate)
        #expect(try await second.entries().count == 3)
        #expect(!FileManager.default.fileExists(atPath: second.ledger + ".sync-old"))
        #expect(!FileManager.default.fileExists(atPath: second.ledger + ".sync-new"))
    }

    @Test("the backoff doubles per attempt up to the cap, scaled by jitter into [0.5, 1)")
    func backoffIsBoundedAndJittered() {
        let store = DirectoryLedgerStore(path: "/nonexistent")
        let git = GitPlumbing(repository: "/nonexistent", runner: FoundationProcessRunner(), environment: [:])
        let settings = GitLedgerSync.Settings(baseDelay: .milliseconds(100), maxDelay: .seconds(1))
        let low = GitLedgerSync(store: store, git: git, settings: settings, random: { 0 })
        let high = GitLedgerSync(store: store, git: git, settings: settings, random: { 0.999 })
        #expect(low.backoff(attempt: 1) == .milliseconds(50))
        #expect(low.backoff(attempt: 3) == .milliseconds(200))
        #expect(low.backoff(attempt: 9) == .milliseconds(500))
        #expect(high.backoff(attempt: 2) > .milliseconds(199))
        #expect(high.backoff(attempt: 2) < .milliseconds(200))
        #expect(high.backoff(attempt: 30) < .seconds(1))
    }
}

/// Runs git for real, but after a successful `git push` fails the next command: a runner killed right after its
/// push landed.
final class DyingAfterPushRunner: ProcessRunner {
    private let state = Mutex(false)

    var pushed: Bool { state.withLock { $0 } }

    func run(_ request: ProcessRequest) async throws(ProcessError) -> ProcessResult {
        if state.withLock({ $0 }) { throw .launchFailed(arguments: request.arguments, reason: "the runner vanished") }
        let result = try await FoundationProcessRunner().run(request)
        if request.arguments.contains("push"), result.status == 0 { state.withLock { $0 = true } }
        return result
    }
}
