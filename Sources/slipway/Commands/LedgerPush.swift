import ArgumentParser
import Ledger
import Signing
import SlipwayCore

extension Slipway {
    /// `slipway ledger push`: appends the local-only events to the ledger ref of a git remote.
    struct LedgerPush: SlipwayCommand {
        static let configuration = CommandConfiguration(
            commandName: "push",
            abstract: "Append the local ledger's new events to the ledger ref of a git remote, re-signed.",
            discussion: """
                Pulls first (see 'slipway ledger pull'), then appends the local events the remote lacks on top \
                of the remote log (the same canonical bytes; their indices may change), signs a checkpoint for \
                the new size with --secret-key or SLIPWAY_SECRET_KEY, commits the ledger with the remote's \
                commit as parent and pushes it without force. When another run appended first the push is \
                refused; slipway fetches again and retries (--max-attempts, with jittered backoff), so no \
                event is lost and the log stays linear. After the push the local ledger matches the remote. \
                With no local-only events nothing is pushed.

                Examples:
                  slipway ledger push --secret-key ledger.key
                  SLIPWAY_SECRET_KEY="$KEY" slipway ledger push --remote origin --ref refs/slipway/ledger

                Exit status: 0 pushed (or nothing to push); 1 the remote does not verify or rewrote history; \
                2 git, the repository, the key or the local ledger failed, or every attempt lost the race.
                """
        )

        @OptionGroup var location: LedgerLocationOptions
        @OptionGroup var git: LedgerGitOptions
        @OptionGroup var keys: LedgerKeyOptions
        @OptionGroup var secretKey: SecretKeyOptions

        @Option(name: .long, help: "How many times to try when other runs keep appending first.")
        var maxAttempts: Int = 10

        @Option(name: .shortAndLong, help: "text or json.")
        var format: LedgerReportFormat = .text

        func validate() throws {
            guard (1...100).contains(maxAttempts) else { throw ValidationError("--max-attempts must be 1…100") }
        }

        func run(_ context: SlipwayContext) async throws -> ExitStatus {
            let outcome: GitPushOutcome
            do {
                var sync = try git.sync(context, location: location, keys: keys, maxAttempts: maxAttempts)
                let keyInEnvironment = !(context.environment[SigningKeySource.secretKeyVariable] ?? "").isEmpty
                if secretKey.secretKey != nil || keyInEnvironment {
                    let key = try secretKey.loadKey(context)
                    sync.signer = { origin in try Ed25519CheckpointSigner(name: origin, privateKey: key.signingKey) }
                }
                outcome = try await sync.push()
            } catch let error as LedgerSyncError {
                return LedgerGitOptions.report(error, context)
            }
            for warning in outcome.warnings + (outcome.pulled?.warnings ?? []) {
                context.output.writeError("warning: \(warning)\n")
            }
            if format == .json {
                var object: [String: JSONValue] = [
                    "pushed": .number(Double(outcome.pushedCount)),
                    "firstIndex": .number(Double(outcome.firstIndex)),
                    "size": .number(Double(outcome.size)),
                    "rootHash": .string(Hex.encode(outcome.rootHash)),
                    "attempts": .number(Double(outcome.attempts)),
                    "checkpointSigned": .bool(outcome.checkpointSigned),
                ]
                if let commit = outcome.commit { object["commit"] = .string(commit) }
                if let pulled = outcome.pulled { object["pull"] = .object(LedgerPull.json(pulled)) }
                context.output.write(try JSONOutput.string(JSONValue.object(object)))
                return .success
            }
            guard outcome.pushedCount > 0 else {
                let pulled = outcome.pulled.map { LedgerPull.text($0, remote: git.remote, ref: git.ref) + "\n" } ?? ""
                context.output.write("nothing to push: the local ledger has no events \(git.remote) lacks\n" + pulled)
                return .success
            }
            let retries = outcome.attempts > 1 ? " after \(outcome.attempts) attempts" : ""
            context.output.write(
                "pushed \(outcome.pushedCount) event(s) to \(git.remote) \(git.ref) at indices "
                    + "\(outcome.firstIndex)…\(outcome.size - 1)\(retries); ledger size \(outcome.size), root "
                    + "\(Hex.encode(outcome.rootHash)), commit \(outcome.commit ?? "")\n"
            )
            if outcome.checkpointSigned {
                context.output.writeError("signed checkpoint for size \(outcome.size)\n")
            } else {
                context.output.writeError(
                    "warning: no checkpoint signed (pass --secret-key or set SLIPWAY_SECRET_KEY); the pushed entries "
                        + "are not yet covered by a signature\n"
                )
            }
            return .success
        }
    }
}
