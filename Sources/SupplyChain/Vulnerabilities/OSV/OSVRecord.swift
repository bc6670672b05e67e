public import SlipwayCore

/// One advisory in the OSV format (https://ossf.github.io/osv-schema/), reduced to what matching and reports use.
///
/// Unknown fields are ignored, so newer schema versions still decode.
public struct OSVRecord: Sendable, Hashable, Codable {
    public var id: String
    /// RFC 3339 time of the last change.
    public var modified: String
    public var published: String?
    /// Set when the advisory was retracted; withdrawn advisories never match.
    public var withdrawn: String?
    public var aliases: [String]?
    public var related: [String]?
    public var summary: String?
    public var details: String?
    public var severity: [OSVSeverity]?
    public var affected: [OSVAffected]?
    public var references: [OSVReference]?
    public var databaseSpecific: JSONValue?

    enum CodingKeys: String, CodingKey {
        case id, modified, published, withdrawn, aliases, related, summary, details, severity, affected, references
        case databaseSpecific = "database_specific"
    }

    /// Creates a record (for tests and the online client).
    public init(
        id: String,
        modified: String,
        published: String? = nil,
        withdrawn: String? = nil,
        aliases: [String]? = nil,
        related: [String]? = nil,
        summary: String? = nil,
        details: String? = nil,
        severity: [OSVSeverity]? = nil,
        affected: [OSVAffected]? = nil,
        references: [OSVReference]? = nil,
        databaseSpecific: JSONValue? = nil
    ) {
        self.id = id
        self.modified = modified
        self.published = published
        self.withdrawn = withdrawn
        self.aliases = aliases
        self.related = related
        self.summary = summary
        self.details = details
        self.severity = severity
        self.affected = affected
        self.references = references
        self.databaseSpecific = databaseSpecific
    }
}

/// A severity score of an advisory or of one affected package (`CVSS_V3`, `CVSS_V4`, `Ubuntu`, …).
public struct OSVSeverity: Sendable, Hashable, Codable {
    public var type: String
    public var score: String

    /// Creates a severity entry.
    public init(type: String, score: String) {
        self.type = type
        self.score = score
    }
}

/// A package an advisory affects, with the versions it affects.
public struct OSVAffected: Sendable, Hashable, Codable {
    public var package: OSVPackage?
    public var severity: [OSVSeverity]?
    public var ranges: [OSVRange]?
    /// Explicitly enumerated affected versions.
    public var versions: [String]?
    public var databaseSpecific: JSONValue?

    enum CodingKeys: String, CodingKey {
        case package, severity, ranges, versions
        case databaseSpecific = "database_specific"
    }

    /// Creates an affected entry.
    public init(
        package: OSVPackage?,
        severity: [OSVSeverity]? = nil,
        ranges: [OSVRange]? = nil,
        versions: [String]? = nil,
        databaseSpecific: JSONValue? = nil
    ) {
        self.package = package
        self.severity = severity
        self.ranges = ranges
        self.versions = versions
        self.databaseSpecific = databaseSpecific
    }
}

/// The ecosystem and name of an affected package.
public struct OSVPackage: Sendable, Hashable, Codable {
    /// The OSV ecosystem, possibly with a release suffix (`Debian:12`).
    public var ecosystem: String
    public var name: String
    public var purl: String?

    /// Creates a package reference.
    public init(ecosystem: String, name: String, purl: String? = nil) {
        self.ecosystem = ecosystem
        self.name = name
        self.purl = purl
    }
}

/// A range of affected versions as a list of events (`SEMVER`, `ECOSYSTEM` or `GIT`).
public struct OSVRange: Sendable, Hashable, Codable {
    public var type: String
    public var repo: String?
    public var events: [OSVEvent]

    /// Creates a range.
    public init(type: String, repo: String? = nil, events: [OSVEvent]) {
        self.type = type
        self.repo = repo
        self.events = events
    }
}

/// One event of a range; exactly one of the fields is set in valid records.
public struct OSVEvent: Sendable, Hashable, Codable {
    public var introduced: String?
    public var fixed: String?
    public var lastAffected: String?
    public var limit: String?

    enum CodingKeys: String, CodingKey {
        case introduced, fixed, limit
        case lastAffected = "last_affected"
    }

    /// Creates an event.
    public init(introduced: String? = nil, fixed: String? = nil, lastAffected: String? = nil, limit: String? = nil) {
        self.introduced = introduced
        self.fixed = fixed
        self.lastAffected = lastAffected
        self.limit = limit
    }
}

/// A link of an advisory (`ADVISORY`, `FIX`, `WEB`, …).
public struct OSVReference: Sendable, Hashable, Codable {
    public var type: String
    public var url: String

    /// Creates a reference.
    public init(type: String, url: String) {
        self.type = type
        self.url = url
    }
}
