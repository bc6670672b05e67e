/// Why a PostgreSQL ledger could not be reached, created or written; every message names the ledger by its URL
/// without the password and says what to do.
public enum PostgresLedgerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The `--ledger` / `ledger:` URL cannot be used.
    case invalidURL(url: String, reason: String)
    /// No connection could be made (refused, no route, unknown host, authentication failed).
    case unreachable(location: String, reason: String)
    /// The server did not answer in time.
    case timeout(location: String, operation: String, limit: Duration)
    /// The schema has no ledger tables.
    case notInitialised(location: String)
    /// The server refused a statement.
    case server(location: String, operation: String, message: String)
    /// The connection broke while the server was committing: the batch may or may not be in the ledger.
    case outcomeUnknown(location: String, reason: String)

    public var description: String {
        switch self {
        case .invalidURL(let url, let reason):
            return "\(url): error: not a usable PostgreSQL ledger URL: \(reason)"
        case .unreachable(let location, let reason):
            return "\(location): error: cannot connect (\(reason)); check that the server is running and accepts "
                + "TCP connections there, the user, database and password (PGPASSWORD), or use a directory "
                + "ledger (--ledger PATH); nothing was read or written"
        case .timeout(let location, "connecting", let limit):
            return "\(location): error: no answer within \(Self.seconds(limit)) while connecting (the server did not "
                + "finish the connection handshake); check that this is a PostgreSQL server and that it is not "
                + "overloaded, or raise connect_timeout= (seconds) in the URL; nothing was read or written"
        case .timeout(let location, let operation, let limit):
            return "\(location): error: no answer within \(Self.seconds(limit)) while \(operation); nothing was "
                + "written (an open transaction is rolled back by the server). Check the server's load and locks "
                + "(pg_stat_activity), then retry, or raise connect_timeout= / query_timeout= (seconds) in the URL"
        case .notInitialised(let location):
            return "\(location): error: no ledger in this schema; create it once with "
                + "'slipway ledger init --postgres URL' (needs CREATE on the database)"
        case .server(let location, let operation, let message):
            return "\(location): error: the server refused \(operation): \(message); nothing was written"
        case .outcomeUnknown(let location, let reason):
            return "\(location): error: the connection broke while committing (\(reason)); the batch may or may "
                + "not be in the ledger: check with 'slipway ledger show' before appending it again"
        }
    }

    static func seconds(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(Double(milliseconds) / 1000) s"
    }
}
