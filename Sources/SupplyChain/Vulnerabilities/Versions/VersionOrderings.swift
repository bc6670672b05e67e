/// The version orderings OSV range matching uses, one per ecosystem.
public enum VersionOrderings {
    /// The ordering OSV `ECOSYSTEM` ranges use for `ecosystem`.
    public static func ordering(for ecosystem: Ecosystem) -> any VersionOrdering {
        switch ecosystem {
        case .npm: SemanticVersionOrdering.npm
        case .cargo: SemanticVersionOrdering.strict
        case .swift: SemanticVersionOrdering.tolerant
        case .go: GoVersionOrdering()
        case .pypi: PythonVersionOrdering()
        case .rubygems: RubyGemsVersionOrdering()
        case .packagist: ComposerVersionOrdering()
        case .maven: MavenVersionOrdering()
        case .nuget: NuGetVersionOrdering()
        }
    }

    /// SemVer 2.0.0, for OSV `SEMVER` ranges (tolerates a leading "v", as OSV data sometimes has it).
    public static let semver = SemanticVersionOrdering.tolerant
}
