import ArgumentParser
import Foundation
import Ledger
import Signing
import SlipwayCore

extension Slipway {
    /// `slipway ledger append`: records events for steps that are not Slipway commands.
    struct LedgerAppend: SlipwayCommand {
        static let configuration = CommandConfiguration(
            commandName: "append",
            abstract: "Append events to the ledger and sign a checkpoint for the new size.",
            discussion: """
                --json takes a file or - (stdin) holding one event object, an array of them, or JSON Lines; \
                with no --json, one event is built from the flags. Missing fields are filled in: kind from \
                --kind, time from the system clock (not SOURCE_DATE_EPOCH: events record when things \
                happened), actor from GITHUB_ACTOR (else USER, else the git user), source \
                from GITHUB_REPOSITORY, GITHUB_SHA and the workflow run URL. The batch is appended atomically; \
                with --secret-key or SLIPWAY_SECRET_KEY a checkpoint for the new size is signed.

                Examples:
                  slipway ledger append --kind approval.granted --version 1.4.0 --environment production
                  slipway ledger append --kind deployment.succeeded --json event.json --secret-key ledger.key
                  jq -c '.[]' events.json | slipway ledger append --json -

                Exit status: 0 appended; 2 invalid events, keys or ledger (nothing appended).
                """
        )

        @OptionGroup var location: LedgerLocationOptions

        @Option(name: .long, help: "The event kind, e.g. deployment.succeeded (default for events without one).")
        var kind: String?

        @Option(name: .long, help: "A file (or - for stdin) of events: an object, an array or JSON Lines.")
        var json: String?

        @Option(name: .customLong("version"), help: "subject.version, where events have none.")
        var version: String?

        @Option(name: .long, help: "subject.environment, where events have none.")
        var environment: String?

        @Option(name: .long, help: "subject.project, where events have none.")
        var project: String?

        @Option(name: .long, help: "The result of an event built from flags (success, failure, …).")
        var result: String?

        @Option(
            name: .long,
            help: "The checkpoint origin of a new ledger (default: ledger.origin, else from the repository)."
        )
        var origin: String?

        @OptionGroup var secretKey: SecretKeyOptions

        func run(_ context: SlipwayContext) async throws -> ExitStatus {
            let settings = try location.settings(context)
            let ledger = try location.open(context, settings: settings)
            var defaults = await Self.eventDefaults(context)
            defaults.kind = kind.map { EventKind(rawValue: $0) }
            defaults.subject = EventSubject(project: project, version: version, environment: environment)
            let events: [LedgerEvent]
            if let json {
                let bytes = try context.fileSystem.readFile(at: json == "-" ? "/dev/stdin" : json)
                events = try EventInput.events(bytes, path: json, defaults: defaults)
            } else {
                var object: [String: JSONValue] = [:]
                if let result { object["result"] = .string(result) }
                events = [try LedgerEvent.decode(.object(object), defaults: defaults)]
            }
            let existing = try await ledger.store.manifest()
            let logOrigin = existing?.origin ?? origin ?? settings.origin ?? Self.defaultOrigin(context.environment)
            var signer: (any CheckpointSigner)?
            let keyInEnvironment = !(context.environment[SigningKeySource.secretKeyVariable] ?? "").isEmpty
            if secretKey.secretKey != nil || keyInEnvironment {
                let key = try secretKey.loadKey(context)
                signer = try Ed25519CheckpointSigner(name: logOrigin, privateKey: key.signingKey)
            }
            // An empty batch is only useful to sign the current size.
            guard !events.isEmpty || signer != nil else {
                context.output.writeError(
                    "\(json ?? "-"): error: no events to append (an empty batch needs --secret-key, to sign the current size)\n"
                )
                return .inputError
            }
            let outcome = try await ledger.append(events, origin: logOrigin, signer: signer)
            if let quarantined = outcome.quarantined {
                context.output.writeError(
                    "warning: moved \(quarantined.byteCount) unacknowledged byte(s) of an interrupted append to "
                        + "\(quarantined.path)\n"
                )
            }
            context.output.write(
                "appended \(events.count) event(s) at index \(outcome.firstIndex); tree size \(outcome.size), "
                    + "root \(Hex.encode(outcome.rootHash))\n"
            )
            if let checkpoint = outcome.checkpoint {
                context.output.writeError("signed checkpoint \(checkpoint)\n")
            } else {
                context.output.writeError(
                    "warning: no checkpoint signed (pass --secret-key or set SLIPWAY_SECRET_KEY); "
                        + "these entries are not yet covered by a signature\n"
                )
            }
            return .success
        }

        /// What an event recorded now gets when it does not say: the time from the event clock (never
        /// `SOURCE_DATE_EPOCH`), the actor (`GITHUB_ACTOR`, else `USER`, else the git user) and the source from the
        /// GitHub Actions environment.
        static func eventDefaults(_ context: SlipwayContext) async -> EventDefaults {
            let now = Timestamp(secondsSince1970: Int(context.eventClock.now().timeIntervalSince1970))
            var defaults = EventDefaults.fromEnvironment(context.environment, time: now)
            if defaults.actor == nil { defaults.actor = await gitUser(context) }
            return defaults
        }

        /// The git user's email (else name) for events recorded outside Actions; `nil` when git has none.
        static func gitUser(_ context: SlipwayContext) async -> String? {
            for key in ["user.email", "user.name"] {
                let request = ProcessRequest(["git", "config", "--get", key], timeout: .seconds(5))
                if let result = try? await context.processRunner.run(request), result.status == 0 {
                    let value = result.outputText.trimmingWhitespace()
                    if !value.isEmpty { return value }
                }
            }
            return nil
        }

        /// `github.com/<owner>/<repo>/ledger` in Actions, else `slipway.local/ledger`.
        static func defaultOrigin(_ environment: [String: String]) -> String {
            if let repository = environment["GITHUB_REPOSITORY"], !repository.isEmpty {
                let host = (environment["GITHUB_SERVER_URL"] ?? "https://github.com")
                    .replacingOccurrences(of: "https://", with: "").replacingOccurrences(of: "http://", with: "")
                return "\(host)/\(repository)/ledger".replacingOccurrences(of: " ", with: "-")
                    .replacingOccurrences(of: "+", with: "-")
            }
            return "slipway.local/ledger"
        }
    }
}
