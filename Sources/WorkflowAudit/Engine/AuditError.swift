public import SlipwayCore

/// Errors of the audit as a whole (not of one workflow).
public enum AuditError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidBaseline(path: String, reason: String)
    case unknownRule(id: String, suggestion: String?)
    case invalidRuleOptions(ruleId: String, location: SourceLocation, reason: String)
    case invalidCatalogue(location: SourceLocation, reason: String)

    public var description: String {
        switch self {
        case .invalidBaseline(let path, let reason):
            return "\(path): error: not a valid baseline file (\(reason)); regenerate it with --write-baseline"
        case .unknownRule(let id, let suggestion):
            let hint = suggestion.map { "; did you mean '\($0)'?" } ?? "; run `slipway audit --list-rules`"
            return "error: unknown rule id '\(id)'\(hint)"
        case .invalidRuleOptions(let ruleId, let location, let reason):
            return DiagnosticFormatter.line(
                level: "error",
                message: "invalid options for rule '\(ruleId)': \(reason)",
                location: location
            )
        case .invalidCatalogue(let location, let reason):
            return DiagnosticFormatter.line(
                level: "error",
                message: "invalid catalogue extension: \(reason)",
                location: location
            )
        }
    }
}
