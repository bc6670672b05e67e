/// A git trailer-style footer of a commit message (`Refs: #123`, `BREAKING CHANGE: …`).
public struct CommitFooter: Sendable, Hashable, Codable {
    /// The token before the separator, as written (`BREAKING CHANGE`, `Reviewed-by`, `Refs`).
    public var token: String
    /// The value; may span several lines.
    public var value: String

    /// Creates a footer.
    public init(token: String, value: String) {
        self.token = token
        self.value = value
    }
}

/// A commit message parsed per Conventional Commits 1.0.0.
public struct ConventionalCommit: Sendable, Hashable, Codable {
    /// The full commit hash.
    public var hash: String
    /// The whole first line.
    public var header: String
    /// The type, lowercased (`feat`, `fix`, …).
    public var type: String
    public var scope: String?
    /// Whether the header has `!` before the colon.
    public var hasBreakingMarker: Bool
    /// The text after `type(scope)!: `.
    public var description: String
    /// Everything between the header and the footers, trimmed; `nil` when empty.
    public var body: String?
    public var footers: [CommitFooter]
    /// The breaking-change notes: each `BREAKING CHANGE:`/`BREAKING-CHANGE:` footer value, or the description
    /// when the header has `!` and no such footer.
    public var breakingNotes: [String]
    /// For `Revert "…"` commits and `revert:` types: the reverted header, when known.
    public var revertedHeader: String?
    /// Whether this is a merge commit message (`Merge pull request …`, `Merge branch …`).
    public var isMerge: Bool

    /// Creates a commit.
    public init(
        hash: String,
        header: String,
        type: String,
        scope: String? = nil,
        hasBreakingMarker: Bool = false,
        description: String,
        body: String? = nil,
        footers: [CommitFooter] = [],
        breakingNotes: [String] = [],
        revertedHeader: String? = nil,
        isMerge: Bool = false
    ) {
        self.hash = hash
        self.header = header
        self.type = type
        self.scope = scope
        self.hasBreakingMarker = hasBreakingMarker
        self.description = description
        self.body = body
        self.footers = footers
        self.breakingNotes = breakingNotes
        self.revertedHeader = revertedHeader
        self.isMerge = isMerge
    }

    /// Whether the commit is a breaking change (marker or footer).
    public var isBreaking: Bool { hasBreakingMarker || !breakingNotes.isEmpty }

    /// The first seven characters of the hash.
    public var shortHash: String { String(hash.prefix(7)) }
}

/// A raw commit as read from git: hash and full message.
public struct RawCommit: Sendable, Hashable, Codable {
    public var hash: String
    public var message: String

    /// Creates a raw commit.
    public init(hash: String, message: String) {
        self.hash = hash
        self.message = message
    }
}

/// The level of a release.
public enum ReleaseType: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case patch
    case minor
    case major

    private var rank: Int {
        switch self {
        case .patch: 0
        case .minor: 1
        case .major: 2
        }
    }

    public static func < (lhs: ReleaseType, rhs: ReleaseType) -> Bool { lhs.rank < rhs.rank }
}
