/// Why `ledger push` or `ledger pull` stopped, with what to do about it.
public enum LedgerSyncError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `git` could not be started (not installed, not on `PATH`) or timed out.
    case gitUnavailable(reason: String)
    /// A git command failed.
    case gitFailed(arguments: [String], status: Int32, message: String)
    /// The repository path is not a git repository.
    case notARepository(path: String)
    /// The remote ledger was written by a newer Slipway.
    case remoteNewerFormat(ref: String, found: Int, supported: Int)
    /// The remote ref's tree is not a ledger this build understands (a file is missing, misnamed or unreadable).
    case remoteMalformed(ref: String, commit: String, reason: String)
    /// The remote ledger's entries do not match its own published root or its checkpoints.
    case remoteDoesNotVerify(ref: String, commit: String, reason: String)
    /// The remote disagrees with entries this ledger already synced with it: its history was rewritten.
    case historyRewritten(ref: String, index: UInt64, synced: UInt64, detail: String)
    /// The local and remote ledgers are different logs.
    case originMismatch(ref: String, local: String, remote: String)
    /// Every push attempt was beaten by another writer.
    case retriesExhausted(ref: String, attempts: Int)
    /// The push failed for a reason other than another writer appending first.
    case pushRejected(ref: String, message: String)
    /// The ledger is not a directory ledger (git sync copies the directory store).
    case notADirectoryLedger(location: String)
    /// A sync left the ledger directory renamed aside and it could not be restored.
    case interruptedSwap(path: String, reason: String)
    /// Another process appended to the local ledger while pull was adding the remote's entries after `index`.
    case concurrentAppend(path: String, index: UInt64)

    public var description: String {
        switch self {
        case .gitUnavailable(let reason):
            return "error: git could not be run (\(reason)); install git and make sure it is on PATH"
        case .gitFailed(let arguments, let status, let message):
            return "error: `\(arguments.joined(separator: " "))` exited with status \(status): \(message)"
        case .notARepository(let path):
            return "\(path): error: not a git repository; run in a clone of the repository or pass --repository PATH"
        case .remoteNewerFormat(let ref, let found, let supported):
            return "\(ref): error: the remote ledger has format \(found), newer than this slipway supports "
                + "(\(supported)); upgrade slipway. Nothing was changed"
        case .remoteMalformed(let ref, let commit, let reason):
            return "\(ref) (\(commit.prefix(12))): error: not a slipway ledger: \(reason); check what wrote this "
                + "ref, or push to another one with --ref. Nothing was changed"
        case .remoteDoesNotVerify(let ref, let commit, let reason):
            return "\(ref) (\(commit.prefix(12))): error: the remote ledger does not verify: \(reason); treat it as "
                + "tampering and restore the ref from a copy that verifies (see docs/ledger.md, 'Syncing through "
                + "git'). Nothing was changed"
        case .historyRewritten(let ref, let index, let synced, let detail):
            return "\(ref): error: history rewritten: entry \(index) differs from what this ledger synced with the "
                + "remote (the first \(synced) entries were agreed): \(detail). Nothing was changed. Find out who "
                + "rewrote the ref; restore it (git push --force-with-lease the last good commit) from a ledger "
                + "that verifies, or, to accept the remote's history, move this ledger directory aside and pull"
        case .originMismatch(let ref, let local, let remote):
            return "\(ref): error: the remote ledger is '\(remote)' but this one is '\(local)'; they are different "
                + "logs. Push to another ref with --ref, or pull into an empty ledger directory"
        case .retriesExhausted(let ref, let attempts):
            return "\(ref): error: gave up after \(attempts) attempts: other writers kept appending first; nothing "
                + "was lost (the events are still in the local ledger); run 'slipway ledger push' again"
        case .pushRejected(let ref, let message):
            return "\(ref): error: the push was refused: \(message); check the remote's permissions and branch "
                + "protection for this ref. The events are still in the local ledger"
        case .notADirectoryLedger(let location):
            return "\(location): error: git sync works with a directory ledger (--ledger PATH)"
        case .interruptedSwap(let path, let reason):
            return "\(path): error: could not put the ledger directory back after an interrupted sync (\(reason)); "
                + "rename \(path).sync-old back to \(path) by hand and run the command again"
        case .concurrentAppend(let path, let index):
            return "\(path): error: another process appended to this ledger while pull added the remote's entries "
                + "after index \(index), so they are interleaved; keep 'slipway ledger export' of this ledger, move "
                + "the directory aside, pull again, and re-append the events that are missing. Do not run "
                + "'ledger append' while 'ledger pull' or 'ledger push' runs on the same directory"
        }
    }
}
