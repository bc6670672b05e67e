import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// One connection to a ledger's database, made and used within the configured limits, and closed afterwards.
///
/// Limits are enforced twice: the server gets `statement_timeout`, `lock_timeout` and
/// `idle_in_transaction_session_timeout` at startup (so it cancels and rolls back on its own), and a client-side
/// watchdog closes the connection when the server has been silent for longer than the query limit (a hung server,
/// a dropped network) so that no command ever hangs.
struct PostgresSession: Sendable {
    let connection: PostgresConnection
    let configuration: PostgresLedgerConfiguration
    let logger: Logger
    let watchdog: Watchdog

    /// Connects, runs `body`, closes; translates driver errors into `PostgresLedgerError` (passwords redacted).
    static func with<Result>(
        _ configuration: PostgresLedgerConfiguration,
        logger: Logger,
        operation: String,
        _ body: (PostgresSession) async throws -> Result
    ) async throws -> Result {
        let connection: PostgresConnection
        do {
            connection = try await connect(configuration, logger: logger)
        } catch {
            throw translate(error, configuration, operation: "connecting", timedOut: false, connecting: true)
        }
        // Past the server's own limits, so that it normally cancels first and says why.
        let watchdog = Watchdog(limit: configuration.queryTimeout + .seconds(2))
        let guardTask = Task { await watchdog.run { connection.close().whenComplete { _ in } } }
        defer { guardTask.cancel() }
        let session = PostgresSession(
            connection: connection,
            configuration: configuration,
            logger: logger,
            watchdog: watchdog
        )
        do {
            let result = try await body(session)
            guardTask.cancel()
            try? await connection.close()
            return result
        } catch {
            guardTask.cancel()
            try? await connection.close()
            throw translate(error, configuration, operation: operation, timedOut: watchdog.fired, connecting: false)
        }
    }

    /// Connects and authenticates within `connectTimeout`.
    static func connect(
        _ configuration: PostgresLedgerConfiguration,
        logger: Logger
    ) async throws
        -> PostgresConnection
    {
        var options = PostgresConnection.Configuration(
            host: configuration.host,
            port: configuration.port,
            username: configuration.user,
            password: configuration.password,
            database: configuration.database,
            tls: .disable
        )
        let connectMilliseconds = milliseconds(configuration.connectTimeout)
        let queryMilliseconds = milliseconds(configuration.queryTimeout)
        options.options.connectTimeout = .milliseconds(connectMilliseconds)
        options.options.additionalStartupParameters = [
            ("application_name", "slipway-ledger"),
            ("statement_timeout", String(queryMilliseconds)),
            ("lock_timeout", String(queryMilliseconds)),
            ("idle_in_transaction_session_timeout", String(2 * queryMilliseconds)),
        ]
        let settings = options
        // The driver's own timeout covers the TCP connect only; a server that accepts and then says nothing is
        // caught by racing the whole handshake against the limit (the driver cancels on task cancellation).
        return try await withThrowingTaskGroup(of: PostgresConnection?.self) { group in
            group.addTask {
                try await PostgresConnection.connect(configuration: settings, id: 1, logger: logger)
            }
            group.addTask {
                try await Task.sleep(for: configuration.connectTimeout)
                return nil
            }
            defer { group.cancelAll() }
            while let next = try await group.next() {
                if let connection = next { return connection }
                throw ConnectTimeout()
            }
            throw ConnectTimeout()
        }
    }

    struct ConnectTimeout: Error {}

    static func milliseconds(_ duration: Duration) -> Int64 {
        max(1, duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }

    /// Runs one statement, resetting the watchdog.
    @discardableResult
    func query(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        watchdog.touch()
        defer { watchdog.touch() }
        return try await connection.query(query, logger: logger)
    }

    /// Runs one statement and collects its rows.
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        var result: [PostgresRow] = []
        for try await row in try await self.query(query) {
            watchdog.touch()
            result.append(row)
        }
        return result
    }

    /// Runs a statement whose rows do not matter, waiting for it to finish.
    func execute(_ query: PostgresQuery) async throws {
        for try await _ in try await self.query(query) { watchdog.touch() }
    }

    // MARK: Errors

    static func translate(
        _ error: any Error,
        _ configuration: PostgresLedgerConfiguration,
        operation: String,
        timedOut: Bool,
        connecting: Bool
    ) -> any Error {
        let location = configuration.location
        if error is ConnectTimeout {
            return PostgresLedgerError.timeout(
                location: location,
                operation: "connecting",
                limit: configuration.connectTimeout
            )
        }
        if timedOut {
            return PostgresLedgerError.timeout(
                location: location,
                operation: operation,
                limit: configuration.queryTimeout
            )
        }
        guard let error = error as? PSQLError else { return error }
        if error.code == .server, let state = error.serverInfo?[.sqlState] {
            let message = configuration.redact(error.serverInfo?[.message] ?? "no message")
            switch state {
            case "42P01", "3F000":
                return PostgresLedgerError.notInitialised(location: location)
            case "57014", "55P03", "25P03":
                return PostgresLedgerError.timeout(
                    location: location,
                    operation: operation,
                    limit: configuration.queryTimeout
                )
            case _ where connecting || state.hasPrefix("28") || state == "3D000":
                return PostgresLedgerError.unreachable(location: location, reason: "\(message) [SQLSTATE \(state)]")
            default:
                return PostgresLedgerError.server(
                    location: location,
                    operation: operation,
                    message: "\(message) [SQLSTATE \(state)]"
                )
            }
        }
        if let underlying = error.underlying as? ChannelError, case .connectTimeout = underlying {
            return PostgresLedgerError.timeout(
                location: location,
                operation: "connecting",
                limit: configuration.connectTimeout
            )
        }
        let reason = configuration.redact(describe(error))
        return PostgresLedgerError.unreachable(location: location, reason: reason)
    }

    /// A short, password-free account of a driver error (its `description` is deliberately generic).
    static func describe(_ error: PSQLError) -> String {
        var text = "\(error.code)"
        if let underlying = error.underlying { text += ": \(underlying)" }
        return text
    }
}

/// Closes the connection when the server has been silent for longer than `limit`.
final class Watchdog: Sendable {
    struct State {
        var lastProgress: ContinuousClock.Instant
        var fired = false
    }

    let limit: Duration
    private let state: Mutex<State>

    init(limit: Duration) {
        self.limit = limit
        self.state = Mutex(State(lastProgress: .now))
    }

    /// Records progress (a statement sent, a row received).
    func touch() {
        state.withLock { $0.lastProgress = .now }
    }

    /// Whether the limit passed and `onExpiry` ran.
    var fired: Bool { state.withLock { $0.fired } }

    /// Sleeps until the limit passes without progress, then runs `onExpiry` once; returns when cancelled.
    func run(onExpiry: @Sendable () -> Void) async {
        while !Task.isCancelled {
            let deadline = state.withLock { $0.lastProgress } + limit
            do { try await Task.sleep(until: deadline, clock: .continuous) } catch { return }
            let expired = state.withLock { state -> Bool in
                guard ContinuousClock.now - state.lastProgress >= limit else { return false }
                state.fired = true
                return true
            }
            if expired {
                onExpiry()
                return
            }
        }
    }
}
