import Foundation
import Ledger
import SlipwayCore
import Testing

/// Every way of tampering with a stored ledger fails verification, naming the first untrustworthy index.
///
/// The ledger has 10 entries in segments of 4, signed after batches of 3, 3 and 4 (checkpoints at 3, 6 and 10).
@Suite struct TamperMatrixTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var firstBadIndex: UInt64
        var reasonMentions: String
        var tamper: @Sendable (String, Ed25519CheckpointSigner) async throws -> Void
        var testDescription: String { name }
    }

    static func lines(_ path: String) throws -> [[UInt8]] {
        try LedgerFixtures.read(path).split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map(
            Array.init
        )
    }

    static func writeLines(_ lines: [[UInt8]], _ path: String) throws {
        try LedgerFixtures.write(lines.flatMap { $0 + [0x0A] }, to: path)
    }

    /// Rewrites a record's event and recomputes its checksum, as an attacker who knows the format would.
    static func forgeRecord(_ line: [UInt8], replacing old: String, with new: String) -> [UInt8] {
        let text = String(decoding: line, as: UTF8.self)
        let parts = text.split(separator: " ", maxSplits: 2)
        let entry = parts[2].replacingOccurrences(of: old, with: new)
        return Array("\(parts[0]) \(Hex.encode(MerkleHasher.leafHash(Array(entry.utf8)))) \(entry)".utf8)
    }

    static let cases: [Case] = [
        Case(name: "one byte of an entry changed", firstBadIndex: 5, reasonMentions: "checksum") { root, _ in
            let path = LedgerFixtures.segment(root, firstIndex: 4)
            var bytes = try LedgerFixtures.read(path)
            let records = try lines(path)
            let at = records[0].count + 1 + records[1].count - 20
            bytes[at] ^= 0x01
            try LedgerFixtures.write(bytes, to: path)
        },
        Case(name: "an entry changed and its checksum recomputed", firstBadIndex: 3, reasonMentions: "do not hash") {
            root,
            _ in
            let path = LedgerFixtures.segment(root, firstIndex: 4)
            var records = try lines(path)
            records[1] = forgeRecord(records[1], replacing: "success", with: "failure")
            try writeLines(records, path)
        },
        Case(name: "an entry deleted", firstBadIndex: 5, reasonMentions: "entry 6") { root, _ in
            let path = LedgerFixtures.segment(root, firstIndex: 4)
            var records = try lines(path)
            records.remove(at: 1)
            try writeLines(records, path)
        },
        Case(name: "two entries reordered", firstBadIndex: 4, reasonMentions: "entry 5") { root, _ in
            let path = LedgerFixtures.segment(root, firstIndex: 4)
            var records = try lines(path)
            records.swapAt(0, 1)
            try writeLines(records, path)
        },
        Case(name: "an entry inserted", firstBadIndex: 2, reasonMentions: "entry 1") { root, _ in
            let path = LedgerFixtures.segment(root, firstIndex: 0)
            var records = try lines(path)
            records.insert(forgeRecord(records[1], replacing: "success", with: "failure"), at: 2)
            try writeLines(records, path)
        },
        Case(name: "the log truncated mid-entry", firstBadIndex: 9, reasonMentions: "cut short") { root, _ in
            let path = LedgerFixtures.segment(root, firstIndex: 8)
            try LedgerFixtures.write(Array(try LedgerFixtures.read(path).dropLast(30)), to: path)
        },
        Case(name: "a whole segment deleted", firstBadIndex: 4, reasonMentions: "missing") { root, _ in
            try FileManager.default.removeItem(atPath: LedgerFixtures.segment(root, firstIndex: 4))
        },
        Case(name: "a checkpoint replaced by another", firstBadIndex: 3, reasonMentions: "replaced") { root, _ in
            try FileManager.default.removeItem(atPath: LedgerFixtures.checkpoint(root, size: 6))
            try FileManager.default.copyItem(
                atPath: LedgerFixtures.checkpoint(root, size: 3),
                toPath: LedgerFixtures.checkpoint(root, size: 6)
            )
        },
        Case(name: "a checkpoint's root altered", firstBadIndex: 3, reasonMentions: "does not verify") { root, _ in
            let path = LedgerFixtures.checkpoint(root, size: 6)
            let text = String(decoding: try LedgerFixtures.read(path), as: UTF8.self)
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            lines[2] = Data(MerkleHasher.emptyRoot).base64EncodedString()
            try LedgerFixtures.write(Array(lines.joined(separator: "\n").utf8), to: path)
        },
        Case(
            name: "a checkpoint signed by another key",
            firstBadIndex: 3,
            reasonMentions: "no signature is from a trusted key"
        ) {
            root,
            _ in
            let path = LedgerFixtures.checkpoint(root, size: 6)
            let note = try SignedNote(parsing: String(decoding: try LedgerFixtures.read(path), as: UTF8.self))
            let forged = try SignedNote.sign(text: note.text, with: try LedgerFixtures.signer())
            try LedgerFixtures.write(Array(forged.serialized.utf8), to: path)
        },
        Case(name: "the log rolled back to an earlier size", firstBadIndex: 6, reasonMentions: "rolled back") {
            root,
            _ in
            // Keep the signed checkpoint for 10; put segments and head back to size 6.
            let head = try LedgerFixtures.read(root + "/head.json.at6")
            try LedgerFixtures.write(head, to: root + "/head.json")
            try FileManager.default.removeItem(atPath: LedgerFixtures.segment(root, firstIndex: 8))
            let path = LedgerFixtures.segment(root, firstIndex: 4)
            try writeLines(Array(try lines(path).prefix(2)), path)
        },
        Case(name: "the published head altered", firstBadIndex: 10, reasonMentions: "head.json") { root, signer in
            // An unsigned append after the last checkpoint, then its head forged to another root.
            let store = DirectoryLedgerStore(path: root)
            _ = try await store.append(
                [try LedgerFixtures.event(50).canonicalBytes()],
                creating: LedgerManifest(origin: "x"),
                signer: nil
            )
            let text = String(decoding: try LedgerFixtures.read(root + "/head.json"), as: UTF8.self)
            let forged = text.replacingOccurrences(of: #""root":""#, with: #""root":"00"#)
            var object = try JSONParser.parse(Array(forged.utf8))
            if case .object(var members) = object, case .array(var compact) = members["compact"] {
                compact[compact.count - 1] = .string(Hex.encode(MerkleHasher.emptyRoot))
                members["compact"] = .array(compact)
                object = .object(members)
            }
            try LedgerFixtures.write(try CanonicalJSON.encode(object), to: root + "/head.json")
            _ = signer
        },
    ]

    /// Builds the 10-entry ledger and returns its signer.
    static func makeLedger(_ root: String) async throws -> Ed25519CheckpointSigner {
        let signer = try LedgerFixtures.signer()
        let store = DirectoryLedgerStore(path: root)
        let manifest = LedgerManifest(origin: LedgerFixtures.origin, segmentCapacity: 4)
        for batch in [0..<3, 3..<6, 6..<10] {
            _ = try await store.append(
                try batch.map { try LedgerFixtures.event($0).canonicalBytes() },
                creating: manifest,
                signer: signer
            )
            if batch.upperBound == 6 {
                try LedgerFixtures.write(try LedgerFixtures.read(root + "/head.json"), to: root + "/head.json.at6")
            }
        }
        return signer
    }

    @Test("the untouched ledger verifies, every checkpoint matching")
    func untouched() async throws {
        let root = try LedgerFixtures.temporaryDirectory()
        defer { LedgerFixtures.remove(root) }
        let signer = try await Self.makeLedger(root)
        let report = try await LedgerVerifier(verifiers: [signer.verifier]).verify(DirectoryLedgerStore(path: root))
        #expect(report.isValid, "\(report.failures)")
        #expect(report.checkpointsVerified == 3)
        #expect(report.size == 10)
        #expect(report.latestCheckpoint?.size == 10)
    }

    @Test("tampering fails verification at the first bad index", arguments: cases)
    func tampered(testCase: Case) async throws {
        let root = try LedgerFixtures.temporaryDirectory()
        defer { LedgerFixtures.remove(root) }
        let signer = try await Self.makeLedger(root)
        try await testCase.tamper(root, signer)
        let report = try await LedgerVerifier(verifiers: [signer.verifier]).verify(DirectoryLedgerStore(path: root))
        let failure = try #require(report.firstFailure, "verification passed after: \(testCase.name)")
        #expect(failure.index == testCase.firstBadIndex, "\(report.failures)")
        #expect(failure.reason.contains(testCase.reasonMentions), "\(failure.reason)")
    }

    @Test("a rollback that also deletes the later checkpoints is caught by a checkpoint the auditor kept")
    func rollbackWithCheckpoints() async throws {
        let root = try LedgerFixtures.temporaryDirectory()
        defer { LedgerFixtures.remove(root) }
        let signer = try await Self.makeLedger(root)
        let kept = String(decoding: try LedgerFixtures.read(LedgerFixtures.checkpoint(root, size: 10)), as: UTF8.self)
        try LedgerFixtures.write(try LedgerFixtures.read(root + "/head.json.at6"), to: root + "/head.json")
        try FileManager.default.removeItem(atPath: LedgerFixtures.segment(root, firstIndex: 8))
        try FileManager.default.removeItem(atPath: LedgerFixtures.checkpoint(root, size: 10))
        let path = LedgerFixtures.segment(root, firstIndex: 4)
        try Self.writeLines(Array(try Self.lines(path).prefix(2)), path)

        let store = DirectoryLedgerStore(path: root)
        #expect(try await LedgerVerifier(verifiers: [signer.verifier]).verify(store).isValid)
        let trusted = StoredCheckpoint(location: "kept.note", size: 10, note: kept)
        let report = try await LedgerVerifier(verifiers: [signer.verifier], trustedCheckpoints: [trusted]).verify(store)
        #expect(report.firstFailure?.index == 6)
    }
}
