public import SlipwayCore

/// Per-rule options read from `slipway.yml`; every property has a default so `init()` is the default config.
public protocol RuleOptions: Codable, Sendable, Equatable {
    /// The defaults.
    init()
}

/// Options of rules that take none.
public struct NoOptions: RuleOptions {
    /// Creates the empty options.
    public init() {}
}

/// A check over one file's typed model.
///
/// Rules are pure: no I/O, facts about other files come from the context.
public protocol AuditRule: Sendable {
    associatedtype Options: RuleOptions = NoOptions
    /// Identity, documentation and examples.
    static var metadata: RuleMetadata { get }
    /// Creates the rule with its configured options.
    init(options: Options)
    /// The findings in `file`; build them with `context.finding(…)`.
    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding]
}

/// What a rule may consult besides its file: the catalogue, the project index and this file's precomputed facts.
public struct RuleContext: Sendable {
    public var metadata: RuleMetadata
    public var severity: Severity
    public var catalogue: Catalogue
    public var project: ProjectIndex
    public var facts: FileFacts

    /// Creates a context.
    public init(
        metadata: RuleMetadata,
        severity: Severity,
        catalogue: Catalogue,
        project: ProjectIndex,
        facts: FileFacts
    ) {
        self.metadata = metadata
        self.severity = severity
        self.catalogue = catalogue
        self.project = project
        self.facts = facts
    }

    /// A finding of this rule at `position` in `file`.
    public func finding(
        in file: WorkflowFile,
        at position: SourcePosition,
        _ message: String,
        severity: Severity? = nil,
        confidence: Confidence? = nil,
        notes: [Diagnostic.Note] = [],
        fix: Fix? = nil
    ) -> Finding {
        Finding(
            ruleId: metadata.id,
            area: metadata.area,
            severity: severity ?? self.severity,
            confidence: confidence ?? metadata.confidence,
            message: message,
            location: file.location(position),
            notes: notes,
            fix: fix
        )
    }
}

/// A rule type with its options decoded and severity resolved, ready for the engine.
public struct ConfiguredRule: Sendable {
    public var metadata: RuleMetadata
    public var severity: Severity
    private let body: @Sendable (WorkflowFile, RuleContext) -> [Finding]

    /// Configures `ruleType` with `options`.
    public init<Rule: AuditRule>(_ ruleType: Rule.Type, options: Rule.Options, severity: Severity? = nil) {
        let rule = Rule(options: options)
        metadata = Rule.metadata
        self.severity = severity ?? Rule.metadata.severity
        body = { file, context in rule.check(file, context: context) }
    }

    /// Runs the rule.
    public func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] { body(file, context) }
}
