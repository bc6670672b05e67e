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
            try await AuditInvocation(self).run(context)
        }
    }
}
