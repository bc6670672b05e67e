import Crypto

/// RFC 6962 / RFC 9162 §2.1.1 hashing with SHA-256: leaves are prefixed with 0x00 and interior nodes with 0x01, so
/// a leaf can never be passed off as a node (second-preimage resistance).
public enum MerkleHasher {
    /// The size of every hash, in bytes.
    public static let hashSize = 32

    /// The root of the empty tree: SHA-256 of nothing.
    public static let emptyRoot: [UInt8] = Array(SHA256.hash(data: [UInt8]()))

    /// `SHA-256(0x00 || entry)`.
    public static func leafHash(_ entry: [UInt8]) -> [UInt8] {
        entry.withUnsafeBytes { leafHash($0) }
    }

    /// `SHA-256(0x00 || entry)` of bytes in a slice (a record inside a segment file), without copying them.
    public static func leafHash(_ entry: ArraySlice<UInt8>) -> [UInt8] {
        entry.withUnsafeBytes { leafHash($0) }
    }

    static func leafHash(_ buffer: UnsafeRawBufferPointer) -> [UInt8] {
        var hasher = SHA256()
        withUnsafeBytes(of: UInt8(0)) { hasher.update(bufferPointer: $0) }
        hasher.update(bufferPointer: buffer)
        return Array(hasher.finalize())
    }

    /// `SHA-256(0x01 || left || right)`.
    public static func nodeHash(_ left: [UInt8], _ right: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        withUnsafeBytes(of: UInt8(1)) { hasher.update(bufferPointer: $0) }
        left.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        right.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return Array(hasher.finalize())
    }

    /// The largest power of two strictly less than `count` (RFC 9162's split point `k`); `count` must be > 1.
    static func splitPoint(_ count: UInt64) -> UInt64 {
        var split: UInt64 = 1
        while split << 1 < count { split <<= 1 }
        return split
    }
}
