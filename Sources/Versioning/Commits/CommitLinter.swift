import SlipwayCore

/// Checks commit messages against Conventional Commits 1.0.0 and the configured commit types.
public struct CommitLinter: Sendable {
    /// One message that breaks the rules.
    public struct Violation: Sendable, Codable, Hashable {
        public var hash: String
        public var shortHash: String
        public var header: String
        public var message: String
    }

    /// The outcome of a lint run.
    public struct Report: Sendable, Codable, Hashable {
        public var checked: Int
        public var violations: [Violation]
    }

    /// The types standard-version's conventionalcommits preset knows.
    public static let standardTypes = [
        "feat", "fix", "chore", "docs", "style", "refactor", "perf", "test", "build", "ci", "revert",
    ]

    private let allowedTypes: [String]
    private let allowMerges: Bool

    /// Creates a linter accepting the standard types plus any listed under `types` in the settings.
    public init(settings: VersioningSettings, allowMerges: Bool = false) {
        var types = Self.standardTypes
        for entry in settings.types ?? [] where !types.contains(entry.type) { types.append(entry.type) }
        allowedTypes = types
        self.allowMerges = allowMerges
    }

    /// Lints `commits`.
    public func lint(_ commits: [RawCommit]) -> Report {
        var violations: [Violation] = []
        for raw in commits {
            let header = String(raw.message.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
            func violation(_ message: String) {
                violations.append(
                    Violation(hash: raw.hash, shortHash: String(raw.hash.prefix(7)), header: header, message: message)
                )
            }
            switch ConventionalCommitParser.parse(raw) {
            case .success(let commit):
                if commit.isMerge {
                    if !allowMerges { violation("merge commit; rebase or squash, or pass --allow-merges") }
                } else if commit.type != "revert", !allowedTypes.contains(commit.type) {
                    let hint = EditDistance.didYouMean(commit.type, among: allowedTypes)
                    violation(
                        "type '\(commit.type)' is not one of \(allowedTypes.joined(separator: ", "))\(hint)"
                    )
                }
            case .failure(let error):
                violation(error.description)
            }
        }
        return Report(checked: commits.count, violations: violations)
    }
}
