import Foundation
import Ledger
import SlipwayCore
import Testing

@Suite struct DirectoryLedgerStoreTests {
    @Test("appends read back in order across segment files, with the root of the RFC 9162 tree")
    func appendAndRead() async throws {
        let root = try LedgerFixtures.temporaryDirectory()
        defer { LedgerFixtures.remove(root) }
        let store = DirectoryLedgerStore(path: root)
        for batch in [0..<3, 3..<4, 4..<11] {
            _ = try await store.append(
                try batch.map { try LedgerFixtures.event($0).canonicalBytes() },
                creating: LedgerManifest(origin: LedgerFixtures.origin, segmentCapacity: 4),
                signer: nil
            )
        }
        let ledger = Ledger(store: store)
        let (events, summary) = try await ledger.events()
        #expect(events.map(\.index) == Array(0..<11))
        #expect(events.map(\.event) == (0..<11).map { LedgerFixtures.event($0) })
        #expect(summary.size == 11)
        #expect(summary.tornTail == nil)
        let expected = MerkleTree(entries: try (0..<11).map { try LedgerFixtures.event($0).canonicalBytes() })
        #expect(summary.publishedRoot == (try expected.rootHash()))
        #expect(FileManager.default.fileExists(atPath: LedgerFixtures.segment(root, firstIndex: 8)))
        #expect(try await store.manifest() == LedgerManifest(origin: LedgerFixtures.origin, segmentCapacity: 4))
    }

    @Test("a signed append writes a checkpoint that verifies and matches the tree")
    func checkpointAfterBatch() async throws {
        let root = try LedgerFixtures.temporaryDirectory()
        defer { LedgerFixtures.remove(root) }
        let signer = try LedgerFixtures.signer()
        let ledger = Ledger(store: DirectoryLedgerStore(path: root))
        let outcome = try await ledger.append(
            (0..<5).map { LedgerFixtures.event($0) },
            origin: LedgerFixtures.origin,
            signer: signer
        )
        #expect(outcome.firstIndex == 0)
        #expect(outcome.size == 5)
        let text = String(decoding: try LedgerFixtures.read(LedgerFixtures.checkpoint(root, size: 5)), as: UTF8.self)
        let note = try SignedNote(parsing: text)
        try note.verify(with: [signer.verifier])
        let checkpoint = try Checkpoint(body: note.text)
        #expect(checkpoint.origin == LedgerFixtures.origin)
        #expect(checkpoint.size == 5)
        #expect(checkpoint.rootHash == outcome.rootHash)
        let report = try await LedgerVerifier(verifiers: [signer.verifier]).verify(ledger.store)
        #expect(report.isValid)
        #expect(report.checkpointsVerified == 1)
    }

    @Test(
        "bytes after the published end are reported as a torn tail, never read as entries, and moved aside by the next append"
    )
    func tornTail() async throws {
        let root = try LedgerFixtures.temporaryDirectory()
        defer { LedgerFixtures.remove(root) }
        let signer = try LedgerFixtures.signer()
        let ledger = Ledger(store: DirectoryLedgerStore(path: root))
        try await ledger.append((0..<3).map { LedgerFixtures.event($0) }, origin: LedgerFixtures.origin, signer: signer)
        // A complete, well-formed record whose append died before publishing, then half of another.
        let segment = LedgerFixtures.segment(root, firstIndex: 0)
        let unpublished = try LedgerFixtures.event(3).canonicalBytes()
        let line = Array("3 \(Hex.encode(MerkleHasher.leafHash(unpublished))) ".utf8) + unpublished + [0x0A]
        let torn = line + Array("4 abc".utf8)
        try LedgerFixtures.write(try LedgerFixtures.read(segment) + torn, to: segment)

        let (events, summary) = try await ledger.events()
        #expect(events.count == 3)
        #expect(summary.tornTail == TornTail(path: segment, byteCount: torn.count, atIndex: 3))
        let report = try await LedgerVerifier(verifiers: [signer.verifier]).verify(ledger.store)
        #expect(report.isValid)
        #expect(report.tornTail?.byteCount == torn.count)

        let outcome = try await ledger.append([LedgerFixtures.event(99)], origin: LedgerFixtures.origin, signer: signer)
        #expect(outcome.firstIndex == 3)
        let quarantined = try #require(outcome.quarantined)
        #expect(try LedgerFixtures.read(quarantined.path) == torn)
        let after = try await ledger.events()
        #expect(
            after.events.map(\.event.details)
                == [0, 1, 2, 99].map { JSONValue.object(["number": .number(Double($0))]) }
        )
        #expect(after.summary.tornTail == nil)
        #expect(try await LedgerVerifier(verifiers: [signer.verifier]).verify(ledger.store).isValid)
    }

    @Test("a crash before the first publish leaves an empty ledger with a torn tail")
    func tornBeforeFirstPublish() async throws {
        let root = try LedgerFixtures.temporaryDirectory()
        defer { LedgerFixtures.remove(root) }
        let ledger = Ledger(store: DirectoryLedgerStore(path: root))
        try await ledger.append([LedgerFixtures.event(0)], origin: LedgerFixtures.origin)
        try FileManager.default.removeItem(atPath: root + "/head.json")
        let (events, summary) = try await ledger.events()
        #expect(events.isEmpty)
        #expect(summary.size == 0)
        #expect(summary.tornTail?.atIndex == 0)
    }

    @Test("a ledger written by a newer format is refused with what to do")
    func newerFormat() async throws {
        let root = try LedgerFixtures.temporaryDirectory()
        defer { LedgerFixtures.remove(root) }
        try LedgerFixtures.write(
            Array(#"{"format":2,"origin":"x","segmentCapacity":4}"#.utf8),
            to: root + "/ledger.json"
        )
        let store = DirectoryLedgerStore(path: root)
        await #expect(throws: LedgerStoreError.newerFormat(path: root + "/ledger.json", found: 2, supported: 1)) {
            try await store.manifest()
        }
        await #expect(throws: LedgerStoreError.self) {
            try await store.append([], creating: LedgerManifest(origin: "x"), signer: nil)
        }
    }

    @Test("an entry of a newer event schema stops show with a clear error at its index")
    func newerEventSchema() async throws {
        let root = try LedgerFixtures.temporaryDirectory()
        defer { LedgerFixtures.remove(root) }
        let store = DirectoryLedgerStore(path: root)
        let future = Array(#"{"actor":"a","kind":"x.y","schema":2,"time":"2026-01-01T00:00:00Z"}"#.utf8)
        _ = try await store.append(
            [try LedgerFixtures.event(0).canonicalBytes(), future],
            creating: LedgerManifest(origin: "x"),
            signer: nil
        )
        await #expect {
            try await Ledger(store: store).events()
        } throws: { error in
            guard let error = error as? LedgerEntryError else { return false }
            return error.index == 1 && error.reason.contains("upgrade slipway")
        }
    }

    @Test("an append refuses to build on a segment shorter than what was published")
    func refusesAfterTruncation() async throws {
        let root = try LedgerFixtures.temporaryDirectory()
        defer { LedgerFixtures.remove(root) }
        let ledger = Ledger(store: DirectoryLedgerStore(path: root))
        try await ledger.append((0..<3).map { LedgerFixtures.event($0) }, origin: LedgerFixtures.origin)
        let segment = LedgerFixtures.segment(root, firstIndex: 0)
        try LedgerFixtures.write(Array(try LedgerFixtures.read(segment).dropLast(10)), to: segment)
        await #expect(throws: LedgerStoreError.self) {
            try await ledger.append([LedgerFixtures.event(3)], origin: LedgerFixtures.origin)
        }
    }

    @Test("writers on separate descriptors serialise through the lock and lose nothing")
    func concurrentWriters() async throws {
        let root = try LedgerFixtures.temporaryDirectory()
        defer { LedgerFixtures.remove(root) }
        let manifest = LedgerManifest(origin: LedgerFixtures.origin, segmentCapacity: 16)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<6 {
                group.addTask {
                    // Each writer waits in flock while another appends; the store does that off the cooperative
                    // pool, so six writers on a two-thread pool still make progress.
                    let store = DirectoryLedgerStore(path: root)
                    for number in 0..<15 {
                        _ = try await store.append(
                            [try LedgerFixtures.event(writer * 100 + number).canonicalBytes()],
                            creating: manifest,
                            signer: nil
                        )
                    }
                }
            }
            try await group.waitForAll()
        }
        let (events, summary) = try await Ledger(store: DirectoryLedgerStore(path: root)).events()
        #expect(summary.size == 90)
        let numbers = Set(events.map(\.event.details))
        #expect(numbers.count == 90)
        #expect(try await LedgerVerifier(verifiers: []).verify(DirectoryLedgerStore(path: root)).isValid)
    }
}
