import SlipwayCore

/// Reads Poetry's `poetry.lock` (lock-version 1.x and 2.x).
///
/// Scope comes from `optional = true` (optional), `category` in 1.x and `groups` in 2.x (`main` is runtime, anything
/// else development). Hashes come from each package's `files` (2.x) or `[metadata.files]` (1.x), deduplicated.
/// `[package.dependencies]` gives the graph (a name locked at several versions links to each); direct dependencies
/// come from the `pyproject.toml` next to the lock when `companion` can read it.
public struct PoetryLockReader: LockfileReader {
    /// The lock-versions read.
    static let supportedVersions = ["1.0", "1.1", "1.2", "2.0", "2.1"]

    /// Creates the reader.
    public init() {}

    /// The format name for reports.
    public var format: String { "poetry.lock" }

    /// `poetry.lock` files.
    public func handles(path: String) -> Bool { PathUtilities.lastComponent(of: path) == "poetry.lock" }

    /// The locked packages of `text`.
    ///
    /// `PoetryLockScanner` reads the usual layout in one pass; anything else (errors included) goes through
    /// `TOMLParser`, which gives the same packages for what both read and located errors for the rest.
    public func read(
        _ text: String,
        path: String,
        companion: @Sendable (String) -> String?
    ) throws(LockfileError) -> [Component] {
        let lock: PoetryLock
        if let scanned = PoetryLockScanner.scan(text) {
            lock = scanned
        } else {
            lock = try Self.parse(text, path: path)
        }
        let declared = PythonProject.declaredDependencies(pyproject: companion("pyproject.toml"))
        return Self.components(lock, declared: declared, path: path)
    }

    /// The lock through the TOML tree, with a located error for anything it cannot read.
    static func parse(_ text: String, path: String) throws(LockfileError) -> PoetryLock {
        let root = try TOMLLockfile.parse(text, path: path)
        guard let metadata = try TOMLLockfile.table(root, "metadata", in: "the lock", path: path) else {
            throw .unexpectedShape(path: path, position: root.position, reason: "the lock has no `[metadata]` table")
        }
        let version = try TOMLLockfile.string(metadata, "lock-version", in: "[metadata]", path: path)
        guard let version, Self.supportedVersions.contains(version) else {
            throw .unsupportedVersion(
                path: path,
                position: metadata["lock-version"]?.position ?? metadata.position,
                version: version ?? "(none)",
                supported: Self.supportedVersions
            )
        }
        var lock = PoetryLock(legacyHashes: try Self.legacyHashes(metadata, path: path), packages: [])
        for package in try TOMLLockfile.tables(root, "package", in: "the lock", path: path) {
            let context = "[[package]]"
            let name = try TOMLLockfile.requiredString(package, "name", in: context, path: path)
            let version = try TOMLLockfile.requiredString(package, "version", in: context, path: path)
            var hashes: [ComponentHash] = []
            for file in try TOMLLockfile.array(package, "files", in: context, path: path) {
                if let hash = file.table?["hash"]?.string.flatMap(PythonProject.hash) { hashes.append(hash) }
            }
            let qualifiers = try Self.qualifiers(package, path: path)
            let scope = try Self.scope(package, path: path)
            let dependencies = try TOMLLockfile.table(package, "dependencies", in: context, path: path)
            lock.packages.append(
                PoetryLock.Package(
                    name: name,
                    version: version,
                    fileHashes: hashes,
                    qualifiers: qualifiers,
                    scope: scope,
                    dependencyNames: dependencies?.keys ?? [],
                    position: package.position
                )
            )
        }
        return lock
    }

    /// The components of a lock, linked by `[package.dependencies]` and deduplicated by purl.
    static func components(_ lock: PoetryLock, declared: Set<String>?, path: String) -> [Component] {
        var components: [Component] = []
        var dependencyNames: [[String]] = []
        components.reserveCapacity(lock.packages.count)
        for package in lock.packages {
            let normalized = PythonProject.normalize(package.name)
            var purl = PackageURL(ecosystem: .pypi, name: package.name, version: package.version)
            purl.qualifiers = package.qualifiers
            components.append(
                Component(
                    ecosystem: .pypi,
                    name: package.name,
                    version: package.version,
                    purl: purl.description,
                    scope: package.scope,
                    hashes: PythonProject.unique(package.fileHashes + (lock.legacyHashes[normalized] ?? [])),
                    isDirect: declared.map { $0.contains(normalized) },
                    location: SourceLocation(path: path, position: package.position)
                )
            )
            dependencyNames.append(package.dependencyNames.map(PythonProject.normalize))
        }
        var purlsByName: [String: [String]] = [:]
        for component in components {
            purlsByName[PythonProject.normalize(component.name), default: []].append(component.purl)
        }
        for index in components.indices {
            let purls = dependencyNames[index].flatMap { purlsByName[$0] ?? [] }
            components[index].dependencies = Array(Set(purls)).sorted()
        }
        var byPurl: [String: Component] = [:]
        for component in components where byPurl[component.purl] == nil { byPurl[component.purl] = component }
        return byPurl.values.sorted { $0.purl < $1.purl }
    }

    /// Purl qualifiers for packages not from PyPI: `vcs_url` for git, `download_url` for URLs, `repository_url` for
    /// other indexes.
    static func qualifiers(_ package: TOMLTable, path: String) throws(LockfileError) -> [String: String] {
        guard let source = try TOMLLockfile.table(package, "source", in: "[[package]]", path: path),
            let url = try TOMLLockfile.string(source, "url", in: "[package.source]", path: path)
        else { return [:] }
        switch try TOMLLockfile.string(source, "type", in: "[package.source]", path: path) {
        case "git":
            let reference = try TOMLLockfile.string(source, "resolved_reference", in: "[package.source]", path: path)
            return ["vcs_url": "git+" + url + (reference.map { "@" + $0 } ?? "")]
        case "url": return ["download_url": url]
        case "legacy": return ["repository_url": url]
        default: return [:]
        }
    }

    /// The scope a package's `optional`, `groups` (2.x) or `category` (1.x) gives.
    static func scope(_ package: TOMLTable, path: String) throws(LockfileError) -> DependencyScope? {
        if try TOMLLockfile.boolean(package, "optional", in: "[[package]]", path: path) == true { return .optional }
        let groups = try TOMLLockfile.array(package, "groups", in: "[[package]]", path: path).compactMap(\.string)
        if !groups.isEmpty { return groups.contains("main") ? .runtime : .development }
        switch try TOMLLockfile.string(package, "category", in: "[[package]]", path: path) {
        case "main": return .runtime
        case "dev": return .development
        default: return nil
        }
    }

    /// Hashes by normalised name from 1.x `[metadata.files]` (`{file, hash}` tables) or `[metadata.hashes]` (hex).
    static func legacyHashes(_ metadata: TOMLTable, path: String) throws(LockfileError) -> [String: [ComponentHash]] {
        var result: [String: [ComponentHash]] = [:]
        for key in ["files", "hashes"] {
            guard let table = try TOMLLockfile.table(metadata, key, in: "[metadata]", path: path) else { continue }
            for name in table.keys {
                for item in try TOMLLockfile.array(table, name, in: "[metadata.\(key)]", path: path) {
                    let text = item.table?["hash"]?.string ?? item.string ?? ""
                    let hash = PythonProject.hash(text) ?? PythonProject.hash("sha256:" + text)
                    if let hash { result[PythonProject.normalize(name), default: []].append(hash) }
                }
            }
        }
        return result
    }
}
