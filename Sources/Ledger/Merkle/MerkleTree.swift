/// An RFC 9162 Merkle tree over a list of leaf hashes held in memory: the root of any prefix, inclusion proofs
/// (`PATH`, §2.1.3.1) and consistency proofs (`PROOF`, §2.1.4.1).
///
/// Building it costs one pass; each proof then costs O(n) hashing at most. For appends and streaming
/// verification use `CompactRange`, which keeps only O(log n) hashes.
public struct MerkleTree: Sendable {
    /// The leaf hashes, in log order.
    public private(set) var leafHashes: [[UInt8]]

    /// A tree over `leafHashes` (each from `MerkleHasher.leafHash`).
    public init(leafHashes: [[UInt8]] = []) {
        self.leafHashes = leafHashes
    }

    /// A tree over raw entries, hashing each as a leaf.
    public init(entries: [[UInt8]]) {
        self.leafHashes = entries.map { MerkleHasher.leafHash($0) }
    }

    /// The number of leaves.
    public var size: UInt64 { UInt64(leafHashes.count) }

    /// Adds one leaf hash.
    public mutating func append(leafHash: [UInt8]) {
        leafHashes.append(leafHash)
    }

    /// `MTH(D[0:size])`: the root of the first `size` leaves (the whole tree by default).
    ///
    /// - Throws: `MerkleProofError.sizeBeyondTree` when `size` exceeds the tree.
    public func rootHash(size: UInt64? = nil) throws(MerkleProofError) -> [UInt8] {
        let size = size ?? self.size
        guard size <= self.size else { throw .sizeBeyondTree(requested: size, treeSize: self.size) }
        if size == 0 { return MerkleHasher.emptyRoot }
        return subtreeHash(0, size)
    }

    /// The inclusion proof (audit path) of leaf `index` in the tree of the first `size` leaves.
    ///
    /// - Throws: `MerkleProofError` when `index >= size` or `size` exceeds the tree.
    public func inclusionProof(index: UInt64, size: UInt64? = nil) throws(MerkleProofError) -> [[UInt8]] {
        let size = size ?? self.size
        guard size <= self.size else { throw .sizeBeyondTree(requested: size, treeSize: self.size) }
        guard index < size else { throw .indexBeyondTree(index: index, treeSize: size) }
        var proof: [[UInt8]] = []
        path(index, 0, size, into: &proof)
        return proof
    }

    /// The consistency proof from the tree of the first `from` leaves to that of the first `to` leaves.
    ///
    /// - Throws: `MerkleProofError` when `from > to` or `to` exceeds the tree.
    public func consistencyProof(from: UInt64, to: UInt64) throws(MerkleProofError) -> [[UInt8]] {
        guard to <= size else { throw .sizeBeyondTree(requested: to, treeSize: size) }
        guard from <= to else { throw .sizesOutOfOrder(from: from, to: to) }
        if from == 0 || from == to { return [] }
        var proof: [[UInt8]] = []
        subproof(from, 0, to, complete: true, into: &proof)
        return proof
    }

    /// `MTH(D[start:start+count])`, count ≥ 1.
    func subtreeHash(_ start: UInt64, _ count: UInt64) -> [UInt8] {
        if count == 1 { return leafHashes[Int(start)] }
        let split = MerkleHasher.splitPoint(count)
        return MerkleHasher.nodeHash(subtreeHash(start, split), subtreeHash(start + split, count - split))
    }

    /// RFC 9162 `PATH(m, D[start:start+count])`, appended bottom-up.
    private func path(_ index: UInt64, _ start: UInt64, _ count: UInt64, into proof: inout [[UInt8]]) {
        if count == 1 { return }
        let split = MerkleHasher.splitPoint(count)
        if index < split {
            path(index, start, split, into: &proof)
            proof.append(subtreeHash(start + split, count - split))
        } else {
            path(index - split, start + split, count - split, into: &proof)
            proof.append(subtreeHash(start, split))
        }
    }

    /// RFC 9162 `SUBPROOF(m, D[start:start+count], b)`.
    private func subproof(
        _ boundary: UInt64,
        _ start: UInt64,
        _ count: UInt64,
        complete: Bool,
        into proof: inout [[UInt8]]
    ) {
        if boundary == count {
            if !complete { proof.append(subtreeHash(start, count)) }
            return
        }
        let split = MerkleHasher.splitPoint(count)
        if boundary <= split {
            subproof(boundary, start, split, complete: complete, into: &proof)
            proof.append(subtreeHash(start + split, count - split))
        } else {
            subproof(boundary - split, start + split, count - split, complete: false, into: &proof)
            proof.append(subtreeHash(start, split))
        }
    }
}

/// Why a proof could not be made or did not verify.
public enum MerkleProofError: Error, Sendable, Equatable, CustomStringConvertible {
    case sizeBeyondTree(requested: UInt64, treeSize: UInt64)
    case indexBeyondTree(index: UInt64, treeSize: UInt64)
    case sizesOutOfOrder(from: UInt64, to: UInt64)
    case wrongHashSize(found: Int)
    case wrongProofLength(expected: Int, found: Int)
    case rootMismatch(expected: String, computed: String)

    public var description: String {
        switch self {
        case .sizeBeyondTree(let requested, let treeSize):
            "tree size \(requested) is beyond the log's \(treeSize) entries"
        case .indexBeyondTree(let index, let treeSize):
            "index \(index) is not in a tree of \(treeSize) entries (indices start at 0)"
        case .sizesOutOfOrder(let from, let to):
            "the first size (\(from)) is larger than the second (\(to)); a log only grows"
        case .wrongHashSize(let found):
            "a hash has \(found) bytes; SHA-256 hashes have 32"
        case .wrongProofLength(let expected, let found):
            "the proof has \(found) hashes; a proof for these sizes has \(expected)"
        case .rootMismatch(let expected, let computed):
            "the proof leads to root \(computed), not \(expected): the entry, the proof or the root has been altered"
        }
    }
}
