public import SlipwayCore

/// A package found installed on disk (node_modules, site-packages, the Cargo registry) with the license its own
/// metadata declares.
public struct InstalledPackage: Sendable, Hashable {
    public var ecosystem: Ecosystem
    public var name: String
    public var version: String
    /// The declared license text, as written (legacy lists joined with ` OR `), or `nil` when there is none.
    public var license: String?
    /// A license file named instead of an expression (Cargo's `license-file`), relative to the package.
    public var licenseFile: String?
    /// The metadata file, at the line of the license field when there is one.
    public var location: SourceLocation

    /// Creates a package record.
    public init(
        ecosystem: Ecosystem,
        name: String,
        version: String,
        license: String?,
        licenseFile: String? = nil,
        location: SourceLocation
    ) {
        self.ecosystem = ecosystem
        self.name = name
        self.version = version
        self.license = license
        self.licenseFile = licenseFile
        self.location = location
    }

    /// The purl of the package.
    public var purl: String { PackageURL(ecosystem: ecosystem, name: name, version: version).description }

    /// The key that matches a lockfile component: ecosystem, normalised name and version.
    public var matchKey: PackageMatchKey { PackageMatchKey(ecosystem: ecosystem, name: name, version: version) }
}

/// Identifies a package across lockfiles and installed metadata despite spelling differences in the name.
public struct PackageMatchKey: Sendable, Hashable {
    public var ecosystem: Ecosystem
    public var name: String
    public var version: String

    /// Normalises `name` the way the ecosystem compares names (PyPI: PEP 503; crates.io: `_` is `-`; otherwise
    /// case-insensitive) and drops a leading `v` from the version.
    public init(ecosystem: Ecosystem, name: String, version: String) {
        self.ecosystem = ecosystem
        self.name = Self.normalize(name, ecosystem: ecosystem)
        self.version = version.hasPrefix("v") ? String(version.dropFirst()) : version
    }

    /// The name as the ecosystem compares it.
    public static func normalize(_ name: String, ecosystem: Ecosystem) -> String {
        let lowered = name.lowercased()
        switch ecosystem {
        case .pypi:
            // PEP 503: runs of `-`, `_` and `.` are one `-`.
            var result = ""
            var inSeparator = false
            for character in lowered {
                if character == "-" || character == "_" || character == "." {
                    if !inSeparator { result.append("-") }
                    inSeparator = true
                } else {
                    result.append(character)
                    inSeparator = false
                }
            }
            return result
        case .cargo:
            return lowered.replacingAll("_", with: "-")
        case .npm, .go, .rubygems, .packagist, .maven, .swift, .nuget:
            return lowered
        }
    }
}
