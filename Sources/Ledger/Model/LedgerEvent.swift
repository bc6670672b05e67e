public import SlipwayCore

/// One entry of the ledger: a release decision or action, who made it, about what, from where, with what evidence.
///
/// Its canonical JSON (`canonicalBytes()`) is the Merkle leaf, so every field is covered by the log's
/// signatures.
public struct LedgerEvent: Sendable, Hashable {
    /// The newest event schema this build reads and the one it writes.
    public static let currentSchema = 1

    /// The event schema version (`schema`); readers refuse versions newer than `currentSchema`.
    public var schema: Int
    /// What happened (`kind`).
    public var kind: EventKind
    /// When, in RFC 3339 UTC (`time`).
    public var time: Timestamp
    /// Who: `GITHUB_ACTOR`, the git user, or a service name (`actor`).
    public var actor: String
    /// What it is about (`subject`).
    public var subject: EventSubject
    /// Where it came from (`source`).
    public var source: EventSource
    /// Digests of what the step read (`inputs`).
    public var inputs: [EventDigest]
    /// Digests of what the step produced (`outputs`).
    public var outputs: [EventDigest]
    /// The outcome, for example `success`, `failure`, `pass`, `fail` (`result`).
    public var result: String?
    /// Anything else, as free JSON (`details`).
    public var details: JSONValue?

    /// Creates an event of the current schema.
    public init(
        kind: EventKind,
        time: Timestamp,
        actor: String,
        subject: EventSubject = EventSubject(),
        source: EventSource = EventSource(),
        inputs: [EventDigest] = [],
        outputs: [EventDigest] = [],
        result: String? = nil,
        details: JSONValue? = nil
    ) {
        self.schema = Self.currentSchema
        self.kind = kind
        self.time = time
        self.actor = actor
        self.subject = subject
        self.source = source
        self.inputs = inputs
        self.outputs = outputs
        self.result = result
        self.details = details
    }

    /// The event as a JSON value; absent optional fields and empty lists are left out.
    public var jsonValue: JSONValue {
        var members: [String: JSONValue] = [
            "schema": .number(Double(schema)),
            "kind": .string(kind.rawValue),
            "time": .string(time.text),
            "actor": .string(actor),
        ]
        if let subject = subject.jsonValue { members["subject"] = subject }
        if let source = source.jsonValue { members["source"] = source }
        if !inputs.isEmpty { members["inputs"] = .array(inputs.map(\.jsonValue)) }
        if !outputs.isEmpty { members["outputs"] = .array(outputs.map(\.jsonValue)) }
        if let result { members["result"] = .string(result) }
        if let details { members["details"] = details }
        return .object(members)
    }

    /// The canonical JSON bytes hashed as the Merkle leaf.
    ///
    /// - Throws: `CanonicalJSONError.notFinite` when `details` holds NaN or an infinity.
    public func canonicalBytes() throws(CanonicalJSONError) -> [UInt8] {
        try CanonicalJSON.encode(jsonValue)
    }
}

/// What an event is about.
public struct EventSubject: Sendable, Hashable {
    /// The project or component name.
    public var project: String?
    /// The release version.
    public var version: String?
    /// The deployment environment (`staging`, `production`, …).
    public var environment: String?

    /// Creates a subject.
    public init(project: String? = nil, version: String? = nil, environment: String? = nil) {
        self.project = project
        self.version = version
        self.environment = environment
    }

    var jsonValue: JSONValue? {
        var members: [String: JSONValue] = [:]
        if let project { members["project"] = .string(project) }
        if let version { members["version"] = .string(version) }
        if let environment { members["environment"] = .string(environment) }
        return members.isEmpty ? nil : .object(members)
    }
}

/// Where an event came from.
public struct EventSource: Sendable, Hashable {
    /// The repository (`owner/name` or a URL).
    public var repository: String?
    /// The commit id.
    public var commit: String?
    /// The workflow run URL (`run`).
    public var runURL: String?

    /// Creates a source.
    public init(repository: String? = nil, commit: String? = nil, runURL: String? = nil) {
        self.repository = repository
        self.commit = commit
        self.runURL = runURL
    }

    var jsonValue: JSONValue? {
        var members: [String: JSONValue] = [:]
        if let repository { members["repository"] = .string(repository) }
        if let commit { members["commit"] = .string(commit) }
        if let runURL { members["run"] = .string(runURL) }
        return members.isEmpty ? nil : .object(members)
    }
}

/// A digest of a file or artifact an event read or produced: `sha256:<64 lower-case hex>` plus an optional name.
public struct EventDigest: Sendable, Hashable {
    /// A file name, artifact name or purl.
    public var name: String?
    /// `<algorithm>:<lower-case hex>`, for example `sha256:…`.
    public var digest: String

    /// Creates a digest entry.
    public init(name: String? = nil, digest: String) {
        self.name = name
        self.digest = digest
    }

    /// Whether `digest` is `sha256:` + 64, `sha384:` + 96 or `sha512:` + 128 lower-case hex digits.
    public var isWellFormed: Bool {
        let parts = digest.split(separator: ":", maxSplits: 1)
        guard parts.count == 2 else { return false }
        let lengths = ["sha256": 64, "sha384": 96, "sha512": 128]
        guard let length = lengths[String(parts[0])], parts[1].utf8.count == length else { return false }
        return parts[1].utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    var jsonValue: JSONValue {
        var members: [String: JSONValue] = ["digest": .string(digest)]
        if let name { members["name"] = .string(name) }
        return .object(members)
    }
}
