/// Recomputes a ledger's Merkle tree from its entries and checks it against every signed checkpoint: what
/// `slipway ledger verify` and an auditor run.
///
/// Each checkpoint's signature must verify under a trusted key, and the root recomputed from the entries at the
/// checkpoint's size must equal the signed root. Because every checkpoint is compared with the same append-only
/// recomputed tree, successive checkpoints are consistent exactly when all of them match.
public struct LedgerVerifier: Sendable {
    /// The trusted keys.
    public var verifiers: [any CheckpointVerifier]
    /// Checkpoints the auditor kept from earlier runs (note texts), checked like stored ones; they catch a log
    /// rolled back together with its checkpoints.
    public var trustedCheckpoints: [StoredCheckpoint]

    /// Creates a verifier.
    public init(verifiers: [any CheckpointVerifier], trustedCheckpoints: [StoredCheckpoint] = []) {
        self.verifiers = verifiers
        self.trustedCheckpoints = trustedCheckpoints
    }

    /// Verifies `store` in one streaming pass.
    ///
    /// - Throws: `LedgerStoreError` when the ledger cannot be read at all; problems with its content are reported in
    ///   the result instead.
    public func verify(_ store: any LedgerStore) async throws -> LedgerVerificationReport {
        guard let manifest = try await store.manifest() else { throw LedgerStoreError.notFound(path: store.location) }
        var report = LedgerVerificationReport(origin: manifest.origin)

        // 1. Signatures and shape of every checkpoint.
        var checkpoints: [(source: StoredCheckpoint, checkpoint: Checkpoint)] = []
        for stored in try await store.checkpoints() + trustedCheckpoints {
            do {
                let note = try SignedNote(parsing: stored.note)
                if verifiers.isEmpty { _ = note } else { try note.verify(with: verifiers) }
                let checkpoint = try Checkpoint(body: note.text)
                guard checkpoint.origin == manifest.origin else {
                    throw CheckpointError.originMismatch(expected: manifest.origin, found: checkpoint.origin)
                }
                guard checkpoint.size == stored.size else {
                    throw CheckpointError.malformedBody(
                        "the file is named for size \(stored.size) but the note is for size \(checkpoint.size) "
                            + "(a checkpoint was replaced)"
                    )
                }
                checkpoints.append((stored, checkpoint))
            } catch let error as CheckpointError {
                report.checkpointFailures.append((stored, "\(error)"))
            }
        }
        checkpoints.sort { $0.checkpoint.size < $1.checkpoint.size }
        if verifiers.isEmpty {
            report.warnings.append("no --key given: checkpoint signatures were not checked, only the tree")
        }

        // 2. One pass over the entries, comparing roots at every checkpoint size.
        var compact = CompactRange()
        var pending = checkpoints[...]
        var lastGood: UInt64 = 0
        func compareRoots() {
            while let next = pending.first, next.checkpoint.size == compact.size {
                pending.removeFirst()
                if next.checkpoint.rootHash == compact.rootHash {
                    report.checkpointsVerified += 1
                    lastGood = max(lastGood, compact.size)
                    report.latestCheckpoint = next.checkpoint
                } else {
                    report.addFailure(
                        index: lastGood,
                        reason: "the entries from \(lastGood) to \(compact.size - 1) do not hash to the root signed in "
                            + "\(next.source.location) (an entry was changed and its checksum recomputed, or the "
                            + "checkpoint was replaced)"
                    )
                }
            }
        }
        compareRoots()
        do {
            let summary = try await store.read { record in
                compact.append(leafHash: record.leafHash)
                compareRoots()
            }
            report.size = summary.size
            report.tornTail = summary.tornTail
            report.rootHash = compact.rootHash
            if let published = summary.publishedRoot, published != compact.rootHash {
                report.addFailure(
                    index: lastGood,
                    reason: "the published head's root differs from the root of the entries (head.json was altered)"
                )
            }
        } catch let error as LedgerIntegrityError {
            report.size = compact.size
            report.addFailure(index: error.index, reason: (error.path.map { "\($0): " } ?? "") + error.reason)
            // Checkpoints beyond the damage cannot be checked; do not also report them as a rollback.
            pending = []
        }
        for remaining in pending {
            report.addFailure(
                index: compact.size,
                reason: "\(remaining.source.location) signs \(remaining.checkpoint.size) entries but the log has only "
                    + "\(compact.size): entries were removed from the end (the log was truncated or rolled back)"
            )
        }
        for (source, message) in report.checkpointFailures {
            let covered = checkpoints.last { $0.checkpoint.size < source.size }?.checkpoint.size ?? 0
            report.addFailure(index: min(covered, lastGood), reason: "\(source.location): \(message)")
        }
        if !verifiers.isEmpty, report.checkpointsVerified == 0, report.size > 0, report.failures.isEmpty {
            report.addFailure(
                index: 0,
                reason: "no signed checkpoint covers the log; sign one with 'ledger append --secret-key'"
            )
        }
        if let latest = report.latestCheckpoint, latest.size < report.size {
            report.warnings.append(
                "entries \(latest.size) to \(report.size - 1) are not yet covered by a signed checkpoint"
            )
        }
        return report
    }
}

/// What `LedgerVerifier.verify` found.
public struct LedgerVerificationReport: Sendable {
    /// The log's origin.
    public var origin: String
    /// The number of entries read.
    public var size: UInt64 = 0
    /// The recomputed root.
    public var rootHash: [UInt8] = MerkleHasher.emptyRoot
    /// Checkpoints whose signature and root both matched.
    public var checkpointsVerified = 0
    /// The largest checkpoint that matched.
    public var latestCheckpoint: Checkpoint?
    /// An interrupted append after the published end (not an error).
    public var tornTail: TornTail?
    /// Things an auditor should know that do not fail verification.
    public var warnings: [String] = []
    /// Every problem found, ordered by index; empty when the ledger verifies.
    public private(set) var failures: [VerificationFailure] = []
    var checkpointFailures: [(StoredCheckpoint, String)] = []

    init(origin: String) {
        self.origin = origin
    }

    /// Whether the ledger verified.
    public var isValid: Bool { failures.isEmpty }

    /// The failure with the lowest index.
    public var firstFailure: VerificationFailure? { failures.first }

    mutating func addFailure(index: UInt64, reason: String) {
        failures.append(VerificationFailure(index: index, reason: reason))
        failures.sort { $0.index < $1.index }
    }
}

/// One verification problem: the first index that can no longer be trusted, and why.
public struct VerificationFailure: Sendable, Equatable, CustomStringConvertible {
    /// The first entry index the problem makes untrustworthy.
    public var index: UInt64
    /// What is wrong.
    public var reason: String

    public var description: String { "first bad index \(index): \(reason)" }
}
