import ArgumentParser
import Ledger
import SlipwayCore
import SupplyChain
import Versioning
import WorkflowAudit

extension Slipway {
    /// `slipway config`: inspect the configuration format.
    struct Config: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "config",
            abstract: "Inspect slipway.yml: check it, print its JSON Schema or a sample.",
            subcommands: [Validate.self, Schema.self, Sample.self]
        )

        /// `slipway config validate`: checks every section of slipway.yml at once, so that a mistake in a section only
        /// a later stage reads (ledger, scan exceptions, secrets) fails the pull request, not the release.
        struct Validate: SlipwayCommand {
            static let configuration = CommandConfiguration(
                commandName: "validate",
                abstract: "Check every section of slipway.yml (and .versionrc); each problem with file:line:column.",
                discussion: """
                    Reads the file as every command would: audit rules and their options, versioning (or \
                    .versionrc / .versionrc.json beside it), scan (deps, licenses, secrets), ledger and secrets. \
                    Exit status: 0 valid; 2 a problem (each section's first one is printed); 2 also when no \
                    slipway.yml is found.

                    Examples:
                      slipway config validate
                      slipway config validate ci/slipway.yml
                    """
            )

            @Argument(help: "The file (default: the slipway.yml found searching upward from the current directory).")
            var file: String?

            func run(_ context: SlipwayContext) async throws -> ExitStatus {
                let loader = ConfigurationLoader(fileSystem: context.fileSystem)
                let path: String
                if let file {
                    path = file
                } else if let found = loader.discover(from: context.fileSystem.currentDirectory) {
                    path = PathUtilities.relative(found, to: context.fileSystem.currentDirectory)
                } else {
                    context.output.writeError(
                        "error: no slipway.yml here or in a parent directory; pass the file's path "
                            + "(`slipway config sample` prints one to start from)\n"
                    )
                    return .inputError
                }
                let configuration = try loader.load(path: path)
                let problems = ConfigurationCheck.problems(
                    configuration,
                    root: PathUtilities.directory(of: path),
                    fileSystem: context.fileSystem
                )
                for problem in problems { context.output.writeError("\(problem)\n") }
                guard problems.isEmpty else { return .inputError }
                context.output.write("\(path): valid (\(ConfigurationCheck.sections.joined(separator: ", ")))\n")
                return .success
            }
        }

        /// `slipway config schema`: prints the JSON Schema of slipway.yml.
        struct Schema: SlipwayCommand {
            static let configuration = CommandConfiguration(
                commandName: "schema",
                abstract: "Print the JSON Schema of slipway.yml."
            )

            func run(_ context: SlipwayContext) async throws -> ExitStatus {
                context.output.write(try SlipwayConfigurationDocument.schemaJSON())
                return .success
            }
        }

        /// `slipway config sample`: prints a commented sample slipway.yml.
        struct Sample: SlipwayCommand {
            static let configuration = CommandConfiguration(
                commandName: "sample",
                abstract: "Print a sample slipway.yml."
            )

            func run(_ context: SlipwayContext) async throws -> ExitStatus {
                context.output.write(SlipwayConfigurationDocument.sample + "\n")
                return .success
            }
        }
    }
}

/// Decodes every section of a loaded `slipway.yml` the way the commands that read it do.
enum ConfigurationCheck {
    /// The sections checked, in order.
    static let sections = ["audit", "versioning", "scan", "ledger", "secrets"]

    /// The first problem of each section that has one (the loader already checked the top level and `audit:`'s
    /// shape); empty when every section decodes.
    static func problems(
        _ configuration: SlipwayConfiguration,
        root: String,
        fileSystem: any FileSystem
    ) -> [any Error] {
        let path = configuration.path ?? "slipway.yml"
        let checks: [() throws -> Void] = [
            { _ = try RuleResolver.resolve(settings: configuration.audit, configurationPath: path) },
            { _ = try VersioningSettingsLoader.load(root: root, configuration: configuration, fileSystem: fileSystem) },
            { _ = try ScanSettings.decode(configuration) },
            { _ = try LedgerSettings.decode(configuration) },
            { _ = try RequiredSecrets.decode(configuration) },
        ]
        var problems: [any Error] = []
        for check in checks {
            do { try check() } catch { problems.append(error) }
        }
        return problems
    }
}
