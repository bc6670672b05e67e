import ArgumentParser
import Foundation

/// Builds the argument model of the subcommand that the raw arguments name on a second thread, while the main thread
/// starts parsing.
///
/// swift-argument-parser discovers each command's options by reflection. The first time a process does that for a
/// type, the Swift runtime instantiates generic metadata and searches the binary's 11,500 protocol-conformance
/// records once per type and protocol: for `slipway version --next` on a small repository that is 27 M of its 40 M
/// instructions, all on one core while the other idles. Both threads fill the same process-wide runtime caches, so
/// whatever this thread looks up first, the parser then finds ready. Nothing here changes what is parsed: a wrong
/// guess (a value that happens to spell a subcommand) only costs idle CPU, and the result is discarded.
enum ParserWarmUp {
    /// The innermost subcommand that the leading arguments name (`scan deps …` → `ScanDeps`), or nil when the first
    /// argument is an option or names no subcommand.
    static func command(
        namedBy arguments: some Sequence<String>,
        root: any ParsableCommand.Type
    ) -> (any ParsableCommand.Type)? {
        var current: (any ParsableCommand.Type)?
        var level = root
        for argument in arguments {
            let match = level.configuration.subcommands.first { candidate in
                let configuration = candidate.configuration
                return configuration.commandName == argument || configuration.aliases.contains(argument)
            }
            guard let match else { break }
            current = match
            level = match
        }
        return current
    }

    /// Signalled when the warm-up thread is done.
    private static let finished = DispatchSemaphore(value: 0)

    /// Starts the warm-up for the subcommand `arguments` name, if any, and returns at once.
    static func start(arguments: [String], root: any ParsableCommand.Type) {
        guard let command = command(namedBy: arguments, root: root) else { return }
        // A command that fails fast exits while this may still run: exit waits for it, so that nothing it uses is
        // torn down under it by static destructors.
        atexit { ParserWarmUp.finished.wait() }
        // A thread of its own, not a task: Dispatch runs no more pool threads than there are cores, so a task would
        // hold back the parse it is meant to help on a two-core machine.
        Thread.detachNewThread {
            // Building the help screen reflects over the command and its option groups first, exactly as parsing does.
            _ = command.helpMessage(includeHidden: true, columns: 80)
            finished.signal()
        }
    }
}
