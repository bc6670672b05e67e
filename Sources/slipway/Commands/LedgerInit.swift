import ArgumentParser
import Ledger
import LedgerPostgres
import SlipwayCore

extension Slipway {
    /// `slipway ledger init`: creates an empty ledger (a database schema, or a directory) with its origin.
    struct LedgerInit: SlipwayCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Create an empty ledger: the tables of a PostgreSQL ledger, or a ledger directory.",
            discussion: """
                With --postgres URL (or a postgres:// --ledger or `ledger:` in slipway.yml) creates the schema \
                (default slipway_ledger; ?schema=NAME picks another) and its tables in one transaction; this needs \
                CREATE on the database, appends afterwards need only SELECT, INSERT and UPDATE. The password comes \
                from the URL or PGPASSWORD and is never printed. Running init again changes nothing. For a \
                directory ledger it writes ledger.json with the origin (an append would do the same).

                Examples:
                  PGPASSWORD=… slipway ledger init --postgres postgres://release@db.internal:5432/audit
                  slipway ledger init --postgres 'postgres://release@127.0.0.1/audit?schema=shop' --origin example.com/shop
                  slipway ledger init --ledger .slipway/ledger --origin example.com/acme/shop/ledger

                Exit status: 0 created or already there; 2 unreachable database, newer ledger format or bad URL.
                """
        )

        @OptionGroup var location: LedgerLocationOptions

        @Option(name: .long, help: "A PostgreSQL URL: postgres://USER@HOST:PORT/DATABASE[?schema=NAME].")
        var postgres: String?

        @Option(name: .long, help: "The checkpoint origin (default: ledger.origin, else from the repository).")
        var origin: String?

        func validate() throws {
            if let postgres, !LedgerSettings.isURL(postgres) {
                throw ValidationError("--postgres takes a postgres:// or postgresql:// URL")
            }
            if postgres != nil, location.ledger != nil {
                throw ValidationError("pass either --postgres or --ledger, not both")
            }
        }

        func run(_ context: SlipwayContext) async throws -> ExitStatus {
            let settings = try location.settings(context)
            let target = postgres ?? location.ledger ?? settings.url ?? settings.path ?? LedgerSettings.defaultPath
            let store = try LedgerLocationOptions.store(target, context)
            let wanted = origin ?? settings.origin ?? LedgerAppend.defaultOrigin(context.environment)
            if let database = store as? PostgresLedgerStore {
                let result = try await database.initialize(origin: wanted)
                report(result.created, result.manifest, database.location, context)
                return .success
            }
            if let existing = try await store.manifest() {
                report(false, existing, store.location, context)
                return .success
            }
            _ = try await store.append([], creating: LedgerManifest(origin: wanted), signer: nil)
            report(true, LedgerManifest(origin: wanted), store.location, context)
            return .success
        }

        func report(_ created: Bool, _ manifest: LedgerManifest, _ where: String, _ context: SlipwayContext) {
            if created {
                context.output.write("created an empty ledger at \(`where`) (origin \(manifest.origin))\n")
            } else {
                context.output.write(
                    "a ledger is already at \(`where`) (origin \(manifest.origin), format \(manifest.format)); "
                        + "nothing changed\n"
                )
                if let origin, origin != manifest.origin {
                    context.output.writeError(
                        "warning: its origin is \(manifest.origin), not \(origin); an origin cannot change once set\n"
                    )
                }
            }
        }
    }
}
