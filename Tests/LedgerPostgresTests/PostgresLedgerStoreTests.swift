import Foundation
import Ledger
import LedgerPostgres
import PostgresNIO
import SlipwayCore
import Testing

/// The PostgreSQL store against a real server (`SLIPWAY_TEST_POSTGRES_URL`), each test in a schema of its own.
@Suite(.enabled(if: PostgresTestServer.isAvailable, PostgresTestServer.skipReason))
struct PostgresLedgerStoreTests {
    typealias Server = PostgresTestServer

    /// Appends 10 events in batches of 3, 3 and 4, each signing a checkpoint; keeps a copy of the head at size 6
    /// in `head_at6`.
    static func appendTen(_ store: PostgresLedgerStore) async throws -> Ed25519CheckpointSigner {
        let signer = try Server.signer()
        let ledger = Ledger(store: store)
        for batch in [0..<3, 3..<6, 6..<10] {
            try await ledger.append(batch.map(Server.event), origin: "unused", signer: signer)
            if batch.upperBound == 6 {
                let schema = store.configuration.schema
                try await Server.sql("CREATE TABLE \(schema).head_at6 AS SELECT * FROM \(schema).head")
            }
        }
        return signer
    }

    @Test("append, read, verify and prove round-trip, with one signed checkpoint per batch")
    func roundTrip() async throws {
        let (store, schema) = try await Server.freshLedger()
        defer { Task { await Server.cleanup(schema) } }
        #expect(try await store.manifest() == LedgerManifest(origin: Server.origin))
        let signer = try await Self.appendTen(store)

        let ledger = Ledger(store: store)
        let (events, summary) = try await ledger.events()
        #expect(events.map(\.index) == Array(0..<10))
        #expect(events.map(\.event) == (0..<10).map(Server.event))
        #expect(summary.size == 10)
        #expect(try await store.checkpoints().map(\.size) == [3, 6, 10])

        let report = try await LedgerVerifier(verifiers: [signer.verifier]).verify(store)
        #expect(report.isValid, "\(report.failures)")
        #expect(report.checkpointsVerified == 3)
        #expect(report.rootHash == summary.publishedRoot)

        let inclusion = try await LedgerProofs.inclusion(ledger, index: 4)
        #expect(inclusion.treeSize == 10)
        try LedgerProofs.verify(inclusion, verifiers: [signer.verifier])
        let consistency = try await LedgerProofs.consistency(ledger, from: 3, to: nil)
        try LedgerProofs.verify(consistency, verifiers: [signer.verifier])

        // A second init leaves the ledger alone.
        let again = try await store.initialize(origin: "other.example/ledger")
        #expect(!again.created)
        #expect(again.manifest.origin == Server.origin)
        #expect(try await ledger.events().summary.size == 10)
    }

    @Test("an empty batch with a signer signs the current size; the leaf hash of each row is stored")
    func signCurrentSizeAndLeafHashes() async throws {
        let (store, schema) = try await Server.freshLedger()
        defer { Task { await Server.cleanup(schema) } }
        let signer = try Server.signer()
        let ledger = Ledger(store: store)
        try await ledger.append([Server.event(0), Server.event(1)], origin: "unused")
        #expect(try await store.checkpoints().isEmpty)
        let outcome = try await ledger.append([], origin: "unused", signer: signer)
        #expect(outcome.size == 2)
        #expect(try await store.checkpoints().map(\.size) == [2])
        let stored = try await Server.sql("SELECT encode(leaf_hash, 'hex') FROM \(schema).entries ORDER BY idx")
        let expected = try [Server.event(0), Server.event(1)].map {
            Hex.encode(MerkleHasher.leafHash(try $0.canonicalBytes()))
        }
        #expect(stored.map { $0[0] } == expected)
    }

    struct Tamper: Sendable, CustomTestStringConvertible {
        var name: String
        var firstBadIndex: UInt64
        var reasonMentions: String
        /// SQL run against the schema (`S` stands for its name) after the append-only trigger is disabled, as a
        /// table owner could.
        var statements: [String]
        var testDescription: String { name }
    }

    static let tampers: [Tamper] = [
        Tamper(
            name: "one row's entry bytes updated",
            firstBadIndex: 4,
            reasonMentions: "leaf hash",
            statements: [
                "UPDATE S.entries SET entry = convert_to(replace(convert_from(entry, 'UTF8'), 'octocat', 'mallory'), 'UTF8') WHERE idx = 4"
            ]
        ),
        Tamper(
            name: "one row's entry and leaf hash both rewritten",
            firstBadIndex: 6,
            reasonMentions: "do not hash to the root",
            statements: [
                "UPDATE S.entries SET entry = convert_to(replace(convert_from(entry, 'UTF8'), 'hubot', 'mallory'), 'UTF8') WHERE idx = 7",
                "UPDATE S.entries SET leaf_hash = sha256('\\x00'::bytea || entry) WHERE idx = 7",
            ]
        ),
        Tamper(
            name: "a row deleted",
            firstBadIndex: 5,
            reasonMentions: "missing",
            statements: ["DELETE FROM S.entries WHERE idx = 5"]
        ),
        Tamper(
            name: "the last row deleted",
            firstBadIndex: 9,
            reasonMentions: "missing",
            statements: ["DELETE FROM S.entries WHERE idx = 9"]
        ),
        Tamper(
            name: "two rows swapped",
            firstBadIndex: 6,
            reasonMentions: "do not hash to the root",
            statements: [
                "ALTER TABLE S.entries DROP CONSTRAINT entries_idx_check",
                "UPDATE S.entries SET idx = -1 WHERE idx = 7",
                "UPDATE S.entries SET idx = 7 WHERE idx = 8",
                "UPDATE S.entries SET idx = 8 WHERE idx = -1",
            ]
        ),
        Tamper(
            name: "a row inserted after the published end",
            firstBadIndex: 10,
            reasonMentions: "beyond the published size",
            statements: [
                "INSERT INTO S.entries (idx, leaf_hash, entry) SELECT 10, leaf_hash, entry FROM S.entries WHERE idx = 2"
            ]
        ),
        Tamper(
            name: "rolled back to size 6 with its head",
            firstBadIndex: 6,
            reasonMentions: "truncated or rolled back",
            statements: [
                "DELETE FROM S.entries WHERE idx >= 6",
                "UPDATE S.head SET size = h.size, compact = h.compact, root = h.root FROM S.head_at6 h",
            ]
        ),
        Tamper(
            name: "a checkpoint replaced by one for another root",
            firstBadIndex: 3,
            reasonMentions: "checkpoint 6",
            statements: [
                "UPDATE S.checkpoints SET note = (SELECT note FROM S.checkpoints WHERE size = 10) WHERE size = 6"
            ]
        ),
    ]

    @Test("tampering with rows is caught by verify, which names the first bad index", arguments: tampers)
    func tampered(tamper: Tamper) async throws {
        let (store, schema) = try await Server.freshLedger()
        defer { Task { await Server.cleanup(schema) } }
        let signer = try await Self.appendTen(store)
        let statements =
            ["ALTER TABLE \(schema).entries DISABLE TRIGGER append_only"]
            + tamper.statements.map { $0.replacingOccurrences(of: "S.", with: "\(schema).") }
        for statement in statements { try await Server.sql(statement) }
        let report = try await LedgerVerifier(verifiers: [signer.verifier]).verify(store)
        let failure = try #require(report.firstFailure, "verification passed after: \(tamper.name)")
        #expect(failure.index == tamper.firstBadIndex, "\(report.failures)")
        #expect(failure.reason.contains(tamper.reasonMentions), "\(failure.reason)")
    }

    @Test("the append-only trigger refuses UPDATE, DELETE and TRUNCATE on the entries")
    func appendOnlyTrigger() async throws {
        let (store, schema) = try await Server.freshLedger()
        defer { Task { await Server.cleanup(schema) } }
        _ = try await Self.appendTen(store)
        for statement in [
            "UPDATE \(schema).entries SET entry = entry WHERE idx = 1",
            "DELETE FROM \(schema).entries WHERE idx = 1",
            "TRUNCATE \(schema).entries",
            "DELETE FROM \(schema).checkpoints",
        ] {
            await #expect(throws: (any Error).self, "\(statement)") { try await Server.sql(statement) }
        }
        #expect(try await Ledger(store: store).events().summary.size == 10)
    }

    @Test("writers on separate connections lose no event and never share an index")
    func concurrentWriters() async throws {
        let (store, schema) = try await Server.freshLedger()
        defer { Task { await Server.cleanup(schema) } }
        let signer = try Server.signer()
        let writers = 8
        let appendsEach = 12
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<writers {
                group.addTask {
                    let ledger = Ledger(store: try Server.store(schema: schema))
                    for number in 0..<appendsEach {
                        let events = [
                            Server.event(writer * 1000 + number * 2), Server.event(writer * 1000 + number * 2 + 1),
                        ]
                        try await ledger.append(events, origin: "unused", signer: number % 3 == 0 ? signer : nil)
                    }
                }
            }
            try await group.waitForAll()
        }
        let (events, summary) = try await Ledger(store: store).events()
        #expect(summary.size == UInt64(writers * appendsEach * 2))
        #expect(events.map(\.index) == Array(0..<summary.size))
        #expect(Set(events.map(\.event.details)).count == writers * appendsEach * 2)
        // Each batch of two stays together.
        for pair in stride(from: 0, to: events.count, by: 2) {
            guard case .object(let first) = events[pair].event.details,
                case .object(let second) = events[pair + 1].event.details,
                case .number(let a) = first["number"], case .number(let b) = second["number"]
            else {
                Issue.record("details missing")
                continue
            }
            #expect(b == a + 1, "batch split at \(pair)")
        }
        let report = try await LedgerVerifier(verifiers: [signer.verifier]).verify(store)
        #expect(report.isValid, "\(report.failures)")
        #expect(report.checkpointsVerified == writers * 4)
    }

    @Test("a ledger of a newer storage format is refused for reading and writing, and nothing is written")
    func newerFormat() async throws {
        let (store, schema) = try await Server.freshLedger()
        defer { Task { await Server.cleanup(schema) } }
        try await Ledger(store: store).append([Server.event(0)], origin: "unused")
        try await Server.sql("UPDATE \(schema).meta SET value = '2' WHERE key = 'format'")
        let expected = LedgerStoreError.newerFormat(path: store.location, found: 2, supported: 1)
        await #expect(throws: expected) { try await store.manifest() }
        await #expect(throws: expected) { try await Ledger(store: store).events() }
        await #expect(throws: expected) { try await store.checkpoints() }
        await #expect(throws: expected) { try await Ledger(store: store).append([Server.event(1)], origin: "unused") }
        await #expect(throws: expected) { try await store.initialize(origin: Server.origin) }
        #expect("\(expected)".contains("upgrade slipway"))
        let rows = try await Server.sql("SELECT count(*)::text FROM \(schema).entries")
        #expect(rows == [["1"]])
    }

    @Test("a schema without a ledger says to run ledger init")
    func notInitialised() async throws {
        let store = try Server.store(schema: Server.uniqueSchema())
        await #expect(throws: PostgresLedgerError.notInitialised(location: store.location)) {
            try await Ledger(store: store).append([Server.event(0)], origin: "unused")
        }
        await #expect(throws: PostgresLedgerError.notInitialised(location: store.location)) {
            try await store.manifest()
        }
        #expect("\(PostgresLedgerError.notInitialised(location: store.location))".contains("slipway ledger init"))
    }

    @Test("an append that waits longer than query_timeout for the head lock fails in time and writes nothing")
    func lockWaitTimesOut() async throws {
        let (store, schema) = try await Server.freshLedger()
        defer { Task { await Server.cleanup(schema) } }
        let impatient = try Server.store(schema: schema, "query_timeout=1")
        // Another session holds the head row's lock, as a writer stuck mid-append would.
        try await Server.withConnection(store.configuration) { holder in
            try await holder.query("BEGIN", logger: Server.logger)
            try await holder.query(
                PostgresQuery(unsafeSQL: "SELECT size FROM \(schema).head FOR UPDATE"),
                logger: Server.logger
            )
            let started = ContinuousClock.now
            let error = await #expect(throws: PostgresLedgerError.self) {
                try await Ledger(store: impatient).append([Server.event(0)], origin: "unused")
            }
            // query_timeout is 1 s; without it the append would wait for the lock forever. The bound proves "no hang"
            // with room for a parallel test run on a loaded machine (the cooperative pool resumed tasks minutes late
            // at a load of 11).
            #expect(ContinuousClock.now - started < .seconds(300))
            #expect("\(error.map { "\($0)" } ?? "")".contains("no answer within 1 s while appending"))
            #expect(try await Server.sql("SELECT count(*)::text FROM \(schema).entries") == [["0"]])
            try await holder.query("ROLLBACK", logger: Server.logger)
        }
        // Once the other writer is gone, the same append goes through.
        let outcome = try await Ledger(store: impatient).append([Server.event(0)], origin: "unused")
        #expect(outcome.firstIndex == 0)
    }
}
