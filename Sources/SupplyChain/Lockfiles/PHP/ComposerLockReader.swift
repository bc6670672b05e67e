import SlipwayCore

/// Reads `composer.lock`: `packages` (runtime) and `packages-dev` (development).
///
/// The version is kept exactly as the lockfile writes it (`v5.4.0` stays `v5.4.0`, and so does the purl's version),
/// because that is the tag Packagist and OSV's Packagist advisories use; version comparison ignores the `v`.
/// `dist.shasum` (SHA-1 of the archive) becomes a hash when it is not empty. `require` entries become the dependency
/// graph, skipping platform requirements (`php`, `php-*`, `hhvm`, `ext-*`, `lib-*`, `composer`, `composer-*-api`)
/// and packages the lockfile does not contain. The `license` array becomes one SPDX expression joined with `OR`,
/// as Composer means a list of licenses as a choice. A package is direct when `composer.json` next to the lockfile
/// requires it (`require` or `require-dev`); without that file `isDirect` stays `nil`.
public struct ComposerLockReader: LockfileReader {
    /// Creates the reader.
    public init() {}

    public var format: String { "composer.lock" }

    public func handles(path: String) -> Bool {
        path == "composer.lock" || path.hasSuffix("/composer.lock")
    }

    private struct Package {
        var name: String
        var version: String
        var scope: DependencyScope
        var shasum: String?
        var requires: [String]
        var license: String?
        var position: SourcePosition
    }

    public func read(
        _ text: String,
        path: String,
        companion: @Sendable (String) -> String?
    ) throws(LockfileError) -> [Component] {
        let root = try LockfileDocument.load(text, path: path)
        guard let top = root.mapping else {
            throw .unexpectedShape(path: path, position: root.position, reason: "expected a JSON object at the top")
        }
        guard top["packages"] != nil else {
            throw .unexpectedShape(path: path, position: top.position, reason: "missing `packages`")
        }
        var packages: [Package] = []
        for (key, scope) in [("packages", DependencyScope.runtime), ("packages-dev", .development)] {
            guard let node = top[key], !(node.scalar?.isNull ?? false) else { continue }
            guard let list = node.sequence else {
                throw .unexpectedShape(
                    path: path,
                    position: node.position,
                    reason: "`\(key)` must be an array, found a \(node.kindName)"
                )
            }
            for item in list.items { packages.append(try package(item, scope: scope, path: path)) }
        }
        let direct = companion("composer.json").flatMap { try? Self.manifestRequirements($0, path: "composer.json") }
        var purls: [String: String] = [:]
        for package in packages { purls[package.name.lowercased()] = Self.purl(package) }
        return packages.map { package in
            Component(
                ecosystem: .packagist,
                name: package.name,
                version: package.version,
                purl: Self.purl(package),
                scope: package.scope,
                hashes: package.shasum.map { [ComponentHash(algorithm: "SHA-1", hex: $0)] } ?? [],
                isDirect: direct.map { $0.contains(package.name.lowercased()) },
                dependencies: Set(package.requires.compactMap { purls[$0.lowercased()] }).sorted(),
                license: package.license,
                location: SourceLocation(path: path, position: package.position)
            )
        }
        .sorted { $0.purl < $1.purl }
    }

    private func package(_ node: YAMLNode, scope: DependencyScope, path: String) throws(LockfileError) -> Package {
        guard let entry = node.mapping else {
            throw .unexpectedShape(path: path, position: node.position, reason: "a package must be an object")
        }
        guard let name = entry["name"]?.string, !name.isEmpty else {
            throw .unexpectedShape(path: path, position: entry.position, reason: "a package needs a `name` string")
        }
        guard let version = entry["version"]?.string, !version.isEmpty else {
            throw .unexpectedShape(
                path: path,
                position: entry.position,
                reason: "package `\(name)` needs a `version` string"
            )
        }
        var shasum = entry["dist"]?.mapping?["shasum"]?.string
        if shasum?.isEmpty ?? true { shasum = nil }
        let requires = entry["require"]?.mapping?.keys.filter { !Self.isPlatformRequirement($0) } ?? []
        var license: String?
        if let licenses = entry["license"]?.sequence?.items.compactMap(\.string), !licenses.isEmpty {
            license = licenses.count == 1 ? licenses[0] : licenses.joined(separator: " OR ")
        } else if let single = entry["license"]?.string, !single.isEmpty {
            license = single
        }
        return Package(
            name: name,
            version: version,
            scope: scope,
            shasum: shasum,
            requires: requires,
            license: license,
            position: entry.position
        )
    }

    private static func purl(_ package: Package) -> String {
        PackageURL(ecosystem: .packagist, name: package.name, version: package.version).description
    }

    /// Whether a `require` key names the platform (PHP itself, extensions, libraries, Composer APIs), not a package.
    static func isPlatformRequirement(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return lowered == "php" || lowered.hasPrefix("php-") || lowered == "hhvm" || lowered.hasPrefix("ext-")
            || lowered.hasPrefix("lib-") || lowered == "composer" || lowered.hasPrefix("composer-")
    }

    /// The lowercased package names `composer.json` requires (`require` and `require-dev`).
    private static func manifestRequirements(_ text: String, path: String) throws(LockfileError) -> Set<String> {
        guard let manifest = try LockfileDocument.load(text, path: path).mapping else { return [] }
        var names: Set<String> = []
        for key in ["require", "require-dev"] {
            for name in manifest[key]?.mapping?.keys ?? [] where !isPlatformRequirement(name) {
                names.insert(name.lowercased())
            }
        }
        return names
    }
}
