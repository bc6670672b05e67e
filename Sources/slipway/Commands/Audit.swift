import ArgumentParser
import Foundation
import SlipwayCore
import WorkflowAudit

extension Slipway {
    /// `slipway audit`: evaluate release workflows against enterprise standards.
    struct Audit: SlipwayCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: "Audit GitHub Actions workflows: security, reliability, observability and enterprise gaps.",
            discussion: """
                Audits every .github/workflows/*.yml|yaml, local composite actions and local reusable \
                workflows of a repository (default: the current directory), or the files given.

                Examples:
                  slipway audit
                  slipway audit examples/release-pipeline --format markdown
                  slipway audit .github/workflows/release.yml --fail-on critical
                  slipway audit --format sarif --output audit.sarif
                  slipway audit --list-rules --format json
                  slipway audit --explain template-injection
                  slipway audit --fix --dry-run
                  slipway audit --write-baseline .slipway-baseline.json

                Exit status: 0 clean; 1 findings at or above --fail-on (default high); 2 input or \
                configuration errors (reported with file:line:column); 64 usage errors.

                A slipway.yml (found by searching upward) can tune rules:

                \(SlipwayConfigurationDocument.sample)
                """
        )

        @Argument(help: "Repository roots or workflow/action files (default: .).")
        var paths: [String] = []

        @OptionGroup var global: GlobalOptions
        @OptionGroup var outputOptions: OutputOptions

        @Option(
            name: .customLong("fail-on"),
            help: "Fail (exit 1) on findings at or above: info, low, medium, high, critical."
        )
        var failOn: Severity?

        @Option(name: .customLong("only"), help: "Run only this rule (repeatable).")
        var only: [String] = []

        @Flag(name: .customLong("list-rules"), help: "List the rules (text or --format json) and exit.")
        var listRules = false

        @Option(help: "Explain one rule: rationale, fix and examples.")
        var explain: String?

        @Flag(help: "Apply safe fixes in place (keeps comments and formatting).")
        var fix = false

        @Flag(name: .customLong("dry-run"), help: "With --fix: print a unified diff instead of writing.")
        var dryRun = false

        @Option(
            name: .customLong("pin-map"),
            help: "With --fix: file of 'owner/repo@ref sha' lines used to pin actions offline."
        )
        var pinMap: String?

        @Option(help: "Ignore findings recorded in this baseline file.")
        var baseline: String?

        @Option(
            name: .customLong("write-baseline"),
            help: "Record the current findings as accepted in this file and exit 0."
        )
        var writeBaseline: String?

        func validate() throws {
            if dryRun && !fix { throw ValidationError("--dry-run only applies with --fix") }
            if pinMap != nil && !fix { throw ValidationError("--pin-map only applies with --fix") }
            if listRules && explain != nil { throw ValidationError("use either --list-rules or --explain, not both") }
            if fix && writeBaseline != nil { throw ValidationError("use either --fix or --write-baseline, not both") }
        }

        func run(_ context: SlipwayContext) async throws -> ExitStatus {
            let style = TerminalStyle(
                isEnabled: outputOptions.output == nil
                    && global.color.isEnabled(isTerminal: context.output.isTerminal, environment: context.environment)
            )
            if listRules { return try emit(RuleCatalog.list(format: outputOptions.format), context) }
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
            let rendered = try outputOptions.format.reporter.renderUTF8(report, options: ReportOptions(style: style))
            try emit(rendered, context)
            if context.isGitHubActions { try publishToGitHub(report, context) }
            if report.hasInputErrors {
                if outputOptions.format != .text || outputOptions.output != nil {
                    for diagnostic in report.diagnostics where diagnostic.level == .error {
                        context.output.writeError("\(diagnostic)\n")
                    }
                }
                return .inputError
            }
            return report.summary.failed ? .findings : .success
        }

        private func emit(_ text: String, _ context: SlipwayContext) throws -> ExitStatus {
            if let path = outputOptions.output {
                try context.fileSystem.writeTextAtomically(text, to: path)
            } else {
                context.output.write(text)
            }
            return .success
        }

        private func emit(_ bytes: [UInt8], _ context: SlipwayContext) throws {
            if let path = outputOptions.output {
                try context.fileSystem.writeFileAtomically(bytes, to: path)
            } else {
                context.output.write(utf8: bytes)
            }
        }

        private func loadConfiguration(_ context: SlipwayContext) throws -> SlipwayConfiguration {
            try ProjectConfiguration.load(near: paths.first ?? ".", explicit: global.config, context: context)
        }

        /// Annotations (at most what GitHub shows) and a Markdown summary appended to `$GITHUB_STEP_SUMMARY`.
        private func publishToGitHub(_ report: AuditReport, _ context: SlipwayContext) throws {
            if outputOptions.format != .github {
                let annotations = try ReportFormat.github.reporter.render(report, options: ReportOptions())
                // stdout carries machine-readable output when a format other than text goes there.
                if outputOptions.format == .text || outputOptions.output != nil {
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
}
