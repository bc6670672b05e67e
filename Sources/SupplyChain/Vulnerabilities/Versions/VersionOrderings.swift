/// The version orderings OSV range matching uses, one per ecosystem.
public enum VersionOrderings {
    /// The ordering OSV `ECOSYSTEM` ranges use for `ecosystem`.
    public static func ordering(for ecosystem: Ecosystem) -> any VersionOrdering {
        visit(ecosystem, Existential())
    }

    /// SemVer 2.0.0, for OSV `SEMVER` ranges (tolerates a leading "v", as OSV data sometimes has it).
    public static let semver = SemanticVersionOrdering.tolerant

    /// Hands `visitor` the concrete ordering of `ecosystem`, so generic matching code is specialised for each
    /// ordering instead of running unspecialised through `any VersionOrdering` (which looked up generic metadata
    /// on every call and made range evaluation the slowest part of a scan).
    static func visit<Visitor: VersionOrderingVisitor>(_ ecosystem: Ecosystem, _ visitor: Visitor) -> Visitor.Result {
        switch ecosystem {
        case .npm: visitor.visit(SemanticVersionOrdering.npm)
        case .cargo: visitor.visit(SemanticVersionOrdering.strict)
        case .swift: visitor.visit(SemanticVersionOrdering.tolerant)
        case .go: visitor.visit(GoVersionOrdering())
        case .pypi: visitor.visit(PythonVersionOrdering())
        case .rubygems: visitor.visit(RubyGemsVersionOrdering())
        case .packagist: visitor.visit(ComposerVersionOrdering())
        case .maven: visitor.visit(MavenVersionOrdering())
        case .nuget: visitor.visit(NuGetVersionOrdering())
        }
    }

    private struct Existential: VersionOrderingVisitor {
        func visit<Ordering: VersionOrdering>(_ ordering: Ordering) -> any VersionOrdering { ordering }
    }
}

/// Something done with an ecosystem's concrete ordering (see `VersionOrderings.visit`).
protocol VersionOrderingVisitor {
    associatedtype Result
    func visit<Ordering: VersionOrdering>(_ ordering: Ordering) -> Result
}
