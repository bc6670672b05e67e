import Crypto

/// Deterministic identifiers derived from content, so identical input gives byte-identical SBOMs.
public enum ContentIdentifier {
    /// The namespace of Slipway's name-based UUIDs (a fixed UUID).
    static let namespace: [UInt8] = [
        0x6b, 0x2f, 0x1c, 0x5e, 0x8d, 0x43, 0x4f, 0x0a, 0x9e, 0x61, 0x3c, 0x27, 0xd4, 0x90, 0x15, 0x7b,
    ]

    /// An RFC 4122 version-5 (SHA-1, name-based) UUID of `name`, lowercase with dashes.
    public static func uuid(for name: String) -> String {
        var name = name
        return name.withUTF8 { uuid(forBytes: $0) }
    }

    /// `uuid(for:)` of text already in UTF-8 (the SBOMs' canonical content).
    static func uuid(for bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { uuid(forBytes: $0) }
    }

    private static func uuid(forBytes name: UnsafeBufferPointer<UInt8>) -> String {
        // The namespace then the name, fed in turn: the digest of their concatenation without building it.
        var sha1 = Insecure.SHA1()
        sha1.update(data: namespace)
        sha1.update(bufferPointer: UnsafeRawBufferPointer(name))
        var bytes = Array(sha1.finalize().prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The lowercase hex SHA-256 of `text`.
    public static func sha256(_ text: String) -> String {
        SHA256Digest.hex(Array(text.utf8))
    }

    /// A canonical text of the SBOM's content (name, version and every component's purl and hashes), as UTF-8.
    static func canonicalContent(_ input: SBOMInput, components: [Component]) -> [UInt8] {
        // Appended as bytes: building it as a `String` one interpolation per hash cost more than hashing it.
        var text: [UInt8] = []
        text.reserveCapacity(64 + components.reduce(0) { $0 + 100 + 80 * $1.hashes.count })
        text.append(contentsOf: input.name.utf8)
        text.append(0x0A)
        text.append(contentsOf: (input.version ?? "").utf8)
        text.append(0x0A)
        for component in components {
            text.append(contentsOf: component.purl.utf8)
            for hash in component.hashes {
                text.append(UInt8(ascii: " "))
                text.append(contentsOf: hash.algorithm.utf8)
                text.append(UInt8(ascii: "="))
                text.append(contentsOf: hash.hex.utf8)
            }
            text.append(0x0A)
        }
        return text
    }
}
