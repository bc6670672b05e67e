/// Checks RFC 9162 inclusion (§2.1.3.2) and consistency (§2.1.4.2) proofs without the log: what an auditor or any
/// RFC 6962 client runs against a signed checkpoint.
public enum MerkleProofVerifier {
    /// The root an inclusion proof leads to for `leafHash` at `index` in a tree of `size` leaves.
    ///
    /// - Throws: `MerkleProofError` when the index, size or proof length cannot fit together.
    public static func rootFromInclusionProof(
        index: UInt64,
        size: UInt64,
        leafHash: [UInt8],
        proof: [[UInt8]]
    ) throws(MerkleProofError) -> [UInt8] {
        guard index < size else { throw .indexBeyondTree(index: index, treeSize: size) }
        try checkHashSizes([leafHash] + proof)
        var fn = index
        var sn = size - 1
        var result = leafHash
        for element in proof {
            guard sn != 0 else {
                throw .wrongProofLength(expected: expectedInclusionLength(index, size), found: proof.count)
            }
            if fn & 1 == 1 || fn == sn {
                result = MerkleHasher.nodeHash(element, result)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                result = MerkleHasher.nodeHash(result, element)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else {
            throw .wrongProofLength(expected: expectedInclusionLength(index, size), found: proof.count)
        }
        return result
    }

    /// Checks that `leafHash` is entry `index` of the tree of `size` leaves with root `root`.
    ///
    /// - Throws: `MerkleProofError.rootMismatch` when it is not, or a shape error.
    public static func verifyInclusion(
        index: UInt64,
        size: UInt64,
        leafHash: [UInt8],
        proof: [[UInt8]],
        root: [UInt8]
    ) throws(MerkleProofError) {
        let computed = try rootFromInclusionProof(index: index, size: size, leafHash: leafHash, proof: proof)
        guard computed == root else { throw .rootMismatch(expected: Hex.encode(root), computed: Hex.encode(computed)) }
    }

    /// Checks that the tree of `firstSize` leaves with root `firstRoot` is a prefix of the tree of `secondSize`
    /// leaves with root `secondRoot`.
    ///
    /// - Throws: `MerkleProofError` when it is not, or the proof's shape is wrong.
    public static func verifyConsistency(
        firstSize: UInt64,
        secondSize: UInt64,
        firstRoot: [UInt8],
        secondRoot: [UInt8],
        proof: [[UInt8]]
    ) throws(MerkleProofError) {
        guard firstSize <= secondSize else { throw .sizesOutOfOrder(from: firstSize, to: secondSize) }
        try checkHashSizes(proof)
        if firstSize == secondSize {
            guard proof.isEmpty else { throw .wrongProofLength(expected: 0, found: proof.count) }
            guard firstRoot == secondRoot else {
                throw .rootMismatch(expected: Hex.encode(secondRoot), computed: Hex.encode(firstRoot))
            }
            return
        }
        if firstSize == 0 {
            // Every tree extends the empty tree; RFC 9162 defines no proof for it.
            guard proof.isEmpty else { throw .wrongProofLength(expected: 0, found: proof.count) }
            return
        }
        try checkHashSizes([firstRoot, secondRoot])
        guard !proof.isEmpty else { throw .wrongProofLength(expected: 1, found: 0) }
        var path = proof
        if firstSize & (firstSize - 1) == 0 { path.insert(firstRoot, at: 0) }
        var fn = firstSize - 1
        var sn = secondSize - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var firstResult = path[0]
        var secondResult = path[0]
        for element in path.dropFirst() {
            guard sn != 0 else { throw .wrongProofLength(expected: path.count - 1, found: proof.count) }
            if fn & 1 == 1 || fn == sn {
                firstResult = MerkleHasher.nodeHash(element, firstResult)
                secondResult = MerkleHasher.nodeHash(element, secondResult)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                secondResult = MerkleHasher.nodeHash(secondResult, element)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else { throw .wrongProofLength(expected: proof.count + 1, found: proof.count) }
        guard firstResult == firstRoot else {
            throw .rootMismatch(expected: Hex.encode(firstRoot), computed: Hex.encode(firstResult))
        }
        guard secondResult == secondRoot else {
            throw .rootMismatch(expected: Hex.encode(secondRoot), computed: Hex.encode(secondResult))
        }
    }

    private static func checkHashSizes(_ hashes: [[UInt8]]) throws(MerkleProofError) {
        for hash in hashes where hash.count != MerkleHasher.hashSize { throw .wrongHashSize(found: hash.count) }
    }

    /// The length of a correct inclusion proof (for messages): the bits of `index ^ (size-1)` plus the ones below.
    static func expectedInclusionLength(_ index: UInt64, _ size: UInt64) -> Int {
        guard index < size, size > 1 else { return 0 }
        let inner = 64 - (index ^ (size - 1)).leadingZeroBitCount
        let border = (index >> UInt64(inner)).nonzeroBitCount
        return inner + border
    }
}
