public import SlipwayCore

/// Why a lockfile could not be read; located where possible, and saying what to do.
public enum LockfileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is not valid in its format (JSON, YAML, TOML, XML…), at a position.
    case invalidSyntax(path: String, position: SourcePosition?, format: String, reason: String)
    /// The file parses but does not have the shape of that lockfile (a required key is missing, a wrong type).
    case unexpectedShape(path: String, position: SourcePosition?, reason: String)
    /// A lockfile version the reader does not know.
    case unsupportedVersion(path: String, position: SourcePosition?, version: String, supported: [String])
    /// The file is larger than the reader accepts.
    case tooLarge(path: String, bytes: Int, limit: Int)

    /// Where the problem is.
    public var location: SourceLocation {
        switch self {
        case .invalidSyntax(let path, let position, _, _), .unexpectedShape(let path, let position, _),
            .unsupportedVersion(let path, let position, _, _):
            SourceLocation(path: path, position: position ?? SourcePosition(line: 1, column: 1))
        case .tooLarge(let path, _, _):
            SourceLocation(path: path, line: 1, column: 1)
        }
    }

    /// What happened and what to do.
    public var message: String {
        switch self {
        case .invalidSyntax(_, _, let format, let reason):
            "not valid \(format): \(reason); regenerate the lockfile with its package manager"
        case .unexpectedShape(_, _, let reason):
            "\(reason); regenerate the lockfile with a supported package manager version"
        case .unsupportedVersion(_, _, let version, let supported):
            "lockfile version \(version) is not supported (supported: \(supported.joined(separator: ", ")))"
        case .tooLarge(_, let bytes, let limit):
            "file is \(bytes) bytes, over the \(limit)-byte limit for lockfiles"
        }
    }

    /// What is wrong, without `message`'s advice about lockfiles: for the manifests read through the same parsers.
    public var problem: String {
        switch self {
        case .invalidSyntax(_, _, let format, let reason): "not valid \(format): \(reason)"
        case .unexpectedShape(_, _, let reason): reason
        case .unsupportedVersion(_, _, let version, _): "version \(version) is not supported"
        case .tooLarge(_, let bytes, let limit): "file is \(bytes) bytes, over the \(limit)-byte limit"
        }
    }

    public var description: String { DiagnosticFormatter.line(level: "error", message: message, location: location) }
}

/// Reads one lockfile format into components.
///
/// Readers are pure: text in, components out.
public protocol LockfileReader: Sendable {
    /// A short name of the format (`package-lock.json v3`), for reports.
    var format: String { get }
    /// Whether this reader handles the file at `path` (by file name).
    func handles(path: String) -> Bool
    /// The components of `text`, read from `path` (relative, for locations). `companion` reads a sibling file
    /// (for example `go.sum` next to `go.mod`, or `package.json` next to a lockfile), or returns `nil`.
    func read(
        _ text: String,
        path: String,
        companion: @Sendable (String) -> String?
    ) throws(LockfileError) -> [Component]
}
