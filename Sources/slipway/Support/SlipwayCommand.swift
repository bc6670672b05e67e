import ArgumentParser
import Logging
import SlipwayCore

/// A subcommand that runs against an injected context, so tests can run it in-process.
protocol SlipwayCommand: AsyncParsableCommand {
    /// Runs the command; returns the exit status instead of exiting.
    func run(_ context: SlipwayContext) async throws -> ExitStatus
}

extension SlipwayCommand {
    mutating func run() async throws {
        let context = SlipwayContext.live()
        let status: ExitStatus
        do {
            status = try await run(context)
        } catch let error as ValidationError {
            throw error
        } catch let error as ExitCode {
            throw error
        } catch {
            status = ExitStatus.report(error, to: context.output)
        }
        if status != .success { throw ExitCode(status.rawValue) }
    }
}

/// Runs `body` and turns a thrown error into its message on stderr and its exit status, as a command's `run()` does
/// for swift-argument-parser.
func runReporting(
    _ body: (SlipwayContext) async throws -> ExitStatus,
    context: SlipwayContext
) async -> ExitStatus {
    do {
        return try await body(context)
    } catch {
        return ExitStatus.report(error, to: context.output)
    }
}

extension SlipwayContext {
    /// The real machine: system clocks, environment, disk, processes and stdout/stderr.
    static func live() -> SlipwayContext {
        let environment = ProcessEnvironmentSnapshot.current()
        return SlipwayContext(
            clock: ContinuousClock(),
            wallClock: .live(environment: environment),
            environment: environment,
            fileSystem: LocalFileSystem(),
            processRunner: FoundationProcessRunner(),
            output: StandardOutputSink(),
            logger: Logger(label: "slipway")
        )
    }
}
