public import SlipwayCore

/// The four gap areas of an enterprise release pipeline; every rule and strength belongs to one.
public enum Area: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case security
    case reliability
    case observability
    case enterprise

    /// A title for reports.
    public var title: String {
        switch self {
        case .security: "Security & compliance"
        case .reliability: "Reliability"
        case .observability: "Observability"
        case .enterprise: "Enterprise features"
        }
    }

    private var rank: Int { Area.allCases.firstIndex(of: self) ?? 0 }

    public static func < (lhs: Area, rhs: Area) -> Bool { lhs.rank < rhs.rank }
}

/// A YAML snippet used to document and test a rule.
///
/// `↓` marks where a finding must start.
public struct RuleExample: Sendable, Hashable {
    /// The YAML, with `↓` markers in triggering examples.
    public var yaml: String
    /// The path the snippet is audited as.
    public var path: String

    /// Creates an example audited as a workflow at `.github/workflows/example.yml` unless told otherwise.
    public init(_ yaml: String, path: String = ".github/workflows/example.yml") {
        self.yaml = yaml
        self.path = path
    }

    /// The marker that shows where a finding is expected.
    public static let marker: Character = "↓"

    /// The YAML without markers, and the 1-based positions the markers stood at.
    public var stripped: (yaml: String, positions: [SourcePosition]) {
        var output = ""
        var positions: [SourcePosition] = []
        var line = 1
        var column = 1
        for character in yaml {
            if character == Self.marker {
                positions.append(SourcePosition(line: line, column: column))
                continue
            }
            output.append(character)
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        return (output, positions)
    }
}

/// Everything known about a rule: identity, area, default severity, documentation and examples.
public struct RuleMetadata: Sendable, Hashable {
    /// Stable kebab-case id used in config, suppressions and output.
    public var id: String
    /// Title Case name.
    public var name: String
    public var area: Area
    public var severity: Severity
    public var confidence: Confidence
    public var isEnabledByDefault: Bool
    /// One sentence: what the rule finds.
    public var summary: String
    /// Markdown: why it matters and how to fix it.
    public var rationale: String
    /// A before/after fix, as YAML snippets.
    public var fixBefore: String
    public var fixAfter: String
    public var triggeringExamples: [RuleExample]
    public var nonTriggeringExamples: [RuleExample]
    /// Former ids that still resolve to this rule.
    public var deprecatedAliases: [String]

    /// Creates metadata.
    public init(
        id: String,
        name: String,
        area: Area,
        severity: Severity,
        confidence: Confidence = .high,
        isEnabledByDefault: Bool = true,
        summary: String,
        rationale: String,
        fixBefore: String,
        fixAfter: String,
        triggeringExamples: [RuleExample],
        nonTriggeringExamples: [RuleExample],
        deprecatedAliases: [String] = []
    ) {
        self.id = id
        self.name = name
        self.area = area
        self.severity = severity
        self.confidence = confidence
        self.isEnabledByDefault = isEnabledByDefault
        self.summary = summary
        self.rationale = rationale
        self.fixBefore = fixBefore
        self.fixAfter = fixAfter
        self.triggeringExamples = triggeringExamples
        self.nonTriggeringExamples = nonTriggeringExamples
        self.deprecatedAliases = deprecatedAliases
    }

    /// Where the rule's documentation lives, for SARIF `helpUri`.
    public var helpURI: String { "https://github.com/slipway-dev/slipway/blob/main/docs/rules.md#\(id)" }
}
