public import Ledger
public import Logging
import NIOCore
import PostgresNIO

/// An organisation-wide ledger in PostgreSQL: the same entries, leaf hashes and signed checkpoints as the directory
/// store, in four tables of one schema.
///
/// ```
/// meta(key, value)                          'format' (storage format) and 'origin', written by `initialize`
/// head(id, size, compact, root)             one row: the published size, its compact range and root; appends lock it
/// entries(idx, leaf_hash, entry)            one row per entry; idx is the primary key
/// checkpoints(size, note)                   signed checkpoints (transparency-dev signed notes)
/// ```
///
/// An append is one transaction that locks the head row (`SELECT … FOR UPDATE`), so writers on any number of
/// machines take turns; the primary key on `idx` is the last line of defence against two entries with one index.
/// A read runs in one `REPEATABLE READ` snapshot, so it sees exactly the entries of one published size.
public struct PostgresLedgerStore: LedgerStore {
    /// The newest storage format this build reads and the one it writes.
    public static let currentFormat = 1

    /// Where the ledger is and the limits for reaching it.
    public let configuration: PostgresLedgerConfiguration
    let logger: Logger

    /// A store over the ledger `configuration` points at (created by `initialize`).
    public init(configuration: PostgresLedgerConfiguration, logger: Logger? = nil) {
        self.configuration = configuration
        self.logger = logger ?? Logger(label: "slipway.ledger.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
    }

    public var location: String { configuration.location }

    /// The schema-qualified name of one of the ledger's tables.
    func table(_ name: String) -> String { "\"\(configuration.schema)\".\(name)" }

    func session<Result>(
        _ operation: String,
        _ body: (PostgresSession) async throws -> Result
    ) async throws -> Result {
        try await PostgresSession.with(configuration, logger: logger, operation: operation, body)
    }

    // MARK: Reading

    public func manifest() async throws -> LedgerManifest? {
        try await session("reading the ledger's settings") { session in try await readManifest(session) }
    }

    /// The `meta` table as a manifest; refuses a newer storage format.
    func readManifest(_ session: PostgresSession) async throws -> LedgerManifest {
        var values: [String: String] = [:]
        for row in try await session.rows("SELECT key, value FROM \(unescaped: table("meta"))") {
            let (key, value) = try row.decode((String, String).self)
            values[key] = value
        }
        guard let text = values["format"], let format = Int(text), format >= 1 else {
            throw LedgerStoreError.malformed(path: location + " (meta)", reason: "no 'format' row")
        }
        if format > Self.currentFormat {
            throw LedgerStoreError.newerFormat(path: location, found: format, supported: Self.currentFormat)
        }
        guard let origin = values["origin"], !origin.isEmpty else {
            throw LedgerStoreError.malformed(path: location + " (meta)", reason: "no 'origin' row")
        }
        return LedgerManifest(origin: origin, format: format)
    }

    struct Head {
        var size: UInt64
        var compact: CompactRange
        var root: [UInt8]
    }

    func readHead(_ session: PostgresSession, forUpdate: Bool) async throws -> Head {
        let lock = forUpdate ? " FOR UPDATE" : ""
        let rows = try await session.rows(
            "SELECT size, compact, root FROM \(unescaped: table("head")) WHERE id\(unescaped: lock)"
        )
        guard let row = rows.first else {
            throw LedgerStoreError.malformed(path: location + " (head)", reason: "the head row is missing")
        }
        let (size, compactBytes, root) = try row.decode((Int64, ByteBuffer, ByteBuffer).self)
        let flat = Array(compactBytes.readableBytesView)
        guard size >= 0, flat.count % 32 == 0 else {
            throw LedgerStoreError.malformed(path: location + " (head)", reason: "'size' or 'compact' is damaged")
        }
        let hashes = stride(from: 0, to: flat.count, by: 32).map { Array(flat[$0..<($0 + 32)]) }
        do {
            let compact = try CompactRange(size: UInt64(size), hashes: hashes)
            return Head(size: UInt64(size), compact: compact, root: Array(root.readableBytesView))
        } catch {
            throw LedgerStoreError.malformed(
                path: location + " (head)",
                reason: "'compact' does not fit 'size': \(error)"
            )
        }
    }

    public func read(_ body: (LedgerRecord) throws -> Void) async throws -> LedgerReadSummary {
        try await session("reading the entries") { session in
            // One snapshot for the head and every row: a concurrent append is either wholly in it or not at all.
            try await session.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            _ = try await readManifest(session)
            let head = try await readHead(session, forUpdate: false)
            // A large ledger streams for longer than one statement may take; the watchdog still catches silence.
            try await session.execute("SET LOCAL statement_timeout = 0")
            let rows = try await session.query(
                "SELECT idx, leaf_hash, entry FROM \(unescaped: table("entries")) ORDER BY idx"
            )
            var expected: UInt64 = 0
            let entriesTable = location + " (entries)"
            for try await row in rows {
                session.watchdog.touch()
                let (storedIndex, storedHash, entryBuffer) = try row.decode((Int64, ByteBuffer, ByteBuffer).self)
                if storedIndex != Int64(clamping: expected) {
                    let reason =
                        storedIndex > Int64(clamping: expected)
                        ? "missing: the next row is entry \(storedIndex) (a row was deleted or renumbered)"
                        : "an unexpected row numbered \(storedIndex) (inserted or renumbered outside slipway)"
                    throw LedgerIntegrityError(index: expected, reason: reason, path: entriesTable)
                }
                guard expected < head.size else {
                    throw LedgerIntegrityError(
                        index: expected,
                        reason: "a row beyond the published size \(head.size) (inserted outside slipway)",
                        path: entriesTable
                    )
                }
                let entry = Array(entryBuffer.readableBytesView)
                let leafHash = MerkleHasher.leafHash(entry)
                guard storedHash.readableBytesView.elementsEqual(leafHash) else {
                    throw LedgerIntegrityError(
                        index: expected,
                        reason: "its bytes do not match its stored leaf hash (the row was changed after it was "
                            + "written)",
                        path: entriesTable
                    )
                }
                try body(LedgerRecord(index: expected, leafHash: leafHash, entry: entry[...]))
                expected += 1
            }
            if expected < head.size {
                throw LedgerIntegrityError(
                    index: expected,
                    reason: "missing: the table ends after \(expected) of the \(head.size) published entries "
                        + "(rows deleted)",
                    path: entriesTable
                )
            }
            try await session.execute("COMMIT")
            return LedgerReadSummary(size: head.size, publishedRoot: head.root, tornTail: nil)
        }
    }

    /// Where a stored checkpoint is, for messages.
    func checkpointLocation(_ size: UInt64) -> String { location + " (checkpoint \(size))" }

    public func checkpoints() async throws -> [StoredCheckpoint] {
        try await session("reading the checkpoints") { session in
            _ = try await readManifest(session)
            return try await session.rows("SELECT size, note FROM \(unescaped: table("checkpoints")) ORDER BY size")
                .map { row in
                    let (size, note) = try row.decode((Int64, String).self)
                    let stored = UInt64(clamping: size)
                    return StoredCheckpoint(location: checkpointLocation(stored), size: stored, note: note)
                }
        }
    }

    // MARK: Appending

    /// Entries per INSERT statement (three array parameters each).
    static let insertChunk = 5_000

    /// Appends in one transaction that holds the head row's lock; `creating` is not used (the ledger is created
    /// by `initialize`, which needs rights a writer should not have).
    public func append(
        _ entries: [[UInt8]],
        creating: LedgerManifest,
        signer: (any CheckpointSigner)?
    ) async throws -> AppendOutcome {
        try await session("appending") { session in
            try await session.execute("BEGIN")
            let outcome: AppendOutcome
            do {
                outcome = try await appendInTransaction(session, entries, signer: signer)
            } catch {
                try? await session.execute("ROLLBACK")
                throw error
            }
            do {
                try await session.execute("COMMIT")
            } catch let error as PSQLError where error.code != .server {
                throw PostgresLedgerError.outcomeUnknown(
                    location: location,
                    reason: session.watchdog.fired
                        ? "no answer within \(PostgresLedgerError.seconds(configuration.queryTimeout))"
                        : configuration.redact(PostgresSession.describe(error))
                )
            }
            return outcome
        }
    }

    func appendInTransaction(
        _ session: PostgresSession,
        _ entries: [[UInt8]],
        signer: (any CheckpointSigner)?
    ) async throws -> AppendOutcome {
        let manifest = try await readManifest(session)
        // Every writer queues here until the one before it commits or rolls back.
        var head = try await readHead(session, forUpdate: true)
        let end = try await session.rows("SELECT coalesce(max(idx) + 1, 0) FROM \(unescaped: table("entries"))")
        let tableEnd = try end.first?.decode(Int64.self) ?? 0
        guard tableEnd == Int64(clamping: head.size) else {
            throw LedgerStoreError.refusingToAppend(
                path: location,
                reason: "the entries table ends at index \(tableEnd) but the published size is \(head.size) "
                    + "(rows were added or removed outside slipway)"
            )
        }
        let firstIndex = head.size
        for chunkStart in stride(from: 0, to: entries.count, by: Self.insertChunk) {
            let chunk = entries[chunkStart..<min(entries.count, chunkStart + Self.insertChunk)]
            var indexes: [Int64] = []
            var hashes: [ByteBuffer] = []
            var bodies: [ByteBuffer] = []
            for entry in chunk {
                let leafHash = MerkleHasher.leafHash(entry)
                indexes.append(Int64(head.compact.size))
                hashes.append(ByteBuffer(bytes: leafHash))
                bodies.append(ByteBuffer(bytes: entry))
                head.compact.append(leafHash: leafHash)
            }
            try await session.execute(
                "INSERT INTO \(unescaped: table("entries")) (idx, leaf_hash, entry) SELECT * FROM unnest(\(indexes)::int8[], \(hashes)::bytea[], \(bodies)::bytea[])"
            )
        }
        head.size = head.compact.size
        let root = head.compact.rootHash
        if !entries.isEmpty {
            let compact = ByteBuffer(bytes: head.compact.hashes.flatMap { $0 })
            try await session.execute(
                "UPDATE \(unescaped: table("head")) SET size = \(Int64(head.size)), compact = \(compact), root = \(ByteBuffer(bytes: root)), updated_at = now() WHERE id"
            )
        }
        var checkpointLocation: String?
        if let signer {
            let checkpoint = Checkpoint(origin: manifest.origin, size: head.size, rootHash: root)
            let note = try SignedNote.sign(text: checkpoint.body, with: signer).serialized
            try await session.execute(
                "INSERT INTO \(unescaped: table("checkpoints")) (size, note) VALUES (\(Int64(head.size)), \(note)) ON CONFLICT (size) DO UPDATE SET note = EXCLUDED.note, signed_at = now()"
            )
            checkpointLocation = self.checkpointLocation(head.size)
        }
        return AppendOutcome(
            firstIndex: firstIndex,
            size: head.size,
            rootHash: root,
            checkpoint: checkpointLocation,
            quarantined: nil
        )
    }
}
