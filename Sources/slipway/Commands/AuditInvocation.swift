import Foundation
import SlipwayCore
import WorkflowAudit

/// Everything `slipway audit` was asked, as a plain value, and the run that does it.
///
/// swift-argument-parser's `Audit` builds it from its parsed properties. `init?(commandLine:)` reads the plain form
/// pipelines use for a report (`slipway audit PATH… --format sarif --output audit.sarif --fail-on high`) without
/// the parser: with a corpus of files on the command line, the parser's reflection and its per-argument bookkeeping
/// were 35 M instructions before the first file was read. The rest (`--fix`, `--list-rules`, `--explain`,
/// baselines written, help, any unusual spelling) is declined and parsed by swift-argument-parser.
struct AuditInvocation: Equatable, Sendable {
    var paths: [String] = []
    var config: String?
    var color: ColorMode = .auto
    var format: ReportFormat = .text
    var output: String?
    var failOn: Severity?
    var only: [String] = []
    var listRules = false
    var explain: String?
    var fix = false
    var dryRun = false
    var pinMap: String?
    var baseline: String?
    var writeBaseline: String?

    /// The values swift-argument-parser parsed into `command`.
    init(_ command: Slipway.Audit) {
        paths = command.paths
        config = command.global.config
        color = command.global.color
        format = command.outputOptions.format
        output = command.outputOptions.output
        failOn = command.failOn
        only = command.only
        listRules = command.listRules
        explain = command.explain
        fix = command.fix
        dryRun = command.dryRun
        pinMap = command.pinMap
        baseline = command.baseline
        writeBaseline = command.writeBaseline
    }

    /// The spellings read directly: those of a report run.
    private static let plainCommandLine = PlainCommandLine(
        command: ["audit"],
        options: [
            .value("--config"), .value("--color"), .value("--format", "-f"), .value("--output", "-o"),
            .value("--fail-on"), .value("--only", repeatable: true), .value("--baseline"),
        ],
        maximumPositionals: .max
    )

    /// Reads `audit [PATH…]` with report options when every argument is a plain spelling with a valid value; nil
    /// otherwise.
    init?(commandLine arguments: [String]) {
        guard let reading = Self.plainCommandLine.read(arguments) else { return nil }
        paths = reading.positionals
        config = reading.value("--config")
        output = reading.value("--output")
        do {
            color = try reading.value("--color", as: ColorMode.self) ?? color
            format = try reading.value("--format", as: ReportFormat.self) ?? format
            failOn = try reading.value("--fail-on", as: Severity.self)
        } catch {
            return nil
        }
        only = reading.values["--only"] ?? []
        baseline = reading.value("--baseline")
    }

    func run(_ context: SlipwayContext) async throws -> ExitStatus {
        let style = TerminalStyle(
            isEnabled: output == nil
                && color.isEnabled(isTerminal: context.output.isTerminal, environment: context.environment)
        )
        if listRules { return try emit(RuleCatalog.list(format: format), context) }
        if let explain {
            guard let text = RuleCatalog.explain(explain) else {
                let ids = RuleRegistry.all.map { $0.metadata.id }
                context.output.writeError(
                    "error: unknown rule id '\(explain)'\(EditDistance.didYouMean(explain, among: ids)); "
                        + "run `slipway audit --list-rules`\n"
                )
                return .inputError
            }
            return try emit(text, context)
        }
        let knownIds = RuleRegistry.all.map { $0.metadata.id }
        for id in only where !knownIds.contains(id) {
            throw AuditError.unknownRule(id: id, suggestion: EditDistance.suggestion(for: id, among: knownIds))
        }
        let configuration = try loadConfiguration(context)
        var loadedBaseline: Baseline?
        if let baseline {
            loadedBaseline = try Baseline.decode(try context.fileSystem.readFile(at: baseline), path: baseline)
        }
        let today = CalendarDate(secondsSince1970: Int(context.wallClock.now().timeIntervalSince1970))
        var request = AuditRequest(
            paths: paths,
            configuration: configuration,
            failOn: failOn ?? configuration.audit.failOn ?? .high,
            baseline: writeBaseline == nil ? loadedBaseline : nil,
            today: today,
            onlyRules: only,
            toolVersion: Slipway.version
        )
        // The process ends after the report: freeing every file's model first would only delay it.
        request.freesModels = false
        let report = try await AuditEngine(fileSystem: context.fileSystem).run(request)
        if let writeBaseline {
            try context.fileSystem.writeTextAtomically(
                try Baseline(findings: report.findings).encoded(),
                to: writeBaseline
            )
            context.output.writeError("wrote \(report.findings.count) finding(s) to \(writeBaseline)\n")
            return .success
        }
        if fix { return try applyFixes(report, context) }
        let rendered = try format.reporter.renderUTF8(report, options: ReportOptions(style: style))
        try emit(rendered, context)
        if context.isGitHubActions { try publishToGitHub(report, context) }
        if report.hasInputErrors {
            if format != .text || output != nil {
                for diagnostic in report.diagnostics where diagnostic.level == .error {
                    context.output.writeError("\(diagnostic)\n")
                }
            }
            return .inputError
        }
        return report.summary.failed ? .findings : .success
    }

    private func emit(_ text: String, _ context: SlipwayContext) throws -> ExitStatus {
        if let path = output {
            try context.fileSystem.writeTextAtomically(text, to: path)
        } else {
            context.output.write(text)
        }
        return .success
    }

    private func emit(_ bytes: [UInt8], _ context: SlipwayContext) throws {
        if let path = output {
            try context.fileSystem.writeFileAtomically(bytes, to: path)
        } else {
            context.output.write(utf8: bytes)
        }
    }

    private func loadConfiguration(_ context: SlipwayContext) throws -> SlipwayConfiguration {
        try ProjectConfiguration.load(near: paths.first ?? ".", explicit: config, context: context)
    }

    /// Annotations (at most what GitHub shows) and a Markdown summary appended to `$GITHUB_STEP_SUMMARY`.
    private func publishToGitHub(_ report: AuditReport, _ context: SlipwayContext) throws {
        if format != .github {
            let annotations = try ReportFormat.github.reporter.render(report, options: ReportOptions())
            // stdout carries machine-readable output when a format other than text goes there.
            if format == .text || output != nil {
                context.output.write(annotations)
            } else {
                context.output.writeError(annotations)
            }
        }
        if let summaryPath = context.environment["GITHUB_STEP_SUMMARY"], !summaryPath.isEmpty {
            let markdown = try ReportFormat.markdown.reporter.render(report, options: ReportOptions())
            try context.fileSystem.appendFile(Array(markdown.utf8), to: summaryPath)
        }
    }

    private func applyFixes(_ report: AuditReport, _ context: SlipwayContext) throws -> ExitStatus {
        var sources: [String: String] = [:]
        let root = report.root
        for file in report.files where file.parsed {
            let absolute = PathUtilities.join(root, file.path)
            sources[file.path] = try context.fileSystem.readText(at: absolute)
        }
        var findings = report.findings
        if let pinMap {
            let map = try PinMap.parse(try context.fileSystem.readText(at: pinMap), path: pinMap)
            let pinned = map.fixes(for: findings, sources: sources)
            findings = findings.filter { $0.ruleId != "unpinned-uses" } + pinned
        }
        let fixed = FixApplier.apply(findings, sources: sources)
        if fixed.isEmpty {
            context.output.writeError("nothing to fix\n")
            return .success
        }
        for file in fixed {
            if dryRun {
                context.output.write(UnifiedDiff.make(old: file.original, new: file.fixed, path: file.path))
            } else {
                try context.fileSystem.writeTextAtomically(file.fixed, to: PathUtilities.join(root, file.path))
                for summary in file.applied { context.output.writeError("\(file.path): fixed: \(summary)\n") }
            }
        }
        if !dryRun {
            let count = fixed.reduce(0) { $0 + $1.applied.count }
            context.output.writeError("applied \(count) fix(es) in \(fixed.count) file(s)\n")
        }
        return .success
    }
}
