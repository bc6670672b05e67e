import ArgumentParser
import Foundation
import Ledger
import SlipwayCore
import SupplyChain

extension Slipway {
    /// `slipway scan secrets`: credentials committed to the working tree or added in git history.
    struct ScanSecrets: SlipwayCommand {
        static let configuration = CommandConfiguration(
            commandName: "secrets",
            abstract: "Find credentials (tokens, keys, passwords) in the working tree and git history.",
            discussion: """
                Scans the files under PATH (tracked and untracked files not ignored by .gitignore when PATH is in \
                a git work tree; every file otherwise; .git, node_modules and .build never) and, with \
                --git-range or --since-tag, the lines added by each commit of that range, with the provider \
                rules listed in docs/secrets.md and a generic keyword-and-entropy rule; secrets are only ever \
                shown redacted (first characters, then …).

                A `slipway:allow-secret` comment on the line or the line above suppresses a finding; accepted \
                findings can be recorded by fingerprint with --write-baseline and passed back with --baseline.

                Examples:
                  slipway scan secrets
                  slipway scan secrets --git-range origin/main..HEAD --no-working-tree
                  slipway scan secrets --since-tag --format sarif --output secrets.sarif
                  slipway scan secrets --write-baseline .slipway/secrets-baseline.json

                Exit status: 0 no finding at or above --fail-on (default low); 1 findings; 2 input or \
                configuration errors (a missing path, a bad baseline or gitleaks file, a failing git).
                """
        )

        @Argument(help: "A directory or file to scan (default: .).")
        var path: String = "."

        @Option(name: .customLong("git-range"), help: "Also scan lines added in this revision range (A..B).")
        var gitRange: String?

        @Flag(name: .customLong("since-tag"), help: "Also scan lines added since the newest tag reachable from HEAD.")
        var sinceTag = false

        @Flag(name: .customLong("no-working-tree"), help: "Do not scan the files on disk (history only).")
        var noWorkingTree = false

        @Option(name: .shortAndLong, help: "Output format: table, json or sarif.")
        var format: ScanFormat = .table

        @Option(name: .shortAndLong, help: "Write the report to this file (atomically) instead of stdout.")
        var output: String?

        @Option(help: "Baseline of accepted fingerprints (default: scan.secrets.baseline).")
        var baseline: String?

        @Option(
            name: .customLong("write-baseline"),
            help: "Write every current finding's fingerprint to this baseline file (atomically), then exit 0."
        )
        var writeBaseline: String?

        @Option(name: .customLong("gitleaks-config"), help: "Add the [[rules]] of a gitleaks TOML configuration.")
        var gitleaksConfig: String?

        @Option(
            name: .customLong("fail-on"),
            help: "Fail (exit 1) on findings at or above: info, low, medium, high, critical (default: low)."
        )
        var failOn: Severity?

        @OptionGroup var global: GlobalOptions

        @OptionGroup var ledgerRecording: LedgerRecordingOptions

        func validate() throws {
            if gitRange != nil && sinceTag { throw ValidationError("use either --git-range or --since-tag, not both") }
            if noWorkingTree && gitRange == nil && !sinceTag {
                throw ValidationError("--no-working-tree needs --git-range or --since-tag (nothing to scan otherwise)")
            }
        }

        func run(_ context: SlipwayContext) async throws -> ExitStatus {
            let configuration = try ProjectConfiguration.load(near: path, explicit: global.config, context: context)
            var settings = try ScanSettings.decode(configuration).secrets
            if let failOn { settings.failOn = failOn }
            let configDirectory = configuration.path.map(PathUtilities.directory) ?? "."
            func configured(_ value: String?) -> String? {
                value.map { $0.hasPrefix("/") ? $0 : PathUtilities.join(configDirectory, $0) }
            }

            var custom: GitleaksConfiguration?
            if let file = gitleaksConfig ?? configured(settings.gitleaksConfig) {
                custom = try GitleaksConfiguration.parse(try context.fileSystem.readText(at: file), path: file)
            }
            var accepted: SecretBaseline?
            if writeBaseline == nil, let file = baseline ?? configured(settings.baseline) {
                if context.fileSystem.exists(file) || baseline != nil {
                    accepted = try SecretBaseline.parse(try context.fileSystem.readFile(at: file), path: file)
                }
            }
            var history: SecretScanRequest.History?
            if let gitRange { history = .range(gitRange) } else if sinceTag { history = .sinceTag }
            let request = SecretScanRequest(
                path: path,
                scanWorkingTree: !noWorkingTree,
                history: history,
                settings: settings,
                custom: custom,
                baseline: accepted
            )
            let scanner = SecretScanner(
                fileSystem: context.fileSystem,
                processRunner: context.processRunner,
                concurrency: ProcessInfo.processInfo.activeProcessorCount
            )
            let report = try await scanner.scan(request)

            if let writeBaseline {
                let document = SecretBaseline(entries: report.baselineCandidates)
                try context.fileSystem.writeTextAtomically(try document.rendered(), to: writeBaseline)
                context.output.writeError(
                    "wrote \(document.fingerprints.count) fingerprint(s) to \(writeBaseline); "
                        + "pass it with --baseline or set scan.secrets.baseline\n"
                )
                return .success
            }

            let rendered: String
            switch format {
            case .table: rendered = SecretReportRenderer.table(report)
            case .json: rendered = try SecretReportRenderer.json(report)
            case .sarif: rendered = try SecretReportRenderer.sarif(report, toolVersion: Slipway.version)
            }
            if let output {
                try context.fileSystem.writeTextAtomically(rendered, to: output)
                context.output.writeError(SecretReportRenderer.summaryLine(report) + "\n")
            } else {
                context.output.write(rendered)
            }
            if context.isGitHubActions { try publishToGitHub(report, context) }
            try await ledgerRecording.record(
                .scanCompleted,
                context,
                configuration: configuration,
                outputs: [LedgerRecordingOptions.digest(of: rendered, writtenTo: output)],
                result: LedgerRecordingOptions.verdict(failed: report.summary.failed),
                details: .object([
                    "scanner": .string("secrets"),
                    "failOn": .string(report.summary.failOn.rawValue),
                    "filesScanned": .number(Double(report.summary.filesScanned)),
                    "commitsScanned": .number(Double(report.summary.commitsScanned)),
                    "findings": .number(Double(report.summary.findings)),
                ])
            )
            return report.summary.failed ? .findings : .success
        }

        /// Annotations on the lines and a Markdown table appended to `$GITHUB_STEP_SUMMARY`.
        private func publishToGitHub(_ report: SecretReport, _ context: SlipwayContext) throws {
            let annotations = SecretReportRenderer.annotations(report)
            if format == .table || output != nil {
                context.output.write(annotations)
            } else {
                context.output.writeError(annotations)
            }
            if let summary = context.environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty {
                try context.fileSystem.appendFile(Array(SecretReportRenderer.markdown(report).utf8), to: summary)
            }
        }
    }
}
