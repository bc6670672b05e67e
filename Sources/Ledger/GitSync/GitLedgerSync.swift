import SlipwayCore

/// Keeps a directory ledger in step with a dedicated ref of a git remote (`refs/slipway/ledger` by default), for CI
/// runners that vanish: `pull` brings the remote's entries in, `push` appends the local-only ones on top of the
/// remote log and pushes without force, retrying when another run appended first.
///
/// The ref holds one commit per push (layout: `GitLedgerSnapshot`); each commit's parent is the remote commit it
/// extends, so the ref only moves forward and the log stays linear. See docs/ledger.md, "Syncing through git".
public struct GitLedgerSync: Sendable {
    /// Where to sync and how hard to try.
    public struct Settings: Sendable, Equatable {
        /// The default ref.
        public static let defaultRef = "refs/slipway/ledger"

        /// The git remote (a name or a URL).
        public var remote: String
        /// The ref on the remote that holds the ledger.
        public var ref: String
        /// How many times `push` tries before giving up.
        public var maxAttempts: Int
        /// The backoff before the second attempt; it doubles per attempt up to `maxDelay`, with jitter.
        public var baseDelay: Duration
        /// The longest backoff.
        public var maxDelay: Duration
        /// Entries per chunk file when this sync creates the remote ledger (an existing one keeps its own).
        public var chunkEntries: Int

        /// Creates settings; the defaults suit a CI step.
        public init(
            remote: String = "origin",
            ref: String = defaultRef,
            maxAttempts: Int = 10,
            baseDelay: Duration = .milliseconds(250),
            maxDelay: Duration = .seconds(8),
            chunkEntries: Int = 4096
        ) {
            self.remote = remote
            self.ref = ref
            self.maxAttempts = maxAttempts
            self.baseDelay = baseDelay
            self.maxDelay = maxDelay
            self.chunkEntries = max(1, chunkEntries)
        }

        /// The local ref the remote ref is fetched into: `refs/slipway-sync/<remote>/<ref without refs/>`.
        var privateRef: String {
            let name = ref.hasPrefix("refs/") ? String(ref.dropFirst(5)) : ref
            let remoteName = String(remote.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
            return "refs/slipway-sync/\(remoteName)/\(name)"
        }
    }

    /// The local ledger.
    public let store: DirectoryLedgerStore
    /// The repository whose remote holds the ref.
    public let git: GitPlumbing
    /// Where to sync.
    public var settings: Settings
    /// The trusted keys for a log's checkpoints, given its origin (empty: roots are checked, signatures are not).
    public var verifiers: @Sendable (String) throws -> [any CheckpointVerifier]
    /// The key that signs the pushed size, given the log's origin; `nil` pushes without a new checkpoint.
    public var signer: (@Sendable (String) throws -> any CheckpointSigner)?
    /// Sleeps between push attempts.
    public var clock: any Clock<Duration>
    /// A number in [0, 1) for the backoff jitter.
    public var random: @Sendable () -> Double

    /// Creates a sync between `store` and the remote of `git`.
    public init(
        store: DirectoryLedgerStore,
        git: GitPlumbing,
        settings: Settings = Settings(),
        verifiers: @escaping @Sendable (String) throws -> [any CheckpointVerifier] = { _ in [] },
        signer: (@Sendable (String) throws -> any CheckpointSigner)? = nil,
        clock: any Clock<Duration> = ContinuousClock(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.store = store
        self.git = git
        self.settings = settings
        self.verifiers = verifiers
        self.signer = signer
        self.clock = clock
        self.random = random
    }

    // MARK: Planning

    /// The remote and local logs side by side, and what sync should do about them.
    struct Plan: Sendable {
        var remote: GitLedgerSnapshot?
        var local: DirectoryLedgerStore.SyncComparison
        var state: GitSyncState
        var key: String
        /// The local index of the first event the remote lacks.
        var pendingStart: UInt64
        /// The local events the remote lacks (`local[pendingStart...]`).
        var pending: [[UInt8]]
        /// Whether the local ledger's entries already are the remote's, in order (a prefix of it).
        var localIsPrefix: Bool
        var warnings: [String]

        var remoteSize: UInt64 { remote?.size ?? 0 }
    }

    /// Fetches the ref and compares it with the local ledger.
    ///
    /// - Throws: `LedgerSyncError` (git, a remote that does not verify, history rewritten, different origins);
    ///   `LedgerStoreError` and `LedgerIntegrityError` for the local ledger.
    func plan() async throws -> Plan {
        try store.recoverInterruptedSwap()
        let ref = settings.ref
        let remoteCommit = try await git.fetch(remote: settings.remote, ref: ref, into: settings.privateRef)
        var remote: GitLedgerSnapshot?
        if let remoteCommit {
            let snapshot = try await GitLedgerSnapshot.read(commit: remoteCommit, ref: ref, git: git)
            try snapshot.verifySignatures(try verifiers(snapshot.origin), ref: ref)
            remote = snapshot
        }
        var state = try store.loadSyncState()
        let key = GitSyncState.key(remote: settings.remote, ref: ref)
        var record = state.records[key] ?? GitSyncState.Record()
        var sizes: Set<UInt64> = []
        if let synced = record.synced { sizes.insert(synced.size) }
        let local = try await store.compare(with: remote?.leafHashes ?? [], rootsAt: sizes)
        var warnings: [String] = []
        if let tail = local.tornTail { warnings.append("\(tail)") }
        if let manifest = local.manifest, let remote, manifest.origin != remote.origin {
            throw LedgerSyncError.originMismatch(ref: ref, local: manifest.origin, remote: remote.origin)
        }

        // The prefix this ledger already agreed with the remote, which the remote must still hold.
        var agreed: UInt64 = 0
        if let synced = record.synced {
            if synced.size <= local.size, local.roots[synced.size] == synced.root {
                agreed = synced.size
            } else {
                warnings.append(
                    "\(GitSyncState.fileName) records \(synced.size) synced entries that this ledger does not hold; "
                        + "ignoring it"
                )
                record.synced = nil
            }
        }
        var pendingStart = local.common
        if let pushing = record.pushing {
            // A push that may have landed before the run died: if the remote holds its commit, those events are
            // on the remote already (possibly at other indices) and must not be pushed again.
            if let remoteCommit, pushing.common + pushing.count <= local.size,
                try await git.isAncestor(pushing.commit, of: remoteCommit)
            {
                pendingStart = max(pendingStart, pushing.common + pushing.count)
            } else {
                record.pushing = nil
            }
        }
        if local.common < agreed {
            let detail: String
            if local.common == (remote?.size ?? 0) {
                detail =
                    remote == nil
                    ? "the remote ref no longer exists"
                    : "the remote now has only \(local.common) entries (rolled back)"
            } else {
                let localLeaf = Hex.encode(MerkleHasher.leafHash(local.tail[0]))
                let remoteLeaf = Hex.encode(remote?.leafHashes[Int(local.common)] ?? [])
                detail = "local leaf \(localLeaf), remote leaf \(remoteLeaf)"
            }
            throw LedgerSyncError.historyRewritten(ref: ref, index: local.common, synced: agreed, detail: detail)
        }
        state.records[key] = record
        let pending = Array(local.tail.dropFirst(Int(pendingStart - local.common)))
        return Plan(
            remote: remote,
            local: local,
            state: state,
            key: key,
            pendingStart: pendingStart,
            pending: pending,
            localIsPrefix: local.common == local.size,
            warnings: warnings
        )
    }

    // MARK: Pull

    /// Fetches the ref and brings the local ledger up to date with it without pushing anything.
    ///
    /// - A local ledger that is a prefix of the remote one gets the remote's newer entries and checkpoints.
    /// - Local events the remote lacks are kept as pending; `push` appends them on top of the remote log.
    /// - A remote that disagrees with entries already synced stops with `LedgerSyncError.historyRewritten`.
    ///
    /// - Throws: `LedgerSyncError`, `LedgerStoreError`, `LedgerIntegrityError`; nothing local changes on error.
    public func pull() async throws -> GitPullOutcome {
        let plan = try await plan()
        return try await settle(plan)
    }

    /// Applies what a plan allows without pushing: fast-forward, or completes a push that landed before a crash.
    private func settle(_ plan: Plan) async throws -> GitPullOutcome {
        var state = plan.state
        let local = plan.local
        var outcome = GitPullOutcome(
            remoteCommit: plan.remote?.commit,
            remoteSize: plan.remoteSize,
            localSizeBefore: local.size,
            localSize: local.size,
            pending: UInt64(plan.pending.count),
            warnings: plan.warnings
        )
        guard let remote = plan.remote else {
            outcome.state = .remoteEmpty
            return outcome
        }
        let synced = GitSyncState.Synced(
            size: remote.size,
            root: remote.rootHash,
            commit: remote.commit
        )
        if plan.localIsPrefix {
            let manifest = local.manifest ?? LedgerManifest(origin: remote.origin)
            try await store.fastForward(
                Array(remote.entries.dropFirst(Int(local.size))),
                at: local.size,
                manifest: manifest
            )
            outcome.importedCheckpoints = try store.importCheckpoints(remote.checkpoints, upTo: remote.size)
            outcome.localSize = remote.size
            outcome.state = local.size == remote.size ? .upToDate : .fastForwarded
            state.records[plan.key] = GitSyncState.Record(synced: synced)
            try store.saveSyncState(state)
        } else if plan.pendingStart > local.common {
            // A push landed but the run died before updating the local ledger: finish it now.
            state.records[plan.key] = GitSyncState.Record(synced: synced)
            let carried = try await store.replace(
                with: remote,
                pending: plan.pending,
                expectedSize: local.size,
                tornTail: local.tornTail,
                state: state
            )
            outcome.localSize = remote.size + UInt64(plan.pending.count + carried)
            outcome.state = .completedInterruptedPush
        } else {
            outcome.state = local.common == remote.size ? .localAhead : .diverged
            outcome.importedCheckpoints = try store.importCheckpoints(remote.checkpoints, upTo: local.common)
            state.records[plan.key] = GitSyncState.Record(
                synced: GitSyncState.Synced(size: local.common, root: remote.rootHash(size: local.common), commit: nil)
            )
            try store.saveSyncState(state)
        }
        return outcome
    }

    // MARK: Push

    /// Pulls, then appends the local-only events on top of the remote log, signs a checkpoint for the new size,
    /// and pushes the commit without force; when another run appended first, fetches and tries again.
    ///
    /// - Throws: `LedgerSyncError` (including `.retriesExhausted` after `settings.maxAttempts` lost races),
    ///   `LedgerStoreError`, `LedgerIntegrityError`. Events are never removed from the local ledger on error.
    public func push() async throws -> GitPushOutcome {
        var attempt = 0
        while true {
            attempt += 1
            let plan = try await plan()
            if plan.pending.isEmpty {
                let pulled = try await settle(plan)
                return GitPushOutcome(
                    attempts: attempt,
                    pushedCount: 0,
                    firstIndex: plan.remoteSize,
                    size: plan.remoteSize,
                    rootHash: plan.remote?.rootHash ?? MerkleHasher.emptyRoot,
                    commit: plan.remote?.commit,
                    checkpointSigned: false,
                    pulled: pulled
                )
            }
            var next =
                plan.remote
                ?? GitLedgerSnapshot(origin: plan.local.manifest?.origin ?? "", chunkEntries: settings.chunkEntries)
            let firstIndex = next.size
            // Local checkpoints stay valid where the entries keep their indices.
            let keepsIndices = plan.local.common == firstIndex && plan.pendingStart == firstIndex
            let unchangedUpTo = keepsIndices ? plan.local.size : plan.local.common
            for stored in plan.local.checkpoints
            where stored.size <= unchangedUpTo && next.checkpoints[stored.size] == nil {
                if let checkpoint = try? Checkpoint(body: SignedNote(parsing: stored.note).text),
                    checkpoint.origin == next.origin, checkpoint.size == stored.size,
                    plan.local.roots[stored.size] == checkpoint.rootHash
                {
                    next.setCheckpoint(size: stored.size, note: stored.note)
                }
            }
            next.append(plan.pending)
            var signed = false
            if let signer {
                let checkpoint = Checkpoint(origin: next.origin, size: next.size, rootHash: next.rootHash)
                let note = try SignedNote.sign(text: checkpoint.body, with: try signer(next.origin))
                next.setCheckpoint(size: next.size, note: note.serialized)
                signed = true
            }
            let tree = try await next.writeTree(git: git)
            let lastIndex = next.size - 1
            let message =
                "slipway ledger: append \(plan.pending.count) event(s) at \(firstIndex)…\(lastIndex)\n\n"
                + "size \(next.size)\nroot \(Hex.encode(next.rootHash))\n"
            let commit = try await git.writeCommit(tree: tree, parent: plan.remote?.commit, message: message)
            next.commit = commit

            var state = plan.state
            state.records[plan.key, default: GitSyncState.Record()].pushing = GitSyncState.Pushing(
                commit: commit,
                common: plan.pendingStart,
                count: UInt64(plan.pending.count)
            )
            try store.saveSyncState(state)

            switch try await git.push(commit: commit, remote: settings.remote, ref: settings.ref) {
            case .pushed:
                try await git.updateRef(settings.privateRef, to: commit)
                state.records[plan.key] = GitSyncState.Record(
                    synced: GitSyncState.Synced(size: next.size, root: next.rootHash, commit: commit)
                )
                if keepsIndices {
                    // The events kept their indices: the local ledger already holds the new log.
                    _ = try store.importCheckpoints(next.checkpoints, upTo: next.size)
                    try store.saveSyncState(state)
                } else {
                    _ = try await store.replace(
                        with: next,
                        pending: [],
                        expectedSize: plan.local.size,
                        tornTail: plan.local.tornTail,
                        state: state
                    )
                }
                return GitPushOutcome(
                    attempts: attempt,
                    pushedCount: plan.pending.count,
                    firstIndex: firstIndex,
                    size: next.size,
                    rootHash: next.rootHash,
                    commit: commit,
                    checkpointSigned: signed,
                    pulled: nil,
                    warnings: plan.warnings
                )
            case .beaten:
                break
            case .refused(let message):
                // Some servers word a lost race differently: the ref moving is what tells.
                let now = try await git.fetch(remote: settings.remote, ref: settings.ref, into: settings.privateRef)
                if now == plan.remote?.commit {
                    throw LedgerSyncError.pushRejected(ref: settings.ref, message: message)
                }
            }
            guard attempt < settings.maxAttempts else {
                throw LedgerSyncError.retriesExhausted(ref: settings.ref, attempts: attempt)
            }
            try await clock.sleep(for: backoff(attempt: attempt))
        }
    }

    /// The wait after losing attempt `attempt`: `baseDelay · 2^(attempt-1)`, capped at `maxDelay`, times a random
    /// factor in [0.5, 1) so racing runners spread out.
    public func backoff(attempt: Int) -> Duration {
        var delay = settings.baseDelay
        for _ in 1..<max(1, attempt) where delay < settings.maxDelay { delay *= 2 }
        delay = min(delay, settings.maxDelay)
        return delay * (0.5 + 0.5 * min(max(random(), 0), 1))
    }
}

/// What `pull` did.
public struct GitPullOutcome: Sendable, Equatable {
    /// How the local ledger relates to the remote one.
    public enum State: String, Sendable, Equatable {
        /// The remote has no ledger ref.
        case remoteEmpty = "remote-empty"
        /// The local ledger already held every remote entry, and nothing else.
        case upToDate = "up-to-date"
        /// The remote's newer entries were appended locally.
        case fastForwarded = "fast-forwarded"
        /// The local ledger holds every remote entry plus pending ones.
        case localAhead = "local-ahead"
        /// Both have entries the other lacks after a common prefix; the local ones are pending.
        case diverged
        /// A push had landed before the run that made it died; the local ledger now matches the remote again.
        case completedInterruptedPush = "completed-interrupted-push"
    }

    /// The relation found.
    public var state: State = .upToDate
    /// The remote commit read, if any.
    public var remoteCommit: String?
    /// The remote's size.
    public var remoteSize: UInt64
    /// The local size before.
    public var localSizeBefore: UInt64
    /// The local size after.
    public var localSize: UInt64
    /// Local events the remote lacks, which `push` will append.
    public var pending: UInt64
    /// Remote checkpoints added locally.
    public var importedCheckpoints = 0
    /// Things worth knowing that did not stop the pull.
    public var warnings: [String] = []
}

/// What `push` did.
public struct GitPushOutcome: Sendable, Equatable {
    /// How many tries it took (1 when nobody else appended in between).
    public var attempts: Int
    /// How many events were pushed (0: nothing to push).
    public var pushedCount: Int
    /// The remote index of the first pushed event.
    public var firstIndex: UInt64
    /// The remote size after the push.
    public var size: UInt64
    /// The root after the push.
    public var rootHash: [UInt8]
    /// The commit the ref points at.
    public var commit: String?
    /// Whether a checkpoint for the new size was signed.
    public var checkpointSigned: Bool
    /// When nothing was pushed: what the pull part did.
    public var pulled: GitPullOutcome?
    /// Things worth knowing that did not stop the push.
    public var warnings: [String] = []
}
