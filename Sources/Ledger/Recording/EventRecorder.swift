import Crypto
public import SlipwayCore

/// Records the event of one release stage in a ledger: the call every Slipway command (and every later stage) makes
/// once its work is done, so that the audit trail needs one line per stage.
///
/// The recorder fills in what the stage does not know (time, actor, source) from its `defaults`, appends the event as
/// one batch and, given a signer, signs a checkpoint for the new size.
public struct EventRecorder: Sendable {
    /// The ledger events go to.
    public var ledger: Ledger
    /// The checkpoint origin, used when the ledger is created by this recording.
    public var origin: String
    /// Signs a checkpoint after each recording; `nil` leaves the new entry for a later signed append to cover.
    public var signer: (any CheckpointSigner)?
    /// Time, actor, source and subject fields an event leaves out.
    public var defaults: EventDefaults

    /// Creates a recorder.
    public init(ledger: Ledger, origin: String, signer: (any CheckpointSigner)?, defaults: EventDefaults) {
        self.ledger = ledger
        self.origin = origin
        self.signer = signer
        self.defaults = defaults
    }

    /// The event a stage would record: its own fields, with the defaults filling the subject and source fields it
    /// leaves `nil`.
    ///
    /// - Throws: `EventError.missing` when neither the defaults nor the environment name a time or an actor.
    public func event(
        _ kind: EventKind,
        subject: EventSubject = EventSubject(),
        inputs: [EventDigest] = [],
        outputs: [EventDigest] = [],
        result: String? = nil,
        details: JSONValue? = nil
    ) throws(EventError) -> LedgerEvent {
        guard let time = defaults.time else { throw .missing(field: "time") }
        guard let actor = defaults.actor, !actor.isEmpty else { throw .missing(field: "actor") }
        let merged = EventSubject(
            project: subject.project ?? defaults.subject.project,
            version: subject.version ?? defaults.subject.version,
            environment: subject.environment ?? defaults.subject.environment
        )
        return LedgerEvent(
            kind: kind,
            time: time,
            actor: actor,
            subject: merged,
            source: defaults.source,
            inputs: inputs,
            outputs: outputs,
            result: result,
            details: details
        )
    }

    /// Appends `event` as one batch (signing a checkpoint when the recorder has a signer) and says where it landed.
    ///
    /// - Throws: `CanonicalJSONError` for an unencodable event; `LedgerStoreError` when nothing could be published.
    @discardableResult
    public func record(_ event: LedgerEvent) async throws -> AppendOutcome {
        try await ledger.append([event], origin: origin, signer: signer)
    }
}

extension EventDigest {
    /// The `sha256:` digest of `bytes`, named `name`.
    public static func sha256(of bytes: some Sequence<UInt8>, name: String? = nil) -> EventDigest {
        var hasher = SHA256()
        hasher.update(data: Array(bytes))
        return EventDigest(name: name, digest: "sha256:" + Hex.encode(Array(hasher.finalize())))
    }

    /// The `sha256:` digest of the file at `path`, read in chunks so a large artifact is never held in memory; named
    /// `name`, else the path.
    ///
    /// - Throws: `FileSystemError` when the file cannot be read.
    public static func sha256(
        fileAt path: String,
        fileSystem: any FileSystem,
        name: String? = nil
    ) throws(FileSystemError) -> EventDigest {
        var hasher = SHA256()
        try fileSystem.readChunks(at: path, chunkSize: 1 << 20) { chunk in hasher.update(bufferPointer: chunk) }
        return EventDigest(name: name ?? path, digest: "sha256:" + Hex.encode(Array(hasher.finalize())))
    }

    /// The lower-case hex of a `sha256:` digest, or `nil` for another algorithm.
    public var sha256Hex: String? {
        guard digest.hasPrefix("sha256:") else { return nil }
        return String(digest.dropFirst("sha256:".count))
    }
}
