import ArgumentParser
import Foundation
import Logging
import SlipwayCore
import Testing

@testable import slipway

/// What an in-process `slipway` run produced.
struct CommandRun {
    var status: slipway.ExitStatus
    var output: String
    var errors: String
}

/// Runs `slipway` commands in-process with a captured output, the real disk and a fixed clock.
enum CommandHarness {
    /// 2026-11-18T11:06:40Z: a fixed "now" so expiry dates and timestamps are exact.
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    /// Parses `arguments` as the command line and runs the command (paths are absolute; tests run in parallel,
    /// so no chdir).
    static func run(
        _ arguments: [String],
        environment: [String: String] = [:],
        wallClock: WallClock = .fixed(now),
        fileSystem: any FileSystem = LocalFileSystem()
    ) async throws -> CommandRun {
        guard var command = try Slipway.parseAsRoot(arguments) as? any SlipwayCommand else {
            Issue.record("\(arguments) did not parse to a SlipwayCommand")
            throw CancellationError()
        }
        try command.validate()
        return await run(environment: environment, wallClock: wallClock, fileSystem: fileSystem) { context in
            try await command.run(context)
        }
    }

    /// Runs `arguments` the way `main` does when they are plain, without swift-argument-parser.
    ///
    /// Nil when `main` would hand them to swift-argument-parser (`Slipway.directRun` declines them).
    static func runDirectly(
        _ arguments: [String],
        environment: [String: String] = [:],
        wallClock: WallClock = .fixed(now)
    ) async -> CommandRun? {
        guard let run = Slipway.directRun(for: arguments) else { return nil }
        return await Self.run(environment: environment, wallClock: wallClock, fileSystem: LocalFileSystem(), body: run)
    }

    /// Requires that `line` is read directly and that running it so prints and exits exactly as the parsed command
    /// does (and prints something).
    static func expectDirectRunMatchesParsed(
        _ line: [String],
        environment: [String: String] = [:],
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws {
        let direct = try #require(
            await runDirectly(line, environment: environment),
            "not read directly: \(line)",
            sourceLocation: sourceLocation
        )
        let parsed = try await run(line, environment: environment)
        #expect(direct.status == parsed.status, "\(line)", sourceLocation: sourceLocation)
        #expect(direct.output == parsed.output, "\(line)", sourceLocation: sourceLocation)
        #expect(direct.errors == parsed.errors, "\(line)", sourceLocation: sourceLocation)
        #expect(!direct.output.isEmpty || !direct.errors.isEmpty, "\(line)", sourceLocation: sourceLocation)
    }

    private static func run(
        environment: [String: String],
        wallClock: WallClock,
        fileSystem: any FileSystem,
        body: (SlipwayContext) async throws -> slipway.ExitStatus
    ) async -> CommandRun {
        let sink = CapturingOutputSink()
        let context = SlipwayContext(
            clock: ContinuousClock(),
            wallClock: wallClock,
            environment: environment,
            fileSystem: fileSystem,
            processRunner: FoundationProcessRunner(),
            output: sink,
            logger: Logger(label: "test"),
            eventClock: wallClock
        )
        let status = await runReporting(body, context: context)
        return CommandRun(status: status, output: sink.standardOutput, errors: sink.standardError)
    }
}
