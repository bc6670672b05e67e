import ArgumentParser
import SlipwayCore
import WorkflowAudit

extension Slipway {
    /// `slipway config`: inspect the configuration format.
    struct Config: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "config",
            abstract: "Inspect slipway.yml: its JSON Schema and a sample.",
            subcommands: [Schema.self, Sample.self]
        )

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
