import SlipwayCore

/// The next version alone, as `slipway version --next` reports it: the same values as the fields of the same name
/// in ``ReleasePlan``, without the changelog, the notes, the issue keys or the per-commit reasons.
public struct NextVersion: Sendable, Hashable {
    /// The highest release tag reachable from `HEAD`; `nil` when the current version came from a version file.
    public var previousTag: String?
    public var previousVersion: String
    /// `nil` when the strategy decided that nothing warrants a release.
    public var nextVersion: String?
    public var releaseType: ReleaseType?
    /// The tag the release would create (`nil` without a release, or when the tag is skipped).
    public var tag: String?
    /// One line explaining the decision.
    public var summary: String
    /// Warnings worth showing (shallow clone, non-semver tags ignored…).
    public var warnings: [String]

    /// Creates an answer.
    public init(
        previousTag: String?,
        previousVersion: String,
        nextVersion: String?,
        releaseType: ReleaseType?,
        tag: String?,
        summary: String,
        warnings: [String]
    ) {
        self.previousTag = previousTag
        self.previousVersion = previousVersion
        self.nextVersion = nextVersion
        self.releaseType = releaseType
        self.tag = tag
        self.summary = summary
        self.warnings = warnings
    }

    /// The same fields of a full plan, for comparing the two paths.
    public init(_ plan: ReleasePlan) {
        self.init(
            previousTag: plan.previousTag,
            previousVersion: plan.previousVersion,
            nextVersion: plan.nextVersion,
            releaseType: plan.releaseType,
            tag: plan.tag,
            summary: plan.summary,
            warnings: plan.warnings
        )
    }

    /// Whether there is something to release.
    public var isRelease: Bool { nextVersion != nil }

    /// The answer as JSON: the keys of ``ReleasePlan/jsonText()`` that it shares, written the same way
    /// (pretty-printed, sorted keys, absent values left out), so that `jq .nextVersion` reads either document.
    public func jsonText() -> String {
        var json = JSONWriter(capacity: 512)
        json.object { json in
            json.field("nextVersion", nextVersion)
            json.field("previousTag", previousTag)
            json.field("previousVersion", previousVersion)
            json.field("releaseType", releaseType?.rawValue)
            json.field("summary", summary)
            json.field("tag", tag)
            json.field("warnings", warnings)
        }
        return json.finish()
    }
}
