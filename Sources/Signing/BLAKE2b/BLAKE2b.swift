/// BLAKE2b (RFC 7693), unkeyed, with a streaming interface.
///
/// minisign hashes whole files with BLAKE2b-512 before signing them ("prehashed" signatures) and checks secret keys
/// with BLAKE2b-256, and neither swift-crypto nor BoringSSL provides it. The compression function is unrolled with
/// the message schedule written out, works on local variables and wrapping arithmetic, and allocates nothing per
/// block, because it dominates the time to sign a large artifact.
public struct BLAKE2b: Sendable {
    /// The block size in bytes.
    public static let blockByteCount = 128

    private static let iv: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (
        0x6A09_E667_F3BC_C908, 0xBB67_AE85_84CA_A73B, 0x3C6E_F372_FE94_F82B, 0xA54F_F53A_5F1D_36F1,
        0x510E_527F_ADE6_82D1, 0x9B05_688C_2B3E_6C1F, 0x1F83_D9AB_FB41_BD6B, 0x5BE0_CD19_137E_2179
    )

    /// The digest length in bytes (1...64).
    public let outputByteCount: Int
    private var h0: UInt64
    private var h1: UInt64
    private var h2: UInt64
    private var h3: UInt64
    private var h4: UInt64
    private var h5: UInt64
    private var h6: UInt64
    private var h7: UInt64
    /// Bytes compressed so far (the RFC's 128-bit counter `t`, low and high words).
    private var countLow: UInt64 = 0
    private var countHigh: UInt64 = 0
    /// The pending block: BLAKE2b must know which block is last, so a full block waits here until more input
    /// arrives or `finalize` runs.
    private var buffer = Block()
    private var bufferCount = 0

    /// Starts a hash with an `outputByteCount`-byte digest (64 for BLAKE2b-512, 32 for BLAKE2b-256).
    ///
    /// - Precondition: `outputByteCount` is in 1...64.
    public init(outputByteCount: Int = 64) {
        precondition((1...64).contains(outputByteCount), "BLAKE2b digests are 1 to 64 bytes")
        self.outputByteCount = outputByteCount
        // Parameter block word 0: digest length, key length 0, fanout 1, depth 1.
        h0 = Self.iv.0 ^ 0x0101_0000 ^ UInt64(outputByteCount)
        h1 = Self.iv.1
        h2 = Self.iv.2
        h3 = Self.iv.3
        h4 = Self.iv.4
        h5 = Self.iv.5
        h6 = Self.iv.6
        h7 = Self.iv.7
    }

    /// The BLAKE2b digest of `bytes`.
    public static func hash(_ bytes: some Sequence<UInt8>, outputByteCount: Int = 64) -> [UInt8] {
        var hasher = BLAKE2b(outputByteCount: outputByteCount)
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Adds `bytes` to the hash.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if done == nil {
            Array(bytes).withUnsafeBytes { update($0) }
        }
    }

    /// Adds the bytes in `input` to the hash.
    public mutating func update(_ input: UnsafeRawBufferPointer) {
        var input = input[...]
        let blockSize = Self.blockByteCount
        if input.isEmpty { return }
        if bufferCount > 0 || input.count <= blockSize {
            let take = min(blockSize - bufferCount, input.count)
            let start = bufferCount
            withUnsafeMutableBytes(of: &buffer) { block in
                UnsafeMutableRawBufferPointer(rebasing: block[start..<start + take])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: input.prefix(take)))
            }
            bufferCount += take
            input = input.dropFirst(take)
            if input.isEmpty { return }
            // The buffer is full and more input follows, so it is not the last block.
            var block = buffer
            withUnsafeBytes(of: &block) { compress($0[...], byteCount: blockSize, isLast: false) }
            bufferCount = 0
        }
        // Whole blocks straight from the input, keeping at least one byte back for the final block.
        while input.count > blockSize {
            compress(input.prefix(blockSize), byteCount: blockSize, isLast: false)
            input = input.dropFirst(blockSize)
        }
        withUnsafeMutableBytes(of: &buffer) { block in
            UnsafeMutableRawBufferPointer(rebasing: block[0..<input.count])
                .copyMemory(from: UnsafeRawBufferPointer(rebasing: input))
        }
        bufferCount = input.count
    }

    /// The digest; the hash cannot be updated afterwards.
    public consuming func finalize() -> [UInt8] {
        var block = buffer
        let count = bufferCount
        withUnsafeMutableBytes(of: &block) { bytes in
            // Zero-pad the last block.
            for index in count..<Self.blockByteCount { bytes[index] = 0 }
        }
        withUnsafeBytes(of: &block) { compress($0[...], byteCount: count, isLast: true) }
        var digest = [UInt8](repeating: 0, count: 64)
        let words = [h0, h1, h2, h3, h4, h5, h6, h7]
        for (index, word) in words.enumerated() {
            for byte in 0..<8 { digest[index * 8 + byte] = UInt8(truncatingIfNeeded: word &>> UInt64(byte * 8)) }
        }
        return Array(digest.prefix(outputByteCount))
    }

    /// The compression function F: mixes the 128-byte `block` into the state; `byteCount` is how many
    /// of its bytes are input (the rest is padding).
    private mutating func compress(_ block: Slice<UnsafeRawBufferPointer>, byteCount: Int, isLast: Bool) {
        let block = UnsafeRawBufferPointer(rebasing: block)
        let (newLow, overflow) = countLow.addingReportingOverflow(UInt64(byteCount))
        countLow = newLow
        if overflow { countHigh &+= 1 }
        let m0 = UInt64(littleEndian: block.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
        let m1 = UInt64(littleEndian: block.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        let m2 = UInt64(littleEndian: block.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
        let m3 = UInt64(littleEndian: block.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
        let m4 = UInt64(littleEndian: block.loadUnaligned(fromByteOffset: 32, as: UInt64.self))
        let m5 = UInt64(littleEndian: block.loadUnaligned(fromByteOffset: 40, as: UInt64.self))
        let m6 = UInt64(littleEndian: block.loadUnaligned(fromByteOffset: 48, as: UInt64.self))
        let m7 = UInt64(littleEndian: block.loadUnaligned(fromByteOffset: 56, as: UInt64.self))
        let m8 = UInt64(littleEndian: block.loadUnaligned(fromByteOffset: 64, as: UInt64.self))
        let m9 = UInt64(littleEndian: block.loadUnaligned(fromByteOffset: 72, as: UInt64.self))
        let m10 = UInt64(littleEndian: block.loadUnaligned(fromByteOffset: 80, as: UInt64.self))
        let m11 = UInt64(littleEndian: block.loadUnaligned(fromByteOffset: 88, as: UInt64.self))
        let m12 = UInt64(littleEndian: block.loadUnaligned(fromByteOffset: 96, as: UInt64.self))
        let m13 = UInt64(littleEndian: block.loadUnaligned(fromByteOffset: 104, as: UInt64.self))
        let m14 = UInt64(littleEndian: block.loadUnaligned(fromByteOffset: 112, as: UInt64.self))
        let m15 = UInt64(littleEndian: block.loadUnaligned(fromByteOffset: 120, as: UInt64.self))
        var v0 = h0
        var v1 = h1
        var v2 = h2
        var v3 = h3
        var v4 = h4
        var v5 = h5
        var v6 = h6
        var v7 = h7
        var v8 = Self.iv.0
        var v9 = Self.iv.1
        var v10 = Self.iv.2
        var v11 = Self.iv.3
        var v12 = Self.iv.4 ^ countLow
        var v13 = Self.iv.5 ^ countHigh
        var v14 = isLast ? ~Self.iv.6 : Self.iv.6
        var v15 = Self.iv.7
        // Round 1.
        mix(&v0, &v4, &v8, &v12, m0, m1)
        mix(&v1, &v5, &v9, &v13, m2, m3)
        mix(&v2, &v6, &v10, &v14, m4, m5)
        mix(&v3, &v7, &v11, &v15, m6, m7)
        mix(&v0, &v5, &v10, &v15, m8, m9)
        mix(&v1, &v6, &v11, &v12, m10, m11)
        mix(&v2, &v7, &v8, &v13, m12, m13)
        mix(&v3, &v4, &v9, &v14, m14, m15)
        // Round 2.
        mix(&v0, &v4, &v8, &v12, m14, m10)
        mix(&v1, &v5, &v9, &v13, m4, m8)
        mix(&v2, &v6, &v10, &v14, m9, m15)
        mix(&v3, &v7, &v11, &v15, m13, m6)
        mix(&v0, &v5, &v10, &v15, m1, m12)
        mix(&v1, &v6, &v11, &v12, m0, m2)
        mix(&v2, &v7, &v8, &v13, m11, m7)
        mix(&v3, &v4, &v9, &v14, m5, m3)
        // Round 3.
        mix(&v0, &v4, &v8, &v12, m11, m8)
        mix(&v1, &v5, &v9, &v13, m12, m0)
        mix(&v2, &v6, &v10, &v14, m5, m2)
        mix(&v3, &v7, &v11, &v15, m15, m13)
        mix(&v0, &v5, &v10, &v15, m10, m14)
        mix(&v1, &v6, &v11, &v12, m3, m6)
        mix(&v2, &v7, &v8, &v13, m7, m1)
        mix(&v3, &v4, &v9, &v14, m9, m4)
        // Round 4.
        mix(&v0, &v4, &v8, &v12, m7, m9)
        mix(&v1, &v5, &v9, &v13, m3, m1)
        mix(&v2, &v6, &v10, &v14, m13, m12)
        mix(&v3, &v7, &v11, &v15, m11, m14)
        mix(&v0, &v5, &v10, &v15, m2, m6)
        mix(&v1, &v6, &v11, &v12, m5, m10)
        mix(&v2, &v7, &v8, &v13, m4, m0)
        mix(&v3, &v4, &v9, &v14, m15, m8)
        // Round 5.
        mix(&v0, &v4, &v8, &v12, m9, m0)
        mix(&v1, &v5, &v9, &v13, m5, m7)
        mix(&v2, &v6, &v10, &v14, m2, m4)
        mix(&v3, &v7, &v11, &v15, m10, m15)
        mix(&v0, &v5, &v10, &v15, m14, m1)
        mix(&v1, &v6, &v11, &v12, m11, m12)
        mix(&v2, &v7, &v8, &v13, m6, m8)
        mix(&v3, &v4, &v9, &v14, m3, m13)
        // Round 6.
        mix(&v0, &v4, &v8, &v12, m2, m12)
        mix(&v1, &v5, &v9, &v13, m6, m10)
        mix(&v2, &v6, &v10, &v14, m0, m11)
        mix(&v3, &v7, &v11, &v15, m8, m3)
        mix(&v0, &v5, &v10, &v15, m4, m13)
        mix(&v1, &v6, &v11, &v12, m7, m5)
        mix(&v2, &v7, &v8, &v13, m15, m14)
        mix(&v3, &v4, &v9, &v14, m1, m9)
        // Round 7.
        mix(&v0, &v4, &v8, &v12, m12, m5)
        mix(&v1, &v5, &v9, &v13, m1, m15)
        mix(&v2, &v6, &v10, &v14, m14, m13)
        mix(&v3, &v7, &v11, &v15, m4, m10)
        mix(&v0, &v5, &v10, &v15, m0, m7)
        mix(&v1, &v6, &v11, &v12, m6, m3)
        mix(&v2, &v7, &v8, &v13, m9, m2)
        mix(&v3, &v4, &v9, &v14, m8, m11)
        // Round 8.
        mix(&v0, &v4, &v8, &v12, m13, m11)
        mix(&v1, &v5, &v9, &v13, m7, m14)
        mix(&v2, &v6, &v10, &v14, m12, m1)
        mix(&v3, &v7, &v11, &v15, m3, m9)
        mix(&v0, &v5, &v10, &v15, m5, m0)
        mix(&v1, &v6, &v11, &v12, m15, m4)
        mix(&v2, &v7, &v8, &v13, m8, m6)
        mix(&v3, &v4, &v9, &v14, m2, m10)
        // Round 9.
        mix(&v0, &v4, &v8, &v12, m6, m15)
        mix(&v1, &v5, &v9, &v13, m14, m9)
        mix(&v2, &v6, &v10, &v14, m11, m3)
        mix(&v3, &v7, &v11, &v15, m0, m8)
        mix(&v0, &v5, &v10, &v15, m12, m2)
        mix(&v1, &v6, &v11, &v12, m13, m7)
        mix(&v2, &v7, &v8, &v13, m1, m4)
        mix(&v3, &v4, &v9, &v14, m10, m5)
        // Round 10.
        mix(&v0, &v4, &v8, &v12, m10, m2)
        mix(&v1, &v5, &v9, &v13, m8, m4)
        mix(&v2, &v6, &v10, &v14, m7, m6)
        mix(&v3, &v7, &v11, &v15, m1, m5)
        mix(&v0, &v5, &v10, &v15, m15, m11)
        mix(&v1, &v6, &v11, &v12, m9, m14)
        mix(&v2, &v7, &v8, &v13, m3, m12)
        mix(&v3, &v4, &v9, &v14, m13, m0)
        // Round 11.
        mix(&v0, &v4, &v8, &v12, m0, m1)
        mix(&v1, &v5, &v9, &v13, m2, m3)
        mix(&v2, &v6, &v10, &v14, m4, m5)
        mix(&v3, &v7, &v11, &v15, m6, m7)
        mix(&v0, &v5, &v10, &v15, m8, m9)
        mix(&v1, &v6, &v11, &v12, m10, m11)
        mix(&v2, &v7, &v8, &v13, m12, m13)
        mix(&v3, &v4, &v9, &v14, m14, m15)
        // Round 12.
        mix(&v0, &v4, &v8, &v12, m14, m10)
        mix(&v1, &v5, &v9, &v13, m4, m8)
        mix(&v2, &v6, &v10, &v14, m9, m15)
        mix(&v3, &v7, &v11, &v15, m13, m6)
        mix(&v0, &v5, &v10, &v15, m1, m12)
        mix(&v1, &v6, &v11, &v12, m0, m2)
        mix(&v2, &v7, &v8, &v13, m11, m7)
        mix(&v3, &v4, &v9, &v14, m5, m3)
        h0 ^= v0 ^ v8
        h1 ^= v1 ^ v9
        h2 ^= v2 ^ v10
        h3 ^= v3 ^ v11
        h4 ^= v4 ^ v12
        h5 ^= v5 ^ v13
        h6 ^= v6 ^ v14
        h7 ^= v7 ^ v15
    }
}

/// The mixing function G of RFC 7693 section 3.1.
@inline(__always)
private func mix(
    _ a: inout UInt64,
    _ b: inout UInt64,
    _ c: inout UInt64,
    _ d: inout UInt64,
    _ x: UInt64,
    _ y: UInt64
) {
    a = a &+ b &+ x
    d = rotateRight(d ^ a, 32)
    c = c &+ d
    b = rotateRight(b ^ c, 24)
    a = a &+ b &+ y
    d = rotateRight(d ^ a, 16)
    c = c &+ d
    b = rotateRight(b ^ c, 63)
}

@inline(__always)
private func rotateRight(_ value: UInt64, _ count: UInt64) -> UInt64 {
    (value &>> count) | (value &<< (64 &- count))
}

/// 128 bytes of inline storage, so the pending block lives in the hasher without a heap allocation.
private struct Block: Sendable {
    var words:
        (
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64
        ) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
}
