public import SlipwayCore

/// A capability seen in a step: which one, where, and the evidence (action or command).
public struct CapabilityMatch: Sendable, Hashable {
    public var capability: String
    public var jobId: String?
    public var stepIndex: Int
    public var position: SourcePosition
    public var evidence: String
}

/// Facts computed once per file and shared by all rules: capabilities per step, commands, expressions.
public struct FileFacts: Sendable {
    public var matches: [CapabilityMatch] {
        didSet { indexMatches() }
    }
    /// Shell commands per `(job id, step index)`.
    public var commandsByStep: [String: [ShellCommand]] {
        didSet { indexCommands() }
    }

    /// A step's identity, for the indexes below (no string formatting per lookup).
    private struct StepKey: Hashable {
        var job: String?
        var step: Int
    }

    /// The capabilities of the file, and of each step, built from `matches` (rules ask these many times).
    private var capabilitySet: Set<String> = []
    private var capabilitiesByStep: [StepKey: Set<String>] = [:]
    /// `matches` per capability, in `matches` order.
    private var matchesByCapability: [String: [CapabilityMatch]] = [:]
    /// `commandsByStep` keyed by `StepKey`.
    private var commandsIndex: [StepKey: [ShellCommand]] = [:]

    /// Creates facts and their indexes.
    public init(matches: [CapabilityMatch], commandsByStep: [String: [ShellCommand]]) {
        self.matches = matches
        self.commandsByStep = commandsByStep
        indexMatches()
        indexCommands()
    }

    private mutating func indexMatches() {
        capabilitySet = Set(matches.map(\.capability))
        capabilitiesByStep = [:]
        matchesByCapability = [:]
        for match in matches {
            capabilitiesByStep[StepKey(job: match.jobId, step: match.stepIndex), default: []].insert(match.capability)
            matchesByCapability[match.capability, default: []].append(match)
        }
    }

    private mutating func indexCommands() {
        commandsIndex = [:]
        for (key, commands) in commandsByStep {
            guard let separator = key.lastIndex(of: "#"), let step = Int(key[key.index(after: separator)...]) else {
                continue
            }
            let job = String(key[..<separator])
            commandsIndex[StepKey(job: job.isEmpty ? nil : job, step: step)] = commands
        }
    }

    /// Why the file counts as a release workflow (`nil` if it does not), decided once per file by `compute`.
    var releaseReason: String?
    /// Whether `releaseReason` has been decided.
    var isReleaseReasonDecided = false

    /// No facts (for files that failed to parse).
    public static let empty = FileFacts(matches: [], commandsByStep: [:])

    /// Computes the facts of `file` against `catalogue`.
    public static func compute(_ file: WorkflowFile, catalogue: Catalogue) -> FileFacts {
        var matches: [CapabilityMatch] = []
        var commandsByStep: [String: [ShellCommand]] = [:]
        for (job, step) in file.allSteps {
            let key = stepKey(job: job?.id.value, step: step.index)
            if let uses = step.uses, let name = step.actionName {
                for capability in catalogue.capabilities(forAction: name) {
                    matches.append(
                        CapabilityMatch(
                            capability: capability,
                            jobId: job?.id.value,
                            stepIndex: step.index,
                            position: uses.position,
                            evidence: uses.value
                        )
                    )
                }
            }
            // Retry wrappers (`nick-fields/retry` and similar) carry the real script in `with.command`.
            var script = step.run
            if script == nil, let command = step.input("command"), step.uses != nil,
                step.actionName.map({ catalogue.capabilities(forAction: $0).contains("retry") }) == true
            {
                script = command
            }
            if let run = script {
                let commands = ShellTokenizer.commands(in: run.value)
                commandsByStep[key] = commands
                for command in commands {
                    for capability in catalogue.capabilities(forCommand: command) {
                        matches.append(
                            CapabilityMatch(
                                capability: capability,
                                jobId: job?.id.value,
                                stepIndex: step.index,
                                position: position(of: command, in: run, source: file.source),
                                evidence: command.originalWords.prefix(4).joined(separator: " ")
                            )
                        )
                    }
                }
            }
        }
        for job in file.jobs {
            if let uses = job.uses, let name = ActionReference(uses.value).actionName {
                for capability in catalogue.capabilities(forAction: name) {
                    matches.append(
                        CapabilityMatch(
                            capability: capability,
                            jobId: job.id.value,
                            stepIndex: -1,
                            position: uses.position,
                            evidence: uses.value
                        )
                    )
                }
            }
        }
        var facts = FileFacts(matches: matches, commandsByStep: commandsByStep)
        facts.releaseReason = ReleaseWorkflowDetector.releaseReason(file, facts: facts)
        facts.isReleaseReasonDecided = true
        return facts
    }

    static func stepKey(job: String?, step: Int) -> String { "\(job ?? "")#\(step)" }

    /// The commands of a step's `run:` script.
    public func commands(job: Job?, step: Step) -> [ShellCommand] {
        let id = job?.id.value
        return commandsIndex[StepKey(job: id?.isEmpty == true ? nil : id, step: step.index)] ?? []
    }

    /// Whether any step provides `capability`.
    public func has(_ capability: String) -> Bool { capabilitySet.contains(capability) }

    /// Every capability some step provides.
    var capabilityNames: Set<String> { capabilitySet }

    /// The matches of `capability`.
    public func matches(of capability: String) -> [CapabilityMatch] {
        matchesByCapability[capability] ?? []
    }

    /// The capabilities of one step.
    public func capabilities(job: Job?, step: Step) -> Set<String> {
        capabilitiesByStep[StepKey(job: job?.id.value, step: step.index)] ?? []
    }

    /// Maps a command's script position to a file position (exact for literal `|` blocks, else the scalar start).
    public static func position(of command: ShellCommand, in run: YAMLScalar, source: SourceText) -> SourcePosition {
        switch run.style {
        case .literal:
            // Block content starts on the line after the indicator, indented by the first content line's indentation.
            var firstContentLine = run.position.line + 1
            while firstContentLine < source.lineCount, source.line(firstContentLine).trimmingWhitespace().isEmpty {
                firstContentLine += 1
            }
            let blockIndentation = source.indentation(ofLine: firstContentLine).count
            return SourcePosition(
                line: run.position.line + 1 + command.line,
                column: blockIndentation + command.column + 1
            )
        case .plain where command.line == 0:
            return SourcePosition(line: run.position.line, column: run.position.column + command.column)
        default:
            return run.position
        }
    }
}

/// Facts about the whole audited set: every file's facts and who calls which local reusable workflow.
public struct ProjectIndex: Sendable {
    /// Facts per relative path.
    public var facts: [String: FileFacts] {
        didSet { indexFacts() }
    }
    /// The keys of `facts`, sorted (rules looking for another file with a capability walk them in this order).
    public private(set) var factPaths: [String] = []
    /// For each capability, the paths (in `factPaths` order) whose facts have it.
    private(set) var pathsByCapability: [String: [String]] = [:]

    private mutating func indexFacts() {
        factPaths = facts.keys.sorted()
        pathsByCapability = [:]
        for path in factPaths {
            for capability in facts[path]?.capabilityNames ?? [] {
                pathsByCapability[capability, default: []].append(path)
            }
        }
    }
    /// For each local reusable workflow or action path, where it is called from.
    public var callers: [String: [SourceLocation]] {
        didSet { indexCallers() }
    }
    /// The other way round: for each calling file, the local files it calls (callees in path order).
    private(set) var calleesByCaller: [String: [String]] = [:]

    private mutating func indexCallers() {
        calleesByCaller = [:]
        for callee in callers.keys.sorted() {
            for location in callers[callee] ?? [] { calleesByCaller[location.path, default: []].append(callee) }
        }
    }

    /// Creates an index.
    public init(facts: [String: FileFacts] = [:], callers: [String: [SourceLocation]] = [:]) {
        self.facts = facts
        self.callers = callers
        indexFacts()
        indexCallers()
    }

    /// Local files `file` calls (`uses: ./…`), as normalised relative paths.
    public static func localCallees(of file: WorkflowFile) -> [(path: String, from: SourcePosition)] {
        file.localCallees
    }

    /// Computes `localCallees(of:)`; `WorkflowFile` does it once, when the model is built.
    static func computeLocalCallees(of file: WorkflowFile) -> [(path: String, from: SourcePosition)] {
        var result: [(path: String, from: SourcePosition)] = []
        for job in file.jobs {
            if let uses = job.uses, uses.value.hasPrefix("./"), case .local(let path) = ActionReference(uses.value) {
                result.append((PathUtilities.normalize(path), uses.position))
            }
        }
        for (_, step) in file.allSteps {
            if let uses = step.uses, case .local(let path) = step.usesReference {
                result.append((PathUtilities.normalize(path), uses.position))
            }
        }
        return result
    }

    /// Whether `file`, or a local workflow or action it calls (transitively), provides `capability`.
    public func provides(_ capability: String, in file: WorkflowFile, files: [String: WorkflowFile]) -> Bool {
        var visited: Set<String> = []
        var queue = [file.path]
        while let path = queue.popLast() {
            guard visited.insert(path).inserted else { continue }
            if facts[path]?.has(capability) == true { return true }
            guard let current = files[path] else { continue }
            for callee in Self.localCallees(of: current) {
                for candidate in [callee.path, callee.path + "/action.yml", callee.path + "/action.yaml"]
                where files[candidate] != nil {
                    queue.append(candidate)
                }
            }
        }
        return false
    }
}
