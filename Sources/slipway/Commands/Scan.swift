import ArgumentParser

extension Slipway {
    /// `slipway scan`: checks of the project's dependencies against its policy.
    struct Scan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scan",
            abstract: "Check the project's dependencies against its policy: vulnerabilities (deps) and licenses.",
            subcommands: [ScanDeps.self, ScanLicenses.self]
        )
    }
}
