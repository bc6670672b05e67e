import ArgumentParser
import SlipwayCore

/// Options every command understands: configuration file and colour.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Path to slipway.yml (default: search upward from the audited path).")
    var config: String?

    @Option(name: .long, help: "Colour output: auto (terminal only, honours NO_COLOR), always or never.")
    var color: ColorMode = .auto
}
