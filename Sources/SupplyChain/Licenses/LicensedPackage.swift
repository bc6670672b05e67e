public import SlipwayCore

/// A dependency and what its license means under the policy: one row of the report.
public struct LicensedPackage: Sendable, Hashable, Codable {
    /// Where the package was found.
    public enum Source: String, Sendable, Hashable, Codable {
        /// Only in a lockfile.
        case lockfile
        /// Only installed (node_modules, site-packages, the Cargo registry).
        case installed
        /// In a lockfile and installed.
        case both = "lockfile+installed"
    }

    /// The policy's answer for the package.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case allowed
        case denied
        case notAllowed = "not-allowed"
        case unknown
        case invalid
        /// Covered by an unexpired exception.
        case excepted
    }

    public var purl: String
    public var ecosystem: Ecosystem
    public var name: String
    public var version: String
    /// The license text as declared, when any.
    public var declared: String?
    /// The canonical SPDX expression, when the declaration resolved to one.
    public var expression: String?
    /// `true` when `declared` was not SPDX and was mapped to `expression`.
    public var normalized: Bool
    public var status: Status
    /// Why the license is unknown or invalid, or which licenses break the policy.
    public var reason: String?
    public var source: Source
    /// The component in its lockfile, or the metadata file for installed-only packages.
    public var location: SourceLocation?
    /// The installed metadata file the license came from or was checked against.
    public var metadata: SourceLocation?
    /// Other lockfiles that list the same package.
    public var otherLocations: [SourceLocation]

    /// Encodes every key, `null` included, so the JSON shape does not depend on the data.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(purl, forKey: .purl)
        try container.encode(ecosystem, forKey: .ecosystem)
        try container.encode(name, forKey: .name)
        try container.encode(version, forKey: .version)
        try container.encode(declared, forKey: .declared)
        try container.encode(expression, forKey: .expression)
        try container.encode(normalized, forKey: .normalized)
        try container.encode(status, forKey: .status)
        try container.encode(reason, forKey: .reason)
        try container.encode(source, forKey: .source)
        try container.encode(location, forKey: .location)
        try container.encode(metadata, forKey: .metadata)
        try container.encode(otherLocations, forKey: .otherLocations)
    }
}
