public import SlipwayCore

/// What one changelog section is written from: the release's version, tags, date and commits.
public struct ChangelogRelease: Sendable, Hashable {
    /// The new version without prefix (`1.2.0`).
    public var version: String
    /// The new tag (`v1.2.0`), the right side of the compare link.
    public var currentTag: String
    /// The previous release tag; `nil` for a first release (then the heading has no compare link).
    public var previousTag: String?
    /// The release day.
    public var date: CalendarDate
    /// The commits since the previous tag, newest first as `git log` lists them.
    public var commits: [ConventionalCommit]

    /// Creates a release description.
    public init(
        version: String,
        currentTag: String,
        previousTag: String?,
        date: CalendarDate,
        commits: [ConventionalCommit]
    ) {
        self.version = version
        self.currentTag = currentTag
        self.previousTag = previousTag
        self.date = date
        self.commits = commits
    }

    /// Whether the version's patch number is not zero (semver `patch(version) !== 0`), which standard-version 9
    /// marks with a `###` heading; `false` for text that is not a version.
    var isPatch: Bool {
        let core = version.split(separator: "-", maxSplits: 1)[0].split(separator: "+", maxSplits: 1)[0]
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && Int($0) != nil })
        else { return false }
        return Int(parts[2]) != 0
    }
}
