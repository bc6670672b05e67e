#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// How a minisign signature covers the file.
public enum MinisignSignatureAlgorithm: String, Sendable, Equatable {
    /// `Ed`: Ed25519 over the whole file (minisign `-l`); the file must fit in memory.
    case legacy = "Ed"
    /// `ED`: Ed25519 over the file's BLAKE2b-512 digest; minisign's default.
    case prehashed = "ED"
}

/// A `.minisig` file: an untrusted comment, the signature, a trusted comment and the global signature.
///
/// Line 2 is the base64 of 74 bytes: algorithm (`Ed` or `ED`, 2) || key id (8) || Ed25519 signature (64). Line 4
/// is the base64 of the 64-byte Ed25519 signature over signature || trusted comment bytes.
public struct MinisignSignature: Sendable, Equatable {
    /// Legacy or prehashed.
    public var algorithm: MinisignSignatureAlgorithm
    /// The signer's key id (8 bytes, file order).
    public var keyID: [UInt8]
    /// The Ed25519 signature of the file (or its digest).
    public var signature: [UInt8]
    /// The untrusted comment (not covered by any signature).
    public var untrustedComment: String
    /// The trusted comment, covered by the global signature.
    public var trustedComment: String
    /// Ed25519 over `signature` || `trustedComment`.
    public var globalSignature: [UInt8]

    static let untrustedPrefix = "untrusted comment: "
    static let trustedPrefix = "trusted comment: "
    /// minisign's default untrusted comment.
    public static let defaultUntrustedComment = "signature from minisign secret key"

    /// Creates a signature from its parts.
    public init(
        algorithm: MinisignSignatureAlgorithm,
        keyID: [UInt8],
        signature: [UInt8],
        untrustedComment: String,
        trustedComment: String,
        globalSignature: [UInt8]
    ) {
        self.algorithm = algorithm
        self.keyID = keyID
        self.signature = signature
        self.untrustedComment = untrustedComment
        self.trustedComment = trustedComment
        self.globalSignature = globalSignature
    }

    /// Reads a `.minisig` file.
    ///
    /// - Parameters:
    ///   - text: The file's text.
    ///   - path: The file's path, for errors.
    /// - Throws: `SigningError.malformedSignature` with the line and what is wrong.
    public init(text: String, path: String) throws(SigningError) {
        let lines = KeyText.lines(text)
        func line(_ number: Int, _ what: String) throws(SigningError) -> String {
            guard lines.count >= number, !lines[number - 1].isEmpty else {
                throw .malformedSignature(
                    path: path,
                    line: number,
                    reason: "the \(what) line is missing (the file is truncated or not a signature)"
                )
            }
            return lines[number - 1]
        }
        let first = try line(1, "untrusted comment")
        guard first.hasPrefix(Self.untrustedPrefix) else {
            throw .malformedSignature(path: path, line: 1, reason: "the line must start with '\(Self.untrustedPrefix)'")
        }
        let signatureLine = try line(2, "signature")
        let payload = try Self.decode(signatureLine, count: 74, what: "signature", path: path, line: 2)
        guard
            let algorithm = MinisignSignatureAlgorithm(
                rawValue: String(decoding: payload[0..<2], as: UTF8.self)
            )
        else {
            throw .malformedSignature(
                path: path,
                line: 2,
                reason: "unsupported signature algorithm '\(KeyText.printable(payload[0..<2]))' (expected Ed or ED)"
            )
        }
        let third = try line(3, "trusted comment")
        guard third.hasPrefix(Self.trustedPrefix) else {
            throw .malformedSignature(path: path, line: 3, reason: "the line must start with '\(Self.trustedPrefix)'")
        }
        let trusted = String(third.dropFirst(Self.trustedPrefix.count))
        guard trusted.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F || $0 == "\t" }) else {
            throw .malformedSignature(path: path, line: 3, reason: "the trusted comment contains control characters")
        }
        let globalLine = try line(4, "global signature")
        let global = try Self.decode(globalLine, count: 64, what: "global signature", path: path, line: 4)
        self.init(
            algorithm: algorithm,
            keyID: Array(payload[2..<10]),
            signature: Array(payload[10..<74]),
            untrustedComment: String(first.dropFirst(Self.untrustedPrefix.count)),
            trustedComment: trusted,
            globalSignature: global
        )
    }

    /// The `.minisig` text.
    public var text: String {
        let payload = Array(algorithm.rawValue.utf8) + keyID + signature
        return """
            \(Self.untrustedPrefix)\(untrustedComment)
            \(Data(payload).base64EncodedString())
            \(Self.trustedPrefix)\(trustedComment)
            \(Data(globalSignature).base64EncodedString())

            """
    }

    /// The key id as minisign prints it.
    public var keyIDHex: String { KeyText.keyIDHex(keyID) }

    private static func decode(
        _ text: String,
        count: Int,
        what: String,
        path: String,
        line: Int
    ) throws(SigningError) -> [UInt8] {
        guard let data = Data(base64Encoded: text.trimmingASCIIWhitespace()) else {
            throw .malformedSignature(path: path, line: line, reason: "the \(what) is not valid base64")
        }
        guard data.count == count else {
            throw .malformedSignature(
                path: path,
                line: line,
                reason: "the \(what) is \(data.count) bytes; expected \(count)"
            )
        }
        return [UInt8](data)
    }
}
