import Crypto
import Foundation
import Ledger
import LedgerPostgres
import Logging
import PostgresNIO
import SlipwayCore
import Testing

/// The PostgreSQL server the tests use: `SLIPWAY_TEST_POSTGRES_URL` (`.ci/run` starts one on 127.0.0.1).
///
/// Each test works in a schema of its own (`t_<random>`), dropped afterwards, so the suites run in parallel.
enum PostgresTestServer {
    /// The server's URL, or `nil` when the variable is unset (the suites that need it are then skipped, and Swift
    /// Testing prints the reason for every skipped test).
    static let url: String? = {
        let value = ProcessInfo.processInfo.environment["SLIPWAY_TEST_POSTGRES_URL"] ?? ""
        return value.isEmpty ? nil : value
    }()

    static var isAvailable: Bool { url != nil }

    static let skipReason: Comment =
        "SLIPWAY_TEST_POSTGRES_URL is not set: no PostgreSQL server to test against (.ci/run starts one)"

    static let origin = "example.com/release-ledger"

    /// A new schema name.
    static func uniqueSchema() -> String {
        "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
    }

    /// The test server's URL with `schema` and extra query parameters.
    static func url(schema: String, _ parameters: String = "") -> String {
        let base = url ?? "postgres://postgres@127.0.0.1:5432/postgres"
        let separator = base.contains("?") ? "&" : "?"
        return base + separator + "schema=" + schema + (parameters.isEmpty ? "" : "&" + parameters)
    }

    static func store(schema: String, _ parameters: String = "") throws -> PostgresLedgerStore {
        let environment = ProcessInfo.processInfo.environment
        return PostgresLedgerStore(
            configuration: try PostgresLedgerConfiguration(
                url: url(schema: schema, parameters),
                environment: environment
            )
        )
    }

    /// A store over a new, initialised schema; `cleanup` drops it.
    static func freshLedger() async throws -> (store: PostgresLedgerStore, schema: String) {
        let schema = uniqueSchema()
        let store = try store(schema: schema)
        let result = try await store.initialize(origin: origin)
        #expect(result.created)
        return (store, schema)
    }

    static func cleanup(_ schema: String) async {
        _ = try? await sql("DROP SCHEMA IF EXISTS \(schema) CASCADE")
    }

    /// Runs SQL statements directly (for tampering and inspection), one connection for all of them.
    @discardableResult
    static func sql(_ statements: String...) async throws -> [[String?]] {
        let configuration = try PostgresLedgerConfiguration(
            url: url(schema: "public"),
            environment: ProcessInfo.processInfo.environment
        )
        return try await withConnection(configuration) { connection in
            var last: [[String?]] = []
            for statement in statements {
                last = []
                let rows = try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                for try await row in rows {
                    last.append(try row.map { cell in try cell.decode(String?.self) })
                }
            }
            return last
        }
    }

    static let logger = Logger(label: "slipway.tests.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    /// A raw connection to the test server.
    static func withConnection<Result: Sendable>(
        _ configuration: PostgresLedgerConfiguration,
        _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        let connection = try await PostgresConnection.connect(
            configuration: .init(
                host: configuration.host,
                port: configuration.port,
                username: configuration.user,
                password: configuration.password,
                database: configuration.database,
                tls: .disable
            ),
            id: 99,
            logger: logger
        )
        do {
            let result = try await body(connection)
            try? await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    static func event(_ number: Int) -> LedgerEvent {
        LedgerEvent(
            kind: .deploymentSucceeded,
            time: Timestamp(secondsSince1970: 1_795_000_000 + number * 60),
            actor: number % 2 == 0 ? "octocat" : "hubot",
            subject: EventSubject(project: "shop", version: "1.\(number / 4).0", environment: "production"),
            source: EventSource(repository: "acme/shop", commit: String(repeating: "\(number % 10)", count: 40)),
            result: "success",
            details: .object(["number": .number(Double(number))])
        )
    }

    static func signer() throws -> Ed25519CheckpointSigner {
        try Ed25519CheckpointSigner(name: origin, privateKey: Curve25519.Signing.PrivateKey())
    }
}
