/// A stable 64-bit FNV-1a hash for fingerprints that must not change between runs or machines.
///
/// Swift's `Hasher` is seeded per process, so it cannot be used for baselines or SARIF fingerprints.
public struct StableHash: Sendable {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    /// Creates a hasher in its initial state.
    public init() {}

    /// Mixes in the UTF-8 bytes of `text` followed by a separator byte.
    public mutating func combine(_ text: String) {
        for byte in text.utf8 {
            state ^= UInt64(byte)
            state &*= 0x0000_0100_0000_01b3
        }
        state ^= 0xff
        state &*= 0x0000_0100_0000_01b3
    }

    /// Mixes in raw bytes (no separator).
    public mutating func combine(bytes: some Sequence<UInt8>) {
        for byte in bytes {
            state ^= UInt64(byte)
            state &*= 0x0000_0100_0000_01b3
        }
    }

    /// The digest as a number.
    public var value: UInt64 { state }

    /// The digest as 16 lowercase hex digits.
    public var hexDigest: String {
        let hex = String(state, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The hex digest of the given parts.
    public static func hex(_ parts: String...) -> String {
        var hasher = StableHash()
        for part in parts { hasher.combine(part) }
        return hasher.hexDigest
    }
}

extension String {
    /// Whether `needle` occurs in the string, comparing UTF-8 bytes.
    ///
    /// Much faster than `StringProtocol.contains(_:)` for the short ASCII needles the audit searches for.
    public func containsBytes(_ needle: StaticString) -> Bool {
        containsBytes(UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount))
    }

    /// Whether `needle` occurs in the string, comparing UTF-8 bytes (for needles that are not literals).
    public func containsBytes(_ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { containsBytes($0) }
    }

    private func containsBytes(_ pattern: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = pattern.first else { return true }
        func search(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard bytes.count >= pattern.count else { return false }
            var index = 0
            let last = bytes.count - pattern.count
            while index <= last {
                if bytes[index] == first {
                    var offset = 1
                    while offset < pattern.count, bytes[index + offset] == pattern[offset] { offset += 1 }
                    if offset == pattern.count { return true }
                }
                index += 1
            }
            return false
        }
        if let found = utf8.withContiguousStorageIfAvailable(search) { return found }
        return Array(utf8).withUnsafeBufferPointer(search)
    }
}
