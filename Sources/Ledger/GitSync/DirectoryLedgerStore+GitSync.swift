import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The local side of git sync: what the directory ledger holds compared with a remote log, and the three ways
/// sync changes it (append the remote's new entries, add checkpoints, or rebuild it beside itself and swap).
///
/// All calls into the `LedgerStore` API of the sync live in this file.
extension DirectoryLedgerStore {
    /// The local ledger read against a remote log's leaves.
    struct SyncComparison: Sendable {
        /// The local settings, `nil` for an empty ledger.
        var manifest: LedgerManifest?
        /// The local size.
        var size: UInt64 = 0
        /// The local root.
        var rootHash: [UInt8] = MerkleHasher.emptyRoot
        /// The first index at which the local entry differs from the remote one (or the shorter size).
        var common: UInt64 = 0
        /// The local entries from `common` on.
        var tail: [[UInt8]] = []
        /// Local roots at the sizes asked for (that exist locally).
        var roots: [UInt64: [UInt8]] = [:]
        /// The local checkpoints.
        var checkpoints: [StoredCheckpoint] = []
        /// Unacknowledged bytes after the published end.
        var tornTail: TornTail?
    }

    /// Reads every local entry once, comparing leaf hashes with `remoteLeaves`, and computing roots at `sizes` and at
    /// every local checkpoint's size.
    ///
    /// - Throws: `LedgerStoreError`, `LedgerIntegrityError` for a damaged local ledger.
    func compare(with remoteLeaves: [[UInt8]], rootsAt sizes: Set<UInt64>) async throws -> SyncComparison {
        var comparison = SyncComparison()
        comparison.manifest = try await manifest()
        guard comparison.manifest != nil else { return comparison }
        comparison.checkpoints = try await checkpoints()
        let sizes = sizes.union(comparison.checkpoints.map(\.size))
        var compact = CompactRange()
        var matching = true
        if sizes.contains(0) { comparison.roots[0] = compact.rootHash }
        let summary = try await read { record in
            if matching, record.index < UInt64(remoteLeaves.count), remoteLeaves[Int(record.index)] == record.leafHash {
                comparison.common = record.index + 1
            } else {
                matching = false
                comparison.tail.append(Array(record.entry))
            }
            compact.append(leafHash: record.leafHash)
            if sizes.contains(compact.size) { comparison.roots[compact.size] = compact.rootHash }
        }
        comparison.size = summary.size
        comparison.rootHash = compact.rootHash
        comparison.tornTail = summary.tornTail
        return comparison
    }

    /// Appends the remote's entries after the local ones (the local log is a prefix of the remote one).
    ///
    /// - Throws: `LedgerStoreError`; `LedgerSyncError.concurrentAppend` when another writer appended in between.
    func fastForward(_ entries: [[UInt8]], at index: UInt64, manifest: LedgerManifest) async throws {
        guard !entries.isEmpty else { return }
        let outcome = try await append(entries, creating: manifest, signer: nil)
        if outcome.firstIndex != index {
            throw LedgerSyncError.concurrentAppend(path: path, index: index)
        }
    }

    /// Adds the checkpoint notes the local ledger lacks (a size it already has a note for keeps its own).
    ///
    /// - Returns: how many were added.
    /// - Throws: `LedgerStoreError.io`.
    func importCheckpoints(_ notes: [UInt64: String], upTo size: UInt64) throws -> Int {
        var added = 0
        try POSIXFile.makeDirectories(checkpointsPath)
        for (noteSize, note) in notes.sorted(by: { $0.key < $1.key }) where noteSize <= size {
            let file = checkpointsPath + "/" + Self.paddedNumber(noteSize) + ".note"
            if POSIXFile.exists(file) { continue }
            try POSIXFile.writeAtomically(Array(note.utf8), to: file)
            added += 1
        }
        return added
    }

    /// Replaces the local ledger with `snapshot` followed by `pending`, keeping `state` (a push landed, or completes
    /// one that landed before a crash).
    ///
    /// The new ledger is built in `<path>.sync-new`; entries appended locally after `expectedSize` meanwhile are
    /// carried over after `pending`. Under the ledger's lock the directories are swapped
    /// (`<path>` → `<path>.sync-old`, `<path>.sync-new` → `<path>`), so appenders never write into the old copy
    /// once it is replaced. A crash between the two renames is repaired by `recoverInterruptedSwap`.
    ///
    /// - Returns: how many local entries appended during the sync were carried over.
    /// - Throws: `LedgerStoreError`, `LedgerIntegrityError`.
    func replace(
        with snapshot: GitLedgerSnapshot,
        pending: [[UInt8]],
        expectedSize: UInt64,
        tornTail: TornTail?,
        state: GitSyncState
    ) async throws -> Int {
        let fresh = DirectoryLedgerStore(path: path + ".sync-new")
        let aside = path + ".sync-old"
        try? FileManager.default.removeItem(atPath: fresh.path)
        let capacity = try await manifest()?.segmentCapacity ?? LedgerManifest.defaultSegmentCapacity
        let settings = LedgerManifest(origin: snapshot.origin, segmentCapacity: capacity)
        _ = try await fresh.append(snapshot.entries + pending, creating: settings, signer: nil)
        _ = try fresh.importCheckpoints(snapshot.checkpoints, upTo: snapshot.size)
        if let tornTail, let bytes = try POSIXFile.readIfPresent(tornTail.path), bytes.count >= tornTail.byteCount {
            // Unacknowledged bytes of an interrupted append are kept for inspection, as an append would keep them.
            try POSIXFile.makeDirectories(fresh.tornPath)
            try POSIXFile.writeAtomically(
                Array(bytes.suffix(tornTail.byteCount)),
                to: fresh.tornPath + "/" + Self.paddedNumber(tornTail.atIndex) + ".jsonl"
            )
        }
        var carried: UInt64 = 0
        for round in 1... {
            let head = try readHead()
            // Entries disappearing, or appends that never pause, are not something a sync should race with.
            guard head.size >= expectedSize + carried, round <= 100 else {
                throw LedgerStoreError.refusingToAppend(
                    path: path,
                    reason:
                        "the ledger changed under the sync (size \(head.size), expected \(expectedSize + carried)); "
                        + "the remote is up to date, run 'slipway ledger pull' to bring this ledger in line"
                )
            }
            if head.size > expectedSize + carried {
                var extra: [[UInt8]] = []
                let start = expectedSize + carried
                _ = try await read { record in if record.index >= start { extra.append(Array(record.entry)) } }
                _ = try await fresh.append(extra, creating: settings, signer: nil)
                carried += UInt64(extra.count)
            }
            let lock = try POSIXFile(path: lockPath, flags: O_RDWR | O_CREAT)
            defer { lock.close() }
            try lock.lock(exclusive: true)
            // Another append may have slipped in before the lock: go round again.
            guard try readHead().size == expectedSize + carried else { continue }
            if POSIXFile.exists(tornPath) {
                for name in try POSIXFile.list(tornPath) {
                    try POSIXFile.makeDirectories(fresh.tornPath)
                    _ = rename(tornPath + "/" + name, fresh.tornPath + "/" + name)
                }
            }
            try state.save(directory: fresh.path)
            try? FileManager.default.removeItem(atPath: aside)
            guard rename(path, aside) == 0 else {
                throw LedgerStoreError.io(path: path, operation: "rename", reason: POSIXFile.lastError())
            }
            guard rename(fresh.path, path) == 0 else {
                let reason = POSIXFile.lastError()
                _ = rename(aside, path)
                throw LedgerStoreError.io(path: fresh.path, operation: "rename", reason: reason)
            }
            try POSIXFile.syncDirectory(POSIXFile.directory(of: path))
            break
        }
        try? FileManager.default.removeItem(atPath: aside)
        return Int(carried)
    }

    /// Finishes or undoes a swap that a crash interrupted: puts `<path>.sync-old` back when `<path>` is missing,
    /// and removes leftovers.
    ///
    /// - Throws: `LedgerSyncError.interruptedSwap` when the directory cannot be put back.
    func recoverInterruptedSwap() throws(LedgerSyncError) {
        let aside = path + ".sync-old"
        if !POSIXFile.exists(path), POSIXFile.exists(aside) {
            guard rename(aside, path) == 0 else {
                throw .interruptedSwap(path: path, reason: POSIXFile.lastError())
            }
        }
        try? FileManager.default.removeItem(atPath: aside)
        try? FileManager.default.removeItem(atPath: path + ".sync-new")
    }

    /// Loads the sync state kept in the ledger directory.
    func loadSyncState() throws -> GitSyncState {
        try GitSyncState.load(directory: path)
    }

    /// Saves the sync state into the ledger directory (which must exist).
    func saveSyncState(_ state: GitSyncState) throws {
        try POSIXFile.makeDirectories(path)
        try state.save(directory: path)
    }
}
