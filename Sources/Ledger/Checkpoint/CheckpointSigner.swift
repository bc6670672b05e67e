public import Crypto
import Foundation

/// Something that signs checkpoint notes: a name, its note key hint and a signature over the note text.
///
/// The CLI
/// loads keys (minisign or plain Ed25519) and hands the library one of these.
public protocol CheckpointSigner: Sendable {
    /// The key name written on the signature line (by convention the log's origin).
    var name: String { get }
    /// The note key hint (see `NoteKey.keyHint`).
    var keyHint: UInt32 { get }
    /// The signature of `message`.
    func sign(_ message: [UInt8]) throws -> [UInt8]
}

/// Something that checks checkpoint signatures from one key.
public protocol CheckpointVerifier: Sendable {
    /// The key name signatures must carry.
    var name: String { get }
    /// The note key hint signatures must carry.
    var keyHint: UInt32 { get }
    /// Whether `signature` is this key's signature of `message`.
    func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool
}

/// Note key helpers for Ed25519 (algorithm byte 0x01).
public enum NoteKey {
    /// The note format's algorithm byte for Ed25519.
    public static let ed25519Algorithm: UInt8 = 0x01

    /// The first 4 bytes, big-endian, of SHA-256(name || "\n" || 0x01 || publicKey).
    public static func keyHint(name: String, publicKey: [UInt8]) -> UInt32 {
        let digest = Array(SHA256.hash(data: Array(name.utf8) + [0x0A, ed25519Algorithm] + publicKey))
        return UInt32(digest[0]) << 24 | UInt32(digest[1]) << 16 | UInt32(digest[2]) << 8 | UInt32(digest[3])
    }

    /// Whether `name` is usable as a note key name: non-empty, printable, no spaces or `+`.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { $0.value > 0x20 && $0 != "+" && $0.value != 0x7F }
    }
}

/// Signs checkpoints with a raw Ed25519 key.
public struct Ed25519CheckpointSigner: CheckpointSigner {
    public let name: String
    public let keyHint: UInt32
    // Raw bytes rather than the key type, which swift-crypto does not mark Sendable.
    private let seed: [UInt8]
    private let publicKeyBytes: [UInt8]

    /// A signer named `name` (the log's origin).
    ///
    /// - Throws: `CheckpointError.malformedKey` when `name` has spaces or `+`.
    public init(name: String, privateKey: Curve25519.Signing.PrivateKey) throws(CheckpointError) {
        guard NoteKey.isValidName(name) else {
            throw .malformedKey("'\(name)' cannot name a note key (no spaces or '+')")
        }
        self.name = name
        self.seed = Array(privateKey.rawRepresentation)
        self.publicKeyBytes = Array(privateKey.publicKey.rawRepresentation)
        self.keyHint = NoteKey.keyHint(name: name, publicKey: publicKeyBytes)
    }

    /// Reads a note signer key, `PRIVATE+KEY+<name>+<hint>+<base64(0x01 || seed)>`.
    ///
    /// - Throws: `CheckpointError.malformedKey` (without echoing the key).
    public init(noteSignerKey text: String) throws(CheckpointError) {
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: "+", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "PRIVATE", parts[1] == "KEY" else {
            throw .malformedKey("not a note signer key (PRIVATE+KEY+<name>+<hint>+<key>)")
        }
        guard let decoded = Data(base64Encoded: String(parts[4])), decoded.count == 33,
            decoded.first == NoteKey.ed25519Algorithm,
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: Array(decoded.dropFirst()))
        else { throw .malformedKey("the note signer key is not an Ed25519 key") }
        try self.init(name: String(parts[2]), privateKey: key)
        guard SignedNote.Signature.hex8(keyHint) == parts[3] else {
            throw .malformedKey("the note signer key's hint does not match its name and key")
        }
    }

    /// The matching verifier.
    public var verifier: Ed25519CheckpointVerifier {
        // The name was validated in init, so this cannot fail.
        Ed25519CheckpointVerifier(checkedName: name, publicKeyBytes: publicKeyBytes)
    }

    public func sign(_ message: [UInt8]) throws -> [UInt8] {
        Array(try Curve25519.Signing.PrivateKey(rawRepresentation: seed).signature(for: message))
    }
}

/// Checks checkpoint signatures from one Ed25519 key.
public struct Ed25519CheckpointVerifier: CheckpointVerifier {
    public let name: String
    public let keyHint: UInt32
    /// The raw 32-byte public key.
    public let publicKeyBytes: [UInt8]

    /// A verifier for signatures named `name`.
    ///
    /// - Throws: `CheckpointError.malformedKey` when `name` has spaces or `+`.
    public init(name: String, publicKey: Curve25519.Signing.PublicKey) throws(CheckpointError) {
        guard NoteKey.isValidName(name) else {
            throw .malformedKey("'\(name)' cannot name a note key (no spaces or '+')")
        }
        self.init(checkedName: name, publicKeyBytes: Array(publicKey.rawRepresentation))
    }

    init(checkedName name: String, publicKeyBytes: [UInt8]) {
        self.name = name
        self.publicKeyBytes = publicKeyBytes
        self.keyHint = NoteKey.keyHint(name: name, publicKey: publicKeyBytes)
    }

    /// Reads a note verifier key, `<name>+<hint>+<base64(0x01 || public key)>`.
    ///
    /// - Throws: `CheckpointError.malformedKey` naming what is wrong.
    public init(noteVerifierKey text: String) throws(CheckpointError) {
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformedKey("not a note verifier key (<name>+<hint>+<key>)") }
        guard let decoded = Data(base64Encoded: String(parts[2])), decoded.count == 33,
            decoded.first == NoteKey.ed25519Algorithm,
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: Array(decoded.dropFirst()))
        else { throw .malformedKey("the note verifier key is not an Ed25519 key") }
        try self.init(name: String(parts[0]), publicKey: key)
        guard SignedNote.Signature.hex8(keyHint) == parts[1] else {
            throw .malformedKey("the note verifier key's hint does not match its name and key")
        }
    }

    /// This key as a note verifier key string, `<name>+<hint>+<base64(0x01 || public key)>`.
    public var noteVerifierKey: String {
        let encoded = Data([NoteKey.ed25519Algorithm] + publicKeyBytes).base64EncodedString()
        return "\(name)+\(SignedNote.Signature.hex8(keyHint))+\(encoded)"
    }

    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKeyBytes) else { return false }
        return key.isValidSignature(signature, for: message)
    }
}
