public import SlipwayCore

/// Builds the typed, located `WorkflowFile` model from YAML text.
public enum WorkflowParser {
    /// Parses `text`, deciding from its keys (or `kind`) whether it is a workflow or an action.
    public static func parse(
        _ text: String,
        path: String,
        kind: WorkflowFile.Kind? = nil,
        limits: YAMLLimits = .standard
    ) throws(WorkflowParseError) -> WorkflowFile {
        let node: YAMLNode
        if let fast = FastYAMLReader.read(text, limits: limits) {
            node = fast
        } else {
            do {
                node = try YAMLLoader.load(text, path: path, limits: limits)
            } catch {
                throw .yaml(error)
            }
        }
        guard let root = node.mapping else {
            throw .notAMapping(path: path, position: node.position, found: node.kindName)
        }
        let source = SourceText(text)
        var diagnostics: [Diagnostic] = []
        let isAction = kind == .action || (kind == nil && root["runs"] != nil && root["jobs"] == nil)
        if isAction {
            let manifest = parseAction(root, path: path, diagnostics: &diagnostics)
            return WorkflowFile(
                path: path,
                kind: .action,
                source: source,
                root: root,
                workflow: nil,
                action: manifest,
                diagnostics: diagnostics
            )
        }
        guard root["jobs"] != nil || root.entry("on") != nil || root.entry("true") != nil else {
            throw .notAWorkflow(path: path)
        }
        let workflow = parseWorkflow(root, path: path, diagnostics: &diagnostics)
        return WorkflowFile(
            path: path,
            kind: .workflow,
            source: source,
            root: root,
            workflow: workflow,
            action: nil,
            diagnostics: diagnostics
        )
    }

    static func parseWorkflow(_ root: YAMLMapping, path: String, diagnostics: inout [Diagnostic]) -> Workflow {
        // `on` is a YAML 1.1 boolean for some parsers; Yams' core schema keeps it as the string "on".
        let onEntry = root.entry("on") ?? root.entry("true")
        var triggers: [Trigger] = []
        if let onEntry {
            switch onEntry.value {
            case .scalar(let scalar):
                triggers.append(Trigger(event: scalar.value, position: scalar.position, configuration: nil))
            case .sequence(let sequence):
                for item in sequence.items {
                    if let scalar = item.scalar {
                        triggers.append(Trigger(event: scalar.value, position: scalar.position, configuration: nil))
                    }
                }
            case .mapping(let mapping):
                for entry in mapping.entries {
                    let configuration = entry.value.scalar?.isNull == true ? nil : entry.value
                    triggers.append(
                        Trigger(event: entry.key.value, position: entry.key.position, configuration: configuration)
                    )
                }
            }
        }
        var jobs: [Job] = []
        let jobsEntry = root.entry("jobs")
        if let jobsEntry {
            if let mapping = jobsEntry.value.mapping {
                for entry in mapping.entries {
                    guard let jobMapping = entry.value.mapping else {
                        diagnostics.append(
                            Diagnostic(
                                .warning,
                                "job '\(entry.key.value)' is a \(entry.value.kindName), not a mapping; it was skipped",
                                at: SourceLocation(path: path, position: entry.value.position)
                            )
                        )
                        continue
                    }
                    jobs.append(parseJob(id: entry.key, jobMapping, path: path, diagnostics: &diagnostics))
                }
            } else {
                diagnostics.append(
                    Diagnostic(
                        .warning,
                        "`jobs` is a \(jobsEntry.value.kindName), not a mapping of job ids",
                        at: SourceLocation(path: path, position: jobsEntry.value.position)
                    )
                )
            }
        }
        return Workflow(
            root: root,
            name: Located(root["name"]),
            onKeyPosition: onEntry?.key.position,
            triggers: triggers,
            permissions: Permissions(entry: root.entry("permissions")),
            env: root["env"]?.mapping,
            concurrency: root.entry("concurrency"),
            jobs: jobs,
            jobsKeyPosition: jobsEntry?.key.position
        )
    }

    static func parseJob(
        id: YAMLScalar,
        _ mapping: YAMLMapping,
        path: String,
        diagnostics: inout [Diagnostic]
    )
        -> Job
    {
        var needs: [String] = []
        switch mapping["needs"] {
        case .scalar(let scalar): needs = [scalar.value]
        case .sequence(let sequence): needs = sequence.items.compactMap(\.string)
        default: break
        }
        return Job(
            Job.Fields(
                id: Located(id.value, at: id.position),
                node: mapping,
                name: Located(mapping["name"]),
                runsOn: mapping["runs-on"],
                permissions: Permissions(entry: mapping.entry("permissions")),
                needs: needs,
                condition: Located(mapping["if"]),
                environment: mapping.entry("environment"),
                concurrency: mapping.entry("concurrency"),
                timeoutMinutes: mapping.entry("timeout-minutes"),
                continueOnError: mapping["continue-on-error"],
                container: mapping["container"],
                services: mapping["services"]?.mapping,
                strategy: mapping["strategy"]?.mapping,
                env: mapping["env"]?.mapping,
                steps: parseSteps(mapping["steps"], path: path, diagnostics: &diagnostics),
                uses: Located(mapping["uses"]),
                with: mapping["with"]?.mapping,
                secrets: mapping.entry("secrets")
            )
        )
    }

    static func parseSteps(_ node: YAMLNode?, path: String, diagnostics: inout [Diagnostic]) -> [Step] {
        guard let node else { return [] }
        guard let sequence = node.sequence else {
            diagnostics.append(
                Diagnostic(
                    .warning,
                    "`steps` is a \(node.kindName), not a list",
                    at: SourceLocation(path: path, position: node.position)
                )
            )
            return []
        }
        var steps: [Step] = []
        for (index, item) in sequence.items.enumerated() {
            guard let mapping = item.mapping else {
                diagnostics.append(
                    Diagnostic(
                        .warning,
                        "step \(index + 1) is a \(item.kindName), not a mapping; it was skipped",
                        at: SourceLocation(path: path, position: item.position)
                    )
                )
                continue
            }
            let runEntry = mapping.entry("run")
            let uses = Located<String>(mapping["uses"])
            let reference = uses.map { ActionReference($0.value) }
            steps.append(
                Step(
                    Step.Fields(
                        index: index,
                        node: mapping,
                        id: Located(mapping["id"]),
                        name: Located(mapping["name"]),
                        uses: uses,
                        run: runEntry?.value.scalar,
                        runKeyPosition: runEntry?.key.position,
                        with: mapping["with"]?.mapping,
                        env: mapping["env"]?.mapping,
                        condition: Located(mapping["if"]),
                        shell: Located(mapping["shell"]),
                        continueOnError: mapping["continue-on-error"],
                        timeoutMinutes: mapping.entry("timeout-minutes"),
                        workingDirectory: Located(mapping["working-directory"]),
                        usesReference: reference,
                        actionName: reference?.actionName
                    )
                )
            )
        }
        return steps
    }

    static func parseAction(_ root: YAMLMapping, path: String, diagnostics: inout [Diagnostic]) -> ActionManifest {
        let runs = root["runs"]?.mapping
        var inputs: [WorkflowInput] = []
        for entry in root["inputs"]?.mapping?.entries ?? [] {
            inputs.append(
                WorkflowInput(
                    name: Located(entry.key.value, at: entry.key.position),
                    type: nil,
                    options: [],
                    isRequired: entry.value.mapping?["required"]?.scalar?.bool ?? false,
                    node: entry.value
                )
            )
        }
        return ActionManifest(
            root: root,
            name: Located(root["name"]),
            using: Located(runs?["using"]),
            image: Located(runs?["image"]),
            steps: parseSteps(runs?["steps"], path: path, diagnostics: &diagnostics),
            inputs: inputs
        )
    }
}
