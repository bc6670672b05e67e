public import SlipwayCore

/// Why a version file could not be read or updated; each case names the file and, when known, the line and column.
public enum VersionFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is not valid in its format (`format` is `JSON`, `TOML`, `YAML`).
    case invalidSyntax(path: String, format: String, position: SourcePosition, reason: String)
    /// The file holds no version where one is expected (`expected` says where).
    case versionNotFound(path: String, expected: String)
    /// The version key holds something other than a one-line string (`found` describes it).
    case versionNotString(path: String, position: SourcePosition, key: String, found: String)
    /// `pyproject.toml` lists `version` in `[project] dynamic`, so no static version exists.
    case dynamicVersion(path: String, position: SourcePosition)
    /// A `Cargo.toml` package inherits its version from the workspace (`version.workspace = true`).
    case workspaceVersion(path: String, position: SourcePosition)
    /// A plain version file holds more than the version.
    case extraContent(path: String, position: SourcePosition)
    /// The new version holds characters that could corrupt the file.
    case invalidVersion(path: String, version: String)
    /// A custom updater's pattern does not compile or lacks its version capture group.
    case invalidPattern(pattern: String, reason: String)
    /// A custom updater's pattern matches nothing in the file.
    case noMatch(path: String, pattern: String)
    /// No built-in updater knows the file by its name.
    case unsupportedFile(path: String)

    /// Where the problem is, when it is in a file.
    public var location: SourceLocation? {
        switch self {
        case .invalidSyntax(let path, _, let position, _), .versionNotString(let path, let position, _, _),
            .dynamicVersion(let path, let position), .workspaceVersion(let path, let position),
            .extraContent(let path, let position):
            SourceLocation(path: path, position: position)
        case .versionNotFound(let path, _), .invalidVersion(let path, _), .noMatch(let path, _),
            .unsupportedFile(let path):
            SourceLocation(path: path, line: 1, column: 1)
        case .invalidPattern:
            nil
        }
    }

    /// What happened and what to do.
    public var message: String {
        switch self {
        case .invalidSyntax(_, let format, _, let reason):
            return "invalid \(format): \(reason); fix the file (nothing was written)"
        case .versionNotFound(_, let expected):
            return "no version to update: expected \(expected); add one, or remove this file from `bumpFiles`"
        case .versionNotString(_, _, let key, let found):
            return "\(key) must be a one-line string such as \"1.2.3\", found \(found); write the version as a string"
        case .dynamicVersion:
            return "[project] lists \"version\" in `dynamic`, so there is no static version to update; "
                + "bump the file your build backend reads the version from (list it in `bumpFiles`), "
                + "or remove pyproject.toml from `bumpFiles`"
        case .workspaceVersion:
            return "the package inherits its version from the workspace (`version.workspace = true`); "
                + "bump the workspace root Cargo.toml, whose [workspace.package] holds the version, "
                + "and remove this file from `bumpFiles`"
        case .extraContent:
            return "a plain version file must hold only the version, found more text here; "
                + "move that text elsewhere or use a regex updater for this file"
        case .invalidVersion(_, let version):
            return "cannot write '\(version)' as a version: only ASCII letters, digits, '.', '-', '+' and '_' "
                + "are allowed (for example 1.2.3-rc.1+build.5)"
        case .invalidPattern(let pattern, let reason):
            return "invalid version pattern /\(pattern)/: \(reason)"
        case .noMatch(_, let pattern):
            return "the version pattern /\(pattern)/ matches nothing in this file; "
                + "check the pattern against the file's text"
        case .unsupportedFile(let path):
            let name = VersionFiles.fileName(of: path)
            return "no built-in version updater for '\(name)'; give the bumpFiles entry a `type` "
                + "(json or plain-text) or a regex pattern"
        }
    }

    /// The compiler-style line `path:line:column: error: message`.
    public var description: String {
        DiagnosticFormatter.line(level: "error", message: message, location: location)
    }
}
