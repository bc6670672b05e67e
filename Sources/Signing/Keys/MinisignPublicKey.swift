public import Crypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A minisign Ed25519 public key: the key id and the 32-byte key, read from a `.pub` file or the base64 string that
/// `minisign -P` takes.
///
/// Layout of the base64 payload (42 bytes): `"Ed"` || key id (8 bytes, as stored) || public key (32 bytes).
public struct MinisignPublicKey: Sendable, Equatable {
    /// The 8 key-id bytes in file order (minisign prints them as a little-endian 64-bit number).
    public var keyID: [UInt8]
    /// The Ed25519 verifying key.
    public var publicKey: Curve25519.Signing.PublicKey {
        get { storedKey.value }
        set { storedKey = ImmutableKey(newValue) }
    }
    private var storedKey: ImmutableKey<Curve25519.Signing.PublicKey>

    /// The untrusted comment minisign writes above a public key.
    static let commentPrefix = "untrusted comment: "

    /// Creates a key from its parts.
    public init(keyID: [UInt8], publicKey: Curve25519.Signing.PublicKey) {
        self.keyID = keyID
        self.storedKey = ImmutableKey(publicKey)
    }

    /// Reads a minisign public key file (an untrusted comment line, then the base64 key).
    ///
    /// - Parameters:
    ///   - fileText: The file's text.
    ///   - source: How to name the file in errors.
    /// - Throws: `SigningError.malformedKey` or `.unsupportedKeyAlgorithm` when it is not a minisign key.
    public init(fileText: String, source: String = "public key") throws(SigningError) {
        let lines = KeyText.lines(fileText)
        guard let first = lines.first, !first.isEmpty else {
            throw .malformedKey(source: source, line: 1, reason: "the file is empty")
        }
        guard first.hasPrefix(Self.commentPrefix) else {
            throw .malformedKey(
                source: source,
                line: 1,
                reason: "the first line must start with '\(Self.commentPrefix)'"
            )
        }
        guard lines.count >= 2, !lines[1].isEmpty else {
            throw .malformedKey(source: source, line: 2, reason: "the base64 key line is missing")
        }
        try self.init(base64: lines[1], source: source, line: 2)
    }

    /// Reads the base64 public key string (what `minisign -P` takes and the second line of a `.pub` file).
    ///
    /// - Throws: `SigningError.malformedKey` or `.unsupportedKeyAlgorithm`.
    public init(base64: String) throws(SigningError) {
        try self.init(base64: base64, source: "public key", line: nil)
    }

    init(base64: String, source: String, line: Int?) throws(SigningError) {
        let text = base64.trimmingASCIIWhitespace()
        guard let data = Data(base64Encoded: text) else {
            throw .malformedKey(source: source, line: line, reason: "the key is not valid base64")
        }
        let bytes = [UInt8](data)
        guard bytes.count == 42 else {
            throw .malformedKey(
                source: source,
                line: line,
                reason: "the key is \(bytes.count) bytes; a minisign public key is 42"
            )
        }
        guard bytes[0] == UInt8(ascii: "E"), bytes[1] == UInt8(ascii: "d") else {
            throw .unsupportedKeyAlgorithm(
                source: source,
                field: "signature algorithm",
                found: KeyText.printable(bytes[0..<2])
            )
        }
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: bytes[10..<42]) else {
            throw .malformedKey(source: source, line: line, reason: "the Ed25519 key is invalid")
        }
        self.init(keyID: Array(bytes[2..<10]), publicKey: key)
    }

    /// The key id as minisign prints it: 16 upper-case hex digits of the id read as a little-endian number.
    public var keyIDHex: String { KeyText.keyIDHex(keyID) }

    /// The 42-byte payload: `"Ed"` || key id || public key.
    public var payload: [UInt8] { Array("Ed".utf8) + keyID + Array(publicKey.rawRepresentation) }

    /// The base64 string `minisign -P` takes.
    public var base64: String { Data(payload).base64EncodedString() }

    /// The `.pub` file minisign writes.
    public var fileText: String {
        "\(Self.commentPrefix)minisign public key \(keyIDHex)\n\(base64)\n"
    }

    public static func == (lhs: MinisignPublicKey, rhs: MinisignPublicKey) -> Bool {
        lhs.keyID == rhs.keyID && lhs.publicKey.rawRepresentation == rhs.publicKey.rawRepresentation
    }
}

/// Holds a swift-crypto key, which is an immutable value but is not declared `Sendable` on Linux; nothing here
/// mutates it after creation, so sharing it across tasks is safe.
struct ImmutableKey<Key>: @unchecked Sendable {
    let value: Key

    init(_ value: Key) { self.value = value }
}

/// Small text helpers shared by the key and signature readers.
enum KeyText {
    /// Lines without their `\n` or `\r\n`.
    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// minisign's key id: the 8 bytes as a little-endian 64-bit number in upper-case hex.
    static func keyIDHex(_ keyID: [UInt8]) -> String {
        keyID.reversed().map { byte in
            let digits = Array("0123456789ABCDEF".utf8)
            return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]], as: UTF8.self)
        }.joined()
    }

    /// Bytes shown as text when printable ASCII, otherwise as hex (for algorithm tags in errors).
    static func printable(_ bytes: ArraySlice<UInt8>) -> String {
        if bytes.allSatisfy({ (0x21...0x7E).contains($0) }) { return String(decoding: bytes, as: UTF8.self) }
        return "0x" + bytes.map { byte in String(byte, radix: 16).leftPadded(to: 2) }.joined()
    }
}

extension String {
    func trimmingASCIIWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !" \t\r\n".unicodeScalars.contains($0) }),
            let end = scalars.lastIndex(where: { !" \t\r\n".unicodeScalars.contains($0) })
        else { return "" }
        return String(scalars[start...end])
    }

    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
