import ArgumentParser
import Foundation
import SlipwayCore

/// The `slipway` command: evaluate, run and enhance an enterprise release pipeline.
@main
struct Slipway: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "slipway",
        abstract: "Make a GitHub Actions release pipeline enterprise-grade.",
        discussion: """
            Exit status: 0 clean; 1 findings at or above --fail-on; 2 input or configuration errors; \
            64 usage errors; 70 internal errors (a bug in slipway).
            """,
        version: version,
        groupedSubcommands: [
            CommandGroup(name: "Evaluate", subcommands: [Audit.self]),
            CommandGroup(
                name: "Release stages",
                subcommands: [
                    Version.self, Changelog.self, Commits.self, SBOM.self, Scan.self, Checksums.self, Sign.self,
                    Verify.self, Attest.self, VerifyAttestation.self, LedgerCommand.self, Secrets.self,
                ]
            ),
            CommandGroup(name: "Configure", subcommands: [Config.self, Keygen.self]),
        ]
    )

    /// Tunes the allocator for a short run and runs a plain `version --next`, `audit` or `scan deps` directly; else
    /// warms the parser up on the second core, then parses the arguments and runs the command.
    static func main() async {
        AllocatorTuning.configureForShortLivedProcess()
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let run = directRun(for: arguments) {
            Foundation.exit(await runReporting(run, context: .live()).rawValue)
        }
        ParserWarmUp.start(arguments: arguments, root: Self.self)
        await main(nil)
    }

    /// The run of a command line that needs no argument parser (`PlainCommandLine`), or nil for swift-argument-parser.
    static func directRun(for arguments: [String]) -> ((SlipwayContext) async throws -> ExitStatus)? {
        if let query = VersionNextQuery(commandLine: arguments) { return query.run }
        if let audit = AuditInvocation(commandLine: arguments) { return audit.run }
        if let scan = ScanDepsInvocation(commandLine: arguments) { return scan.run }
        return nil
    }
}
