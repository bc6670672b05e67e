import Foundation
import Ledger
import SlipwayCore
import Testing

/// Proof documents made from a directory ledger and checked without it.
@Suite struct ProofDocumentTests {
    static func ledger(_ root: String) async throws -> (Ledger, Ed25519CheckpointSigner) {
        let signer = try LedgerFixtures.signer()
        let ledger = Ledger(store: DirectoryLedgerStore(path: root))
        try await ledger.append((0..<6).map { LedgerFixtures.event($0) }, origin: LedgerFixtures.origin, signer: signer)
        try await ledger.append((6..<9).map { LedgerFixtures.event($0) }, origin: LedgerFixtures.origin, signer: signer)
        return (ledger, signer)
    }

    @Test("an inclusion proof defaults to the newest checkpoint and verifies against the signer's key only")
    func inclusion() async throws {
        let root = try LedgerFixtures.temporaryDirectory()
        defer { LedgerFixtures.remove(root) }
        let (ledger, signer) = try await Self.ledger(root)
        let document = try await LedgerProofs.inclusion(ledger, index: 4)
        #expect(document.treeSize == 9)
        #expect(document.auditPath.count == 4)
        #expect(document.entry == String(decoding: try LedgerFixtures.event(4).canonicalBytes(), as: UTF8.self))
        try LedgerProofs.verify(document, verifiers: [signer.verifier])
        #expect(throws: CheckpointError.self) {
            try LedgerProofs.verify(document, verifiers: [try LedgerFixtures.signer().verifier])
        }
        var otherLog = document
        otherLog.origin = "example.com/another-log"
        #expect(
            throws: CheckpointError.originMismatch(expected: "example.com/another-log", found: LedgerFixtures.origin)
        ) {
            try LedgerProofs.verify(otherLog, verifiers: [signer.verifier])
        }
        let unsignedSize = try await LedgerProofs.inclusion(ledger, index: 4, treeSize: 7)
        #expect(unsignedSize.checkpoint == nil)
        try LedgerProofs.verify(unsignedSize, verifiers: [])
        #expect(throws: ProofDocumentError.self) { try LedgerProofs.verify(unsignedSize, verifiers: [signer.verifier]) }
    }

    @Test("a consistency proof between two signed sizes verifies; swapped roots do not")
    func consistency() async throws {
        let root = try LedgerFixtures.temporaryDirectory()
        defer { LedgerFixtures.remove(root) }
        let (ledger, signer) = try await Self.ledger(root)
        let document = try await LedgerProofs.consistency(ledger, from: 6, to: nil)
        #expect(document.secondSize == 9)
        #expect(document.firstCheckpoint != nil && document.secondCheckpoint != nil)
        try LedgerProofs.verify(document, verifiers: [signer.verifier])
        var swapped = document
        swapped.firstRoot = document.secondRoot
        swapped.secondRoot = document.firstRoot
        #expect(throws: MerkleProofError.self) { try LedgerProofs.verify(swapped, verifiers: []) }
        await #expect(throws: MerkleProofError.sizesOutOfOrder(from: 9, to: 6)) {
            try await LedgerProofs.consistency(ledger, from: 9, to: 6)
        }
    }

    @Test("CSV export quotes fields with commas, quotes and newlines (RFC 4180)")
    func csvQuoting() throws {
        var event = LedgerFixtures.event(1)
        event.result = "failed, \"badly\"\nsee log"
        let csv = try LedgerCSV.render([IndexedEvent(index: 0, event: event, leafHash: [0xAB])])
        let rows = csv.components(separatedBy: "\r\n")
        #expect(rows.count == 3)
        #expect(rows[1].contains("\"failed, \"\"badly\"\"\nsee log\""))
        #expect(rows[1].hasSuffix(",ab"))
    }
}
