public import SlipwayCore

/// One event under `on:`, with its configuration (branches, types, inputs…) when given.
public struct Trigger: Sendable, Hashable {
    public var event: String
    public var position: SourcePosition
    public var configuration: YAMLNode?
}

/// An input declared under `workflow_dispatch` or `workflow_call`, or in an action's `inputs:`.
public struct WorkflowInput: Sendable, Hashable {
    public var name: Located<String>
    public var type: String?
    public var options: [String]
    public var isRequired: Bool
    public var node: YAMLNode
}

/// A parsed workflow: triggers, permissions, environment and jobs, every part located.
public struct Workflow: Sendable, Hashable {
    public var root: YAMLMapping
    public var name: Located<String>?
    public var onKeyPosition: SourcePosition?
    public var triggers: [Trigger]
    public var permissions: Permissions?
    public var env: YAMLMapping?
    public var concurrency: YAMLEntry?
    public var jobs: [Job]
    public var jobsKeyPosition: SourcePosition?

    /// Whether `event` is among the triggers.
    public func isTriggered(by event: String) -> Bool {
        triggers.contains { $0.event == event }
    }

    /// The trigger for `event`, if present.
    public func trigger(_ event: String) -> Trigger? {
        triggers.first { $0.event == event }
    }

    /// Inputs of `workflow_dispatch` and `workflow_call`.
    public var inputs: [WorkflowInput] {
        var result: [WorkflowInput] = []
        for event in ["workflow_dispatch", "workflow_call"] {
            guard let mapping = trigger(event)?.configuration?.mapping?["inputs"]?.mapping else { continue }
            for entry in mapping.entries {
                let definition = entry.value.mapping
                result.append(
                    WorkflowInput(
                        name: Located(entry.key.value, at: entry.key.position),
                        type: definition?["type"]?.string,
                        options: definition?["options"]?.sequence?.items.compactMap(\.string) ?? [],
                        isRequired: definition?["required"]?.scalar?.bool ?? false,
                        node: entry.value
                    )
                )
            }
        }
        return result
    }

    /// The job with `id`, if any.
    public func job(_ id: String) -> Job? { jobs.first { $0.id.value == id } }
}

/// A job: either steps on a runner or a call to a reusable workflow.
public struct Job: Sendable, Hashable {
    /// The stored properties, boxed: every rule that walks the jobs copies them, and one pointer is cheaper to
    /// copy than twenty fields.
    struct Fields: Sendable, Hashable {
        var id: Located<String>
        var node: YAMLMapping
        var name: Located<String>?
        var runsOn: YAMLNode?
        var permissions: Permissions?
        var needs: [String]
        var condition: Located<String>?
        var environment: YAMLEntry?
        var concurrency: YAMLEntry?
        var timeoutMinutes: YAMLEntry?
        var continueOnError: YAMLNode?
        var container: YAMLNode?
        var services: YAMLMapping?
        var strategy: YAMLMapping?
        var env: YAMLMapping?
        var steps: [Step]
        var uses: Located<String>?
        var with: YAMLMapping?
        var secrets: YAMLEntry?
    }

    /// Immutable storage shared by copies; a setter copies it first (value semantics).
    final class Storage: Sendable {
        let fields: Fields

        init(_ fields: Fields) { self.fields = fields }
    }

    private var storage: Storage

    init(_ fields: Fields) { storage = Storage(fields) }

    private mutating func update(_ change: (inout Fields) -> Void) {
        var fields = storage.fields
        change(&fields)
        storage = Storage(fields)
    }

    public var id: Located<String> {
        get { storage.fields.id }
        set { update { $0.id = newValue } }
    }

    public var node: YAMLMapping {
        get { storage.fields.node }
        set { update { $0.node = newValue } }
    }

    public var name: Located<String>? {
        get { storage.fields.name }
        set { update { $0.name = newValue } }
    }

    public var runsOn: YAMLNode? {
        get { storage.fields.runsOn }
        set { update { $0.runsOn = newValue } }
    }

    public var permissions: Permissions? {
        get { storage.fields.permissions }
        set { update { $0.permissions = newValue } }
    }

    public var needs: [String] {
        get { storage.fields.needs }
        set { update { $0.needs = newValue } }
    }

    public var condition: Located<String>? {
        get { storage.fields.condition }
        set { update { $0.condition = newValue } }
    }

    public var environment: YAMLEntry? {
        get { storage.fields.environment }
        set { update { $0.environment = newValue } }
    }

    public var concurrency: YAMLEntry? {
        get { storage.fields.concurrency }
        set { update { $0.concurrency = newValue } }
    }

    public var timeoutMinutes: YAMLEntry? {
        get { storage.fields.timeoutMinutes }
        set { update { $0.timeoutMinutes = newValue } }
    }

    public var continueOnError: YAMLNode? {
        get { storage.fields.continueOnError }
        set { update { $0.continueOnError = newValue } }
    }

    public var container: YAMLNode? {
        get { storage.fields.container }
        set { update { $0.container = newValue } }
    }

    public var services: YAMLMapping? {
        get { storage.fields.services }
        set { update { $0.services = newValue } }
    }

    public var strategy: YAMLMapping? {
        get { storage.fields.strategy }
        set { update { $0.strategy = newValue } }
    }

    public var env: YAMLMapping? {
        get { storage.fields.env }
        set { update { $0.env = newValue } }
    }

    public var steps: [Step] {
        get { storage.fields.steps }
        set { update { $0.steps = newValue } }
    }

    /// `uses:` for a reusable-workflow call.
    public var uses: Located<String>? {
        get { storage.fields.uses }
        set { update { $0.uses = newValue } }
    }

    public var with: YAMLMapping? {
        get { storage.fields.with }
        set { update { $0.with = newValue } }
    }

    public var secrets: YAMLEntry? {
        get { storage.fields.secrets }
        set { update { $0.secrets = newValue } }
    }

    public static func == (lhs: Job, rhs: Job) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }

    public func hash(into hasher: inout Hasher) { storage.fields.hash(into: &hasher) }

    /// The environment name (`environment: prod` or `environment: { name: prod }`).
    public var environmentName: Located<String>? {
        guard let environment else { return nil }
        if let scalar = environment.value.scalar, !scalar.isNull { return Located(scalar.value, at: scalar.position) }
        return Located(environment.value.mapping?["name"])
    }

    /// Whether the job calls a reusable workflow instead of running steps.
    public var isReusableWorkflowCall: Bool { uses != nil }

    /// The parsed reference of `uses:`, for reusable-workflow calls.
    public var usesReference: ActionReference? { uses.map { ActionReference($0.value) } }

    /// Labels from `runs-on` (string, list, or `labels:` of a group mapping).
    public var runnerLabels: [Located<String>] {
        guard let runsOn else { return [] }
        switch runsOn {
        case .scalar(let scalar): return scalar.isNull ? [] : [Located(scalar.value, at: scalar.position)]
        case .sequence(let sequence): return sequence.items.compactMap { Located($0) }
        case .mapping(let mapping):
            var labels: [Located<String>] = []
            if let group = Located(mapping["group"]) { labels.append(group) }
            switch mapping["labels"] {
            case .scalar(let scalar): labels.append(Located(scalar.value, at: scalar.position))
            case .sequence(let sequence): labels.append(contentsOf: sequence.items.compactMap { Located($0) })
            default: break
            }
            return labels
        }
    }
}

/// A step: `uses:` an action or `run:` a script, with its inputs, environment and condition.
public struct Step: Sendable, Hashable {
    /// The stored properties, boxed: every rule that walks the steps copies them, and one pointer is cheaper to
    /// copy than fifteen fields.
    struct Fields: Sendable, Hashable {
        var index: Int
        var node: YAMLMapping
        var id: Located<String>?
        var name: Located<String>?
        var uses: Located<String>?
        var run: YAMLScalar?
        var runKeyPosition: SourcePosition?
        var with: YAMLMapping?
        var env: YAMLMapping?
        var condition: Located<String>?
        var shell: Located<String>?
        var continueOnError: YAMLNode?
        var timeoutMinutes: YAMLEntry?
        var workingDirectory: Located<String>?
        var usesReference: ActionReference?
        var actionName: String?
    }

    /// Immutable storage shared by copies; a setter copies it first (value semantics).
    final class Storage: Sendable {
        let fields: Fields

        init(_ fields: Fields) { self.fields = fields }
    }

    private var storage: Storage

    init(_ fields: Fields) { storage = Storage(fields) }

    private mutating func update(_ change: (inout Fields) -> Void) {
        var fields = storage.fields
        change(&fields)
        storage = Storage(fields)
    }

    /// 0-based index in its job.
    public var index: Int {
        get { storage.fields.index }
        set { update { $0.index = newValue } }
    }

    public var node: YAMLMapping {
        get { storage.fields.node }
        set { update { $0.node = newValue } }
    }

    public var id: Located<String>? {
        get { storage.fields.id }
        set { update { $0.id = newValue } }
    }

    public var name: Located<String>? {
        get { storage.fields.name }
        set { update { $0.name = newValue } }
    }

    public var uses: Located<String>? {
        get { storage.fields.uses }
        set { update { $0.uses = newValue } }
    }

    /// The `run:` scalar (kept whole so expression positions inside block scalars can be found).
    public var run: YAMLScalar? {
        get { storage.fields.run }
        set { update { $0.run = newValue } }
    }

    public var runKeyPosition: SourcePosition? {
        get { storage.fields.runKeyPosition }
        set { update { $0.runKeyPosition = newValue } }
    }

    public var with: YAMLMapping? {
        get { storage.fields.with }
        set { update { $0.with = newValue } }
    }

    public var env: YAMLMapping? {
        get { storage.fields.env }
        set { update { $0.env = newValue } }
    }

    public var condition: Located<String>? {
        get { storage.fields.condition }
        set { update { $0.condition = newValue } }
    }

    public var shell: Located<String>? {
        get { storage.fields.shell }
        set { update { $0.shell = newValue } }
    }

    public var continueOnError: YAMLNode? {
        get { storage.fields.continueOnError }
        set { update { $0.continueOnError = newValue } }
    }

    public var timeoutMinutes: YAMLEntry? {
        get { storage.fields.timeoutMinutes }
        set { update { $0.timeoutMinutes = newValue } }
    }

    public var workingDirectory: Located<String>? {
        get { storage.fields.workingDirectory }
        set { update { $0.workingDirectory = newValue } }
    }

    /// The parsed `uses:` reference (parsed once, when the model is built).
    public var usesReference: ActionReference? {
        get { storage.fields.usesReference }
        set { update { $0.usesReference = newValue } }
    }

    /// The action name without the ref, lowercased (`actions/checkout`).
    public var actionName: String? {
        get { storage.fields.actionName }
        set { update { $0.actionName = newValue } }
    }

    public static func == (lhs: Step, rhs: Step) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }

    public func hash(into hasher: inout Hasher) { storage.fields.hash(into: &hasher) }

    /// Where the step starts (its first key).
    public var position: SourcePosition { node.position }

    /// The string value of input `name` under `with:`.
    public func input(_ name: String) -> YAMLScalar? { with?[name]?.scalar }

    /// A human label: the name, the id, the action or the first line of the script.
    public var label: String {
        if let name { return name.value }
        if let id { return id.value }
        if let uses { return uses.value }
        // The first non-empty line; one split is enough to find it.
        if let run { return String(run.value.splitASCII("\n", maxSplits: 1).first ?? "run") }
        return "step \(index + 1)"
    }
}

/// An `action.yml`: inputs and, for composite actions, steps.
public struct ActionManifest: Sendable, Hashable {
    public var root: YAMLMapping
    public var name: Located<String>?
    public var using: Located<String>?
    public var image: Located<String>?
    public var steps: [Step]
    public var inputs: [WorkflowInput]

    /// Whether this is a composite action (its steps run like a job's).
    public var isComposite: Bool { using?.value.lowercased() == "composite" }
}
