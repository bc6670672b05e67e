/// Decodes npm's Subresource Integrity strings (`sha512-<base64>`) into component hashes.
///
/// An integrity value may list several hashes separated by spaces; unknown algorithms and undecodable digests are
/// left out rather than failing the lockfile, since they do not change which package was resolved.
enum SubresourceIntegrity {
    /// The hashes in `integrity`, as CycloneDX algorithm names and lowercase hex.
    static func hashes(_ integrity: String) -> [ComponentHash] {
        var hashes: [ComponentHash] = []
        for token in integrity.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            guard let dash = token.firstIndex(of: "-") else { continue }
            guard let algorithm = algorithmName(String(token[..<dash])) else { continue }
            var digest = token[token.index(after: dash)...]
            if let option = digest.firstIndex(of: "?") { digest = digest[..<option] }
            guard let bytes = decodeBase64(String(digest)), !bytes.isEmpty else { continue }
            hashes.append(ComponentHash(algorithm: algorithm, hex: hex(bytes)))
        }
        return hashes
    }

    /// The CycloneDX name of an SRI or lockfile algorithm name (`sha512` → `SHA-512`), or `nil` when unknown.
    static func algorithmName(_ name: String) -> String? {
        switch name.lowercased() {
        case "sha1": "SHA-1"
        case "sha256": "SHA-256"
        case "sha384": "SHA-384"
        case "sha512": "SHA-512"
        case "md5": "MD5"
        default: nil
        }
    }

    /// Whether `text` is a non-empty run of hexadecimal digits of the given length.
    static func isHex(_ text: Substring, length: Int) -> Bool {
        text.utf8.count == length
            && text.utf8.allSatisfy { byte in
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                    || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
            }
    }

    /// Lowercase hexadecimal text of `bytes`.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Decodes standard (and URL-safe) base64, with or without padding; `nil` when the text is not base64.
    static func decodeBase64(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        values.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): values.append(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): values.append(byte - UInt8(ascii: "a") + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): values.append(byte - UInt8(ascii: "0") + 52)
            case UInt8(ascii: "+"), UInt8(ascii: "-"): values.append(62)
            case UInt8(ascii: "/"), UInt8(ascii: "_"): values.append(63)
            case UInt8(ascii: "="): break
            default: return nil
            }
        }
        if values.count % 4 == 1 { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 3 / 4)
        var index = 0
        while index < values.count {
            let chunk = values[index..<min(index + 4, values.count)]
            var accumulator: UInt32 = 0
            for value in chunk { accumulator = accumulator << 6 | UInt32(value) }
            accumulator <<= UInt32(6 * (4 - chunk.count))
            let produced = chunk.count - 1
            for shift in [16, 8, 0].prefix(produced) {
                bytes.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(shift)))
            }
            index += 4
        }
        return bytes
    }
}
