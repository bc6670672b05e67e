import ArgumentParser
import SlipwayCore
import SupplyChain

extension Slipway {
    /// `slipway secrets`: checks of the secrets a deployment needs.
    struct Secrets: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "secrets",
            abstract: "Check that the secrets an environment needs are present.",
            subcommands: [SecretsCheck.self]
        )
    }

    /// `slipway secrets check --env NAME`: the declared secret names are set in the process environment.
    struct SecretsCheck: SlipwayCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Verify that every secret the environment declares is set (names only, never values).",
            discussion: """
                Reads the `secrets.environments.<ENV>` section of slipway.yml:

                \(RequiredSecrets.sample)
                and checks that each `required` name is set and non-empty in the process environment. Only names \
                are printed. Under GitHub Actions (GITHUB_ACTIONS=true) the values of `sensitive` names are \
                registered with `::add-mask::` so later steps cannot print them; that command is the only place \
                a value is written.

                Exit status: 0 all present; 1 some missing (listed); 2 unknown environment or a bad slipway.yml.
                """
        )

        @Option(name: .customLong("env"), help: "The environment to check (a key of secrets.environments).")
        var environment: String

        @OptionGroup var global: GlobalOptions

        func run(_ context: SlipwayContext) async throws -> ExitStatus {
            let configuration = try ProjectConfiguration.load(near: ".", explicit: global.config, context: context)
            let declared = try RequiredSecrets.decode(configuration)
            guard
                let check = declared.check(
                    environment: environment,
                    in: context.environment,
                    gitHubActions: context.isGitHubActions
                )
            else {
                let known = declared.environments.keys.sorted()
                let configurationPath = configuration.path ?? "slipway.yml (none found)"
                context.output.writeError(
                    "\(configurationPath): error: no secrets.environments.\(environment) declared"
                        + (known.isEmpty ? "; add one" : "; declared: \(known.joined(separator: ", "))") + "\n"
                )
                return .inputError
            }
            for command in check.maskCommands { context.output.write(command + "\n") }
            if check.missing.isEmpty {
                context.output.write("\(environment): all \(check.present.count) required secret(s) are set\n")
                return .success
            }
            for name in check.missing {
                if context.isGitHubActions {
                    context.output.write(
                        GitHubAnnotations.command(
                            level: "error",
                            title: "missing secret",
                            location: nil,
                            message: "\(name) is not set for \(environment)"
                        ) + "\n"
                    )
                }
                context.output.writeError("error: \(name) is not set (required by \(environment))\n")
            }
            context.output.writeError(
                "\(environment): \(check.missing.count) of \(check.missing.count + check.present.count) required "
                    + "secret(s) missing: \(check.missing.joined(separator: ", "))\n"
            )
            return .findings
        }
    }
}
