import SlipwayCore

/// The ledger operations every stage uses, over any `LedgerStore`.
public struct Ledger: Sendable {
    /// Where the entries live.
    public let store: any LedgerStore

    /// A ledger over `store`.
    public init(store: any LedgerStore) {
        self.store = store
    }

    /// Appends `events` as one batch and, given a signer, signs a checkpoint for the new size.
    ///
    /// - Parameter origin: the log's origin, used only when the ledger is created by this append.
    /// - Throws: `CanonicalJSONError` for an unencodable event; `LedgerStoreError` when nothing could be published.
    @discardableResult
    public func append(
        _ events: [LedgerEvent],
        origin: String,
        signer: (any CheckpointSigner)? = nil
    ) async throws -> AppendOutcome {
        var entries: [[UInt8]] = []
        for event in events { entries.append(try event.canonicalBytes()) }
        return try await store.append(entries, creating: LedgerManifest(origin: origin), signer: signer)
    }

    /// The events matching `query`, in log order, and what the read found.
    ///
    /// - Throws: `LedgerIntegrityError` at a damaged entry; `LedgerEntryError` for an entry that is not a readable
    ///   event (for example one of a newer schema); `LedgerStoreError`.
    public func events(
        matching query: LedgerQuery = LedgerQuery()
    ) async throws -> (
        events: [IndexedEvent], summary: LedgerReadSummary
    ) {
        var result: [IndexedEvent] = []
        let summary = try await store.read { record in
            let event = try Self.decode(record)
            if query.matches(event) {
                result.append(IndexedEvent(index: record.index, event: event, leafHash: record.leafHash))
            }
        }
        return (result, summary)
    }

    static func decode(_ record: LedgerRecord) throws -> LedgerEvent {
        do {
            let value = try JSONParser.parse(Array(record.entry))
            return try LedgerEvent.decode(value)
        } catch let error as CanonicalJSONError {
            throw LedgerEntryError(index: record.index, reason: "not JSON: \(error)")
        } catch let error as EventError {
            throw LedgerEntryError(index: record.index, reason: "\(error)")
        }
    }

    /// The leaf hashes of the whole log (for proofs), with the read summary.
    ///
    /// - Throws: what `LedgerStore.read` throws.
    public func tree() async throws -> (tree: MerkleTree, summary: LedgerReadSummary) {
        var tree = MerkleTree()
        let summary = try await store.read { record in tree.append(leafHash: record.leafHash) }
        return (tree, summary)
    }

    /// The canonical bytes of entry `index`.
    ///
    /// - Throws: what `LedgerStore.read` throws; `MerkleProofError.indexBeyondTree` when there is no such entry.
    public func entry(at index: UInt64) async throws -> [UInt8] {
        var found: [UInt8]?
        let summary = try await store.read { record in if record.index == index { found = Array(record.entry) } }
        guard let found else { throw MerkleProofError.indexBeyondTree(index: index, treeSize: summary.size) }
        return found
    }
}

/// An entry that passed its checksum but is not an event this build can read.
public struct LedgerEntryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The entry index.
    public var index: UInt64
    /// Why it cannot be read.
    public var reason: String

    public var description: String { "error: entry \(index): \(reason)" }
}
