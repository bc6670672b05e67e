import Crypto

/// Incremental SHA-256 with lowercase-hex output, for content digests of databases, SBOMs and reports.
struct SHA256Digest {
    private var hasher = SHA256()

    /// Mixes in `bytes`.
    mutating func update(_ bytes: [UInt8]) {
        hasher.update(data: bytes)
    }

    /// The digest as 64 lowercase hex digits.
    consuming func finalizeHex() -> String {
        Self.hexString(hasher.finalize())
    }

    /// The lowercase hex SHA-256 of `bytes`.
    static func hex(_ bytes: [UInt8]) -> String {
        hexString(SHA256.hash(data: bytes))
    }

    static func hexString(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var scalars: [UInt8] = []
        scalars.reserveCapacity(64)
        for byte in digest {
            scalars.append(digits[Int(byte >> 4)])
            scalars.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: scalars, as: UTF8.self)
    }
}
