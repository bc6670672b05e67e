public import Crypto

/// Signs DSSE pre-authentication encodings with one key; an envelope may carry signatures from several.
public protocol DSSESigner: Sendable {
    /// The `keyid` written beside the signature (a hint for verifiers, not authenticated by DSSE).
    var keyID: String { get }
    /// The signature over `message` (the PAE bytes), in the encoding DSSE tools expect for this key type.
    func signature(for message: [UInt8]) throws -> [UInt8]
}

/// Ed25519 signatures (64 raw bytes, deterministic: the same key and message give the same signature).
public struct Ed25519DSSESigner: DSSESigner {
    // Crypto's key types are not `Sendable`; the 32-byte seed is, and rebuilding the key from it is cheap.
    private let seed: [UInt8]
    public let keyID: String

    /// Creates a signer from a private key and the `keyid` to announce.
    public init(privateKey: Curve25519.Signing.PrivateKey, keyID: String) {
        self.seed = Array(privateKey.rawRepresentation)
        self.keyID = keyID
    }

    private var privateKey: Curve25519.Signing.PrivateKey {
        // The seed came from a valid key, so this cannot fail.
        (try? Curve25519.Signing.PrivateKey(rawRepresentation: seed)) ?? Curve25519.Signing.PrivateKey()
    }

    /// Creates a signer from the 32-byte Ed25519 seed.
    ///
    /// - Throws: the crypto library's error when the seed is not 32 bytes.
    public init(rawPrivateKey: [UInt8], keyID: String) throws {
        self.init(privateKey: try Curve25519.Signing.PrivateKey(rawRepresentation: rawPrivateKey), keyID: keyID)
    }

    /// The raw 32-byte public key.
    public var publicKeyBytes: [UInt8] { Array(privateKey.publicKey.rawRepresentation) }

    /// A verifier for this signer's public key with the same key id.
    public var verifier: Ed25519DSSEVerifier { Ed25519DSSEVerifier(publicKey: privateKey.publicKey, keyID: keyID) }

    public func signature(for message: [UInt8]) throws -> [UInt8] {
        Array(try privateKey.signature(for: message))
    }
}

/// ECDSA P-256 signatures over SHA-256, DER-encoded (what sigstore, securesystemslib and in-toto tools expect).
///
/// swift-crypto draws a fresh nonce for every ECDSA signature, so these bytes differ between runs even for the
/// same message; the payload they cover does not.
public struct P256DSSESigner: DSSESigner {
    // Crypto's key types are not `Sendable`; the raw scalar is.
    private let scalar: [UInt8]
    public let keyID: String

    private var privateKey: P256.Signing.PrivateKey {
        // The scalar came from a valid key, so this cannot fail.
        (try? P256.Signing.PrivateKey(rawRepresentation: scalar)) ?? P256.Signing.PrivateKey()
    }

    /// Creates a signer; the default `keyid` is the lowercase hex SHA-256 of the public key's DER
    /// SubjectPublicKeyInfo.
    public init(privateKey: P256.Signing.PrivateKey, keyID: String? = nil) {
        self.scalar = Array(privateKey.rawRepresentation)
        self.keyID = keyID ?? P256DSSEVerifier.defaultKeyID(for: privateKey.publicKey)
    }

    /// A signer for a fresh random key.
    public static func generate() -> P256DSSESigner {
        P256DSSESigner(privateKey: P256.Signing.PrivateKey())
    }

    /// The public key as a PEM SubjectPublicKeyInfo.
    public var publicKeyPEM: String { privateKey.publicKey.pemRepresentation }

    /// The private key as a PKCS#8 PEM, for writing a key file (never print it).
    public var privateKeyPEM: String { privateKey.pemRepresentation }

    /// A verifier for this signer's public key.
    public var verifier: P256DSSEVerifier { P256DSSEVerifier(publicKey: privateKey.publicKey, keyID: keyID) }

    public func signature(for message: [UInt8]) throws -> [UInt8] {
        Array(try privateKey.signature(for: message).derRepresentation)
    }
}
