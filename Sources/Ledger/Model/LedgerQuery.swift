/// A filter over ledger events for `show`, `query` and `export`; every set field must match.
public struct LedgerQuery: Sendable, Equatable {
    /// Kinds to keep (any of them); empty keeps all.
    public var kinds: [EventKind]
    /// `subject.version` must equal this.
    public var version: String?
    /// `subject.environment` must equal this.
    public var environment: String?
    /// `actor` must equal this.
    public var actor: String?
    /// `subject.project` must equal this.
    public var project: String?
    /// Keep events at or after this time.
    public var since: Timestamp?
    /// Keep events strictly before this time.
    public var until: Timestamp?

    /// A query; everything matches by default.
    public init(
        kinds: [EventKind] = [],
        version: String? = nil,
        environment: String? = nil,
        actor: String? = nil,
        project: String? = nil,
        since: Timestamp? = nil,
        until: Timestamp? = nil
    ) {
        self.kinds = kinds
        self.version = version
        self.environment = environment
        self.actor = actor
        self.project = project
        self.since = since
        self.until = until
    }

    /// Whether `event` passes every filter.
    public func matches(_ event: LedgerEvent) -> Bool {
        if !kinds.isEmpty, !kinds.contains(event.kind) { return false }
        if let version, event.subject.version != version { return false }
        if let environment, event.subject.environment != environment { return false }
        if let actor, event.actor != actor { return false }
        if let project, event.subject.project != project { return false }
        if let since, event.time < since { return false }
        if let until, !(event.time < until) { return false }
        return true
    }
}

/// An event with its position in the log.
public struct IndexedEvent: Sendable, Hashable {
    /// The entry index.
    public var index: UInt64
    /// The event.
    public var event: LedgerEvent
    /// Its leaf hash.
    public var leafHash: [UInt8]

    /// Creates an indexed event.
    public init(index: UInt64, event: LedgerEvent, leafHash: [UInt8]) {
        self.index = index
        self.event = event
        self.leafHash = leafHash
    }
}
