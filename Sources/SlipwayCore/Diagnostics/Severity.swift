/// How serious a finding is, from informational to critical.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    case info
    case low
    case medium
    case high
    case critical

    private var rank: Int {
        switch self {
        case .info: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        case .critical: 4
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    public var description: String { rawValue }

    /// The SARIF `level` this severity maps to.
    public var sarifLevel: String {
        switch self {
        case .info: "note"
        case .low, .medium: "warning"
        case .high, .critical: "error"
        }
    }

    /// The SARIF `security-severity` score GitHub code scanning uses to rank alerts.
    public var securitySeverityScore: String {
        switch self {
        case .info: "0.0"
        case .low: "3.0"
        case .medium: "5.5"
        case .high: "8.0"
        case .critical: "9.5"
        }
    }

    /// The GitHub workflow-command level this severity maps to.
    public var annotationLevel: String {
        switch self {
        case .info: "notice"
        case .low, .medium: "warning"
        case .high, .critical: "error"
        }
    }
}

/// How sure a rule is that a finding is real.
public enum Confidence: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case low
    case medium
    case high

    private var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        }
    }

    public static func < (lhs: Confidence, rhs: Confidence) -> Bool { lhs.rank < rhs.rank }
}
