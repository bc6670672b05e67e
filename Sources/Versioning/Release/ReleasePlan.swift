/// What a release will do: versions, tag, reasons, issue keys, changelog section and file changes.
public struct ReleasePlan: Sendable, Codable {
    /// One file the release rewrites.
    public struct FileChange: Sendable, Codable, Hashable {
        public var path: String
        /// The previous content (not encoded: the plan's JSON stays small).
        public var before: String
        public var after: String

        private enum CodingKeys: String, CodingKey {
            case path
        }

        /// Creates a change.
        public init(path: String, before: String, after: String) {
            self.path = path
            self.before = before
            self.after = after
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            path = try container.decode(String.self, forKey: .path)
            before = ""
            after = ""
        }
    }

    public var previousTag: String?
    public var previousVersion: String
    /// `nil` when the strategy decided that nothing warrants a release.
    public var nextVersion: String?
    public var releaseType: ReleaseType?
    public var tag: String?
    public var summary: String
    public var commits: [BumpDecision.CommitReason]
    /// Commits that are not conventional, with why (reported, not fatal).
    public var unparsedCommits: [String]
    public var issueKeys: [String]
    /// The new CHANGELOG section (empty when skipped or when there is no release).
    public var changelogSection: String
    /// The release-notes Markdown for the GitHub release body.
    public var releaseNotes: String
    public var commitMessage: String?
    public var files: [FileChange]
    /// Warnings worth showing (shallow clone, non-semver tags ignored…).
    public var warnings: [String]

    /// Whether there is something to release.
    public var isRelease: Bool { nextVersion != nil }
}
