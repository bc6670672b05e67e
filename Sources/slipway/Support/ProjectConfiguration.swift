import SlipwayCore

/// Finds and loads `slipway.yml` the same way for every command: `--config` when given, else the first one found
/// searching upward from the path the command works on, else the defaults.
enum ProjectConfiguration {
    /// The configuration for a command working on `path` (a directory or a file in it).
    static func load(near path: String, explicit: String?, context: SlipwayContext) throws -> SlipwayConfiguration {
        let loader = ConfigurationLoader(fileSystem: context.fileSystem)
        if let explicit { return try loader.load(path: explicit) }
        let start = context.fileSystem.isDirectory(path) ? path : PathUtilities.directory(of: path)
        guard let found = loader.discover(from: start) else { return SlipwayConfiguration() }
        return try loader.load(
            path: found,
            displayPath: PathUtilities.relative(found, to: context.fileSystem.currentDirectory)
        )
    }
}
