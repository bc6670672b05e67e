public import SlipwayCore

extension LedgerEvent {
    /// Reads an event from JSON, checking every field against the schema.
    ///
    /// - Parameter defaults: fields filled in where `value` lacks them (used by `ledger append` for the time, actor
    ///   and source of the current run); `kind` may come from here too.
    /// - Throws: `EventError` naming the field and what is wrong; `.newerSchema` for a schema this build cannot read.
    public static func decode(
        _ value: JSONValue,
        defaults: EventDefaults = EventDefaults()
    )
        throws(EventError) -> LedgerEvent
    {
        guard case .object(let members) = value else { throw .invalid(field: "(event)", reason: "expected an object") }
        let allowed: Set<String> = [
            "schema", "kind", "time", "actor", "subject", "source", "inputs", "outputs", "result", "details",
        ]
        for name in members.keys.sorted() where !allowed.contains(name) {
            throw .unknownField(name)
        }
        var schema = currentSchema
        if let value = members["schema"] {
            guard case .number(let number) = value, number == number.rounded(), number >= 1, number < 1e9 else {
                throw .invalid(field: "schema", reason: "expected a positive integer")
            }
            schema = Int(number)
            if schema > currentSchema { throw .newerSchema(found: schema, supported: currentSchema) }
        }
        let kindText = try string(members["kind"], field: "kind") ?? defaults.kind?.rawValue
        guard let kindText else { throw .missing(field: "kind") }
        let kind = EventKind(rawValue: kindText)
        guard kind.isWellFormed else {
            throw .invalid(
                field: "kind",
                reason: "'\(kindText)' is not dot-separated lower-case words (for example 'deployment.succeeded')"
            )
        }
        let time: Timestamp
        if let text = try string(members["time"], field: "time") {
            guard let parsed = Timestamp(text) else {
                throw .invalid(field: "time", reason: "'\(text)' is not an RFC 3339 UTC time like 2026-12-05T23:10:00Z")
            }
            time = parsed
        } else if let fallback = defaults.time {
            time = fallback
        } else {
            throw .missing(field: "time")
        }
        guard let actor = try string(members["actor"], field: "actor") ?? defaults.actor, !actor.isEmpty else {
            throw .missing(field: "actor")
        }
        let subjectMembers = try object(
            members["subject"],
            field: "subject",
            allowed: [
                "project", "version", "environment",
            ]
        )
        let subject = EventSubject(
            project: try string(subjectMembers["project"], field: "subject.project") ?? defaults.subject.project,
            version: try string(subjectMembers["version"], field: "subject.version") ?? defaults.subject.version,
            environment: try string(subjectMembers["environment"], field: "subject.environment")
                ?? defaults.subject.environment
        )
        let sourceMembers = try object(members["source"], field: "source", allowed: ["repository", "commit", "run"])
        let source = EventSource(
            repository: try string(sourceMembers["repository"], field: "source.repository")
                ?? defaults.source.repository,
            commit: try string(sourceMembers["commit"], field: "source.commit") ?? defaults.source.commit,
            runURL: try string(sourceMembers["run"], field: "source.run") ?? defaults.source.runURL
        )
        var event = LedgerEvent(
            kind: kind,
            time: time,
            actor: actor,
            subject: subject,
            source: source,
            inputs: try digests(members["inputs"], field: "inputs"),
            outputs: try digests(members["outputs"], field: "outputs"),
            result: try string(members["result"], field: "result"),
            details: members["details"].flatMap { $0 == .null ? nil : $0 }
        )
        event.schema = schema
        if let details = event.details {
            do { _ = try CanonicalJSON.encode(details) } catch {
                throw .invalid(field: "details", reason: "\(error)")
            }
        }
        return event
    }

    private static func string(_ value: JSONValue?, field: String) throws(EventError) -> String? {
        switch value {
        case .none, .some(.null): return nil
        case .some(.string(let text)): return text
        default: throw .invalid(field: field, reason: "expected a string")
        }
    }

    private static func object(
        _ value: JSONValue?,
        field: String,
        allowed: Set<String>
    ) throws(EventError) -> [String: JSONValue] {
        switch value {
        case .none, .some(.null): return [:]
        case .some(.object(let members)):
            for name in members.keys.sorted() where !allowed.contains(name) {
                throw .unknownField("\(field).\(name)")
            }
            return members
        default: throw .invalid(field: field, reason: "expected an object")
        }
    }

    private static func digests(_ value: JSONValue?, field: String) throws(EventError) -> [EventDigest] {
        switch value {
        case .none, .some(.null): return []
        case .some(.array(let items)):
            var result: [EventDigest] = []
            for (position, item) in items.enumerated() {
                let itemField = "\(field)[\(position)]"
                let members = try object(item, field: itemField, allowed: ["name", "digest"])
                guard case .object = item else { throw .invalid(field: itemField, reason: "expected an object") }
                guard let digest = try string(members["digest"], field: "\(itemField).digest") else {
                    throw .missing(field: "\(itemField).digest")
                }
                let entry = EventDigest(name: try string(members["name"], field: "\(itemField).name"), digest: digest)
                guard entry.isWellFormed else {
                    throw .invalid(
                        field: "\(itemField).digest",
                        reason:
                            "'\(digest)' is not sha256:, sha384: or sha512: followed by lower-case hex of the right length"
                    )
                }
                result.append(entry)
            }
            return result
        default: throw .invalid(field: field, reason: "expected a list of {name, digest} objects")
        }
    }
}

/// Values `LedgerEvent.decode` uses where the input leaves a field out.
public struct EventDefaults: Sendable {
    public var kind: EventKind?
    public var time: Timestamp?
    public var actor: String?
    public var subject: EventSubject
    public var source: EventSource

    /// Creates defaults; everything absent by default.
    public init(
        kind: EventKind? = nil,
        time: Timestamp? = nil,
        actor: String? = nil,
        subject: EventSubject = EventSubject(),
        source: EventSource = EventSource()
    ) {
        self.kind = kind
        self.time = time
        self.actor = actor
        self.subject = subject
        self.source = source
    }

    /// Defaults from a GitHub Actions environment: `GITHUB_ACTOR` (else `USER`), `GITHUB_REPOSITORY`, `GITHUB_SHA`
    /// and the run URL from `GITHUB_SERVER_URL`, `GITHUB_REPOSITORY` and `GITHUB_RUN_ID`.
    public static func fromEnvironment(_ environment: [String: String], time: Timestamp) -> EventDefaults {
        func value(_ name: String) -> String? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            return text
        }
        var runURL: String?
        if let server = value("GITHUB_SERVER_URL"), let repository = value("GITHUB_REPOSITORY"),
            let run = value("GITHUB_RUN_ID")
        {
            runURL = "\(server)/\(repository)/actions/runs/\(run)"
            if let attempt = value("GITHUB_RUN_ATTEMPT") { runURL = (runURL ?? "") + "/attempts/\(attempt)" }
        }
        return EventDefaults(
            time: time,
            actor: value("GITHUB_ACTOR") ?? value("USER"),
            source: EventSource(repository: value("GITHUB_REPOSITORY"), commit: value("GITHUB_SHA"), runURL: runURL)
        )
    }
}

/// Why JSON is not a valid ledger event.
public enum EventError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The event was written by a newer Slipway.
    case newerSchema(found: Int, supported: Int)
    /// A field the schema does not have (a typo, or a newer writer).
    case unknownField(String)
    /// A required field is absent.
    case missing(field: String)
    /// A field has the wrong type or shape.
    case invalid(field: String, reason: String)

    public var description: String {
        switch self {
        case .newerSchema(let found, let supported):
            "event schema \(found) is newer than this slipway reads (up to \(supported)); upgrade slipway to read it"
        case .unknownField(let name):
            "unknown field '\(name)'; event fields are schema, kind, time, actor, subject{project,version,environment}, "
                + "source{repository,commit,run}, inputs, outputs, result and details (put anything else in details)"
        case .missing(let field):
            "missing field '\(field)'"
        case .invalid(let field, let reason):
            "field '\(field)': \(reason)"
        }
    }
}
