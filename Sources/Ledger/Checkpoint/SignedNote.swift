import Foundation

/// A signed note (golang.org/x/mod/sumdb/note, the format of transparency-dev checkpoints): the text, a blank
/// line, then one `— <name> <base64(4-byte key hint || signature)>` line per signature.
public struct SignedNote: Sendable, Hashable {
    /// One signature line.
    public struct Signature: Sendable, Hashable {
        /// The key's name (no spaces or `+`).
        public var name: String
        /// The first 4 bytes of SHA-256(name || "\n" || key type || public key), big-endian.
        public var keyHint: UInt32
        /// The raw signature (64 bytes for Ed25519).
        public var signature: [UInt8]

        /// Creates a signature line.
        public init(name: String, keyHint: UInt32, signature: [UInt8]) {
            self.name = name
            self.keyHint = keyHint
            self.signature = signature
        }

        /// `name+hint` in hex, the way the note format names keys in messages.
        public var keyName: String { "\(name)+\(Self.hex8(keyHint))" }

        static func hex8(_ value: UInt32) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 8 - digits.count) + digits
        }

        var line: String {
            let hint: [UInt8] = [
                UInt8(keyHint >> 24), UInt8(keyHint >> 16 & 0xFF), UInt8(keyHint >> 8 & 0xFF), UInt8(keyHint & 0xFF),
            ]
            return "— \(name) \(Data(hint + signature).base64EncodedString())\n"
        }
    }

    /// The signed text; ends with a newline and has no blank line.
    public var text: String
    /// The signatures, in file order.
    public var signatures: [Signature]

    /// Creates a note.
    public init(text: String, signatures: [Signature]) {
        self.text = text
        self.signatures = signatures
    }

    /// The whole note as written to disk.
    public var serialized: String {
        text + "\n" + signatures.map(\.line).joined()
    }

    /// Signs `text` with `signer`.
    ///
    /// - Throws: whatever the signer throws.
    public static func sign(text: String, with signer: any CheckpointSigner) throws -> SignedNote {
        let signature = try signer.sign(Array(text.utf8))
        return SignedNote(
            text: text,
            signatures: [Signature(name: signer.name, keyHint: signer.keyHint, signature: signature)]
        )
    }

    /// Splits a note into text and signature lines.
    ///
    /// - Throws: `CheckpointError.malformedNote` naming the problem.
    public init(parsing serialized: String) throws(CheckpointError) {
        guard serialized.hasSuffix("\n") else { throw .malformedNote("the note does not end with a newline") }
        guard let separator = serialized.range(of: "\n\n", options: .backwards) else {
            throw .malformedNote("no blank line between the text and the signatures")
        }
        let text = String(serialized[..<separator.lowerBound]) + "\n"
        var signatures: [Signature] = []
        let signatureBlock = serialized[separator.upperBound...]
        for rawLine in signatureBlock.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            let line = String(rawLine)
            guard line.hasPrefix("— ") else {
                throw .malformedNote("signature line '\(line)' does not start with '— '")
            }
            let fields = line.dropFirst(2).split(separator: " ", omittingEmptySubsequences: false)
            guard fields.count == 2, !fields[0].isEmpty, !fields[0].contains("+") else {
                throw .malformedNote("signature line '\(line)' is not '— <name> <base64>'")
            }
            guard let decoded = Data(base64Encoded: String(fields[1])), decoded.count > 4 else {
                throw .malformedNote("signature line for '\(fields[0])' has no valid base64 signature")
            }
            let bytes = Array(decoded)
            let hint = UInt32(bytes[0]) << 24 | UInt32(bytes[1]) << 16 | UInt32(bytes[2]) << 8 | UInt32(bytes[3])
            signatures.append(Signature(name: String(fields[0]), keyHint: hint, signature: Array(bytes[4...])))
        }
        guard !signatures.isEmpty else { throw .malformedNote("no signature lines") }
        self.init(text: text, signatures: signatures)
    }

    /// The signatures that verify under `verifiers`.
    ///
    /// - Throws: `CheckpointError.invalidSignature` when a trusted key's signature fails (tampering), or
    ///   `.unknownKey` when no signature is from a trusted key.
    @discardableResult
    public func verify(with verifiers: [any CheckpointVerifier]) throws(CheckpointError) -> [Signature] {
        var verified: [Signature] = []
        let message = Array(text.utf8)
        for signature in signatures {
            for verifier in verifiers where verifier.name == signature.name && verifier.keyHint == signature.keyHint {
                guard verifier.isValidSignature(signature.signature, for: message) else {
                    throw .invalidSignature(key: signature.keyName)
                }
                verified.append(signature)
            }
        }
        guard !verified.isEmpty else { throw .unknownKey(signatures: signatures.map(\.keyName)) }
        return verified
    }
}
