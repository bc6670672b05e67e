import SlipwayCore

/// Reads Cargo's `Cargo.lock` (version 3 and 4, and the unversioned 1/2 format with `[metadata]` checksums).
///
/// Packages without a `source` are the workspace's own crates: they are not components, but what they depend on is
/// direct. Registry crates other than crates.io carry a `repository_url` qualifier and git crates a `vcs_url`
/// qualifier in their purl. `checksum` is the SHA-256 of the `.crate`; `dependencies` (`name`, `name version` or
/// `name version (source)`) give the graph. Cargo.lock does not say which dependencies are dev-only, so no scope.
public struct CargoLockReader: LockfileReader {
    /// The lockfile versions read (an absent `version` is the older format 1 or 2).
    static let supportedVersions = ["1", "2", "3", "4"]
    /// The crates.io registry source.
    static let cratesIO = "registry+https://github.com/rust-lang/crates.io-index"

    /// Creates the reader.
    public init() {}

    /// The format name for reports.
    public var format: String { "Cargo.lock" }

    /// `Cargo.lock` files.
    public func handles(path: String) -> Bool { PathUtilities.lastComponent(of: path) == "Cargo.lock" }

    /// A `[[package]]` entry as read.
    struct Package {
        var name: String
        var version: String
        var source: String?
        var component: Component
        var dependencies: [(text: String, position: SourcePosition)]
    }

    /// The locked crates of `text`.
    public func read(
        _ text: String,
        path: String,
        companion: @Sendable (String) -> String?
    ) throws(LockfileError) -> [Component] {
        let root = try TOMLLockfile.parse(text, path: path)
        if let versionNode = root["version"] {
            let version = versionNode.integer.map(String.init) ?? versionNode.string ?? versionNode.value.typeName
            guard Self.supportedVersions.contains(version) else {
                throw .unsupportedVersion(
                    path: path,
                    position: versionNode.position,
                    version: version,
                    supported: Self.supportedVersions
                )
            }
        }
        let legacyChecksums = try Self.legacyChecksums(root, path: path)
        var packages: [Package] = []
        for table in try TOMLLockfile.tables(root, "package", in: "the lock", path: path) {
            packages.append(try Self.package(table, legacyChecksums: legacyChecksums, path: path))
        }
        var indexByName: [String: [Int]] = [:]
        for (index, package) in packages.enumerated() { indexByName[package.name, default: []].append(index) }

        var direct = Set<Int>()
        for index in packages.indices {
            var purls = Set<String>()
            for dependency in packages[index].dependencies {
                let target = try Self.resolve(dependency, packages: packages, indexByName: indexByName, path: path)
                if packages[target].source != nil { purls.insert(packages[target].component.purl) }
                if packages[index].source == nil { direct.insert(target) }
            }
            packages[index].component.dependencies = purls.sorted()
        }
        let hasWorkspace = packages.contains { $0.source == nil }
        var byPurl: [String: Component] = [:]
        for (index, package) in packages.enumerated() where package.source != nil {
            var component = package.component
            component.isDirect = hasWorkspace ? direct.contains(index) : nil
            if byPurl[component.purl] == nil { byPurl[component.purl] = component }
        }
        return byPurl.values.sorted { $0.purl < $1.purl }
    }

    /// Reads one `[[package]]` table.
    static func package(
        _ table: TOMLTable,
        legacyChecksums: [String: String],
        path: String
    ) throws(LockfileError) -> Package {
        let context = "[[package]]"
        let name = try TOMLLockfile.requiredString(table, "name", in: context, path: path)
        let version = try TOMLLockfile.requiredString(table, "version", in: context, path: path)
        let source = try TOMLLockfile.string(table, "source", in: context, path: path)
        var purl = PackageURL(ecosystem: .cargo, name: name, version: version)
        if let source, source != cratesIO {
            if source.hasPrefix("git+") {
                purl.qualifiers["vcs_url"] = source
            } else if let plus = source.firstIndex(of: "+") {
                purl.qualifiers["repository_url"] = String(source[source.index(after: plus)...])
            }
        }
        let checksum =
            try TOMLLockfile.string(table, "checksum", in: context, path: path)
            ?? legacyChecksums["\(name) \(version) (\(source ?? ""))"]
        var hashes: [ComponentHash] = []
        if let checksum {
            guard checksum.count == 64, checksum.isAllHexDigits else {
                throw .unexpectedShape(
                    path: path,
                    position: table["checksum"]?.position ?? table.position,
                    reason: "the checksum of `\(name) \(version)` is not a SHA-256 in hex"
                )
            }
            hashes.append(ComponentHash(algorithm: "SHA-256", hex: checksum))
        }
        var dependencies: [(text: String, position: SourcePosition)] = []
        for node in try TOMLLockfile.array(table, "dependencies", in: context, path: path) {
            guard let text = node.string else {
                throw TOMLLockfile.wrongType(node, key: "dependencies", expected: "a string", context, path)
            }
            dependencies.append((text, node.position))
        }
        let component = Component(
            ecosystem: .cargo,
            name: name,
            version: version,
            purl: purl.description,
            hashes: hashes,
            location: SourceLocation(path: path, position: table.position)
        )
        return Package(name: name, version: version, source: source, component: component, dependencies: dependencies)
    }

    /// The package a dependency string names: `name`, `name version` or `name version (source)`.
    static func resolve(
        _ dependency: (text: String, position: SourcePosition),
        packages: [Package],
        indexByName: [String: [Int]],
        path: String
    ) throws(LockfileError) -> Int {
        let parts = dependency.text.split(separator: " ", maxSplits: 2).map(String.init)
        let candidates = (parts.first.flatMap { indexByName[$0] } ?? []).filter { index in
            if parts.count > 1, packages[index].version != parts[1] { return false }
            if parts.count > 2, "(\(packages[index].source ?? ""))" != parts[2] { return false }
            return true
        }
        guard let target = candidates.first, candidates.count == 1 || parts.count < 3 else {
            throw .unexpectedShape(
                path: path,
                position: dependency.position,
                reason: candidates.isEmpty
                    ? "dependency `\(dependency.text)` is not a locked package"
                    : "dependency `\(dependency.text)` matches several locked packages"
            )
        }
        return target
    }

    /// Checksums of the version 1 format: `"checksum name version (source)" = "hex"` under `[metadata]`.
    static func legacyChecksums(_ root: TOMLTable, path: String) throws(LockfileError) -> [String: String] {
        guard let metadata = try TOMLLockfile.table(root, "metadata", in: "the lock", path: path) else { return [:] }
        var result: [String: String] = [:]
        for key in metadata.keys where key.hasPrefix("checksum ") {
            if let value = metadata[key]?.string, value != "<none>" {
                result[String(key.dropFirst("checksum ".count))] = value
            }
        }
        return result
    }
}
