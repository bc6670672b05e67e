public import SlipwayCore

/// One reported secret: where it is and what kind, redacted.
///
/// The secret itself is not part of the value.
public struct SecretFinding: Sendable, Hashable, Codable {
    /// The rule id.
    public var rule: String
    public var description: String
    public var severity: Severity
    /// Path relative to the scanned directory (for history findings, the path in that commit).
    public var path: String
    public var line: Int
    public var column: Int
    public var endColumn: Int
    /// The commit that added the line, for history findings.
    public var commit: String?
    /// The first characters of the secret then `…`.
    public var secret: String
    /// sha256(rule id, path, secret): stable across line moves, used by baselines.
    public var fingerprint: String

    /// Where it is, for diagnostics, SARIF and annotations.
    public var location: SourceLocation {
        SourceLocation(path: path, line: line, column: column, endLine: line, endColumn: endColumn)
    }

    /// A one-line message naming the kind and the redacted secret.
    public var message: String {
        var text = "\(description): \(secret)"
        if let commit { text += " (added in commit \(commit.prefix(12)))" }
        return text
    }
}

/// The outcome of `slipway scan secrets`.
public struct SecretReport: Sendable, Codable {
    /// Counts for the summary.
    public struct Summary: Sendable, Codable, Equatable {
        public var findings = 0
        public var filesScanned = 0
        public var bytesScanned = 0
        public var commitsScanned = 0
        public var binarySkipped = 0
        public var largeSkipped = 0
        /// Findings not reported, per reason (`inline`, `allowlist`, `baseline`).
        public var suppressed: [String: Int] = [:]
        /// Findings per severity.
        public var severities: [String: Int] = [:]
        public var failOn: Severity = .low
        /// Whether a finding is at or above `failOn`.
        public var failed = false
    }

    /// Report format version.
    public var version = 1
    /// Reported findings, sorted by path, line, column and rule (history findings after working-tree ones).
    public var findings: [SecretFinding]
    public var summary: Summary
    /// Skipped files and other notes (never errors: those stop the scan).
    public var notes: [Diagnostic]
    /// Fingerprints of every finding before baseline suppression, for `--write-baseline`.
    public var baselineCandidates: [SecretBaseline.Entry]
    /// The ids of the rules that ran.
    public var ruleIDs: [String]

    enum CodingKeys: String, CodingKey {
        case version, findings, summary, notes
    }

    /// Creates a report.
    public init(
        findings: [SecretFinding],
        summary: Summary,
        notes: [Diagnostic],
        baselineCandidates: [SecretBaseline.Entry],
        ruleIDs: [String]
    ) {
        self.findings = findings
        self.summary = summary
        self.notes = notes
        self.baselineCandidates = baselineCandidates
        self.ruleIDs = ruleIDs
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        findings = try container.decode([SecretFinding].self, forKey: .findings)
        summary = try container.decode(Summary.self, forKey: .summary)
        notes = try container.decode([Diagnostic].self, forKey: .notes)
        baselineCandidates = []
        ruleIDs = []
    }
}
