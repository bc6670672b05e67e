import ArgumentParser
import Ledger
import LedgerPostgres
import Signing
import SlipwayCore

/// `--ledger` and `--config`, shared by every `slipway ledger` command.
struct LedgerLocationOptions: ParsableArguments {
    @Option(
        name: .customLong("ledger"),
        help: ArgumentHelp(
            "The ledger directory, or a postgres://USER@HOST:PORT/DATABASE URL (default: ledger: in slipway.yml, "
                + "else .slipway/ledger).",
            valueName: "path|url"
        )
    )
    var ledger: String?

    @Option(name: .long, help: "Path to slipway.yml (default: search upward from the current directory).")
    var config: String?

    /// The `ledger:` settings, from slipway.yml when there is one.
    func settings(_ context: SlipwayContext) throws -> LedgerSettings {
        let configuration = try ProjectConfiguration.load(near: ".", explicit: config, context: context)
        return try LedgerSettings.decode(configuration)
    }

    /// The ledger over the resolved directory or database.
    ///
    /// - Throws: `PostgresLedgerError.invalidURL` for a database URL that cannot be used.
    func open(_ context: SlipwayContext, settings: LedgerSettings) throws -> Ledger {
        Ledger(store: try Self.store(ledger ?? settings.url ?? settings.path ?? LedgerSettings.defaultPath, context))
    }

    /// The store at `location`: a `postgres://` URL (password from the URL or PGPASSWORD) or a directory.
    static func store(_ location: String, _ context: SlipwayContext) throws -> any LedgerStore {
        if LedgerSettings.isURL(location) {
            let configuration = try PostgresLedgerConfiguration(url: location, environment: context.environment)
            return PostgresLedgerStore(configuration: configuration)
        }
        return DirectoryLedgerStore(path: PathUtilities.join(context.fileSystem.currentDirectory, location))
    }
}

/// `--key` (repeatable): the public keys checkpoints must be signed by.
struct LedgerKeyOptions: ParsableArguments {
    @Option(
        name: .customLong("key"),
        help: "A trusted public key: a minisign .pub file, or a signed-note verifier key (name+hint+key). Repeatable."
    )
    var keys: [String] = []

    /// Verifiers for `origin` from `--key`, else `public-key:` in slipway.yml; empty when there is neither.
    func verifiers(
        origin: String,
        settings: LedgerSettings,
        context: SlipwayContext
    ) throws
        -> [any CheckpointVerifier]
    {
        let files = keys.isEmpty ? (settings.publicKey.map { [$0] } ?? []) : keys
        var result: [any CheckpointVerifier] = []
        for file in files {
            let text = try context.fileSystem.readText(at: file)
            let trimmed = text.trimmingWhitespace()
            if !trimmed.contains("\n"), trimmed.split(separator: "+").count >= 3 {
                result.append(try Ed25519CheckpointVerifier(noteVerifierKey: trimmed))
            } else {
                let key = try MinisignPublicKey(fileText: text, source: file)
                result.append(try Ed25519CheckpointVerifier(name: origin, publicKey: key.publicKey))
            }
        }
        return result
    }
}

/// The filters of `show`, `query` and `export`.
struct LedgerFilterOptions: ParsableArguments {
    @Option(name: .customLong("kind"), help: "Keep this kind (repeatable).")
    var kinds: [String] = []

    @Option(name: .customLong("version"), help: "Keep events whose subject.version is this.")
    var version: String?

    @Option(name: .long, help: "Keep events whose subject.environment is this.")
    var environment: String?

    @Option(name: .long, help: "Keep events whose subject.project is this.")
    var project: String?

    @Option(name: .long, help: "Keep events by this actor.")
    var actor: String?

    @Option(name: .long, help: "Keep events at or after this RFC 3339 UTC time (2026-12-01T00:00:00Z).")
    var since: String?

    @Option(name: .long, help: "Keep events before this RFC 3339 UTC time.")
    var until: String?

    func validate() throws {
        for (flag, value) in [("--since", since), ("--until", until)] {
            if let value, Timestamp(value) == nil {
                throw ValidationError("\(flag) '\(value)' is not an RFC 3339 UTC time like 2026-12-01T00:00:00Z")
            }
        }
    }

    var query: LedgerQuery {
        LedgerQuery(
            kinds: kinds.map { EventKind(rawValue: $0) },
            version: version,
            environment: environment,
            actor: actor,
            project: project,
            since: since.flatMap { Timestamp($0) },
            until: until.flatMap { Timestamp($0) }
        )
    }
}

extension Slipway {
    /// Reports a torn tail on stderr (it is never an error: the append never returned).
    static func reportTornTail(_ tail: TornTail?, _ context: SlipwayContext) {
        if let tail { context.output.writeError("warning: \(tail)\n") }
    }
}
