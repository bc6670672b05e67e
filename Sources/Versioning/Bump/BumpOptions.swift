/// The standard-version flags that steer the next version: `--release-as`, `--prerelease [id]`, `--first-release`.
public struct BumpOptions: Sendable, Hashable {
    /// `--release-as major|minor|patch|X.Y.Z`: overrides the level the commits recommend.
    public var releaseAs: ReleaseAs?
    /// `--prerelease [id]`: `nil` when absent, `""` for a bare `--prerelease` (`1.0.1-0`), `"alpha"` for
    /// `1.0.1-alpha.0`.
    public var prerelease: String?
    /// `--first-release`: keep the current version (tag it without bumping).
    public var firstRelease: Bool

    /// Creates options; the defaults are standard-version's (bump from the commits).
    public init(releaseAs: ReleaseAs? = nil, prerelease: String? = nil, firstRelease: Bool = false) {
        self.releaseAs = releaseAs
        self.prerelease = prerelease
        self.firstRelease = firstRelease
    }

    /// The value of `--release-as`.
    public enum ReleaseAs: Sendable, Hashable, CustomStringConvertible {
        /// Bump by this level regardless of the commits.
        case type(ReleaseType)
        /// Release exactly this version.
        case version(SemanticVersion)

        /// Parses `major`, `minor`, `patch` (any case) or a version (a leading `v` is accepted).
        public init(_ text: String) throws(BumpError) {
            if let type = ReleaseType(rawValue: text.lowercased()) {
                self = .type(type)
            } else if let version = SemanticVersion(tag: text, prefix: "") {
                self = .version(version)
            } else {
                throw .invalidReleaseAs(text)
            }
        }

        /// The flag's value as written back (`minor`, `2.0.0`).
        public var description: String {
            switch self {
            case .type(let type): type.rawValue
            case .version(let version): version.description
            }
        }
    }
}
