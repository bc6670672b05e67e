/// Why a next version could not be computed.
public enum BumpError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The `--prerelease` identifier is not a valid dot-separated pre-release identifier list.
    case invalidPrereleaseIdentifier(String)
    /// A version component would exceed the largest supported number.
    case numberTooLarge(SemanticVersion)
    /// `--release-as` is neither `major`, `minor`, `patch` nor a version.
    case invalidReleaseAs(String)

    /// What happened and what to do.
    public var description: String {
        switch self {
        case .invalidPrereleaseIdentifier(let text):
            "'\(text)' is not a valid pre-release identifier; use letters, digits and hyphens separated by dots, "
                + "without leading zeros in numbers (for example 'alpha', 'rc' or 'beta.2')"
        case .numberTooLarge(let version):
            "cannot increment \(version): a component would exceed \(Int.max); release it with --release-as X.Y.Z"
        case .invalidReleaseAs(let text):
            "'\(text)' is not a release type or version; use major, minor, patch or a version such as 2.0.0"
        }
    }
}
