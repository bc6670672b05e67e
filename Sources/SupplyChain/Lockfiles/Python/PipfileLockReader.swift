import SlipwayCore

/// Reads Pipenv's `Pipfile.lock` (JSON, `pipfile-spec` up to 6).
///
/// `default` packages are runtime and `develop` packages development; a package in both is one runtime component.
/// Entries without a `version` (editable, path and VCS installs) are skipped. Direct dependencies come from the
/// `Pipfile` next to the lock (`[packages]`, `[dev-packages]`) when `companion` can read it. The lock has no graph.
public struct PipfileLockReader: LockfileReader {
    /// The `pipfile-spec` versions read.
    static let supportedSpecs = ["1", "2", "3", "4", "5", "6"]

    /// Creates the reader.
    public init() {}

    /// The format name for reports.
    public var format: String { "Pipfile.lock" }

    /// `Pipfile.lock` files.
    public func handles(path: String) -> Bool { PathUtilities.lastComponent(of: path) == "Pipfile.lock" }

    /// The locked packages of `text`.
    ///
    /// `PipfileLockScanner` reads the JSON pipenv writes in one pass; anything else (errors included) is loaded as
    /// YAML, which gives the same components for what both read and located errors for the rest.
    public func read(
        _ text: String,
        path: String,
        companion: @Sendable (String) -> String?
    ) throws(LockfileError) -> [Component] {
        let entries: [Component]
        if let scanned = PipfileLockScanner.scan(text, path: path) {
            entries = scanned
        } else {
            entries = try Self.parse(text, path: path)
        }
        let declared = Self.declaredPackages(companion("Pipfile"))
        var components: [String: Component] = [:]
        for var component in entries {
            if let declared {
                component.isDirect = declared.contains(PythonProject.normalize(component.name))
            }
            if let existing = components[component.purl] {
                component.hashes = PythonProject.unique(component.hashes + existing.hashes)
                if existing.isDirect == true { component.isDirect = true }
            }
            components[component.purl] = component
        }
        return components.values.sorted { $0.purl < $1.purl }
    }

    /// The components of `develop`, then `default`, through the YAML loader, with a located error for anything it
    /// cannot read.
    static func parse(_ text: String, path: String) throws(LockfileError) -> [Component] {
        let root = try LockfileDocument.load(text, path: path)
        guard let document = root.mapping else {
            throw .unexpectedShape(path: path, position: root.position, reason: "a Pipfile.lock is a JSON object")
        }
        guard let meta = document["_meta"]?.mapping else {
            throw .unexpectedShape(path: path, position: document.position, reason: "the lock has no `_meta` object")
        }
        if let spec = meta["pipfile-spec"] {
            let value = spec.string ?? spec.kindName
            guard Self.supportedSpecs.contains(value) else {
                throw .unsupportedVersion(
                    path: path,
                    position: spec.position,
                    version: value,
                    supported: Self.supportedSpecs
                )
            }
        }
        var components: [Component] = []
        for (section, scope) in [("develop", DependencyScope.development), ("default", .runtime)] {
            guard let node = document[section] else { continue }
            guard let packages = node.mapping else {
                throw .unexpectedShape(
                    path: path,
                    position: node.position,
                    reason: "`\(section)` must be an object of packages, found \(node.kindName)"
                )
            }
            for entry in packages.entries {
                if let component = try Self.component(entry, section: section, scope: scope, path: path) {
                    components.append(component)
                }
            }
        }
        return components
    }

    /// The component of one package entry, or `nil` when it has no pinned version.
    static func component(
        _ entry: YAMLEntry,
        section: String,
        scope: DependencyScope,
        path: String
    ) throws(LockfileError) -> Component? {
        let context = "`\(section).\(entry.key.value)`"
        guard let package = entry.value.mapping else {
            throw .unexpectedShape(
                path: path,
                position: entry.value.position,
                reason: "\(context) must be an object, found \(entry.value.kindName)"
            )
        }
        guard let versionNode = package["version"] else { return nil }
        guard let pinned = versionNode.string, versionNode.scalar?.isNull == false else {
            throw .unexpectedShape(
                path: path,
                position: versionNode.position,
                reason: "`version` of \(context) must be a string, found \(versionNode.kindName)"
            )
        }
        let version = pinned.hasPrefix("===") ? pinned.dropFirst(3) : pinned.hasPrefix("==") ? pinned.dropFirst(2) : ""
        guard !version.isEmpty else {
            throw .unexpectedShape(
                path: path,
                position: versionNode.position,
                reason: "`version` of \(context) must be an exact pin like `==1.2.3`, found `\(pinned)`"
            )
        }
        var hashes: [ComponentHash] = []
        if let hashesNode = package["hashes"] {
            guard let items = hashesNode.sequence?.items else {
                throw .unexpectedShape(
                    path: path,
                    position: hashesNode.position,
                    reason: "`hashes` of \(context) must be a list, found \(hashesNode.kindName)"
                )
            }
            for item in items {
                guard let text = item.string, let hash = PythonProject.hash(text) else {
                    throw .unexpectedShape(
                        path: path,
                        position: item.position,
                        reason: "a hash of \(context) must be a string `algorithm:hex`"
                    )
                }
                hashes.append(hash)
            }
        }
        return Component(
            ecosystem: .pypi,
            name: entry.key.value,
            version: String(version),
            scope: scope,
            hashes: PythonProject.unique(hashes),
            location: SourceLocation(path: path, position: entry.key.position)
        )
    }

    /// The normalised names in a `Pipfile`'s `[packages]` and `[dev-packages]`, or `nil` without a readable one.
    static func declaredPackages(_ text: String?) -> Set<String>? {
        guard let text, let root = try? TOMLParser.parse(text) else { return nil }
        var names = Set<String>()
        for section in ["packages", "dev-packages"] {
            for key in root[section]?.table?.keys ?? [] { names.insert(PythonProject.normalize(key)) }
        }
        return names
    }
}
