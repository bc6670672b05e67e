public import SlipwayCore

/// What to audit and how: the inputs, the configuration and the policy.
public struct AuditRequest: Sendable {
    /// Repository roots or workflow files, as given on the command line.
    public var paths: [String]
    public var configuration: SlipwayConfiguration
    public var failOn: Severity
    public var baseline: Baseline?
    /// Today, for expiring ignores.
    public var today: CalendarDate
    /// Restrict to these rule ids (all configured rules when empty).
    public var onlyRules: [String]
    public var toolVersion: String
    /// Whether the parsed file models are freed when the audit ends (on another thread).
    ///
    /// A process that exits right after the report sets `false`: freeing the trees of every file would then be work
    /// nobody waits for, competing with the report for the cores; the models are kept until the process ends.
    public var freesModels = true

    /// Creates a request.
    public init(
        paths: [String],
        configuration: SlipwayConfiguration = SlipwayConfiguration(),
        failOn: Severity = .high,
        baseline: Baseline? = nil,
        today: CalendarDate,
        onlyRules: [String] = [],
        toolVersion: String = "0.0.0"
    ) {
        self.paths = paths
        self.configuration = configuration
        self.failOn = failOn
        self.baseline = baseline
        self.today = today
        self.onlyRules = onlyRules
        self.toolVersion = toolVersion
    }
}

/// Runs an audit: discover files, parse them in parallel, run rules, apply suppressions and the baseline, score.
public struct AuditEngine: Sendable {
    private let fileSystem: any FileSystem
    private let registry: [any AuditRule.Type]

    /// Creates an engine over `fileSystem` with `registry`'s rules.
    public init(fileSystem: any FileSystem, registry: [any AuditRule.Type] = RuleRegistry.all) {
        self.fileSystem = fileSystem
        self.registry = registry
    }

    /// Audits `request.paths` and returns the report.
    public func run(_ request: AuditRequest) async throws -> AuditReport {
        // The built-in catalogue is decoded once per process; that starts now, while the rules are resolved, the files
        // discovered and the first files parsed (each parse task waits for it only when it needs it, for the facts).
        let builtInCatalogue = Task { Catalogue.builtIn }
        let configurationPath = request.configuration.path ?? "slipway.yml"
        var rules = try RuleResolver.resolve(
            settings: request.configuration.audit,
            configurationPath: configurationPath,
            registry: registry
        )
        if !request.onlyRules.isEmpty { rules = rules.filter { request.onlyRules.contains($0.metadata.id) } }
        let catalogueExtension = try request.configuration.audit.catalogue.map {
            try CatalogueExtension.decode($0, path: configurationPath)
        }
        let discovery = try FileDiscovery(fileSystem: fileSystem).discover(
            request.paths,
            exclude: request.configuration.audit.exclude
        )
        let catalogueTask = Task {
            let builtIn = await builtInCatalogue.value
            return catalogueExtension.map { builtIn.merging($0) } ?? builtIn
        }
        var files: [String: WorkflowFile] = [:]
        var index = ProjectIndex()
        var diagnostics = discovery.diagnostics
        var fileSummaries: [String: AuditReport.File] = [:]
        var pending = discovery.inputs
        var seen = Set(pending.map(\.displayPath))
        // Parse, then follow local `uses: ./…` references to reusable workflows and composite actions that were
        // not among the inputs (for example when single files are audited), until no new file appears.
        while !pending.isEmpty {
            let outcomes = await parseAll(pending, catalogue: catalogueTask)
            pending = []
            // Collected first and stored once per round: the index re-sorts its paths on every change.
            var roundFacts = index.facts
            defer { index.facts = roundFacts }
            for outcome in outcomes {
                switch outcome.result {
                case .success(let file):
                    files[file.path] = file
                    roundFacts[file.path] = outcome.facts
                    diagnostics += file.diagnostics
                    for callee in ProjectIndex.localCallees(of: file) {
                        for input in discovery.candidates(forLocalReference: callee.path)
                        where seen.insert(input.displayPath).inserted {
                            pending.append(input)
                        }
                    }
                case .failure(let error):
                    diagnostics.append(error.diagnostic)
                    fileSummaries[outcome.input.displayPath] = AuditReport.File(
                        path: outcome.input.displayPath,
                        kind: nil,
                        findings: 0,
                        calledFrom: [],
                        parsed: false
                    )
                }
            }
        }
        // Built aside and stored once: the index inverts the call graph on every change of `callers`.
        var callers: [String: [SourceLocation]] = [:]
        for file in files.values {
            for callee in ProjectIndex.localCallees(of: file) {
                for candidate in [callee.path, callee.path + "/action.yml", callee.path + "/action.yaml"]
                where files[candidate] != nil {
                    callers[candidate, default: []].append(file.location(callee.from))
                }
            }
        }
        index.callers = callers
        for (path, callers) in index.callers { files[path]?.callers = callers.sorted() }
        let projectIndex = index
        let frozenFiles = files
        let rulesToRun = rules
        let frozenCatalogue = await catalogueTask.value
        // The strengths need only the files and the index, so they are found while the rules run.
        async let strengthsTask = StrengthAnalyzer.strengths(files: frozenFiles, index: projectIndex)
        let perFile = await withTaskGroup(of: (path: String, findings: [Finding], suppressions: [Suppression]).self) {
            group in
            var all: [(path: String, findings: [Finding], suppressions: [Suppression])] = []
            // Largest files first, so no large file is left running alone on one core at the end.
            let bySize = frozenFiles.values.sorted {
                ($0.source.bytes.count, $1.path) > ($1.source.bytes.count, $0.path)
            }
            for (position, file) in bySize.enumerated() {
                if position >= Self.maximumConcurrentFiles, let findings = await group.next() { all.append(findings) }
                group.addTask {
                    let findings = Self.audit(
                        file,
                        rules: rulesToRun,
                        catalogue: frozenCatalogue,
                        index: projectIndex,
                        files: frozenFiles
                    )
                    return (file.path, findings, Suppression.parse(file.source))
                }
            }
            for await findings in group { all.append(findings) }
            return all
        }
        // Each file's findings come sorted; in path order they make one sorted run, which the final (stable) sort
        // passes over in linear time. Findings of one file never tie with another file's, so the result is the one
        // a sort of every finding gives.
        var findings = perFile.sorted { $0.path < $1.path }.flatMap(\.findings)
        var suppressionsByPath: [String: [Suppression]] = [:]
        for file in perFile { suppressionsByPath[file.path] = file.suppressions }
        let activeIds = Set(rules.map(\.metadata.id))
        let (afterSuppression, suppressedCount, suppressionFindings) = SuppressionFilter.apply(
            findings: findings,
            suppressionsByPath: suppressionsByPath,
            ignores: request.configuration.audit.ignores,
            today: request.today,
            activeRuleIds: activeIds,
            rules: rules
        )
        findings = afterSuppression + suppressionFindings
        var baselined = 0
        if let baseline = request.baseline {
            let filtered = baseline.filter(findings)
            findings = filtered.remaining
            baselined = filtered.matched
        }
        findings.sort(by: Self.order)
        var findingsPerPath: [String: Int] = [:]
        for finding in findings { findingsPerPath[finding.location.path, default: 0] += 1 }
        for file in frozenFiles.values {
            fileSummaries[file.path] = AuditReport.File(
                path: file.path,
                kind: file.kind,
                findings: findingsPerPath[file.path] ?? 0,
                calledFrom: file.callers,
                parsed: true
            )
        }
        let strengths = await strengthsTask
        let areas = Area.allCases.map { area in
            let areaFindings = findings.filter { $0.area == area }
            var bySeverity: [String: Int] = [:]
            for finding in areaFindings { bySeverity[finding.severity.rawValue, default: 0] += 1 }
            return AuditReport.AreaSummary(
                area: area,
                title: area.title,
                score: AreaScoring.score(areaFindings),
                findings: areaFindings.count,
                strengths: strengths.filter { $0.area == area }.count,
                bySeverity: bySeverity
            )
        }
        diagnostics.sort {
            ($0.location?.path ?? "", $0.location?.line ?? 0) < ($1.location?.path ?? "", $1.location?.line ?? 0)
        }
        // The file models are no longer needed: they are moved into a task that frees them on another thread, not on
        // the way to the report (`consume` ends this function's references, so the task holds the last ones).
        let models = (consume files, consume frozenFiles, consume projectIndex, consume index)
        if request.freesModels {
            Task.detached(priority: .utility) { withExtendedLifetime(models) {} }
        } else {
            _ = Unmanaged.passRetained(KeptModels(models))
        }
        return AuditReport(
            version: AuditReport.schemaVersion,
            tool: AuditReport.Tool(name: "slipway", version: request.toolVersion),
            root: discovery.root,
            files: fileSummaries.values.sorted { $0.path < $1.path },
            findings: findings,
            strengths: strengths,
            summary: AuditReport.Summary(
                areas: areas,
                findings: findings.count,
                suppressed: suppressedCount,
                baselined: baselined,
                failOn: request.failOn,
                failed: findings.contains { $0.severity >= request.failOn }
            ),
            diagnostics: diagnostics
        )
    }

    /// Runs every rule over one file and fills in fingerprints and caller notes.
    static func audit(
        _ file: WorkflowFile,
        rules: [ConfiguredRule],
        catalogue: Catalogue,
        index: ProjectIndex,
        files: [String: WorkflowFile]
    ) -> [Finding] {
        let facts = index.facts[file.path] ?? .empty
        var findings: [Finding] = []
        var occurrences: [String: Int] = [:]
        let callerNotes = callerChain(of: file, files: files)
        let shared = RuleContext.FileBox(catalogue: catalogue, project: index, facts: facts)
        for rule in rules {
            let context = RuleContext(rule: rule.box, severity: rule.severity, file: shared)
            for var finding in rule.check(file, context: context) {
                let lineText = file.source.line(finding.location.line).trimmingWhitespace()
                let base = StableHash.hex(finding.ruleId, finding.location.path, lineText)
                let seen = occurrences[base, default: 0]
                occurrences[base] = seen + 1
                finding.fingerprint = seen == 0 ? base : "\(base)-\(seen)"
                finding.notes += callerNotes
                findings.append(finding)
            }
        }
        // Sorted here, in parallel, so the report's sort meets one sorted run per file.
        findings.sort(by: order)
        return findings
    }

    /// "called from" notes, innermost caller first, following callers of callers (cycles stop the walk).
    static func callerChain(of file: WorkflowFile, files: [String: WorkflowFile]) -> [Diagnostic.Note] {
        var notes: [Diagnostic.Note] = []
        var visited: Set<String> = [file.path]
        var frontier = file.callers
        while let caller = frontier.first, notes.count < 8 {
            frontier.removeFirst()
            notes.append(Diagnostic.Note("called from here", location: caller))
            if visited.insert(caller.path).inserted, let parent = files[caller.path] {
                frontier += parent.callers
            }
        }
        return notes
    }

    /// The report's order: path, line, column, rule id, message (lexicographic, as the tuple comparison it replaces,
    /// without building tuples of strings for every comparison).
    static func order(_ lhs: Finding, _ rhs: Finding) -> Bool {
        if lhs.location.path != rhs.location.path { return lhs.location.path < rhs.location.path }
        if lhs.location.line != rhs.location.line { return lhs.location.line < rhs.location.line }
        if lhs.location.column != rhs.location.column { return lhs.location.column < rhs.location.column }
        if lhs.ruleId != rhs.ruleId { return lhs.ruleId < rhs.ruleId }
        return lhs.message < rhs.message
    }

    /// File models kept alive until the process ends (`AuditRequest.freesModels` is false).
    private final class KeptModels<Models: Sendable>: Sendable {
        let models: Models

        init(_ models: Models) { self.models = models }
    }

    private struct ParseOutcome: Sendable {
        var input: FileDiscovery.Input
        var result: Result<WorkflowFile, WorkflowParseError>
        var facts: FileFacts?
    }

    /// Files read and parsed at once; enough to keep every core busy while bounding memory.
    static let maximumConcurrentFiles = 16

    /// Reads, parses and computes the facts of each file, in a bounded task group (facts need only the catalogue,
    /// so they are computed in the same task as the parse).
    private func parseAll(_ inputs: [FileDiscovery.Input], catalogue: Task<Catalogue, Never>) async -> [ParseOutcome] {
        let fileSystem = self.fileSystem
        // Largest files first (sizes from discovery, when known), so no large file is parsed alone at the end.
        let inputs = inputs.enumerated().sorted { ($0.element.size, $1.offset) > ($1.element.size, $0.offset) }.map(
            \.element
        )
        return await withTaskGroup(of: ParseOutcome.self) { group in
            var outcomes: [ParseOutcome] = []
            for (position, input) in inputs.enumerated() {
                if position >= Self.maximumConcurrentFiles, let outcome = await group.next() {
                    outcomes.append(outcome)
                }
                group.addTask {
                    let result: Result<WorkflowFile, WorkflowParseError>
                    do {
                        let bytes = try fileSystem.readFile(at: input.absolutePath)
                        guard let text = YAMLLoader.decodeUTF8(bytes) else {
                            throw WorkflowParseError.yaml(.notUTF8(path: input.displayPath))
                        }
                        result = .success(try WorkflowParser.parse(text, path: input.displayPath, kind: input.kind))
                    } catch let error as WorkflowParseError {
                        result = .failure(error)
                    } catch let error as FileSystemError {
                        result = .failure(.unreadable(error))
                    } catch {
                        result = .failure(.unreadable(.unreadable(path: input.displayPath, reason: "\(error)")))
                    }
                    var facts: FileFacts?
                    if let file = try? result.get() {
                        facts = FileFacts.compute(file, catalogue: await catalogue.value)
                    }
                    return ParseOutcome(input: input, result: result, facts: facts)
                }
            }
            for await outcome in group { outcomes.append(outcome) }
            return outcomes.sorted { $0.input.displayPath < $1.input.displayPath }
        }
    }
}
