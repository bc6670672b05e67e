public import SlipwayCore

/// A package ecosystem, named as OSV names it (so components match advisories directly).
public enum Ecosystem: String, Sendable, Hashable, Codable, CaseIterable {
    case npm
    case pypi = "PyPI"
    case cargo = "crates.io"
    case go = "Go"
    case rubygems = "RubyGems"
    case packagist = "Packagist"
    case maven = "Maven"
    case swift = "SwiftURL"
    case nuget = "NuGet"

    /// The purl `type` of the ecosystem.
    public var purlType: String {
        switch self {
        case .npm: "npm"
        case .pypi: "pypi"
        case .cargo: "cargo"
        case .go: "golang"
        case .rubygems: "gem"
        case .packagist: "composer"
        case .maven: "maven"
        case .swift: "swift"
        case .nuget: "nuget"
        }
    }
}

/// How a component is used, where the lockfile says.
public enum DependencyScope: String, Sendable, Hashable, Codable {
    case runtime
    case development
    case optional
}

/// A content hash of a component, as algorithm and lowercase hex (CycloneDX spelling: `SHA-256`, `SHA-512`).
public struct ComponentHash: Sendable, Hashable, Codable {
    public var algorithm: String
    public var hex: String

    /// Creates a hash.
    public init(algorithm: String, hex: String) {
        self.algorithm = algorithm
        self.hex = hex.lowercased()
    }

    /// Creates a hash from hex the caller has already lowercased.
    init(algorithm: String, lowercaseHex: String) {
        self.algorithm = algorithm
        self.hex = lowercaseHex
    }
}

/// One resolved package from a lockfile.
public struct Component: Sendable, Hashable, Codable {
    public var ecosystem: Ecosystem
    /// The package name as the ecosystem writes it (`@types/node`, `requests`, `github.com/pkg/errors`).
    public var name: String
    public var version: String
    /// The Package URL (purl spec), the component's identity in SBOMs and dependency graphs.
    public var purl: String
    public var scope: DependencyScope?
    public var hashes: [ComponentHash]
    /// `true` for dependencies the project declares itself, `false` for transitive ones, `nil` when unknown.
    public var isDirect: Bool?
    /// The purls of the components this one depends on, where the lockfile records the graph.
    public var dependencies: [String]
    /// SPDX license expression, when the lockfile records one.
    public var license: String?
    /// Where the component is declared in its lockfile.
    public var location: SourceLocation?

    /// Creates a component; the purl is derived unless given.
    public init(
        ecosystem: Ecosystem,
        name: String,
        version: String,
        purl: String? = nil,
        scope: DependencyScope? = nil,
        hashes: [ComponentHash] = [],
        isDirect: Bool? = nil,
        dependencies: [String] = [],
        license: String? = nil,
        location: SourceLocation? = nil
    ) {
        self.ecosystem = ecosystem
        self.name = name
        self.version = version
        self.purl = purl ?? PackageURL(ecosystem: ecosystem, name: name, version: version).description
        self.scope = scope
        self.hashes = hashes
        self.isDirect = isDirect
        self.dependencies = dependencies
        self.license = license
        self.location = location
    }
}
