public import SlipwayCore

/// Which dependency licenses a project accepts: the `licenses:` mapping of the `scan:` section of `slipway.yml`.
///
/// `deny` wins over `allow`; an empty `allow` accepts everything not denied. Entries are SPDX ids, `id+`,
/// `LicenseRef-…`, `id WITH exception` (accepting only that combination) or whole expressions (accepting a package
/// whose expression is exactly that). Deprecated GNU ids are read as their successors on both sides
/// (`GPL-2.0` is `GPL-2.0-only`).
public struct LicensePolicy: Sendable, Equatable {
    /// What to do with a package whose license is unknown or not a valid expression.
    public enum UnknownHandling: String, Sendable, Equatable, CaseIterable, Codable {
        /// Report nothing.
        case allow
        /// Report a medium finding (below the default `--fail-on high`).
        case warn
        /// Report a finding at the policy's `severity`.
        case deny
    }

    /// A package accepted despite the policy, for a reason, by an owner, until a date.
    public struct Exception: Sendable, Equatable {
        /// A purl (`pkg:npm/left-pad@1.3.0`, or without `@version` for every version) or a package name.
        public var package: String
        /// When set, the exception only covers a package declaring exactly this expression.
        public var license: LicenseExpression?
        public var reason: String
        /// Who answers for the exception (a person or team).
        public var owner: String
        /// The last day the exception holds; after it, the exception is itself a finding that fails the run.
        public var expires: CalendarDate
        /// Where the exception is written, for findings about it.
        public var location: SourceLocation?

        /// Creates an exception.
        public init(
            package: String,
            license: LicenseExpression? = nil,
            reason: String,
            owner: String,
            expires: CalendarDate,
            location: SourceLocation? = nil
        ) {
            self.package = package
            self.license = license
            self.reason = reason
            self.owner = owner
            self.expires = expires
            self.location = location
        }

        /// Whether the exception names `component` (by purl with or without version, or by name).
        public func covers(purl: String, name: String) -> Bool {
            let wanted = package.lowercased()
            let purl = purl.lowercased()
            if wanted == purl || wanted == name.lowercased() { return true }
            if wanted.hasPrefix("pkg:"), !wanted.contains("@"), let at = purl.lastIndex(of: "@") {
                return String(purl[..<at]) == wanted
            }
            return false
        }
    }

    /// Licenses accepted; empty accepts everything not denied.
    public var allow: [LicenseExpression]
    /// Licenses never accepted.
    public var deny: [LicenseExpression]
    public var unknown: UnknownHandling
    /// The severity of violations (denied, not allowed, expired exceptions; unknown ones under `unknown: deny`).
    public var severity: Severity
    public var exceptions: [Exception]

    /// Creates a policy; the defaults accept every known license and warn about unknown ones.
    public init(
        allow: [LicenseExpression] = [],
        deny: [LicenseExpression] = [],
        unknown: UnknownHandling = .warn,
        severity: Severity = .high,
        exceptions: [Exception] = []
    ) {
        self.allow = allow
        self.deny = deny
        self.unknown = unknown
        self.severity = severity
        self.exceptions = exceptions
    }

    /// The severity of a finding about an unknown or invalid license, or `nil` when `unknown: allow`.
    public var unknownSeverity: Severity? {
        switch unknown {
        case .allow: nil
        case .warn: .medium
        case .deny: severity
        }
    }
}
