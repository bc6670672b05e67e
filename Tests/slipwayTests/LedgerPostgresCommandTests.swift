import Foundation
import Ledger
import LedgerPostgres
import Logging
import PostgresNIO
import SlipwayCore
import Testing

@testable import slipway

/// The PostgreSQL server `.ci/run` starts for these tests, if any.
private let testPostgresURL: String? = {
    let value = ProcessInfo.processInfo.environment["SLIPWAY_TEST_POSTGRES_URL"] ?? ""
    return value.isEmpty ? nil : value
}()

/// `slipway ledger …` against a PostgreSQL ledger on the test server (`SLIPWAY_TEST_POSTGRES_URL`), each test in
/// a schema of its own.
@Suite(
    .enabled(
        if: testPostgresURL != nil,
        "SLIPWAY_TEST_POSTGRES_URL is not set: no PostgreSQL server to test against (.ci/run starts one)"
    )
)
struct LedgerPostgresCommandTests {
    static var serverURL: String? { testPostgresURL }

    /// The test server's URL for a new schema.
    static func newLedgerURL() -> (url: String, schema: String) {
        let schema = "cli_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let base = serverURL ?? ""
        return (base + (base.contains("?") ? "&" : "?") + "schema=" + schema, String(schema))
    }

    /// Runs SQL on the test server (cleanup and tampering).
    static func sql(_ statement: String) async throws {
        let configuration = try PostgresLedgerConfiguration(url: serverURL ?? "")
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let connection = try await PostgresConnection.connect(
            configuration: .init(
                host: configuration.host,
                port: configuration.port,
                username: configuration.user,
                password: configuration.password,
                database: configuration.database,
                tls: .disable
            ),
            id: 1,
            logger: logger
        )
        defer { Task { try? await connection.close() } }
        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
    }

    @Test("init, append, show, verify, prove, consistency and export work on a postgres:// ledger")
    func commands() async throws {
        let workspace = try LedgerCommandTests.Workspace()
        defer { workspace.remove() }
        let (url, schema) = Self.newLedgerURL()
        defer { Task { try? await Self.sql("DROP SCHEMA IF EXISTS \(schema) CASCADE") } }

        let initialise = try await CommandHarness.run([
            "ledger", "init", "--postgres", url, "--origin", "example.com/shop",
        ])
        #expect(initialise.status == .success, "\(initialise.errors)")
        #expect(initialise.output.contains("created an empty ledger at postgres://"))
        let again = try await CommandHarness.run(["ledger", "init", "--postgres", url])
        #expect(again.output.contains("already"), "\(again.output)")

        for (start, count) in [(0, 3), (3, 2)] {
            let lines = (start..<(start + count)).map {
                #"{"kind":"deployment.succeeded","subject":{"project":"shop","version":"1.\#($0).0","environment":"production"}}"#
            }
            let file = try workspace.write(lines.joined(separator: "\n"), "batch-\(start).jsonl")
            let run = try await CommandHarness.run(
                ["ledger", "append", "--ledger", url, "--json", file, "--secret-key", workspace.key],
                environment: ["GITHUB_ACTOR": "octocat"]
            )
            #expect(run.status == .success, "\(run.errors)")
            #expect(run.output.contains("at index \(start)"), "\(run.output)")
        }
        let show = try await CommandHarness.run(["ledger", "show", "--ledger", url, "--format", "jsonl"])
        #expect(show.status == .success, "\(show.errors)")
        #expect(show.output.split(separator: "\n").count == 5)
        let query = try await CommandHarness.run(["ledger", "query", "--ledger", url, "--version", "1.4.0"])
        #expect(query.errors.contains("1 of 5 event(s)"), "\(query.errors)")

        let verify = try await CommandHarness.run(["ledger", "verify", "--ledger", url, "--key", workspace.pub])
        #expect(verify.status == .success, "\(verify.output)\(verify.errors)")
        #expect(verify.output.contains("verified 5 entries of example.com/shop"), "\(verify.output)")
        #expect(verify.output.contains("2 signed checkpoint(s)"), "\(verify.output)")

        let proof = workspace.root + "/proof.json"
        let prove = try await CommandHarness.run([
            "ledger", "prove", "--ledger", url, "--index", "1", "--output", proof,
        ])
        #expect(prove.status == .success, "\(prove.errors)")
        let checked = try await CommandHarness.run(["ledger", "verify-proof", proof, "--key", workspace.pub])
        #expect(checked.status == .success, "\(checked.output)\(checked.errors)")
        let consistency = try await CommandHarness.run(["ledger", "consistency", "--ledger", url, "--from", "3"])
        #expect(consistency.status == .success, "\(consistency.errors)")
        #expect(consistency.output.contains("\"secondSize\""), "\(consistency.output)")
        let export = try await CommandHarness.run(["ledger", "export", "--ledger", url, "--format", "jsonl"])
        #expect(export.output.split(separator: "\n").count == 5)

        // Tampering with a row makes verify fail and name the index.
        try await Self.sql("ALTER TABLE \(schema).entries DISABLE TRIGGER append_only")
        try await Self.sql(
            "UPDATE \(schema).entries SET entry = convert_to(replace(convert_from(entry, 'UTF8'), '1.2.0', '9.9.9'), 'UTF8') WHERE idx = 2"
        )
        let tampered = try await CommandHarness.run(["ledger", "verify", "--ledger", url, "--key", workspace.pub])
        #expect(tampered.status == .findings)
        #expect(tampered.output.contains("first bad index 2"), "\(tampered.output)")
    }

    @Test("ledger: postgres://… in slipway.yml is used by every command")
    func configuration() async throws {
        let workspace = try LedgerCommandTests.Workspace()
        defer { workspace.remove() }
        let (url, schema) = Self.newLedgerURL()
        defer { Task { try? await Self.sql("DROP SCHEMA IF EXISTS \(schema) CASCADE") } }
        let config = try workspace.write("ledger:\n  url: \(url)\n  origin: example.com/configured\n", "slipway.yml")
        let initialise = try await CommandHarness.run(["ledger", "init", "--config", config])
        #expect(initialise.status == .success, "\(initialise.errors)")
        #expect(initialise.output.contains("origin example.com/configured"), "\(initialise.output)")
        let append = try await CommandHarness.run([
            "ledger", "append", "--config", config, "--kind", "approval.granted",
        ])
        #expect(append.status == .success, "\(append.errors)")
        let short = try workspace.write("ledger: \(url)\n", "short.yml")
        let show = try await CommandHarness.run(["ledger", "show", "--config", short, "--format", "jsonl"])
        #expect(show.output.contains("approval.granted"), "\(show.output)\(show.errors)")
    }

    @Test(
        "four slipway processes appending at once lose nothing and never share an index",
        .enabled(if: LedgerProcessTests.binary != nil, "the slipway binary is not built next to the tests")
    )
    func concurrentProcesses() async throws {
        let workspace = try LedgerCommandTests.Workspace()
        defer { workspace.remove() }
        let (url, schema) = Self.newLedgerURL()
        defer { Task { try? await Self.sql("DROP SCHEMA IF EXISTS \(schema) CASCADE") } }
        let initialise = try await CommandHarness.run(["ledger", "init", "--postgres", url])
        #expect(initialise.status == .success, "\(initialise.errors)")
        let perBatch = 5
        for round in 0..<2 {
            var files: [String] = []
            for writer in 0..<4 {
                files.append(
                    try LedgerProcessTests.batchFile(workspace.root, batch: round * 4 + writer, count: perBatch)
                )
            }
            let key = workspace.key
            let statuses = try await offCooperativePool { [files] in
                let processes = try files.map { file in
                    try LedgerProcessTests.spawn([
                        "ledger", "append", "--ledger", url, "--json", file, "--secret-key", key,
                    ])
                }
                return processes.map { process -> Int32 in
                    process.waitUntilExit()
                    return process.terminationStatus
                }
            }
            #expect(statuses == [0, 0, 0, 0])
        }
        let store = PostgresLedgerStore(configuration: try PostgresLedgerConfiguration(url: url))
        let (events, summary) = try await Ledger(store: store).events()
        #expect(summary.size == 40)
        #expect(events.map(\.index) == Array(0..<40))
        let batches = events.map { item -> Int in
            guard case .object(let details) = item.event.details, case .number(let batch) = details["batch"] else {
                return -1
            }
            return Int(batch)
        }
        #expect(Set(batches) == Set(0..<8))
        for start in stride(from: 0, to: batches.count, by: perBatch) {
            #expect(Set(batches[start..<(start + perBatch)]).count == 1, "interleaved batches at \(start)")
        }
        let verify = try await CommandHarness.run(["ledger", "verify", "--ledger", url, "--key", workspace.pub])
        #expect(verify.status == .success, "\(verify.output)\(verify.errors)")
        #expect(verify.output.contains("8 signed checkpoint(s)"), "\(verify.output)")
    }
}

/// Errors of a database ledger that need no server.
@Suite struct LedgerPostgresErrorCommandTests {
    @Test("an unreachable database is exit 2 with what to do, and the password is never printed")
    func unreachable() async throws {
        let run = try await CommandHarness.run(
            ["ledger", "show", "--ledger", "postgres://release:pa55-w0rd-x@127.0.0.1:1/audit?connect_timeout=2"],
            environment: ["PGPASSWORD": "env-secret-pw"]
        )
        #expect(run.status == .inputError)
        #expect(run.errors.contains("postgres://release@127.0.0.1:1/audit?schema=slipway_ledger"), "\(run.errors)")
        #expect(run.errors.contains("cannot connect"), "\(run.errors)")
        #expect(!run.errors.contains("pa55-w0rd-x") && !run.output.contains("pa55-w0rd-x"))
        #expect(!run.errors.contains("env-secret-pw"))
        let bad = try await CommandHarness.run([
            "ledger", "verify", "--ledger", "postgres://u:pa55-w0rd-x@h/db?sslmode=require",
        ])
        #expect(bad.status == .inputError)
        #expect(bad.errors.contains("sslmode"), "\(bad.errors)")
        #expect(!bad.errors.contains("pa55-w0rd-x"), "\(bad.errors)")
    }
}
