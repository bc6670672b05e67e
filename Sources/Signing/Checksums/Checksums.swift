import Crypto
public import SlipwayCore

/// One line of a checksum file.
public struct ChecksumEntry: Sendable, Equatable {
    /// The algorithm.
    public var algorithm: ChecksumAlgorithm
    /// The digest in lower-case hex.
    public var hexDigest: String
    /// The file name as listed (unescaped).
    public var name: String
    /// The 1-based line in the checksum file (0 for entries not read from a file).
    public var line: Int

    /// Creates an entry.
    public init(algorithm: ChecksumAlgorithm, hexDigest: String, name: String, line: Int = 0) {
        self.algorithm = algorithm
        self.hexDigest = hexDigest
        self.name = name
        self.line = line
    }
}

/// The outcome of checking one listed file.
public enum ChecksumStatus: Sendable, Equatable {
    /// The digest matches.
    case ok
    /// The file's digest differs from the listed one.
    case mismatch(actual: String)
    /// The file could not be read.
    case unreadable(reason: String)
}

/// Writes and checks `SHA256SUMS`/`SHA512SUMS` files in the formats `sha256sum -c` accepts.
public enum Checksums {
    /// Read size when hashing.
    static let chunkSize = 1 << 20

    /// The digest of the file at `path`, read in chunks.
    ///
    /// - Throws: `FileSystemError` when the file cannot be read.
    public static func digest(
        fileAt path: String,
        algorithm: ChecksumAlgorithm,
        fileSystem: any FileSystem
    ) throws(FileSystemError) -> [UInt8] {
        switch algorithm {
        case .sha256:
            var hasher = SHA256()
            try fileSystem.readChunks(at: path, chunkSize: chunkSize) { hasher.update(bufferPointer: $0) }
            return Array(hasher.finalize())
        case .sha512:
            var hasher = SHA512()
            try fileSystem.readChunks(at: path, chunkSize: chunkSize) { hasher.update(bufferPointer: $0) }
            return Array(hasher.finalize())
        }
    }

    /// Lower-case hex.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// One line (with its newline) for `entry`, in GNU or BSD (`--tag`) form.
    ///
    /// GNU is `<hex>  <name>`, BSD `SHA256 (<name>) = <hex>`. Names with a
    /// backslash, newline or carriage return are escaped (`\\`, `\n`, `\r`) and the line starts with `\`, as GNU
    /// coreutils writes and reads them.
    public static func line(for entry: ChecksumEntry, format: ChecksumFormat) -> String {
        let needsEscape = entry.name.utf8.contains { $0 == 0x5C || $0 == 0x0A || $0 == 0x0D }
        var name = entry.name
        if needsEscape {
            name = ""
            for scalar in entry.name.unicodeScalars {
                switch scalar {
                case "\\": name += "\\\\"
                case "\n": name += "\\n"
                case "\r": name += "\\r"
                default: name.unicodeScalars.append(scalar)
                }
            }
        }
        let prefix = needsEscape ? "\\" : ""
        switch format {
        case .gnu: return "\(prefix)\(entry.hexDigest)  \(name)\n"
        case .tagged: return "\(prefix)\(entry.algorithm.tag) (\(name)) = \(entry.hexDigest)\n"
        }
    }

    /// Reads a checksum file in either form (mixed forms are allowed, as with `sha256sum -c`).
    ///
    /// - Parameters:
    ///   - text: The file's text.
    ///   - path: The file's path, for errors.
    ///   - algorithm: The algorithm of GNU-form lines, or `nil` to infer it from the digest length.
    /// - Throws: `ChecksumError.malformedLine` naming the first bad line, `.empty` when there are no lines.
    public static func parse(
        _ text: String,
        path: String,
        algorithm: ChecksumAlgorithm? = nil
    ) throws(ChecksumError) -> [ChecksumEntry] {
        var entries: [ChecksumEntry] = []
        for (index, rawLine) in KeyText.lines(text).enumerated() {
            let number = index + 1
            var line = Substring(rawLine)
            if line.isEmpty { continue }
            let escaped = line.hasPrefix("\\")
            if escaped { line = line.dropFirst() }
            if let entry = try tagged(line, escaped: escaped, path: path, number: number) {
                entries.append(entry)
            } else {
                entries.append(try gnu(line, escaped: escaped, algorithm: algorithm, path: path, number: number))
            }
        }
        if entries.isEmpty { throw .empty(path: path) }
        return entries
    }

    /// Checks each entry against the file it names (relative paths resolve against `directory`).
    public static func verify(
        _ entries: [ChecksumEntry],
        relativeTo directory: String,
        fileSystem: any FileSystem
    ) -> [(entry: ChecksumEntry, status: ChecksumStatus)] {
        entries.map { entry in
            let path = PathUtilities.join(directory, entry.name)
            do throws(FileSystemError) {
                let actual = hex(try digest(fileAt: path, algorithm: entry.algorithm, fileSystem: fileSystem))
                return (entry, actual == entry.hexDigest.lowercased() ? .ok : .mismatch(actual: actual))
            } catch {
                switch error {
                case .notFound: return (entry, .unreadable(reason: "no such file"))
                case .unreadable(_, let reason), .unwritable(_, let reason):
                    return (entry, .unreadable(reason: reason))
                }
            }
        }
    }

    private static func tagged(
        _ line: Substring,
        escaped: Bool,
        path: String,
        number: Int
    ) throws(ChecksumError) -> ChecksumEntry? {
        guard
            let algorithm = ChecksumAlgorithm.allCases.first(where: { line.hasPrefix("\($0.tag) (") })
        else { return nil }
        // The name may itself contain ") = ", so split at the fixed-length digest at the end.
        let rest = line.dropFirst(algorithm.tag.count + 2)
        let digest = String(rest.suffix(algorithm.hexLength))
        let beforeDigest = rest.dropLast(algorithm.hexLength)
        guard rest.count > algorithm.hexLength + 4, beforeDigest.hasSuffix(") = ") else {
            throw .malformedLine(
                path: path,
                line: number,
                reason: "expected ') = ' and a \(algorithm.hexLength)-digit digest at the end"
            )
        }
        try checkHex(digest, algorithm: algorithm, path: path, number: number)
        let name = try unescape(beforeDigest.dropLast(4), escaped: escaped, path: path, number: number)
        return ChecksumEntry(algorithm: algorithm, hexDigest: digest.lowercased(), name: name, line: number)
    }

    private static func gnu(
        _ line: Substring,
        escaped: Bool,
        algorithm: ChecksumAlgorithm?,
        path: String,
        number: Int
    ) throws(ChecksumError) -> ChecksumEntry {
        guard let space = line.firstIndex(of: " ") else {
            throw .malformedLine(path: path, line: number, reason: "no space between digest and name")
        }
        let digest = String(line[..<space])
        let afterSpace = line.index(after: space)
        guard afterSpace < line.endIndex, line[afterSpace] == " " || line[afterSpace] == "*" else {
            throw .malformedLine(path: path, line: number, reason: "the digest must be followed by two spaces")
        }
        let nameStart = line.index(after: afterSpace)
        guard nameStart < line.endIndex else {
            throw .malformedLine(path: path, line: number, reason: "the file name is missing")
        }
        guard let resolved = algorithm ?? ChecksumAlgorithm(hexLength: digest.count) else {
            throw .malformedLine(
                path: path,
                line: number,
                reason: "a digest of \(digest.count) characters is neither SHA-256 (64) nor SHA-512 (128)"
            )
        }
        try checkHex(digest, algorithm: resolved, path: path, number: number)
        let name = try unescape(line[nameStart...], escaped: escaped, path: path, number: number)
        return ChecksumEntry(algorithm: resolved, hexDigest: digest.lowercased(), name: name, line: number)
    }

    private static func checkHex(
        _ digest: String,
        algorithm: ChecksumAlgorithm,
        path: String,
        number: Int
    ) throws(ChecksumError) {
        guard digest.utf8.count == algorithm.hexLength,
            digest.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0 | 0x20) })
        else {
            throw .malformedLine(
                path: path,
                line: number,
                reason: "'\(digest.prefix(140))' is not a \(algorithm.hexLength)-digit hex \(algorithm.tag) digest"
            )
        }
    }

    private static func unescape(
        _ name: Substring,
        escaped: Bool,
        path: String,
        number: Int
    ) throws(ChecksumError) -> String {
        guard escaped else { return String(name) }
        var result = ""
        var iterator = name.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == "\\" else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch iterator.next() {
            case "\\": result += "\\"
            case "n": result += "\n"
            case "r": result += "\r"
            default:
                throw .malformedLine(path: path, line: number, reason: "unknown escape in the file name")
            }
        }
        return result
    }
}
