public import SlipwayCore

/// One audited file: its text, its YAML tree and the typed workflow or action model built from it.
public struct WorkflowFile: Sendable {
    /// Whether the file is a workflow or an action manifest.
    public enum Kind: String, Sendable, Hashable, Codable {
        case workflow
        case action
    }

    /// Path relative to the audited root, `/`-separated.
    public var path: String
    public var kind: Kind
    public var source: SourceText
    public var root: YAMLMapping
    public var workflow: Workflow?
    public var action: ActionManifest?
    /// Shape problems found while building the model (the rest of the file is still audited).
    public var diagnostics: [Diagnostic]
    /// For reusable workflows reached through `uses: ./…`: the callers, outermost first.
    public var callers: [SourceLocation]

    /// Creates a file model.
    public init(
        path: String,
        kind: Kind,
        source: SourceText,
        root: YAMLMapping,
        workflow: Workflow?,
        action: ActionManifest?,
        diagnostics: [Diagnostic] = [],
        callers: [SourceLocation] = []
    ) {
        self.path = path
        self.kind = kind
        self.source = source
        self.root = root
        self.workflow = workflow
        self.action = action
        self.diagnostics = diagnostics
        self.callers = callers
        var walk = ScalarWalk(source: source)
        walk.visit(.mapping(root), evaluated: true)
        scalars = walk.scalars
        expressionScalars = walk.expressionScalars
        evaluatedExpressionScalars = walk.evaluatedExpressionScalars
        expressionIndex = walk.index
        if let workflow {
            allSteps = workflow.jobs.flatMap { job in job.steps.map { (job: Optional(job), step: $0) } }
        } else {
            allSteps = action?.steps.map { (job: nil, step: $0) } ?? []
        }
        localCallees = []
        localCallees = ProjectIndex.computeLocalCallees(of: self)
    }

    /// Local files this file calls (`uses: ./…`), as normalised relative paths (see `ProjectIndex.localCallees`).
    public private(set) var localCallees: [(path: String, from: SourcePosition)]

    /// A location in this file.
    public func location(_ position: SourcePosition) -> SourceLocation {
        SourceLocation(path: path, position: position)
    }

    /// Every `${{ … }}` of the file, keyed by the position of the scalar holding it, parsed once.
    private let expressionIndex: [SourcePosition: [ExpressionOccurrence]]

    /// Every scalar of the file, keys included, in document order (the order of `YAMLNode.forEachScalar`, an alias
    /// repeating its scalars), collected once so rules that look at every scalar walk an array, not the tree.
    public let scalars: [YAMLScalar]

    /// The scalars holding `${{` (keys included), in document order.
    public let expressionScalars: [YAMLScalar]

    /// The scalars holding `${{` whose value GitHub evaluates (no mapping keys, nothing under a `description:`
    /// key), in document order.
    public let evaluatedExpressionScalars: [YAMLScalar]

    /// The expressions in `scalar`, positioned in this file (from the index built with the model).
    public func expressions(in scalar: YAMLScalar) -> [ExpressionOccurrence] {
        // Only scalars holding `${{` are indexed (and only identical scalars share a position), so most scalars are
        // answered without hashing.
        guard scalar.value.containsBytes("${{") else { return [] }
        if let cached = expressionIndex[scalar.position] { return cached }
        return ExpressionScanner.occurrences(in: scalar, source: source)
    }

    /// Every step with the job that holds it (`nil` for composite-action steps), computed once.
    public let allSteps: [(job: Job?, step: Step)]

    /// The jobs of a workflow (empty for actions).
    public var jobs: [Job] { workflow?.jobs ?? [] }
}

/// The one walk over a file's tree that `WorkflowFile` makes when it is built.
private struct ScalarWalk {
    let source: SourceText
    var scalars: [YAMLScalar] = []
    var expressionScalars: [YAMLScalar] = []
    var evaluatedExpressionScalars: [YAMLScalar] = []
    var index: [SourcePosition: [ExpressionOccurrence]] = [:]

    init(source: SourceText) { self.source = source }

    /// Visits `node` as `YAMLNode.forEachScalar` does; `evaluated` is false for keys and under `description:`.
    mutating func visit(_ node: YAMLNode, evaluated: Bool) {
        switch node {
        case .scalar(let scalar):
            record(scalar, evaluated: evaluated)
        case .mapping(let mapping):
            for entry in mapping.entries {
                record(entry.key, evaluated: false)
                visit(entry.value, evaluated: evaluated && entry.key.value != "description")
            }
        case .sequence(let sequence):
            for item in sequence.items { visit(item, evaluated: evaluated) }
        }
    }

    private mutating func record(_ scalar: YAMLScalar, evaluated: Bool) {
        scalars.append(scalar)
        guard scalar.value.containsBytes("${{") else { return }
        index[scalar.position] = ExpressionScanner.occurrences(in: scalar, source: source)
        expressionScalars.append(scalar)
        if evaluated { evaluatedExpressionScalars.append(scalar) }
    }
}
