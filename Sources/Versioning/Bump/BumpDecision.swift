/// The next version and why: what `slipway version --format json` reports.
public struct BumpDecision: Sendable, Hashable, Codable {
    /// The rules that decided.
    public var strategy: BumpStrategy
    /// The version of the last release (or the current version).
    public var previousVersion: SemanticVersion
    /// The version to release; `nil` when the strategy releases nothing for these commits.
    public var nextVersion: SemanticVersion?
    /// The level the commits call for under the strategy (after the 0.x adjustment); `nil` for no release.
    public var recommendedType: ReleaseType?
    /// The level applied: the recommendation, or `--release-as`; for an explicit version, the highest component
    /// that changed; `nil` for `--first-release` or no release.
    public var releaseType: ReleaseType?
    /// The node-semver increment applied (`minor`, `prepatch`, `prerelease`); `nil` when none was.
    public var increment: VersionIncrement?
    /// One line explaining the decision.
    public var summary: String
    /// Every commit considered, in input order, with what it contributed.
    public var commits: [CommitReason]

    /// Creates a decision.
    public init(
        strategy: BumpStrategy,
        previousVersion: SemanticVersion,
        nextVersion: SemanticVersion?,
        recommendedType: ReleaseType?,
        releaseType: ReleaseType?,
        increment: VersionIncrement?,
        summary: String,
        commits: [CommitReason]
    ) {
        self.strategy = strategy
        self.previousVersion = previousVersion
        self.nextVersion = nextVersion
        self.recommendedType = recommendedType
        self.releaseType = releaseType
        self.increment = increment
        self.summary = summary
        self.commits = commits
    }

    /// Whether a release happens.
    public var isRelease: Bool { nextVersion != nil }

    /// The decision without the per-commit reasons: what ``BumpCalculator/nextOnly(current:commits:options:)``
    /// returns, equal to the same fields of the full decision.
    public struct Outcome: Sendable, Hashable {
        /// The version to release; `nil` when the strategy releases nothing for these commits.
        public var nextVersion: SemanticVersion?
        /// The level the commits call for under the strategy (after the 0.x adjustment).
        public var recommendedType: ReleaseType?
        /// The level applied (see ``BumpDecision/releaseType``).
        public var releaseType: ReleaseType?
        /// The node-semver increment applied.
        public var increment: VersionIncrement?
        /// One line explaining the decision.
        public var summary: String
    }

    /// This decision's outcome (for comparing with ``BumpCalculator/nextOnly(current:commits:options:)``).
    public var outcome: Outcome {
        Outcome(
            nextVersion: nextVersion,
            recommendedType: recommendedType,
            releaseType: releaseType,
            increment: increment,
            summary: summary
        )
    }

    /// What one commit contributed to the level.
    public enum Contribution: String, Sendable, Hashable, Codable, Comparable {
        case none
        case patch
        case minor
        case major

        /// The release type of a contributing commit.
        public init(_ type: ReleaseType?) {
            switch type {
            case nil: self = .none
            case .patch: self = .patch
            case .minor: self = .minor
            case .major: self = .major
            }
        }

        /// The release type this contribution asks for; `nil` for none.
        public var releaseType: ReleaseType? { ReleaseType(rawValue: rawValue) }

        /// Orders none < patch < minor < major.
        public static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.releaseType.map { $0.priority } ?? -1) < (rhs.releaseType.map { $0.priority } ?? -1)
        }
    }

    /// One commit's part in the decision.
    public struct CommitReason: Sendable, Hashable, Codable {
        /// The full hash.
        public var hash: String
        /// The first line of the message.
        public var header: String
        /// The level this commit alone calls for (after the 0.x adjustment).
        public var contributes: Contribution
        /// Why, in words.
        public var why: String

        /// Creates a reason.
        public init(hash: String, header: String, contributes: Contribution, why: String) {
            self.hash = hash
            self.header = header
            self.contributes = contributes
            self.why = why
        }
    }
}

extension ReleaseType {
    /// 0 for patch, 1 for minor, 2 for major (standard-version's `getTypePriority`).
    var priority: Int { ReleaseType.allCases.firstIndex(of: self) ?? 0 }
}
