import ArgumentParser

extension Slipway {
    /// `slipway scan`: checks of the project's dependencies against its policy.
    struct Scan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scan",
            abstract: "Check the project against its policy: vulnerabilities (deps), licenses and committed secrets.",
            subcommands: [ScanDeps.self, ScanLicenses.self, ScanSecrets.self]
        )
    }
}
