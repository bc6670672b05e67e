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
///
/// The parts are held by reference (one box per file, one per rule), so handing a context to each of the 45 rules
/// of every file copies two pointers instead of retaining every string and table of the metadata, catalogue,
/// index and facts; setting a property replaces its box, so the value semantics are unchanged.
public struct RuleContext: Sendable {
    /// What every rule run over one file shares.
    final class FileBox: Sendable {
        let catalogue: Catalogue
        let project: ProjectIndex
        let facts: FileFacts

        init(catalogue: Catalogue, project: ProjectIndex, facts: FileFacts) {
            self.catalogue = catalogue
            self.project = project
            self.facts = facts
        }
    }

    /// One rule's metadata.
    final class RuleBox: Sendable {
        let metadata: RuleMetadata

        init(_ metadata: RuleMetadata) { self.metadata = metadata }
    }

    private var ruleBox: RuleBox
    private var fileBox: FileBox
    public var severity: Severity

    public var metadata: RuleMetadata {
        get { ruleBox.metadata }
        set { ruleBox = RuleBox(newValue) }
    }

    public var catalogue: Catalogue {
        get { fileBox.catalogue }
        set { fileBox = FileBox(catalogue: newValue, project: fileBox.project, facts: fileBox.facts) }
    }

    public var project: ProjectIndex {
        get { fileBox.project }
        set { fileBox = FileBox(catalogue: fileBox.catalogue, project: newValue, facts: fileBox.facts) }
    }

    public var facts: FileFacts {
        get { fileBox.facts }
        set { fileBox = FileBox(catalogue: fileBox.catalogue, project: fileBox.project, facts: newValue) }
    }

    /// Creates a context.
    public init(
        metadata: RuleMetadata,
        severity: Severity,
        catalogue: Catalogue,
        project: ProjectIndex,
        facts: FileFacts
    ) {
        self.init(
            rule: RuleBox(metadata),
            severity: severity,
            file: FileBox(catalogue: catalogue, project: project, facts: facts)
        )
    }

    /// A context over boxes the engine made once (per rule and per file).
    init(rule: RuleBox, severity: Severity, file: FileBox) {
        ruleBox = rule
        self.severity = severity
        fileBox = file
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
    public var metadata: RuleMetadata {
        didSet { box = RuleContext.RuleBox(metadata) }
    }
    public var severity: Severity
    /// `metadata` boxed once, for the contexts the engine hands to the rule.
    private(set) var box: RuleContext.RuleBox
    private let body: @Sendable (WorkflowFile, RuleContext) -> [Finding]

    /// Configures `ruleType` with `options`.
    public init<Rule: AuditRule>(_ ruleType: Rule.Type, options: Rule.Options, severity: Severity? = nil) {
        let rule = Rule(options: options)
        metadata = Rule.metadata
        box = RuleContext.RuleBox(Rule.metadata)
        self.severity = severity ?? Rule.metadata.severity
        body = { file, context in rule.check(file, context: context) }
    }

    /// Runs the rule.
    public func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] { body(file, context) }
}
