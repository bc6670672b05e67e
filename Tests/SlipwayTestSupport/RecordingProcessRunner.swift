public import SlipwayCore
import Synchronization
public import Testing

/// A process runner that answers scripted argv with scripted results, records every call, and fails the test
/// on an argv it was not told about.
public final class RecordingProcessRunner: ProcessRunner {
    private let responses: [[String]: ProcessResult]
    private let recorded = Mutex<[ProcessRequest]>([])

    /// Creates a runner that answers `responses` keyed by the full argv.
    public init(_ responses: [[String]: ProcessResult]) {
        self.responses = responses
    }

    public func run(_ request: ProcessRequest) async throws(ProcessError) -> ProcessResult {
        recorded.withLock { $0.append(request) }
        guard let result = responses[request.arguments] else {
            Issue.record("unexpected command: \(request.arguments)")
            throw .launchFailed(arguments: request.arguments, reason: "not scripted in the test")
        }
        return result
    }

    /// The argv of every call, in order.
    public var calls: [[String]] { recorded.withLock { $0.map(\.arguments) } }
}

/// Runs real commands for tests that need a real git (tagged `.process`).
public enum TestProcess {
    /// Runs `arguments` in `directory` and returns stdout, failing the test on a non-zero status.
    @discardableResult
    public static func run(
        _ arguments: [String],
        in directory: String,
        environment: [String: String] = [:]
    ) async throws
        -> String
    {
        var env = [
            "PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": directory, "GIT_AUTHOR_NAME": "Test",
            "GIT_AUTHOR_EMAIL": "test@example.com", "GIT_COMMITTER_NAME": "Test",
            "GIT_COMMITTER_EMAIL": "test@example.com", "GIT_CONFIG_NOSYSTEM": "1",
        ]
        for (key, value) in environment { env[key] = value }
        let result = try await FoundationProcessRunner().run(
            ProcessRequest(arguments, environment: env, workingDirectory: directory, timeout: .seconds(30))
        )
        if result.status != 0 { Issue.record("\(arguments) failed: \(result.errorText)") }
        return result.outputText
    }
}

extension Tag {
    /// Tests that run real external processes.
    @Tag public static var process: Self
}
