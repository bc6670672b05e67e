/// A calendar date (`YYYY-MM-DD`), compared as a day without time zones.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Parses `YYYY-MM-DD`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]),
            let day = Int(parts[2]), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The UTC day of a Unix time.
    public init(secondsSince1970: Int) {
        self.init(daysSince1970: Int((Double(secondsSince1970) / 86_400).rounded(.down)))
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

/// The project configuration file, `slipway.yml`: one typed section per command.
public struct SlipwayConfiguration: Sendable {
    /// The newest `version:` this build understands.
    public static let highestSupportedVersion = 1
    /// File names searched for, in order.
    public static let fileNames = ["slipway.yml", "slipway.yaml", ".slipway.yml", ".slipway.yaml"]

    /// The file it came from, if any.
    public var path: String?
    public var version: Int
    public var audit: AuditSettings
    /// The `versioning:` section as located YAML, decoded and checked by the Versioning target.
    public var versioning: YAMLNode?
    /// The `scan:` section (dependency and license policy) as located YAML, decoded by the SupplyChain target.
    public var scan: YAMLNode?
    /// The `ledger:` section (a path, or a mapping) as located YAML, decoded by the Ledger target.
    public var ledger: YAMLNode?
    /// The `secrets:` section (secret names each environment needs) as located YAML, decoded by SupplyChain.
    public var secrets: YAMLNode?

    /// The built-in defaults (no file).
    public init(
        path: String? = nil,
        version: Int = highestSupportedVersion,
        audit: AuditSettings = AuditSettings(),
        versioning: YAMLNode? = nil,
        scan: YAMLNode? = nil,
        ledger: YAMLNode? = nil,
        secrets: YAMLNode? = nil
    ) {
        self.path = path
        self.version = version
        self.audit = audit
        self.versioning = versioning
        self.scan = scan
        self.ledger = ledger
        self.secrets = secrets
    }
}

/// The `audit:` section.
public struct AuditSettings: Sendable {
    /// Per-rule severity and options, keyed by rule id, in file order.
    public var rules: [RuleSettingEntry]
    /// Config-level ignores with reasons and optional expiry.
    public var ignores: [IgnoreEntry]
    /// Path globs (relative to the root) that are never audited.
    public var exclude: [String]
    /// `fail-on` default for the CLI.
    public var failOn: Severity?
    /// Extra catalogue entries, as raw YAML for the audit target to decode.
    public var catalogue: YAMLNode?

    /// Empty settings.
    public init(
        rules: [RuleSettingEntry] = [],
        ignores: [IgnoreEntry] = [],
        exclude: [String] = [],
        failOn: Severity? = nil,
        catalogue: YAMLNode? = nil
    ) {
        self.rules = rules
        self.ignores = ignores
        self.exclude = exclude
        self.failOn = failOn
        self.catalogue = catalogue
    }
}

/// `rules.<id>: off|<severity>` or `rules.<id>: { severity: …, <option>: … }`.
public struct RuleSettingEntry: Sendable {
    public var id: String
    public var location: SourceLocation
    /// `nil` keeps the default; `.some(nil)` means `off`.
    public var severity: Severity??
    /// The rule's own option keys (everything except `severity`), for the rule to decode.
    public var options: YAMLMapping?

    /// Creates an entry.
    public init(id: String, location: SourceLocation, severity: Severity??, options: YAMLMapping?) {
        self.id = id
        self.location = location
        self.severity = severity
        self.options = options
    }

    /// Whether the rule is turned off.
    public var isOff: Bool {
        if case .some(.none) = severity { return true }
        return false
    }
}

/// An `ignore:` entry: a rule silenced for some paths, with a reason and an optional expiry date.
public struct IgnoreEntry: Sendable, Hashable {
    public var rule: String
    /// Path glob; `nil` means every file.
    public var path: String?
    public var reason: String
    public var expires: CalendarDate?
    public var location: SourceLocation

    /// Creates an entry.
    public init(rule: String, path: String?, reason: String, expires: CalendarDate?, location: SourceLocation) {
        self.rule = rule
        self.path = path
        self.reason = reason
        self.expires = expires
        self.location = location
    }
}

extension CalendarDate {
    /// An RFC 3339 UTC timestamp (`2026-11-25T14:09:04Z`) for a Unix time, without Foundation formatters.
    public static func rfc3339(secondsSince1970 seconds: Int) -> String {
        let date = CalendarDate(secondsSince1970: seconds)
        let secondOfDay = ((seconds % 86_400) + 86_400) % 86_400
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(date)T\(pad(secondOfDay / 3600)):\(pad(secondOfDay / 60 % 60)):\(pad(secondOfDay % 60))Z"
    }
}
