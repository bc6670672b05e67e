public import SlipwayCore

/// Something a workflow does well, reported beside the gaps.
public struct Strength: Sendable, Hashable, Codable {
    public var id: String
    public var area: Area
    public var message: String
    public var location: SourceLocation?

    /// Creates a strength.
    public init(id: String, area: Area, message: String, location: SourceLocation? = nil) {
        self.id = id
        self.area = area
        self.message = message
        self.location = location
    }
}

/// The result of an audit: files, findings, strengths, per-area scores and input diagnostics.
public struct AuditReport: Sendable, Codable {
    /// Version of this JSON shape; see `docs/report-schema.md`.
    public static let schemaVersion = "1.0"

    /// One audited file.
    public struct File: Sendable, Hashable, Codable {
        public var path: String
        public var kind: WorkflowFile.Kind?
        public var findings: Int
        /// For local reusable workflows and actions: where they are called from.
        public var calledFrom: [SourceLocation]
        /// Whether the file could be parsed.
        public var parsed: Bool
    }

    /// The score and counts of one area.
    public struct AreaSummary: Sendable, Hashable, Codable {
        public var area: Area
        public var title: String
        public var score: Int
        public var findings: Int
        public var strengths: Int
        public var bySeverity: [String: Int]
    }

    /// Totals and the verdict.
    public struct Summary: Sendable, Hashable, Codable {
        public var areas: [AreaSummary]
        public var findings: Int
        public var suppressed: Int
        public var baselined: Int
        public var failOn: Severity
        /// Whether some finding is at or above `failOn`.
        public var failed: Bool
    }

    /// The producing tool.
    public struct Tool: Sendable, Hashable, Codable {
        public var name: String
        public var version: String
    }

    public var version: String
    public var tool: Tool
    public var root: String
    public var files: [File]
    public var findings: [Finding]
    public var strengths: [Strength]
    public var summary: Summary
    public var diagnostics: [Diagnostic]

    /// Whether an input could not be read or parsed (exit status 2).
    public var hasInputErrors: Bool { diagnostics.contains { $0.level == .error } }

    /// How many inputs could not be audited (unreadable files, invalid YAML): the run did not check them.
    public var inputErrorCount: Int { diagnostics.count { $0.level == .error } }
}

/// The documented score formula: 100 minus a penalty per finding, with repeats of one rule weighing less.
public enum AreaScoring {
    /// Penalty of the first finding of a rule, by severity.
    public static func penalty(_ severity: Severity) -> Int {
        switch severity {
        case .critical: 35
        case .high: 20
        case .medium: 10
        case .low: 4
        case .info: 1
        }
    }

    /// `max(0, 100 − Σ_rules (p + ⌊p/4⌋·min(n−1, 4)))`, where p is the penalty of the rule's most severe finding in the area and n its number of findings.
    ///
    /// So one rule costs at most twice its base penalty.
    public static func score(_ findings: [Finding]) -> Int {
        var byRule: [String: (severity: Severity, count: Int)] = [:]
        for finding in findings {
            let current = byRule[finding.ruleId]
            byRule[finding.ruleId] = (max(current?.severity ?? .info, finding.severity), (current?.count ?? 0) + 1)
        }
        var total = 0
        for (_, value) in byRule {
            let base = penalty(value.severity)
            total += base + (base / 4) * min(value.count - 1, 4)
        }
        return max(0, 100 - total)
    }
}
