/// The right edge of a growing Merkle tree: the roots of its perfect subtrees, largest first.
///
/// There is one root per set bit of the size. Appending is O(log n) amortised and the root costs O(log n), so a log of any length is hashed in one
/// streaming pass with a few dozen hashes of memory.
public struct CompactRange: Sendable, Equatable {
    /// The number of leaves covered.
    public private(set) var size: UInt64
    /// The perfect-subtree roots, left to right (sizes are the set bits of `size`, largest first).
    public private(set) var hashes: [[UInt8]]

    /// The empty range.
    public init() {
        size = 0
        hashes = []
    }

    /// A range restored from a stored size and subtree roots.
    ///
    /// - Throws: `MerkleProofError.wrongProofLength` when the count of hashes is not the count of set bits of
    ///   `size`, or `.wrongHashSize` for a hash that is not 32 bytes.
    public init(size: UInt64, hashes: [[UInt8]]) throws(MerkleProofError) {
        guard hashes.count == size.nonzeroBitCount else {
            throw .wrongProofLength(expected: size.nonzeroBitCount, found: hashes.count)
        }
        for hash in hashes where hash.count != MerkleHasher.hashSize { throw .wrongHashSize(found: hash.count) }
        self.size = size
        self.hashes = hashes
    }

    /// Adds one leaf hash, merging equal-sized subtrees as a binary counter carries.
    public mutating func append(leafHash: [UInt8]) {
        var carry = leafHash
        var level = 0
        while size >> UInt64(level) & 1 == 1 {
            carry = MerkleHasher.nodeHash(hashes.removeLast(), carry)
            level += 1
        }
        hashes.append(carry)
        size += 1
    }

    /// The root of the tree of `size` leaves (RFC 9162 `MTH`), folding the subtree roots right to left.
    public var rootHash: [UInt8] {
        guard var result = hashes.last else { return MerkleHasher.emptyRoot }
        for hash in hashes.dropLast().reversed() { result = MerkleHasher.nodeHash(hash, result) }
        return result
    }
}
