public import SlipwayCore

/// One policy violation or problem, with its rule, severity and location.
public struct LicenseFinding: Sendable, Hashable, Codable, Comparable {
    public var ruleId: String
    public var severity: Severity
    public var message: String
    /// The purl of the package (for an expired exception, the `package` it names).
    public var package: String
    /// The canonical expression, or the declared text when it did not resolve.
    public var expression: String?
    public var location: SourceLocation?
    /// Related places: the installed metadata, other lockfiles, the exception.
    public var notes: [Diagnostic.Note]
    /// A stable identity across runs (rule, package, expression).
    public var fingerprint: String

    /// Creates a finding; the fingerprint is derived.
    public init(
        rule: LicenseRule,
        severity: Severity,
        message: String,
        package: String,
        expression: String?,
        location: SourceLocation?,
        notes: [Diagnostic.Note] = []
    ) {
        self.ruleId = rule.id
        self.severity = severity
        self.message = message
        self.package = package
        self.expression = expression
        self.location = location
        self.notes = notes
        self.fingerprint = StableHash.hex(rule.id, package, expression ?? "")
    }

    /// Encodes every key, `null` included, so the JSON shape does not depend on the data.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ruleId, forKey: .ruleId)
        try container.encode(severity, forKey: .severity)
        try container.encode(message, forKey: .message)
        try container.encode(package, forKey: .package)
        try container.encode(expression, forKey: .expression)
        try container.encode(location, forKey: .location)
        try container.encode(notes, forKey: .notes)
        try container.encode(fingerprint, forKey: .fingerprint)
    }

    public static func < (lhs: LicenseFinding, rhs: LicenseFinding) -> Bool {
        let left = (lhs.location?.path ?? "", lhs.location?.line ?? 0, lhs.location?.column ?? 0)
        let right = (rhs.location?.path ?? "", rhs.location?.line ?? 0, rhs.location?.column ?? 0)
        if left != right { return left < right }
        return (lhs.ruleId, lhs.package, lhs.message) < (rhs.ruleId, rhs.package, rhs.message)
    }
}
