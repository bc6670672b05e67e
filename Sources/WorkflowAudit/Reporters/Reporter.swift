public import SlipwayCore

/// Output formats of `slipway audit`.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text
    case json
    case sarif
    case markdown
    case github
}

/// Options shared by reporters.
public struct ReportOptions: Sendable {
    public var style: TerminalStyle
    /// The rules that ran, for SARIF rule metadata.
    public var rules: [RuleMetadata]

    /// Creates options.
    public init(
        style: TerminalStyle = TerminalStyle(isEnabled: false),
        rules: [RuleMetadata] = RuleRegistry.all.map { $0.metadata }
    ) {
        self.style = style
        self.rules = rules
    }
}

/// Renders an audit report in one format.
public protocol Reporter: Sendable {
    /// The format's name on the command line.
    static var id: String { get }
    /// The rendered report.
    func render(_ report: AuditReport, options: ReportOptions) throws -> String
    /// The rendered report as UTF-8, the same bytes as `render`; formats that write bytes anyway skip the `String`.
    func renderUTF8(_ report: AuditReport, options: ReportOptions) throws -> [UInt8]
}

extension Reporter {
    public func renderUTF8(_ report: AuditReport, options: ReportOptions) throws -> [UInt8] {
        Array(try render(report, options: options).utf8)
    }
}

extension ReportFormat {
    /// The reporter for this format.
    public var reporter: any Reporter {
        switch self {
        case .text: TextReporter()
        case .json: JSONReporter()
        case .sarif: SARIFReporter()
        case .markdown: MarkdownReporter()
        case .github: GitHubAnnotationsReporter()
        }
    }
}
