public import SlipwayCore

/// The result of `slipway scan licenses`: every package with its license status, the findings, and the files
/// that could not be read.
public struct LicenseReport: Sendable, Codable {
    /// Counts for a one-line summary and the exit status.
    public struct Summary: Sendable, Hashable, Codable {
        public var packages: Int
        /// Packages per status (every status present, zero included).
        public var statuses: [String: Int]
        public var findings: Int
        /// Findings per severity (every severity present, zero included).
        public var severities: [String: Int]
        public var expiredExceptions: Int
        public var failOn: Severity
        /// Whether a finding is at or above `failOn`, or an exception has expired.
        public var failed: Bool
    }

    /// The shape version of this JSON document.
    public var schemaVersion = 1
    public var summary: Summary
    /// The lockfiles read.
    public var lockfiles: [LockfileInventory.Source]
    /// Sorted by purl.
    public var packages: [LicensedPackage]
    /// Sorted by location, rule and package.
    public var findings: [LicenseFinding]
    /// Unreadable lockfiles (errors) and metadata files (warnings).
    public var diagnostics: [Diagnostic]

    /// Whether some input could not be read (a lockfile error).
    public var hasInputErrors: Bool { diagnostics.contains { $0.level == .error } }
}
