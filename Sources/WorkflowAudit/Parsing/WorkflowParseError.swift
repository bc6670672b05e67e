public import SlipwayCore

/// Why a file could not be audited at all.
public enum WorkflowParseError: Error, Sendable, Equatable, CustomStringConvertible {
    case yaml(YAMLLoadError)
    case notAMapping(path: String, position: SourcePosition, found: String)
    case notAWorkflow(path: String)
    case unreadable(FileSystemError)

    /// Where to point the user.
    public var location: SourceLocation? {
        switch self {
        case .yaml(let error): error.location
        case .notAMapping(let path, let position, _): SourceLocation(path: path, position: position)
        case .notAWorkflow(let path): SourceLocation(path: path, line: 1, column: 1)
        case .unreadable: nil
        }
    }

    /// The message without the location prefix.
    public var message: String {
        switch self {
        case .yaml(let error):
            return error.message
        case .notAMapping(_, _, let found):
            return "expected a mapping with `on:` and `jobs:` at the top level, found a \(found)"
        case .notAWorkflow:
            return "not a GitHub Actions workflow or action: no `on:`/`jobs:` or `runs:` at the top level; "
                + "pass workflow files only"
        case .unreadable(let error):
            return error.description
        }
    }

    public var description: String {
        if case .unreadable(let error) = self { return error.description }
        return DiagnosticFormatter.line(level: "error", message: message, location: location)
    }

    /// As a diagnostic, for reports.
    public var diagnostic: Diagnostic { Diagnostic(.error, message, at: location) }
}
