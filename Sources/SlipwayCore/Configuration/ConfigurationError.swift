/// Why `slipway.yml` could not be used; every case names the file, line and column.
public enum ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    case yaml(YAMLLoadError)
    case unknownKey(key: String, location: SourceLocation, suggestion: String?, section: String)
    case wrongType(key: String, location: SourceLocation, expected: String, found: String)
    case invalidValue(key: String, location: SourceLocation, value: String, allowed: [String])
    case unsupportedVersion(location: SourceLocation, found: Int, highest: Int)
    case unknownRule(id: String, location: SourceLocation, suggestion: String?)
    case invalidDate(key: String, location: SourceLocation, value: String)
    case missingKey(key: String, location: SourceLocation)

    /// Where the problem is.
    public var location: SourceLocation {
        switch self {
        case .yaml(let error): error.location
        case .unknownKey(_, let location, _, _), .wrongType(_, let location, _, _),
            .invalidValue(_, let location, _, _), .unsupportedVersion(let location, _, _),
            .unknownRule(_, let location, _), .invalidDate(_, let location, _), .missingKey(_, let location):
            location
        }
    }

    /// What happened and what to do.
    public var message: String {
        switch self {
        case .yaml(let error):
            return error.message
        case .unknownKey(let key, _, let suggestion, let section):
            let hint = suggestion.map { "; did you mean '\($0)'?" } ?? "; remove it or check the spelling"
            return "unknown key '\(key)' in \(section)\(hint)"
        case .wrongType(let key, _, let expected, let found):
            return "'\(key)' must be \(expected), found \(found)"
        case .invalidValue(let key, _, let value, let allowed):
            let hint = EditDistance.suggestion(for: value, among: allowed).map { " (did you mean '\($0)'?)" } ?? ""
            return "'\(value)' is not a valid value for '\(key)'\(hint); use one of: \(allowed.joined(separator: ", "))"
        case .unsupportedVersion(_, let found, let highest):
            return "configuration version \(found) is newer than this slipway understands (\(highest)); "
                + "upgrade slipway or set `version: \(highest)`"
        case .unknownRule(let id, _, let suggestion):
            let hint = suggestion.map { "; did you mean '\($0)'?" } ?? "; run `slipway audit --list-rules` for the ids"
            return "unknown rule id '\(id)'\(hint)"
        case .invalidDate(let key, _, let value):
            return "'\(key)' must be a date as YYYY-MM-DD, found '\(value)'"
        case .missingKey(let key, _):
            return "missing required key '\(key)'"
        }
    }

    public var description: String {
        DiagnosticFormatter.line(level: "error", message: message, location: location)
    }
}
