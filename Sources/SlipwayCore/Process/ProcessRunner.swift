/// A command to run: argv (never a shell string), environment, working directory, input and a timeout.
public struct ProcessRequest: Sendable, Hashable {
    public var arguments: [String]
    public var environment: [String: String]?
    public var workingDirectory: String?
    public var standardInput: [UInt8]
    public var timeout: Duration

    /// Creates a request; `arguments[0]` is the executable, looked up on `PATH` when not a path.
    public init(
        _ arguments: [String],
        environment: [String: String]? = nil,
        workingDirectory: String? = nil,
        standardInput: [UInt8] = [],
        timeout: Duration = .seconds(60)
    ) {
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.standardInput = standardInput
        self.timeout = timeout
    }
}

/// What a finished command produced.
public struct ProcessResult: Sendable, Hashable {
    public var status: Int32
    public var standardOutput: [UInt8]
    public var standardError: [UInt8]

    /// Creates a result.
    public init(status: Int32, standardOutput: [UInt8] = [], standardError: [UInt8] = []) {
        self.status = status
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    /// Standard output decoded as UTF-8.
    public var outputText: String { String(decoding: standardOutput, as: UTF8.self) }
    /// Standard error decoded as UTF-8.
    public var errorText: String { String(decoding: standardError, as: UTF8.self) }
}

/// Why a command could not run or failed.
public enum ProcessError: Error, Sendable, Equatable, CustomStringConvertible {
    case launchFailed(arguments: [String], reason: String)
    case timedOut(arguments: [String], timeout: Duration)
    case failed(arguments: [String], status: Int32, standardErrorTail: String)

    public var description: String {
        switch self {
        case .launchFailed(let arguments, let reason):
            "error: could not start `\(arguments.joined(separator: " "))`: \(reason); check that it is installed"
        case .timedOut(let arguments, let timeout):
            "error: `\(arguments.joined(separator: " "))` did not finish within \(timeout); it was stopped"
        case .failed(let arguments, let status, let tail):
            "error: `\(arguments.joined(separator: " "))` exited with status \(status): \(tail)"
        }
    }
}

/// Runs external commands; injected so tests can script and assert the exact argv.
public protocol ProcessRunner: Sendable {
    /// Runs the command to completion or until its timeout.
    func run(_ request: ProcessRequest) async throws(ProcessError) -> ProcessResult
}
