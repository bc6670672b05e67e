import ArgumentParser
import SlipwayCore
import Versioning

extension Slipway {
    /// `slipway commits`: inspect commit messages.
    struct Commits: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "commits",
            abstract: "Check commit messages against Conventional Commits and the configured types.",
            subcommands: [Lint.self]
        )

        /// `slipway commits lint RANGE`: for pull-request checks.
        struct Lint: SlipwayCommand {
            static let configuration = CommandConfiguration(
                commandName: "lint",
                abstract: "Lint the commit messages in a range (exit 1 on violations).",
                discussion: """
                    Examples:
                      slipway commits lint origin/main..HEAD
                      slipway commits lint HEAD~5..HEAD --format json
                    """
            )

            @Argument(help: "A git revision range such as origin/main..HEAD.")
            var range: String

            @Option(name: .long, help: "Repository root (default: the current directory).")
            var path: String = "."

            @OptionGroup var global: GlobalOptions

            @Option(name: .shortAndLong, help: "Output format: text or json.")
            var format: VersionOutputFormat = .text

            @Flag(name: .customLong("allow-merges"), help: "Accept merge commits without checking them.")
            var allowMerges = false

            func run(_ context: SlipwayContext) async throws -> ExitStatus {
                let (root, _, settings) = try VersioningContext.settings(
                    near: path,
                    config: global.config,
                    context: context
                )
                let repository = GitRepository(
                    path: root,
                    runner: context.processRunner,
                    environment: context.environment
                )
                let commits = try await repository.commits(range: range)
                let report = CommitLinter(settings: settings, allowMerges: allowMerges).lint(commits)
                switch format {
                case .json: context.output.write(try JSONOutput.string(report))
                case .text:
                    for violation in report.violations {
                        context.output.write(
                            "\(violation.shortHash): error: \(violation.message) [\(violation.header)]\n"
                        )
                    }
                    context.output.write(
                        "\(report.checked) commit(s) checked, \(report.violations.count) violation(s)\n"
                    )
                }
                return report.violations.isEmpty ? .success : .findings
            }
        }
    }
}
