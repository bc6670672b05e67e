public import Ledger
import NIOCore
import PostgresNIO

/// What `PostgresLedgerStore.initialize` did.
public struct PostgresLedgerInitialisation: Sendable, Equatable {
    /// The ledger's settings (the existing ones when it was already there).
    public var manifest: LedgerManifest
    /// Whether this call created the tables (`false`: they were there already and were left alone).
    public var created: Bool
}

extension PostgresLedgerStore {
    /// The statements that create a ledger in `schema`, in order (one transaction).
    ///
    /// `entries` and `checkpoints` refuse UPDATE, DELETE and TRUNCATE through a trigger so that no ordinary
    /// statement can rewrite history by accident; an owner can still disable the trigger, which `verify` catches.
    static func schemaStatements(_ schema: String) -> [String] {
        let name = "\"\(schema)\""
        return [
            "CREATE SCHEMA IF NOT EXISTS \(name)",
            "CREATE TABLE \(name).meta (key text PRIMARY KEY, value text NOT NULL)",
            """
            CREATE TABLE \(name).head (
              id boolean PRIMARY KEY DEFAULT true CHECK (id),
              size bigint NOT NULL CHECK (size >= 0),
              compact bytea NOT NULL,
              root bytea NOT NULL CHECK (length(root) = 32),
              updated_at timestamptz NOT NULL DEFAULT now())
            """,
            """
            CREATE TABLE \(name).entries (
              idx bigint PRIMARY KEY CHECK (idx >= 0),
              leaf_hash bytea NOT NULL CHECK (length(leaf_hash) = 32),
              entry bytea NOT NULL,
              appended_at timestamptz NOT NULL DEFAULT now())
            """,
            """
            CREATE TABLE \(name).checkpoints (
              size bigint PRIMARY KEY CHECK (size >= 0),
              note text NOT NULL,
              signed_at timestamptz NOT NULL DEFAULT now())
            """,
            """
            CREATE FUNCTION \(name).refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION 'the slipway ledger is append-only: % on %.% refused', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME;
            END $$
            """,
            """
            CREATE TRIGGER append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON \(name).entries
              FOR EACH STATEMENT EXECUTE FUNCTION \(name).refuse_change()
            """,
            """
            CREATE TRIGGER append_only BEFORE DELETE OR TRUNCATE ON \(name).checkpoints
              FOR EACH STATEMENT EXECUTE FUNCTION \(name).refuse_change()
            """,
        ]
    }

    /// Creates the ledger's schema and tables with `origin` (once; a second call changes nothing and returns the
    /// existing settings).
    ///
    /// - Throws: `LedgerStoreError.newerFormat` when the schema holds a newer ledger; `PostgresLedgerError`.
    public func initialize(origin: String) async throws -> PostgresLedgerInitialisation {
        try await session("creating the ledger tables") { session in
            try await session.execute("BEGIN")
            do {
                // Two concurrent inits would otherwise race on CREATE SCHEMA IF NOT EXISTS.
                try await session.execute("SELECT pg_advisory_xact_lock(\(Self.initLockKey))")
                let exists =
                    try await session.rows(
                        "SELECT to_regclass(\(table("meta"))) IS NOT NULL"
                    ).first?.decode(Bool.self) ?? false
                if exists {
                    let manifest = try await readManifest(session)
                    try await session.execute("COMMIT")
                    return PostgresLedgerInitialisation(manifest: manifest, created: false)
                }
                for statement in Self.schemaStatements(configuration.schema) {
                    try await session.execute(PostgresQuery(unsafeSQL: statement))
                }
                try await session.execute(
                    "INSERT INTO \(unescaped: table("meta")) (key, value) VALUES ('format', \(String(Self.currentFormat))), ('origin', \(origin))"
                )
                let emptyRoot = ByteBuffer(bytes: MerkleHasher.emptyRoot)
                try await session.execute(
                    "INSERT INTO \(unescaped: table("head")) (id, size, compact, root) VALUES (true, 0, \(ByteBuffer()), \(emptyRoot))"
                )
                try await session.execute("COMMIT")
            } catch {
                try? await session.execute("ROLLBACK")
                throw error
            }
            return PostgresLedgerInitialisation(
                manifest: LedgerManifest(origin: origin, format: Self.currentFormat),
                created: true
            )
        }
    }

    /// The advisory lock `initialize` holds ("slipway" in ASCII).
    static let initLockKey: Int64 = 0x736C_6970_7761_79
}
