import ArgumentParser
import Ledger
import SlipwayCore

/// `--remote`, `--ref` and `--repository`: where `ledger push` and `ledger pull` keep the ledger.
struct LedgerGitOptions: ParsableArguments {
    @Option(name: .long, help: "The git remote holding the ledger ref (a name or URL).")
    var remote: String = "origin"

    @Option(name: .long, help: "The ref on the remote that holds the ledger.")
    var ref: String = GitLedgerSync.Settings.defaultRef

    @Option(name: .long, help: "The git repository whose remote is used (default: the current directory).")
    var repository: String?

    func validate() throws {
        guard ref.hasPrefix("refs/"), !ref.hasPrefix("refs/heads/"), !ref.contains(".."), !ref.contains(" ") else {
            throw ValidationError(
                "--ref '\(ref)' must be a full ref outside refs/heads/ (for example refs/slipway/ledger), so the "
                    + "ledger never lands on a branch"
            )
        }
        guard !remote.isEmpty, !remote.hasPrefix("-") else { throw ValidationError("--remote must name a remote") }
    }

    /// The sync between the resolved ledger directory and the repository's remote.
    func sync(
        _ context: SlipwayContext,
        location: LedgerLocationOptions,
        keys: LedgerKeyOptions,
        maxAttempts: Int = 10
    ) throws -> GitLedgerSync {
        let settings = try location.settings(context)
        let ledger = try location.open(context, settings: settings)
        guard let store = ledger.store as? DirectoryLedgerStore else {
            throw LedgerSyncError.notADirectoryLedger(location: ledger.store.location)
        }
        let git = GitPlumbing(
            repository: PathUtilities.join(context.fileSystem.currentDirectory, repository ?? "."),
            runner: context.processRunner,
            environment: context.environment
        )
        return GitLedgerSync(
            store: store,
            git: git,
            settings: GitLedgerSync.Settings(remote: remote, ref: ref, maxAttempts: maxAttempts),
            verifiers: { origin in try keys.verifiers(origin: origin, settings: settings, context: context) },
            clock: context.clock
        )
    }

    /// Prints a sync error and picks the exit status: 1 when the remote cannot be trusted, else 2.
    static func report(_ error: LedgerSyncError, _ context: SlipwayContext) -> ExitStatus {
        context.output.writeError("\(error)\n")
        switch error {
        case .historyRewritten, .remoteDoesNotVerify: return .findings
        default: return .inputError
        }
    }
}

extension Slipway {
    /// `slipway ledger pull`: brings the local ledger up to date with the ledger ref of a git remote.
    struct LedgerPull: SlipwayCommand {
        static let configuration = CommandConfiguration(
            commandName: "pull",
            abstract: "Fetch the ledger ref from a git remote and add its new entries to the local ledger.",
            discussion: """
                Fetches --ref (default refs/slipway/ledger) from --remote into a private ref, checks that the \
                remote log hashes to its published root and to every checkpoint (and, with --key, that the \
                checkpoints are signed by a trusted key), then compares it with the local ledger leaf by leaf. \
                A local ledger that is a prefix of the remote one gets the remote's newer entries and \
                checkpoints; local events the remote lacks are kept as pending for 'ledger push'. A remote \
                that disagrees with entries this ledger already synced stops the pull (history rewritten). \
                Only git objects and refs/slipway-sync/ are written in the repository: never the working tree, \
                the index or a branch.

                Examples:
                  slipway ledger pull
                  slipway ledger pull --remote origin --ref refs/slipway/ledger --key ledger.pub

                Exit status: 0 pulled (or nothing to pull); 1 the remote does not verify or rewrote history; \
                2 git, the repository or the local ledger failed.
                """
        )

        @OptionGroup var location: LedgerLocationOptions
        @OptionGroup var git: LedgerGitOptions
        @OptionGroup var keys: LedgerKeyOptions

        @Option(name: .shortAndLong, help: "text or json.")
        var format: LedgerReportFormat = .text

        func run(_ context: SlipwayContext) async throws -> ExitStatus {
            let outcome: GitPullOutcome
            do {
                outcome = try await git.sync(context, location: location, keys: keys).pull()
            } catch let error as LedgerSyncError {
                return LedgerGitOptions.report(error, context)
            }
            for warning in outcome.warnings { context.output.writeError("warning: \(warning)\n") }
            switch format {
            case .json:
                context.output.write(try JSONOutput.string(JSONValue.object(Self.json(outcome))))
            case .text:
                context.output.write(Self.text(outcome, remote: git.remote, ref: git.ref) + "\n")
            }
            return .success
        }

        static func json(_ outcome: GitPullOutcome) -> [String: JSONValue] {
            var object: [String: JSONValue] = [
                "state": .string(outcome.state.rawValue),
                "remoteSize": .number(Double(outcome.remoteSize)),
                "localSizeBefore": .number(Double(outcome.localSizeBefore)),
                "localSize": .number(Double(outcome.localSize)),
                "pending": .number(Double(outcome.pending)),
                "importedCheckpoints": .number(Double(outcome.importedCheckpoints)),
            ]
            if let commit = outcome.remoteCommit { object["remoteCommit"] = .string(commit) }
            return object
        }

        static func text(_ outcome: GitPullOutcome, remote: String, ref: String) -> String {
            let commit = outcome.remoteCommit.map { " (commit \($0.prefix(12)))" } ?? ""
            switch outcome.state {
            case .remoteEmpty:
                return "\(remote) has no \(ref) yet: nothing to pull; the local ledger has \(outcome.localSize) "
                    + "entries (\(outcome.pending) to push)"
            case .upToDate:
                return "up to date with \(remote) \(ref)\(commit): \(outcome.localSize) entries"
            case .fastForwarded:
                return "pulled entries \(outcome.localSizeBefore)…\(outcome.localSize - 1) from \(remote) "
                    + "\(ref)\(commit); the ledger has \(outcome.localSize) entries"
            case .localAhead:
                return "\(remote) \(ref)\(commit) has nothing new; \(outcome.pending) local event(s) are pending "
                    + "('slipway ledger push' appends them)"
            case .diverged:
                return "\(remote) \(ref)\(commit) has \(outcome.remoteSize) entries, and \(outcome.pending) local "
                    + "event(s) it lacks are pending: 'slipway ledger push' appends them on top of the remote log"
            case .completedInterruptedPush:
                return "an earlier push to \(remote) \(ref) had landed; the local ledger now matches it "
                    + "(\(outcome.localSize) entries, \(outcome.pending) pending)"
            }
        }
    }
}
