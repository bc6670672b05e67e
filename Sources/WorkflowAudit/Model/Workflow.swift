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
    public var id: Located<String>
    public var node: YAMLMapping
    public var name: Located<String>?
    public var runsOn: YAMLNode?
    public var permissions: Permissions?
    public var needs: [String]
    public var condition: Located<String>?
    public var environment: YAMLEntry?
    public var concurrency: YAMLEntry?
    public var timeoutMinutes: YAMLEntry?
    public var continueOnError: YAMLNode?
    public var container: YAMLNode?
    public var services: YAMLMapping?
    public var strategy: YAMLMapping?
    public var env: YAMLMapping?
    public var steps: [Step]
    /// `uses:` for a reusable-workflow call.
    public var uses: Located<String>?
    public var with: YAMLMapping?
    public var secrets: YAMLEntry?

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
    /// 0-based index in its job.
    public var index: Int
    public var node: YAMLMapping
    public var id: Located<String>?
    public var name: Located<String>?
    public var uses: Located<String>?
    /// The `run:` scalar (kept whole so expression positions inside block scalars can be found).
    public var run: YAMLScalar?
    public var runKeyPosition: SourcePosition?
    public var with: YAMLMapping?
    public var env: YAMLMapping?
    public var condition: Located<String>?
    public var shell: Located<String>?
    public var continueOnError: YAMLNode?
    public var timeoutMinutes: YAMLEntry?
    public var workingDirectory: Located<String>?

    /// Where the step starts (its first key).
    public var position: SourcePosition { node.position }

    /// The parsed `uses:` reference (parsed once, when the model is built).
    public var usesReference: ActionReference?

    /// The action name without the ref, lowercased (`actions/checkout`).
    public var actionName: String?

    /// The string value of input `name` under `with:`.
    public func input(_ name: String) -> YAMLScalar? { with?[name]?.scalar }

    /// A human label: the name, the id, the action or the first line of the script.
    public var label: String {
        if let name { return name.value }
        if let id { return id.value }
        if let uses { return uses.value }
        if let run { return String(run.value.split(separator: "\n").first ?? "run") }
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
