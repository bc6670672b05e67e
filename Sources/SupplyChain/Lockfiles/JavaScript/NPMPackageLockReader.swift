import SlipwayCore

/// Reads npm's `package-lock.json` and `npm-shrinkwrap.json`, lockfile versions 1, 2 and 3.
///
/// Versions 2 and 3 are read from the `packages` map keyed by install path (`node_modules/a/node_modules/b`):
/// dependencies resolve the way Node does, from the nearest `node_modules` outwards. Workspace packages and `link`
/// entries are the project itself, not components; their declared dependencies (with the root `""` entry's) are the
/// direct ones. Version 1 is read from the nested `dependencies` tree with its `requires`; direct dependencies come
/// from the `package.json` beside it when there is one.
public struct NPMPackageLockReader: LockfileReader {
    /// Creates the reader.
    public init() {}

    public var format: String { "package-lock.json" }

    public func handles(path: String) -> Bool {
        let name = path.split(separator: "/").last ?? ""
        return name == "package-lock.json" || name == "npm-shrinkwrap.json"
    }

    public func read(
        _ text: String,
        path: String,
        companion: @Sendable (String) -> String?
    ) throws(LockfileError) -> [Component] {
        let root = try JavaScriptLockfileDocument.loadMapping(text, path: path, format: "JSON")
        guard let versionEntry = root.entry("lockfileVersion") else {
            throw .unexpectedShape(path: path, position: root.position, reason: "no `lockfileVersion` key")
        }
        let version = versionEntry.value.scalar?.value ?? versionEntry.value.kindName
        switch version {
        case "1":
            return try readTree(root, path: path, manifest: NodePackageManifest.companion(companion, path: path))
        case "2", "3":
            return try readPackages(root, path: path)
        default:
            throw .unsupportedVersion(
                path: path,
                position: versionEntry.value.position,
                version: version,
                supported: ["1", "2", "3"]
            )
        }
    }

    // MARK: - Versions 2 and 3

    private struct InstalledPackage {
        var name: String
        var version: String
        var body: YAMLMapping
        var position: SourcePosition
        var purl: String { NodePackageSpecifier.purl(name: name, version: version) }
    }

    private static let dependencyKeys = ["dependencies", "optionalDependencies", "peerDependencies"]

    private func readPackages(_ root: YAMLMapping, path: String) throws(LockfileError) -> [Component] {
        guard let packages = try JavaScriptLockfileDocument.mapping("packages", in: root, path: path) else {
            throw .unexpectedShape(path: path, position: root.position, reason: "no `packages` map")
        }
        var installed: [String: InstalledPackage] = [:]
        var links: Set<String> = []
        var workspaces: [(key: String, body: YAMLMapping)] = []
        for entry in packages.entries {
            let key = entry.key.value
            guard let body = entry.value.mapping else {
                throw .unexpectedShape(
                    path: path,
                    position: entry.value.position,
                    reason: "package `\(key)` is a \(entry.value.kindName), expected a mapping"
                )
            }
            guard let installName = Self.installName(key) else {
                workspaces.append((key, body))
                continue
            }
            if JavaScriptLockfileDocument.flag("link", in: body) {
                links.insert(key)
                continue
            }
            guard var version = try JavaScriptLockfileDocument.string("version", in: body, path: path) else {
                throw .unexpectedShape(
                    path: path,
                    position: entry.key.position,
                    reason: "package `\(key)` has no version"
                )
            }
            var name = try JavaScriptLockfileDocument.string("name", in: body, path: path) ?? installName
            if let alias = NodePackageSpecifier.alias(version) { (name, version) = alias }
            installed[key] = InstalledPackage(name: name, version: version, body: body, position: entry.key.position)
        }

        func resolve(_ name: String, from key: String) -> InstalledPackage? {
            var base = key
            while true {
                let candidate = base.isEmpty ? "node_modules/" + name : base + "/node_modules/" + name
                if let package = installed[candidate] { return package }
                if links.contains(candidate) || base.isEmpty { return nil }
                base = Self.parent(of: base)
            }
        }

        var direct: Set<String> = []
        for workspace in workspaces {
            for key in Self.dependencyKeys + ["devDependencies"] {
                for dependency in try JavaScriptLockfileDocument.dependencyEntries(key, in: workspace.body, path: path)
                {
                    if let package = resolve(dependency.name, from: workspace.key) { direct.insert(package.purl) }
                }
            }
        }

        var collector = JavaScriptComponentCollector()
        for (key, package) in installed {
            var dependencies: [String] = []
            for dependencyKey in Self.dependencyKeys {
                for dependency in try JavaScriptLockfileDocument.dependencyEntries(
                    dependencyKey,
                    in: package.body,
                    path: path
                ) {
                    if let target = resolve(dependency.name, from: key) { dependencies.append(target.purl) }
                }
            }
            collector.add(
                try component(
                    package.body,
                    name: package.name,
                    version: package.version,
                    path: path,
                    position: package.position
                )
                .with(isDirect: direct.contains(package.purl), dependencies: dependencies)
            )
        }
        return collector.sorted
    }

    /// The package name installed at `key` (the text after its last `node_modules/`), or `nil` for a workspace path.
    private static func installName(_ key: String) -> String? {
        guard let range = key.ranges(of: "node_modules/").last else { return nil }
        let name = String(key[range.upperBound...])
        return name.isEmpty ? nil : name
    }

    /// The install path whose `node_modules` holds `key` (`node_modules/a/node_modules/b` → `node_modules/a`).
    private static func parent(of key: String) -> String {
        guard let range = key.ranges(of: "node_modules/").last else { return "" }
        var prefix = key[..<range.lowerBound]
        if prefix.hasSuffix("/") { prefix = prefix.dropLast() }
        return String(prefix)
    }

    // MARK: - Version 1

    private struct TreeNode {
        var name: String
        var version: String
        var body: YAMLMapping
        var position: SourcePosition
        var parent: Int?
        var children: [String: Int] = [:]
        var purl: String { NodePackageSpecifier.purl(name: name, version: version) }
    }

    private func readTree(
        _ root: YAMLMapping,
        path: String,
        manifest: NodePackageManifest?
    ) throws(LockfileError)
        -> [Component]
    {
        var nodes: [TreeNode] = []
        var topLevel: [String: Int] = [:]

        func walk(_ dependencies: YAMLMapping, parent: Int?) throws(LockfileError) -> [String: Int] {
            var children: [String: Int] = [:]
            for entry in dependencies.entries {
                let installName = entry.key.value
                guard let body = entry.value.mapping else {
                    throw .unexpectedShape(
                        path: path,
                        position: entry.value.position,
                        reason: "dependency `\(installName)` is a \(entry.value.kindName), expected a mapping"
                    )
                }
                guard var version = try JavaScriptLockfileDocument.string("version", in: body, path: path) else {
                    throw .unexpectedShape(
                        path: path,
                        position: entry.key.position,
                        reason: "dependency `\(installName)` has no version"
                    )
                }
                var name = installName
                if let alias = NodePackageSpecifier.alias(version) { (name, version) = alias }
                let index = nodes.count
                nodes.append(
                    TreeNode(name: name, version: version, body: body, position: entry.key.position, parent: parent)
                )
                children[installName] = index
                if let nested = try JavaScriptLockfileDocument.mapping("dependencies", in: body, path: path) {
                    nodes[index].children = try walk(nested, parent: index)
                }
            }
            return children
        }

        if let dependencies = try JavaScriptLockfileDocument.mapping("dependencies", in: root, path: path) {
            topLevel = try walk(dependencies, parent: nil)
        }

        func resolve(_ name: String, from index: Int) -> Int? {
            var current: Int? = index
            while let node = current {
                if let child = nodes[node].children[name] { return child }
                current = nodes[node].parent
            }
            return topLevel[name]
        }

        let directNames = manifest?.names
        var collector = JavaScriptComponentCollector()
        for (index, node) in nodes.enumerated() {
            var dependencies: [String] = []
            for requirement in try JavaScriptLockfileDocument.dependencyEntries("requires", in: node.body, path: path) {
                if let target = resolve(requirement.name, from: index) { dependencies.append(nodes[target].purl) }
            }
            let isDirect = directNames.map { node.parent == nil && $0.contains(node.name) }
            collector.add(
                try component(node.body, name: node.name, version: node.version, path: path, position: node.position)
                    .with(isDirect: isDirect, dependencies: dependencies)
            )
        }
        return collector.sorted
    }

    // MARK: - Shared

    /// A component from an entry's `version`, `integrity` and `dev`/`optional`/`devOptional` flags.
    private func component(
        _ body: YAMLMapping,
        name: String,
        version: String,
        path: String,
        position: SourcePosition
    ) throws(LockfileError) -> Component {
        let scope: DependencyScope =
            if JavaScriptLockfileDocument.flag("dev", in: body) {
                .development
            } else if JavaScriptLockfileDocument.flag("optional", in: body)
                || JavaScriptLockfileDocument.flag("devOptional", in: body)
            {
                .optional
            } else {
                .runtime
            }
        let integrity = try JavaScriptLockfileDocument.string("integrity", in: body, path: path)
        // v2/v3 entries copy `license` from the package's package.json (a string; old packages may have objects).
        let license = body["license"]?.string.flatMap { $0.isEmpty ? nil : $0 }
        return Component(
            ecosystem: .npm,
            name: name,
            version: version,
            scope: scope,
            hashes: integrity.map(SubresourceIntegrity.hashes) ?? [],
            license: license,
            location: SourceLocation(path: path, position: position)
        )
    }
}

extension Component {
    /// The component with its directness and dependencies set.
    func with(isDirect: Bool?, dependencies: [String]) -> Component {
        var copy = self
        copy.isDirect = isDirect
        copy.dependencies = dependencies
        return copy
    }
}
