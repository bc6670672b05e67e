// JSONSerialization and log2 live in Foundation proper, not FoundationEssentials.
import Foundation
import SlipwayCore

/// Confirms a candidate secret beyond its pattern: a checksum, a decodable header, a known example value.
struct SecretValidator: Sendable {
    let name: String
    let accepts: @Sendable (String) -> Bool

    /// GitHub's classic tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) and npm's: 4-character prefix, 30 random
    /// base62 characters, then the CRC32 of those 30 characters in 6 base62 digits.
    static let base62Checksum = SecretValidator(name: "crc32") { secret in
        let bytes = Array(secret.utf8)
        guard bytes.count == 40 else { return false }
        let random = bytes[4..<34]
        guard let checksum = Base62.decode(bytes[34..<40]) else { return false }
        return UInt64(CRC32.checksum(random)) == checksum
    }

    /// A JSON Web Token whose first segment decodes to a JSON object with an `alg` member.
    static let jwtHeader = SecretValidator(name: "jwt-header") { secret in
        guard let header = secret.split(separator: ".", omittingEmptySubsequences: false).first,
            let decoded = Base64URL.decode(String(header)),
            let object = try? JSONSerialization.jsonObject(with: Data(decoded)) as? [String: Any],
            let algorithm = object["alg"] as? String
        else { return false }
        return !algorithm.isEmpty
    }

    /// Rejects AWS's documented example keys and anything spelled as an example.
    static let notAWSExample = SecretValidator(name: "not-example") { secret in
        !secret.hasSuffix("EXAMPLE") && !secret.contains("EXAMPLEKEY")
    }
}

/// CRC-32 (IEEE 802.3, reflected, as zlib computes it).
package enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    /// The checksum of `bytes`.
    package static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}

/// Base62 numbers with the digits `0-9A-Za-z`, as GitHub's token checksums use them.
package enum Base62 {
    /// The value of `digits`, or `nil` for a character outside the alphabet.
    package static func decode(_ digits: some Sequence<UInt8>) -> UInt64? {
        var value: UInt64 = 0
        for byte in digits {
            let digit: UInt64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): digit = UInt64(byte - UInt8(ascii: "A")) + 10
            case UInt8(ascii: "a")...UInt8(ascii: "z"): digit = UInt64(byte - UInt8(ascii: "a")) + 36
            default: return nil
            }
            let (product, overflow) = value.multipliedReportingOverflow(by: 62)
            if overflow { return nil }
            value = product + digit
        }
        return value
    }

    /// `value` in exactly `width` digits (left-padded with `0`).
    package static func encode(_ value: UInt64, width: Int) -> String {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
        var digits: [UInt8] = []
        var remaining = value
        while remaining > 0 {
            digits.append(alphabet[Int(remaining % 62)])
            remaining /= 62
        }
        while digits.count < width { digits.append(UInt8(ascii: "0")) }
        return String(decoding: digits.reversed(), as: UTF8.self)
    }
}

/// Unpadded base64url (RFC 4648 §5), as JWT segments use it.
enum Base64URL {
    /// The decoded bytes, or `nil` when `text` is not base64url.
    static func decode(_ text: String) -> [UInt8]? {
        var standard = text.replacingAll("-", with: "+").replacingAll("_", with: "/")
        while standard.utf8.count % 4 != 0 { standard += "=" }
        return Data(base64Encoded: standard).map { Array($0) }
    }
}

/// Shannon entropy and character-class helpers for judging whether a value looks random.
enum Entropy {
    /// Bits per character of `bytes`.
    static func shannon(_ bytes: some Collection<UInt8>) -> Double {
        guard !bytes.isEmpty else { return 0 }
        var counts = [Int](repeating: 0, count: 256)
        for byte in bytes { counts[Int(byte)] += 1 }
        let total = Double(bytes.count)
        var entropy = 0.0
        for count in counts where count > 0 {
            let probability = Double(count) / total
            entropy -= probability * log2(probability)
        }
        return entropy
    }

    /// Whether every byte is a hexadecimal digit.
    static func isHex(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.allSatisfy { isHexDigit($0) }
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 97 && byte <= 102) || (byte >= 65 && byte <= 70)
    }
}
