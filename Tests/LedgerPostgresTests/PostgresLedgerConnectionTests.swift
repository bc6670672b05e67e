import Foundation
import Ledger
import LedgerPostgres
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// URLs, limits and unreachable servers: none of these needs a running PostgreSQL server.
@Suite struct PostgresLedgerConnectionTests {
    @Test("a URL gives host, port, user, database, schema and limits; the password never appears in location")
    func parsesURL() throws {
        let configuration = try PostgresLedgerConfiguration(
            url:
                "postgresql://release:p%40ss-w0rd@db.internal:6543/audit?schema=shop_ledger&connect_timeout=2.5&query_timeout=60"
        )
        #expect(configuration.host == "db.internal")
        #expect(configuration.port == 6543)
        #expect(configuration.user == "release")
        #expect(configuration.password == "p@ss-w0rd")
        #expect(configuration.database == "audit")
        #expect(configuration.schema == "shop_ledger")
        #expect(configuration.connectTimeout == .milliseconds(2500))
        #expect(configuration.queryTimeout == .seconds(60))
        #expect(configuration.location == "postgres://release@db.internal:6543/audit?schema=shop_ledger")
        #expect(configuration.redact("auth failed for p@ss-w0rd (p%40ss-w0rd)") == "auth failed for *** (***)")
    }

    @Test("defaults: port 5432, schema slipway_ledger, 10 s to connect, 30 s per query; PGPASSWORD and PGUSER")
    func defaultsAndEnvironment() throws {
        let configuration = try PostgresLedgerConfiguration(
            url: "postgres://127.0.0.1/audit",
            environment: ["PGUSER": "ci", "PGPASSWORD": "from-env"]
        )
        #expect(configuration.port == 5432)
        #expect(configuration.user == "ci")
        #expect(configuration.password == "from-env")
        #expect(configuration.schema == "slipway_ledger")
        #expect(configuration.connectTimeout == .seconds(10))
        #expect(configuration.queryTimeout == .seconds(30))
        let loopback6 = try PostgresLedgerConfiguration(url: "postgres://ci@[::1]:5433/audit")
        #expect(loopback6.host == "::1")
        #expect(loopback6.location == "postgres://ci@[::1]:5433/audit?schema=slipway_ledger")
        let inURL = try PostgresLedgerConfiguration(
            url: "postgres://a:in-url@127.0.0.1/audit",
            environment: ["PGPASSWORD": "from-env"]
        )
        #expect(inURL.password == "in-url")
    }

    @Test(
        "unusable URLs are refused with a reason and without the password",
        arguments: [
            ("postgres://u:hunter22@/db", "no host"),
            ("postgres://u:hunter22@h", "no database"),
            ("postgres://u:hunter22@h/db?schema=Bad-Name", "schema"),
            ("postgres://u:hunter22@h/db?query_timeout=0", "query_timeout"),
            ("postgres://u:hunter22@h/db?sslmode=require", "sslmode=require is not supported"),
            ("postgres://u:hunter22@h/db?shcema=x", "unknown parameter 'shcema'"),
        ]
    )
    func invalidURLs(url: String, mentions: String) {
        do {
            _ = try PostgresLedgerConfiguration(url: url)
            Issue.record("accepted \(url)")
        } catch {
            let message = "\(error)"
            #expect(message.contains(mentions), "\(message)")
            #expect(!message.contains("hunter22"), "\(message)")
        }
    }

    @Test("a closed port on 127.0.0.1 is a clear 'cannot connect' error at once, without the password")
    func closedPort() async throws {
        let port = try LoopbackSocket.closedPort()
        let store = PostgresLedgerStore(
            configuration: try PostgresLedgerConfiguration(
                url: "postgres://release:s3cret-pw@127.0.0.1:\(port)/audit?connect_timeout=3"
            )
        )
        let error = await #expect(throws: PostgresLedgerError.self) {
            try await Ledger(store: store).append([], origin: "x")
        }
        // `.unreachable`, not `.timeout`: the refusal is reported as such, without waiting out connect_timeout. (No
        // wall-clock bound: a loaded parallel test run has kept this task waiting 70 s for a cooperative thread.)
        guard case .unreachable(let location, _) = error else {
            Issue.record("expected .unreachable, got \(String(describing: error))")
            return
        }
        #expect(location == "postgres://release@127.0.0.1:\(port)/audit?schema=slipway_ledger")
        let message = "\(error.map { "\($0)" } ?? "")"
        #expect(message.contains("cannot connect"))
        #expect(message.contains("check that the server is running"))
        #expect(!message.contains("s3cret-pw"))
    }

    @Test("a server that accepts but never answers times out after connect_timeout instead of hanging")
    func silentServer() async throws {
        let listener = try LoopbackSocket.listening()
        defer { close(listener.descriptor) }
        let store = PostgresLedgerStore(
            configuration: try PostgresLedgerConfiguration(
                url: "postgres://release:s3cret-pw@127.0.0.1:\(listener.port)/audit?connect_timeout=1"
            )
        )
        let started = ContinuousClock.now
        let error = await #expect(throws: PostgresLedgerError.self) { try await store.manifest() }
        let elapsed = ContinuousClock.now - started
        // The server never says a word, so returning at all proves the timeout fired, and the error says it was the
        // 1-second connect limit; not before that limit. (No upper wall-clock bound: see closedPort.)
        #expect(elapsed >= .milliseconds(900), "\(elapsed)")
        #expect(error == .timeout(location: store.location, operation: "connecting", limit: .seconds(1)))
        #expect(!"\(error.map { "\($0)" } ?? "")".contains("s3cret-pw"))
    }
}

/// TCP sockets on 127.0.0.1 for the unreachable-server tests.
enum LoopbackSocket {
    struct SocketError: Error {}

    /// A listening socket that never accepts: the kernel completes the handshake, then nothing is ever said.
    static func listening() throws -> (descriptor: Int32, port: Int) {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw SocketError() }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0, listen(descriptor, 16) == 0 else {
            close(descriptor)
            throw SocketError()
        }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else {
            close(descriptor)
            throw SocketError()
        }
        return (descriptor, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// A port on 127.0.0.1 that nothing listens on (bound, then closed).
    static func closedPort() throws -> Int {
        let socket = try listening()
        close(socket.descriptor)
        return socket.port
    }
}
