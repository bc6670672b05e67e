import Foundation

/// An inclusion proof in the JSON form `slipway ledger prove` writes and `verify-proof` reads: RFC 9162 audit path,
/// hashes in base64 (as RFC 6962's `get-proof-by-hash` returns them), plus the entry and the signed checkpoint the
/// root comes from, so it can be checked without the ledger.
public struct InclusionProofDocument: Codable, Sendable, Equatable {
    /// The document type and version.
    public static let formatName = "slipway-ledger-inclusion-proof/v1"

    public var format: String
    /// The log's origin.
    public var origin: String
    /// The entry's index, from 0.
    public var leafIndex: UInt64
    /// The size of the tree the proof is for.
    public var treeSize: UInt64
    /// The entry's canonical JSON, when included.
    public var entry: String?
    /// `SHA-256(0x00 || entry)`, base64.
    public var leafHash: String
    /// The audit path, bottom-up, base64.
    public var auditPath: [String]
    /// The root of the tree of `treeSize` entries, base64.
    public var rootHash: String
    /// The signed checkpoint for `treeSize`, when the ledger has one.
    public var checkpoint: String?
}

/// A consistency proof in the JSON form `slipway ledger consistency` writes and `verify-proof` reads.
public struct ConsistencyProofDocument: Codable, Sendable, Equatable {
    /// The document type and version.
    public static let formatName = "slipway-ledger-consistency-proof/v1"

    public var format: String
    /// The log's origin.
    public var origin: String
    /// The older tree size.
    public var firstSize: UInt64
    /// The newer tree size.
    public var secondSize: UInt64
    /// The older root, base64.
    public var firstRoot: String
    /// The newer root, base64.
    public var secondRoot: String
    /// The RFC 9162 consistency path, base64.
    public var consistency: [String]
    /// The signed checkpoint for `firstSize`, when the ledger has one.
    public var firstCheckpoint: String?
    /// The signed checkpoint for `secondSize`, when the ledger has one.
    public var secondCheckpoint: String?
}

/// Makes and checks proof documents.
public enum LedgerProofs {
    static func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }

    static func bytes(_ text: String, field: String) throws(ProofDocumentError) -> [UInt8] {
        guard let data = Data(base64Encoded: text) else { throw .invalid("'\(field)' is not base64") }
        return Array(data)
    }

    /// The largest stored checkpoint note at exactly `size`, if any.
    static func checkpointNote(_ ledger: Ledger, size: UInt64) async throws -> String? {
        try await ledger.store.checkpoints().last { $0.size == size }?.note
    }

    /// The inclusion proof of entry `index`: against `treeSize` when given, else the newest checkpoint that covers
    /// the entry, else the whole log.
    ///
    /// - Throws: `MerkleProofError` for an index or size outside the log; what reading the ledger throws.
    public static func inclusion(
        _ ledger: Ledger,
        index: UInt64,
        treeSize: UInt64? = nil
    ) async throws
        -> InclusionProofDocument
    {
        guard let manifest = try await ledger.store.manifest() else {
            throw LedgerStoreError.notFound(path: ledger.store.location)
        }
        var entry: [UInt8]?
        var tree = MerkleTree()
        let summary = try await ledger.store.read { record in
            tree.append(leafHash: record.leafHash)
            if record.index == index { entry = Array(record.entry) }
        }
        let checkpointSizes = try await ledger.store.checkpoints().map(\.size).filter {
            $0 > index && $0 <= summary.size
        }
        let size = treeSize ?? checkpointSizes.max() ?? summary.size
        let proof = try tree.inclusionProof(index: index, size: size)
        return InclusionProofDocument(
            format: InclusionProofDocument.formatName,
            origin: manifest.origin,
            leafIndex: index,
            treeSize: size,
            entry: entry.map { String(decoding: $0, as: UTF8.self) },
            leafHash: base64(tree.leafHashes[Int(index)]),
            auditPath: proof.map(base64),
            rootHash: base64(try tree.rootHash(size: size)),
            checkpoint: try await checkpointNote(ledger, size: size)
        )
    }

    /// The consistency proof between two sizes of the log (`to` defaults to the log's size).
    ///
    /// - Throws: `MerkleProofError` for sizes out of order or beyond the log.
    public static func consistency(
        _ ledger: Ledger,
        from: UInt64,
        to: UInt64?
    ) async throws
        -> ConsistencyProofDocument
    {
        guard let manifest = try await ledger.store.manifest() else {
            throw LedgerStoreError.notFound(path: ledger.store.location)
        }
        let (tree, summary) = try await ledger.tree()
        let to = to ?? summary.size
        let proof = try tree.consistencyProof(from: from, to: to)
        return ConsistencyProofDocument(
            format: ConsistencyProofDocument.formatName,
            origin: manifest.origin,
            firstSize: from,
            secondSize: to,
            firstRoot: base64(try tree.rootHash(size: from)),
            secondRoot: base64(try tree.rootHash(size: to)),
            consistency: proof.map(base64),
            firstCheckpoint: try await checkpointNote(ledger, size: from),
            secondCheckpoint: try await checkpointNote(ledger, size: to)
        )
    }

    /// Checks an inclusion proof: the entry hashes to the leaf hash, the path leads to the root, and (given keys)
    /// the root and size are those of a checkpoint signed by a trusted key for the same origin.
    ///
    /// - Throws: `ProofDocumentError`, `MerkleProofError` or `CheckpointError` saying what does not hold.
    public static func verify(_ document: InclusionProofDocument, verifiers: [any CheckpointVerifier]) throws {
        let leafHash = try bytes(document.leafHash, field: "leafHash")
        if let entry = document.entry, MerkleHasher.leafHash(Array(entry.utf8)) != leafHash {
            throw ProofDocumentError.invalid("'entry' does not hash to 'leafHash' (the entry was altered)")
        }
        var path: [[UInt8]] = []
        for (position, element) in document.auditPath.enumerated() {
            path.append(try bytes(element, field: "auditPath[\(position)]"))
        }
        let root = try bytes(document.rootHash, field: "rootHash")
        try MerkleProofVerifier.verifyInclusion(
            index: document.leafIndex,
            size: document.treeSize,
            leafHash: leafHash,
            proof: path,
            root: root
        )
        try checkSigned(
            document.checkpoint,
            field: "checkpoint",
            origin: document.origin,
            size: document.treeSize,
            root: root,
            verifiers: verifiers
        )
    }

    /// Checks a consistency proof, and (given keys) the checkpoints of both sizes.
    ///
    /// - Throws: `ProofDocumentError`, `MerkleProofError` or `CheckpointError` saying what does not hold.
    public static func verify(_ document: ConsistencyProofDocument, verifiers: [any CheckpointVerifier]) throws {
        var path: [[UInt8]] = []
        for (position, element) in document.consistency.enumerated() {
            path.append(try bytes(element, field: "consistency[\(position)]"))
        }
        let first = try bytes(document.firstRoot, field: "firstRoot")
        let second = try bytes(document.secondRoot, field: "secondRoot")
        try MerkleProofVerifier.verifyConsistency(
            firstSize: document.firstSize,
            secondSize: document.secondSize,
            firstRoot: first,
            secondRoot: second,
            proof: path
        )
        if document.firstSize > 0 {
            try checkSigned(
                document.firstCheckpoint,
                field: "firstCheckpoint",
                origin: document.origin,
                size: document.firstSize,
                root: first,
                verifiers: verifiers
            )
        }
        try checkSigned(
            document.secondCheckpoint,
            field: "secondCheckpoint",
            origin: document.origin,
            size: document.secondSize,
            root: second,
            verifiers: verifiers
        )
    }

    private static func checkSigned(
        _ note: String?,
        field: String,
        origin: String,
        size: UInt64,
        root: [UInt8],
        verifiers: [any CheckpointVerifier]
    ) throws {
        guard !verifiers.isEmpty else { return }
        guard let note else {
            throw ProofDocumentError.invalid(
                "no '\(field)': the root is not tied to a signed checkpoint; prove against a signed size"
            )
        }
        let parsed = try SignedNote(parsing: note)
        try parsed.verify(with: verifiers)
        let checkpoint = try Checkpoint(body: parsed.text)
        guard checkpoint.origin == origin else {
            throw CheckpointError.originMismatch(expected: origin, found: checkpoint.origin)
        }
        guard checkpoint.size == size, checkpoint.rootHash == root else {
            throw ProofDocumentError.invalid("'\(field)' is for size \(checkpoint.size) with another root")
        }
    }
}

/// Why a proof document cannot be checked.
public enum ProofDocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A field is missing or wrong.
    case invalid(String)
    /// Not a document this build reads.
    case unknownFormat(String)

    public var description: String {
        switch self {
        case .invalid(let reason): "invalid proof: \(reason)"
        case .unknownFormat(let format):
            "unknown proof format '\(format)'; expected \(InclusionProofDocument.formatName) or "
                + "\(ConsistencyProofDocument.formatName)"
        }
    }
}
