import Foundation

/// Where a PostgreSQL ledger lives and how long to wait for it, parsed from a `postgres://` URL.
///
/// ```
/// postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?schema=NAME&connect_timeout=S&query_timeout=S&sslmode=disable]
/// ```
///
/// The password comes from the URL or, when the URL has none, from `PGPASSWORD`; it is never part of
/// `location` or of any message (see `redact(_:)`).
public struct PostgresLedgerConfiguration: Sendable, Equatable {
    /// The schema a ledger lives in when the URL names none.
    public static let defaultSchema = "slipway_ledger"
    /// How long to wait for a TCP connection and the server's greeting, when the URL says nothing.
    public static let defaultConnectTimeout = Duration.seconds(10)
    /// How long one statement (or a lock wait) may take, when the URL says nothing.
    public static let defaultQueryTimeout = Duration.seconds(30)

    /// The server's host name or address.
    public var host: String
    /// The server's TCP port.
    public var port: Int
    /// The role to connect as.
    public var user: String
    /// The role's password, if any (never printed).
    public var password: String?
    /// The database.
    public var database: String
    /// The schema holding the ledger's tables; several ledgers can share a database in separate schemas.
    public var schema: String
    /// The limit for connecting and authenticating.
    public var connectTimeout: Duration
    /// The limit for one statement, one lock wait, and silence from the server while rows stream in.
    public var queryTimeout: Duration

    /// Creates a configuration.
    public init(
        host: String,
        port: Int = 5432,
        user: String,
        password: String? = nil,
        database: String,
        schema: String = defaultSchema,
        connectTimeout: Duration = defaultConnectTimeout,
        queryTimeout: Duration = defaultQueryTimeout
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.schema = schema
        self.connectTimeout = connectTimeout
        self.queryTimeout = queryTimeout
    }

    /// Whether `text` is a PostgreSQL URL (as opposed to a ledger directory).
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    /// Parses `url`; `environment` supplies `PGPASSWORD` when the URL has no password and `PGUSER`, else `USER`,
    /// when it has no user.
    ///
    /// - Throws: `PostgresLedgerError.invalidURL`, with the password already removed from the message.
    public init(url: String, environment: [String: String] = [:]) throws(PostgresLedgerError) {
        let shown = Self.redactingPassword(in: url)
        func invalid(_ reason: String) -> PostgresLedgerError { .invalidURL(url: shown, reason: reason) }
        guard Self.isURL(url), let components = URLComponents(string: url) else {
            throw invalid("expected postgres://USER@HOST[:PORT]/DATABASE (percent-encode special characters)")
        }
        guard var host = components.host, !host.isEmpty else { throw invalid("no host") }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let user = components.user ?? environment["PGUSER"] ?? environment["USER"]
        guard let user, !user.isEmpty else { throw invalid("no user (postgres://USER@HOST/DATABASE)") }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw invalid("no database name after the host (postgres://USER@HOST/DATABASE)")
        }
        var password = components.password
        if password?.isEmpty ?? true { password = environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 } }
        self.init(
            host: host,
            port: components.port ?? 5432,
            user: user,
            password: password,
            database: database
        )
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "schema":
                guard Self.isPlainIdentifier(value) else {
                    throw invalid(
                        "schema '\(value)' must be 1–63 lower-case letters, digits or '_', not starting with a digit"
                    )
                }
                schema = value
            case "connect_timeout", "query_timeout":
                guard let seconds = Double(value), seconds > 0, seconds <= 86_400 else {
                    throw invalid("\(item.name) '\(value)' must be a number of seconds between 0 and 86400")
                }
                let duration = Duration.milliseconds(Int64((seconds * 1000).rounded(.up)))
                if item.name == "connect_timeout" { connectTimeout = duration } else { queryTimeout = duration }
            case "sslmode":
                guard value == "disable" else {
                    throw invalid(
                        "sslmode=\(value) is not supported yet; use sslmode=disable on a trusted network, or reach the "
                            + "server through a TLS tunnel (stunnel, ssh -L) on 127.0.0.1"
                    )
                }
            default:
                throw invalid(
                    "unknown parameter '\(item.name)' (known: schema, connect_timeout, query_timeout, sslmode)"
                )
            }
        }
    }

    /// The URL without its password, for messages: `postgres://USER@HOST:PORT/DATABASE?schema=NAME`.
    public var location: String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(user)@\(hostPart):\(port)/\(database)?schema=\(schema)"
    }

    /// `text` with every occurrence of the password replaced by `***`.
    public func redact(_ text: String) -> String {
        guard let password, !password.isEmpty else { return text }
        var result = text.replacingOccurrences(of: password, with: "***")
        for allowed in [CharacterSet.urlPasswordAllowed, .alphanumerics] {
            if let encoded = password.addingPercentEncoding(withAllowedCharacters: allowed), encoded != password {
                result = result.replacingOccurrences(of: encoded, with: "***")
            }
        }
        return result
    }

    /// A URL with the `user:password@` part's password replaced by `***` (for parse errors, before the password
    /// is known to be well-formed).
    static func redactingPassword(in url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@"),
            let colon = rest[..<at].firstIndex(of: ":")
        else { return url }
        return String(url[..<rest.index(after: colon)]) + "***" + String(url[at...])
    }

    /// A lower-case SQL identifier that needs no quoting.
    static func isPlainIdentifier(_ text: String) -> Bool {
        guard let first = text.utf8.first, text.utf8.count <= 63, !(0x30...0x39).contains(first) else { return false }
        return text.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5F }
    }
}
