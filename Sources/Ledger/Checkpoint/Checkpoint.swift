import Foundation

/// A log checkpoint in the transparency-dev format: the body of a signed note, `<origin>\n<size>\n<base64 root>\n`
/// followed by optional extension lines.
public struct Checkpoint: Sendable, Hashable {
    /// Names the log (and, by convention, its signing key); unique per ledger.
    public var origin: String
    /// The number of entries the root covers.
    public var size: UInt64
    /// The RFC 9162 root of the first `size` entries.
    public var rootHash: [UInt8]
    /// Extra lines after the root, kept as written (none are written by Slipway).
    public var extensions: [String]

    /// Creates a checkpoint.
    public init(origin: String, size: UInt64, rootHash: [UInt8], extensions: [String] = []) {
        self.origin = origin
        self.size = size
        self.rootHash = rootHash
        self.extensions = extensions
    }

    /// The note body: the signed text.
    public var body: String {
        var text = "\(origin)\n\(size)\n\(Data(rootHash).base64EncodedString())\n"
        for line in extensions { text += line + "\n" }
        return text
    }

    /// Reads a checkpoint body.
    ///
    /// - Throws: `CheckpointError.malformedBody` saying which line is wrong.
    public init(body: String) throws(CheckpointError) {
        guard body.hasSuffix("\n") else { throw .malformedBody("the body does not end with a newline") }
        let lines = body.dropLast().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 3 else { throw .malformedBody("expected origin, size and root hash lines") }
        guard !lines[0].isEmpty else { throw .malformedBody("line 1: the origin is empty") }
        let sizeText = lines[1]
        guard let size = UInt64(sizeText), sizeText.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            sizeText == "0" || !sizeText.hasPrefix("0")
        else { throw .malformedBody("line 2: '\(sizeText)' is not a tree size in decimal") }
        guard let root = Data(base64Encoded: lines[2]), root.count == MerkleHasher.hashSize,
            Data(root).base64EncodedString() == lines[2]
        else { throw .malformedBody("line 3: '\(lines[2])' is not the base64 of a 32-byte hash") }
        for (offset, line) in lines.dropFirst(3).enumerated() where line.isEmpty {
            throw .malformedBody("line \(offset + 4): empty extension line")
        }
        self.init(origin: lines[0], size: size, rootHash: Array(root), extensions: Array(lines.dropFirst(3)))
    }
}

/// Why a checkpoint or signed note could not be read or trusted.
public enum CheckpointError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The note text is not a checkpoint.
    case malformedBody(String)
    /// The note's framing (blank line, signature lines) is wrong.
    case malformedNote(String)
    /// No signature is from a trusted key; lists the `name+hint` of each signature seen.
    case unknownKey(signatures: [String])
    /// A signature from a trusted key does not verify: the note was altered or signed by another key with the
    /// same name and hint.
    case invalidSignature(key: String)
    /// A key file or key text is not in a supported format.
    case malformedKey(String)
    /// The checkpoint names another log.
    case originMismatch(expected: String, found: String)

    public var description: String {
        switch self {
        case .malformedBody(let reason):
            "not a checkpoint: \(reason)"
        case .malformedNote(let reason):
            "not a signed note: \(reason)"
        case .unknownKey(let signatures):
            "no signature is from a trusted key (signed by \(signatures.isEmpty ? "nobody" : signatures.joined(separator: ", ")));"
                + " pass the log's public key with --key, or find out who signed this checkpoint"
        case .invalidSignature(let key):
            "the signature by \(key) does not verify: the checkpoint was altered after signing"
        case .malformedKey(let reason):
            "unusable key: \(reason)"
        case .originMismatch(let expected, let found):
            "the checkpoint is for log '\(found)', not '\(expected)'"
        }
    }
}
