public import Crypto
import _CryptoExtras

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A minisign Ed25519 secret key, decrypted.
///
/// The file is an untrusted comment line and the base64 of 158 bytes: signature algorithm `"Ed"` (2), KDF
/// algorithm `"Sc"` (scrypt) or two zero bytes (unencrypted, as `minisign -W` writes) (2), checksum algorithm
/// `"B2"` (2), KDF salt (32), opslimit (8, little-endian), memlimit (8, little-endian), then 104 bytes that are
/// XORed with the scrypt stream when encrypted: key id (8), Ed25519 secret key seed || public key (64), checksum
/// BLAKE2b-256("Ed" || key id || secret key) (32).
public struct MinisignSecretKey: Sendable {
    /// The 8 key-id bytes in file order.
    public var keyID: [UInt8]
    /// The Ed25519 signing key.
    public var signingKey: Curve25519.Signing.PrivateKey {
        get { storedKey.value }
        set { storedKey = ImmutableKey(newValue) }
    }
    private var storedKey: ImmutableKey<Curve25519.Signing.PrivateKey>

    /// The matching public key.
    public var publicKey: MinisignPublicKey {
        MinisignPublicKey(keyID: keyID, publicKey: signingKey.publicKey)
    }

    /// The comment minisign writes above a secret key (encrypted or not).
    public static let defaultComment = "minisign encrypted secret key"
    static let payloadByteCount = 158
    static let encryptedRange = 54..<158

    /// Creates a key from its parts.
    public init(keyID: [UInt8], signingKey: Curve25519.Signing.PrivateKey) {
        self.keyID = keyID
        self.storedKey = ImmutableKey(signingKey)
    }

    /// A new random key pair with a random key id.
    public static func generate() -> MinisignSecretKey {
        var generator = SystemRandomNumberGenerator()
        let keyID = (0..<8).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return MinisignSecretKey(keyID: keyID, signingKey: Curve25519.Signing.PrivateKey())
    }

    /// Whether the key file text holds an encrypted key (so a password is needed), or `nil` when it cannot tell.
    public static func isEncrypted(fileText: String) -> Bool? {
        guard let payload = try? payload(fileText: fileText, source: "") else { return nil }
        return payload[2] != 0 || payload[3] != 0
    }

    /// Reads and, when encrypted, decrypts a minisign secret key file.
    ///
    /// - Parameters:
    ///   - fileText: The file's text.
    ///   - password: The password for an encrypted key; ignored for an unencrypted one.
    ///   - source: How to name the key in errors (a path, or `$SLIPWAY_SECRET_KEY`).
    /// - Throws: `SigningError` when the text is not a minisign secret key, the password is missing or wrong, or
    ///   scrypt fails.
    public static func parse(
        fileText: String,
        password: String?,
        source: String = "secret key"
    ) throws(SigningError) -> MinisignSecretKey {
        var payload = try payload(fileText: fileText, source: source)
        guard payload[0] == UInt8(ascii: "E"), payload[1] == UInt8(ascii: "d") else {
            throw .unsupportedKeyAlgorithm(
                source: source,
                field: "signature algorithm",
                found: KeyText.printable(payload[0..<2])
            )
        }
        guard payload[4] == UInt8(ascii: "B"), payload[5] == UInt8(ascii: "2") else {
            throw .unsupportedKeyAlgorithm(
                source: source,
                field: "checksum algorithm",
                found: KeyText.printable(payload[4..<6])
            )
        }
        let encrypted: Bool
        switch (payload[2], payload[3]) {
        case (UInt8(ascii: "S"), UInt8(ascii: "c")): encrypted = true
        case (0, 0): encrypted = false
        default:
            throw .unsupportedKeyAlgorithm(
                source: source,
                field: "key derivation function",
                found: KeyText.printable(payload[2..<4])
            )
        }
        if encrypted {
            guard let password else { throw .passwordRequired(source: source) }
            let parameters = ScryptParameters(
                opsLimit: littleEndianUInt64(payload[38..<46]),
                memLimit: littleEndianUInt64(payload[46..<54])
            )
            let stream = try keyStream(
                password: password,
                salt: Array(payload[6..<38]),
                parameters: parameters,
                source: source
            )
            for (offset, index) in encryptedRange.enumerated() { payload[index] ^= stream[offset] }
        }
        let keyID = Array(payload[54..<62])
        let secret = Array(payload[62..<126])
        let checksum = Array(payload[126..<158])
        let expected = Self.checksum(keyID: keyID, secretKey: secret)
        // minisign -W leaves the checksum of an unencrypted key zero; any other value must match.
        let checksumIsZero = checksum.allSatisfy { $0 == 0 }
        if checksum != expected && !(checksumIsZero && !encrypted) {
            if encrypted { throw .wrongPassword(source: source) }
            throw .malformedKey(source: source, line: 2, reason: "the key's checksum does not match its contents")
        }
        guard let signingKey = try? Curve25519.Signing.PrivateKey(rawRepresentation: secret[0..<32]),
            Array(signingKey.publicKey.rawRepresentation) == Array(secret[32..<64])
        else {
            throw .malformedKey(source: source, line: 2, reason: "the secret and public halves do not belong together")
        }
        return MinisignSecretKey(keyID: keyID, signingKey: signingKey)
    }

    /// The secret key file minisign reads: encrypted with `password` (scrypt with `parameters`) or, with `nil`,
    /// unencrypted as `minisign -W` writes it.
    ///
    /// - Parameters:
    ///   - password: The password, or `nil` for an unencrypted key.
    ///   - parameters: scrypt cost; minisign's own by default.
    ///   - comment: The untrusted comment line's text.
    ///   - salt: 32 bytes; random by default.
    /// - Throws: `SigningError.keyDerivationFailed` when scrypt fails, `.invalidComment` for a multi-line comment.
    public func fileText(
        password: String?,
        parameters: ScryptParameters = .minisignDefault,
        comment: String = MinisignSecretKey.defaultComment,
        salt: [UInt8]? = nil
    ) throws(SigningError) -> String {
        try MinisignComment.validate(comment, kind: "key comment", limit: 1024 - 20)
        var payload: [UInt8] = Array("Ed".utf8)
        payload += password == nil ? [0, 0] : Array("Sc".utf8)
        payload += Array("B2".utf8)
        let secret = Array(signingKey.rawRepresentation) + Array(signingKey.publicKey.rawRepresentation)
        let checksum = Self.checksum(keyID: keyID, secretKey: secret)
        if let password {
            var generator = SystemRandomNumberGenerator()
            let salt = salt ?? (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
            payload += salt
            payload += Self.littleEndianBytes(parameters.opsLimit) + Self.littleEndianBytes(parameters.memLimit)
            var body = keyID + secret + checksum
            let stream = try Self.keyStream(
                password: password,
                salt: salt,
                parameters: parameters,
                source: "new secret key"
            )
            for index in body.indices { body[index] ^= stream[index] }
            payload += body
        } else {
            payload += [UInt8](repeating: 0, count: 48)
            payload += keyID + secret + checksum
        }
        return "\(MinisignPublicKey.commentPrefix)\(comment)\n\(Data(payload).base64EncodedString())\n"
    }

    /// BLAKE2b-256 over `"Ed"` || key id || secret key, minisign's integrity check of a decrypted key.
    static func checksum(keyID: [UInt8], secretKey: [UInt8]) -> [UInt8] {
        var hasher = BLAKE2b(outputByteCount: 32)
        hasher.update(Array("Ed".utf8))
        hasher.update(keyID)
        hasher.update(secretKey)
        return hasher.finalize()
    }

    private static func payload(fileText: String, source: String) throws(SigningError) -> [UInt8] {
        let lines = KeyText.lines(fileText)
        guard let first = lines.first, !first.isEmpty else {
            throw .malformedKey(source: source, line: 1, reason: "the key is empty")
        }
        guard first.hasPrefix(MinisignPublicKey.commentPrefix) else {
            throw .malformedKey(
                source: source,
                line: 1,
                reason: "the first line must start with '\(MinisignPublicKey.commentPrefix)'"
            )
        }
        guard lines.count >= 2, !lines[1].isEmpty else {
            throw .malformedKey(source: source, line: 2, reason: "the base64 key line is missing")
        }
        guard let data = Data(base64Encoded: lines[1].trimmingASCIIWhitespace()) else {
            throw .malformedKey(source: source, line: 2, reason: "the key is not valid base64")
        }
        guard data.count == payloadByteCount else {
            throw .malformedKey(
                source: source,
                line: 2,
                reason: "the key is \(data.count) bytes; a minisign secret key is \(payloadByteCount)"
            )
        }
        return [UInt8](data)
    }

    private static func keyStream(
        password: String,
        salt: [UInt8],
        parameters: ScryptParameters,
        source: String
    ) throws(SigningError) -> [UInt8] {
        let costs = parameters.costs
        guard costs.logN < 40, costs.p >= 1 else {
            throw .keyDerivationFailed(source: source, reason: "unusable cost parameters")
        }
        do {
            let key = try KDF.Scrypt.deriveKey(
                from: Array(password.utf8),
                salt: salt,
                outputByteCount: encryptedRange.count,
                rounds: 1 << costs.logN,
                blockSize: costs.r,
                parallelism: costs.p
            )
            return key.withUnsafeBytes { Array($0) }
        } catch {
            throw .keyDerivationFailed(source: source, reason: "\(error)")
        }
    }

    private static func littleEndianUInt64(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reversed().reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
    }

    private static func littleEndianBytes(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
    }
}

/// Checks for comments written into key and signature files.
enum MinisignComment {
    static func validate(_ comment: String, kind: String, limit: Int) throws(SigningError) {
        if comment.utf8.contains(UInt8(ascii: "\n")) || comment.utf8.contains(UInt8(ascii: "\r")) {
            throw .invalidComment(kind: kind, reason: "it must be a single line")
        }
        if comment.utf8.count >= limit {
            throw .invalidComment(kind: kind, reason: "it is \(comment.utf8.count) bytes; the limit is \(limit - 1)")
        }
    }
}
