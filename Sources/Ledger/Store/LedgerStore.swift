/// Where a ledger's entries and checkpoints live.
///
/// The directory store is the default; later stores (a git ref, a
/// database) implement the same contract, so `verify`, `prove` and `show` work on any of them.
///
/// Contract: `append` is atomic per batch (after a crash either the whole batch is published or none of it is),
/// serialised across writers, and returns only once the batch is durable; `read` delivers exactly the published
/// entries in index order and throws `LedgerIntegrityError` at the first entry that is not what was published.
///
/// The requirements are `async` because a store may do network I/O (a database, a git remote); `read`'s body stays
/// synchronous so that the per-entry work (hashing, decoding) does not pay for a suspension point per record.
public protocol LedgerStore: Sendable {
    /// A human-readable location (a path or URL) for messages.
    var location: String { get }

    /// The ledger's settings, or `nil` when nothing has been appended yet.
    ///
    /// - Throws: `LedgerStoreError` when the ledger cannot be read or was written by a newer Slipway.
    func manifest() async throws -> LedgerManifest?

    /// Streams every published entry, in order, to `body`, then reports the published state.
    ///
    /// - Throws: `LedgerIntegrityError` naming the first bad index; `LedgerStoreError` for I/O and format
    ///   problems; whatever `body` throws.
    func read(_ body: (LedgerRecord) throws -> Void) async throws -> LedgerReadSummary

    /// The stored checkpoints, ordered by tree size.
    ///
    /// - Throws: `LedgerStoreError` when they cannot be listed or read.
    func checkpoints() async throws -> [StoredCheckpoint]

    /// Appends `entries` (canonical event bytes) as one batch and, when `signer` is given, writes a checkpoint
    /// signed by it for the new size.
    ///
    /// - Throws: `LedgerStoreError`; nothing is published when it throws.
    func append(
        _ entries: [[UInt8]],
        creating: LedgerManifest,
        signer: (any CheckpointSigner)?
    ) async throws
        -> AppendOutcome
}

/// A ledger's fixed settings, written when it is created.
public struct LedgerManifest: Sendable, Hashable {
    /// The newest storage format this build reads and the one it writes.
    public static let currentFormat = 1
    /// The default number of entries per segment file.
    public static let defaultSegmentCapacity = 65_536

    /// The storage format version.
    public var format: Int
    /// The checkpoint origin line (and signing key name).
    public var origin: String
    /// Entries per segment file.
    public var segmentCapacity: Int

    /// Creates settings for a new ledger.
    public init(origin: String, segmentCapacity: Int = defaultSegmentCapacity, format: Int = currentFormat) {
        self.origin = origin
        self.segmentCapacity = segmentCapacity
        self.format = format
    }
}

/// One published entry as read from a store.
public struct LedgerRecord: Sendable {
    /// The entry's position in the log, from 0.
    public var index: UInt64
    /// `SHA-256(0x00 || entry)`, checked against the stored checksum.
    public var leafHash: [UInt8]
    /// The canonical event bytes.
    public var entry: ArraySlice<UInt8>

    /// Creates a record.
    public init(index: UInt64, leafHash: [UInt8], entry: ArraySlice<UInt8>) {
        self.index = index
        self.leafHash = leafHash
        self.entry = entry
    }
}

/// What `read` found besides the entries.
public struct LedgerReadSummary: Sendable, Equatable {
    /// The number of published entries.
    public var size: UInt64
    /// The root the store published with that size (for a cross-check; `nil` when the store keeps none).
    public var publishedRoot: [UInt8]?
    /// Bytes after the last published entry: an append that was interrupted before it was acknowledged.
    public var tornTail: TornTail?

    /// Creates a summary.
    public init(size: UInt64, publishedRoot: [UInt8]?, tornTail: TornTail?) {
        self.size = size
        self.publishedRoot = publishedRoot
        self.tornTail = tornTail
    }
}

/// Unacknowledged bytes found after the published end of the log.
public struct TornTail: Sendable, Equatable, CustomStringConvertible {
    /// Where they are.
    public var path: String
    /// How many bytes.
    public var byteCount: Int
    /// The index the first of them would have had.
    public var atIndex: UInt64

    /// Creates a report.
    public init(path: String, byteCount: Int, atIndex: UInt64) {
        self.path = path
        self.byteCount = byteCount
        self.atIndex = atIndex
    }

    public var description: String {
        "\(path): \(byteCount) unacknowledged byte(s) after entry \(atIndex) (an append interrupted before it "
            + "returned); they are not part of the log, and the next append moves them to torn/ for inspection"
    }
}

/// A checkpoint file as stored, not yet verified.
public struct StoredCheckpoint: Sendable, Hashable {
    /// Where it is (for messages).
    public var location: String
    /// The tree size its file name claims.
    public var size: UInt64
    /// The signed note text.
    public var note: String

    /// Creates a stored checkpoint.
    public init(location: String, size: UInt64, note: String) {
        self.location = location
        self.size = size
        self.note = note
    }
}

/// What an append published.
public struct AppendOutcome: Sendable, Equatable {
    /// The index of the first appended entry.
    public var firstIndex: UInt64
    /// The log size after the append.
    public var size: UInt64
    /// The root after the append.
    public var rootHash: [UInt8]
    /// The checkpoint written, if a signer was given.
    public var checkpoint: String?
    /// A torn tail found and moved aside before appending.
    public var quarantined: TornTail?

    /// Creates an outcome.
    public init(firstIndex: UInt64, size: UInt64, rootHash: [UInt8], checkpoint: String?, quarantined: TornTail?) {
        self.firstIndex = firstIndex
        self.size = size
        self.rootHash = rootHash
        self.checkpoint = checkpoint
        self.quarantined = quarantined
    }
}
