public import Logging

/// Everything a command touches in the outside world, passed explicitly so tests control it.
public struct SlipwayContext: Sendable {
    /// Monotonic clock for timeouts, retries and polling.
    public var clock: any Clock<Duration>
    /// Calendar time for timestamps in output (honours `SOURCE_DATE_EPOCH`).
    public var wallClock: WallClock
    /// When things happen, for audit records such as ledger events: never pinned by `SOURCE_DATE_EPOCH`, which
    /// makes build outputs reproducible but would give every event of a pipeline the same time.
    public var eventClock: WallClock
    /// The process environment, read only through here.
    public var environment: [String: String]
    /// The disk.
    public var fileSystem: any FileSystem
    /// External commands.
    public var processRunner: any ProcessRunner
    /// stdout and stderr.
    public var output: any OutputSink
    /// Structured logs (stderr at `--verbose`).
    public var logger: Logger
    /// HTTP for the features that may use the network (always behind a flag, with timeouts and retries).
    public var httpClient: any HTTPClient

    /// Creates a context from its parts.
    public init(
        clock: any Clock<Duration>,
        wallClock: WallClock,
        environment: [String: String],
        fileSystem: any FileSystem,
        processRunner: any ProcessRunner,
        output: any OutputSink,
        logger: Logger,
        httpClient: any HTTPClient = AsyncHTTPClientTransport(),
        eventClock: WallClock = .system
    ) {
        self.clock = clock
        self.wallClock = wallClock
        self.eventClock = eventClock
        self.environment = environment
        self.fileSystem = fileSystem
        self.processRunner = processRunner
        self.output = output
        self.logger = logger
        self.httpClient = httpClient
    }

    /// Whether the command runs inside GitHub Actions.
    public var isGitHubActions: Bool { environment["GITHUB_ACTIONS"] == "true" }
}
