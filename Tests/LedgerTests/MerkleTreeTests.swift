import Ledger
import Testing

/// The Certificate Transparency reference vectors: roots of sizes 0–8 and known proofs over the 8 standard leaves.
///
/// Source: transparency-dev/merkle `testonly/constants.go` (LeafInputs,
/// RootHashes) and `proof/verify_test.go` (inclusionProofs, consistencyProofs), which carry over
/// google/certificate-transparency's `merkle_tree_test.cc`. Their leaf numbers are 1-based; indices here are 0-based.
@Suite struct MerkleTreeTests {
    static func hex(_ text: String) -> [UInt8] { Hex.decode(text) ?? [] }

    static let leaves: [[UInt8]] = [
        "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f",
    ].map(hex)

    static let roots: [[UInt8]] = [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ].map(hex)

    struct InclusionVector: Sendable, CustomTestStringConvertible {
        var index: UInt64
        var size: UInt64
        var proof: [String]
        var testDescription: String { "leaf \(index) of \(size)" }
    }

    static let inclusionVectors: [InclusionVector] = [
        InclusionVector(index: 0, size: 1, proof: []),
        InclusionVector(
            index: 0,
            size: 8,
            proof: [
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ]
        ),
        InclusionVector(
            index: 5,
            size: 8,
            proof: [
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ]
        ),
        InclusionVector(
            index: 2,
            size: 3,
            proof: ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]
        ),
        InclusionVector(
            index: 1,
            size: 5,
            proof: [
                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ]
        ),
    ]

    struct ConsistencyVector: Sendable, CustomTestStringConvertible {
        var from: UInt64
        var to: UInt64
        var proof: [String]
        var testDescription: String { "\(from) → \(to)" }
    }

    static let consistencyVectors: [ConsistencyVector] = [
        ConsistencyVector(from: 1, to: 1, proof: []),
        ConsistencyVector(
            from: 1,
            to: 8,
            proof: [
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ]
        ),
        ConsistencyVector(
            from: 6,
            to: 8,
            proof: [
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ]
        ),
        ConsistencyVector(
            from: 2,
            to: 5,
            proof: [
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ]
        ),
        ConsistencyVector(
            from: 6,
            to: 7,
            proof: [
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ]
        ),
    ]

    @Test("roots of trees of sizes 0 to 8 over the standard leaves", arguments: 0...8)
    func roots(size: Int) throws {
        let tree = MerkleTree(entries: Array(Self.leaves.prefix(size)))
        #expect(try tree.rootHash() == Self.roots[size])
        var compact = CompactRange()
        for leaf in Self.leaves.prefix(size) { compact.append(leafHash: MerkleHasher.leafHash(leaf)) }
        #expect(compact.rootHash == Self.roots[size])
        #expect(compact.hashes.count == size.nonzeroBitCount)
    }

    @Test("inclusion proofs match the reference and verify", arguments: inclusionVectors)
    func inclusion(vector: InclusionVector) throws {
        let tree = MerkleTree(entries: Self.leaves)
        let proof = try tree.inclusionProof(index: vector.index, size: vector.size)
        #expect(proof == vector.proof.map(Self.hex))
        let leafHash = MerkleHasher.leafHash(Self.leaves[Int(vector.index)])
        try MerkleProofVerifier.verifyInclusion(
            index: vector.index,
            size: vector.size,
            leafHash: leafHash,
            proof: proof,
            root: Self.roots[Int(vector.size)]
        )
    }

    @Test("consistency proofs match the reference and verify", arguments: consistencyVectors)
    func consistency(vector: ConsistencyVector) throws {
        let tree = MerkleTree(entries: Self.leaves)
        let proof = try tree.consistencyProof(from: vector.from, to: vector.to)
        #expect(proof == vector.proof.map(Self.hex))
        try MerkleProofVerifier.verifyConsistency(
            firstSize: vector.from,
            secondSize: vector.to,
            firstRoot: Self.roots[Int(vector.from)],
            secondRoot: Self.roots[Int(vector.to)],
            proof: proof
        )
    }

    @Test("every proof of every pair of sizes up to 8 round-trips through the verifiers")
    func exhaustive() throws {
        let tree = MerkleTree(entries: Self.leaves)
        for size in UInt64(1)...8 {
            for index in 0..<size {
                let proof = try tree.inclusionProof(index: index, size: size)
                let leafHash = MerkleHasher.leafHash(Self.leaves[Int(index)])
                try MerkleProofVerifier.verifyInclusion(
                    index: index,
                    size: size,
                    leafHash: leafHash,
                    proof: proof,
                    root: Self.roots[Int(size)]
                )
                // A wrong index must not verify.
                if size > 1 {
                    #expect(throws: MerkleProofError.self) {
                        try MerkleProofVerifier.verifyInclusion(
                            index: (index + 1) % size,
                            size: size,
                            leafHash: leafHash,
                            proof: proof,
                            root: Self.roots[Int(size)]
                        )
                    }
                }
            }
            for from in 0...size {
                let proof = try tree.consistencyProof(from: from, to: size)
                try MerkleProofVerifier.verifyConsistency(
                    firstSize: from,
                    secondSize: size,
                    firstRoot: Self.roots[Int(from)],
                    secondRoot: Self.roots[Int(size)],
                    proof: proof
                )
            }
        }
    }

    @Test("corrupted inclusion proofs fail (the reference test's probes)")
    func corruptedInclusion() throws {
        let tree = MerkleTree(entries: Self.leaves)
        let proof = try tree.inclusionProof(index: 5, size: 8)
        let leafHash = MerkleHasher.leafHash(Self.leaves[5])
        let root = Self.roots[8]
        var probes: [(UInt64, UInt64, [UInt8], [[UInt8]], [UInt8])] = [
            (4, 8, leafHash, proof, root), (6, 8, leafHash, proof, root), (5 ^ 2, 8, leafHash, proof, root),
            (5, 16, leafHash, proof, root), (5, 4, leafHash, proof, root),
            (5, 8, MerkleHasher.leafHash([1]), proof, root), (5, 8, leafHash, proof, Self.roots[0]),
            (5, 8, leafHash, proof + [root], root), (5, 8, leafHash, [root] + proof, root),
            (5, 8, leafHash, Array(proof.dropLast()), root),
        ]
        for position in proof.indices {
            var flipped = proof
            flipped[position][0] ^= 8
            probes.append((5, 8, leafHash, flipped, root))
        }
        for (index, size, leaf, path, expectedRoot) in probes {
            #expect(throws: MerkleProofError.self) {
                try MerkleProofVerifier.verifyInclusion(
                    index: index,
                    size: size,
                    leafHash: leaf,
                    proof: path,
                    root: expectedRoot
                )
            }
        }
    }

    @Test("corrupted consistency proofs fail (the reference test's probes)")
    func corruptedConsistency() throws {
        let tree = MerkleTree(entries: Self.leaves)
        let proof = try tree.consistencyProof(from: 6, to: 8)
        let first = Self.roots[6]
        let second = Self.roots[8]
        var probes: [(UInt64, UInt64, [UInt8], [UInt8], [[UInt8]])] = [
            (5, 8, first, second, proof), (7, 8, first, second, proof), (6 ^ 2, 8, first, second, proof),
            (6, 16, first, second, proof), (6, 4, first, second, proof), (6, 8, second, second, proof),
            (6, 8, first, first, proof), (6, 8, second, first, proof), (6, 8, first, second, []),
            (6, 8, first, second, proof + [first]), (6, 8, first, second, [second] + proof),
            (6, 8, first, second, [proof[0]] + proof), (6, 8, first, second, Array(proof.dropLast())),
        ]
        for position in proof.indices {
            var flipped = proof
            flipped[position][0] ^= 16
            probes.append((6, 8, first, second, flipped))
        }
        for (from, to, firstRoot, secondRoot, path) in probes {
            #expect(throws: MerkleProofError.self) {
                try MerkleProofVerifier.verifyConsistency(
                    firstSize: from,
                    secondSize: to,
                    firstRoot: firstRoot,
                    secondRoot: secondRoot,
                    proof: path
                )
            }
        }
    }

    @Test("a compact range restored from its hashes continues like the original")
    func compactRestore() throws {
        var original = CompactRange()
        for leaf in Self.leaves.prefix(5) { original.append(leafHash: MerkleHasher.leafHash(leaf)) }
        var restored = try CompactRange(size: original.size, hashes: original.hashes)
        for leaf in Self.leaves.dropFirst(5) { restored.append(leafHash: MerkleHasher.leafHash(leaf)) }
        #expect(restored.rootHash == Self.roots[8])
        #expect(throws: MerkleProofError.self) { try CompactRange(size: 3, hashes: [Self.roots[1]]) }
    }

    @Test("a 1,000-leaf tree: the compact range agrees with the recursive root at every size")
    func largerTree() throws {
        let entries = (0..<1000).map { Array("entry \($0)".utf8) }
        let tree = MerkleTree(entries: entries)
        var compact = CompactRange()
        for (position, entry) in entries.enumerated() {
            compact.append(leafHash: MerkleHasher.leafHash(entry))
            if position % 97 == 0 || position == 999 {
                #expect(compact.rootHash == (try tree.rootHash(size: UInt64(position + 1))))
            }
        }
        let proof = try tree.inclusionProof(index: 777, size: 1000)
        #expect(proof.count == 10)
    }
}
