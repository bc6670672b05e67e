public import Crypto

/// Checks DSSE signatures made by one public key.
public protocol DSSEVerifier: Sendable {
    /// The `keyid` this key's signatures must carry, or `nil` when the key has no intrinsic id (a bare Ed25519 PEM
    /// or hex key), in which case the envelope's `keyid` is only a hint and is not compared.
    var keyID: String? { get }
    /// A short human description for reports, never secret ("Ed25519 key 9A4C…").
    var keyDescription: String { get }
    /// Whether `signature` is a valid signature of `message` (the PAE bytes) by this key.
    func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool
}

/// Verifies Ed25519 DSSE signatures.
public struct Ed25519DSSEVerifier: DSSEVerifier {
    // Crypto's key types are not `Sendable`; the raw 32 bytes are.
    private let rawPublicKey: [UInt8]
    public let keyID: String?
    public let keyDescription: String

    /// Creates a verifier; `keyID` binds signatures to the key's id (a minisign key id), `nil` leaves it a hint.
    public init(publicKey: Curve25519.Signing.PublicKey, keyID: String?, keyDescription: String? = nil) {
        self.rawPublicKey = Array(publicKey.rawRepresentation)
        self.keyID = keyID
        self.keyDescription =
            keyDescription ?? "Ed25519 key \(keyID ?? DSSEHex.string(publicKey.rawRepresentation.prefix(8)))"
    }

    /// Creates a verifier from a raw 32-byte Ed25519 public key.
    ///
    /// - Throws: the crypto library's error when the key is not 32 bytes.
    public init(rawPublicKey: [UInt8], keyID: String?, keyDescription: String? = nil) throws {
        self.init(
            publicKey: try Curve25519.Signing.PublicKey(rawRepresentation: rawPublicKey),
            keyID: keyID,
            keyDescription: keyDescription
        )
    }

    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard signature.count == 64,
            let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: rawPublicKey)
        else { return false }
        return publicKey.isValidSignature(signature, for: message)
    }
}

/// Verifies ECDSA P-256/SHA-256 DSSE signatures (DER, or raw 64-byte r‖s as some tools write).
public struct P256DSSEVerifier: DSSEVerifier {
    // Crypto's key types are not `Sendable`; the X9.63 bytes are.
    private let x963PublicKey: [UInt8]
    public let keyID: String?
    public let keyDescription: String

    /// Creates a verifier; the default `keyid` is the one `P256DSSESigner` announces for the same key.
    public init(publicKey: P256.Signing.PublicKey, keyID: String? = nil) {
        self.x963PublicKey = Array(publicKey.x963Representation)
        let id = keyID ?? Self.defaultKeyID(for: publicKey)
        self.keyID = id
        self.keyDescription = "ECDSA P-256 key \(id)"
    }

    /// The lowercase hex SHA-256 of the DER SubjectPublicKeyInfo.
    public static func defaultKeyID(for publicKey: P256.Signing.PublicKey) -> String {
        DSSEHex.string(SHA256.hash(data: publicKey.derRepresentation))
    }

    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard let publicKey = try? P256.Signing.PublicKey(x963Representation: x963PublicKey) else { return false }
        if let der = try? P256.Signing.ECDSASignature(derRepresentation: signature),
            publicKey.isValidSignature(der, for: message)
        {
            return true
        }
        if signature.count == 64, let raw = try? P256.Signing.ECDSASignature(rawRepresentation: signature) {
            return publicKey.isValidSignature(raw, for: message)
        }
        return false
    }
}

/// Lowercase hexadecimal text of bytes.
package enum DSSEHex {
    /// `bytes` as lowercase hex.
    package static func string(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The bytes of hex text (either case), or `nil` when it is not hex of whole bytes.
    package static func bytes(_ text: some StringProtocol) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = value(utf8[index]), let low = value(utf8[index + 1]) else { return nil }
            result.append(high << 4 | low)
            index += 2
        }
        return result
    }

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
