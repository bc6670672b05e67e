import SlipwayCore

/// Reads `pnpm-lock.yaml`, lockfile versions 5.x (`/name/1.0.0` keys), 6.x (`/name@1.0.0`) and 9.x (`packages` plus
/// `snapshots`).
///
/// Peer-dependency suffixes (`(react@18.0.0)`, `_react@18.0.0`) are stripped from versions, so the peer contexts of
/// one package become one component. Direct dependencies are those of the `importers` (or, for a single project in
/// 5.x and 6.x, of the top-level `dependencies` maps); local directory packages (`file:` with a `directory`
/// resolution) and `link:` dependencies are the project's own code, not components. Version 9 does not mark
/// development packages, so their scope is inferred from which importer dependency group reaches them.
public struct PNPMLockReader: LockfileReader {
    /// Creates the reader.
    public init() {}

    public var format: String { "pnpm-lock.yaml" }

    public func handles(path: String) -> Bool {
        (path.split(separator: "/").last ?? "") == "pnpm-lock.yaml"
    }

    private enum Layout {
        case v5
        case v6
        case v9
    }

    private static let groups: [(key: String, scope: DependencyScope)] = [
        ("dependencies", .runtime), ("optionalDependencies", .optional), ("devDependencies", .development),
    ]

    public func read(
        _ text: String,
        path: String,
        companion: @Sendable (String) -> String?
    ) throws(LockfileError) -> [Component] {
        let root = try JavaScriptLockfileDocument.loadMapping(text, path: path, format: "YAML")
        guard let versionEntry = root.entry("lockfileVersion") else {
            throw .unexpectedShape(path: path, position: root.position, reason: "no `lockfileVersion` key")
        }
        let version = versionEntry.value.scalar?.value ?? versionEntry.value.kindName
        let layout: Layout
        switch version.split(separator: ".").first ?? "" {
        case "5": layout = .v5
        case "6": layout = .v6
        case "9": layout = .v9
        default:
            throw .unsupportedVersion(
                path: path,
                position: versionEntry.value.position,
                version: version,
                supported: ["5.x", "6.x", "9.x"]
            )
        }
        let packages =
            try JavaScriptLockfileDocument.mapping("packages", in: root, path: path)
            ?? YAMLMapping(
                entries: [],
                position: root.position
            )
        let snapshots = try JavaScriptLockfileDocument.mapping("snapshots", in: root, path: path)

        // First pass: the component of every package key.
        var keyPurls: [String: String] = [:]
        var packageComponents: [(key: String, body: YAMLMapping, component: Component)] = []
        for entry in packages.entries {
            let key = entry.key.value
            guard let body = entry.value.mapping else {
                throw .unexpectedShape(
                    path: path,
                    position: entry.value.position,
                    reason: "package `\(key)` is a \(entry.value.kindName), expected a mapping"
                )
            }
            let resolution = try JavaScriptLockfileDocument.mapping("resolution", in: body, path: path)
            if let resolution, resolution["directory"] != nil || resolution["type"]?.string == "directory" {
                continue
            }
            let parsed = Self.parse(key, layout: layout)
            let name = try JavaScriptLockfileDocument.string("name", in: body, path: path) ?? parsed?.name
            let packageVersion =
                try JavaScriptLockfileDocument.string("version", in: body, path: path) ?? parsed?.version
            guard let name, let packageVersion, !name.isEmpty, !packageVersion.isEmpty else {
                throw .unexpectedShape(
                    path: path,
                    position: entry.key.position,
                    reason: "package key `\(key)` names no package and version"
                )
            }
            var scope: DependencyScope?
            if JavaScriptLockfileDocument.flag("optional", in: body) {
                scope = .optional
            } else if let dev = body["dev"]?.scalar?.bool {
                scope = dev ? .development : .runtime
            }
            let integrity = try resolution.flatMap { resolution throws(LockfileError) in
                try JavaScriptLockfileDocument.string("integrity", in: resolution, path: path)
            }
            let component = Component(
                ecosystem: .npm,
                name: name,
                version: packageVersion,
                scope: scope,
                hashes: integrity.map(SubresourceIntegrity.hashes) ?? [],
                location: SourceLocation(path: path, position: entry.key.position)
            )
            keyPurls[key] = component.purl
            keyPurls[Self.strippingPeers(key)] = component.purl
            packageComponents.append((key, body, component))
        }
        let knownPurls = Set(keyPurls.values)

        func resolve(_ name: String, _ reference: String) -> String? {
            if reference.hasPrefix("link:") { return nil }
            let key: String
            switch layout {
            case .v5: key = reference.hasPrefix("/") ? reference : "/\(name)/\(reference)"
            case .v6: key = reference.hasPrefix("/") ? reference : "/\(name)@\(reference)"
            case .v9:
                let first = reference.unicodeScalars.first
                let isVersion = first.map { ("0"..."9").contains($0) } ?? true
                key = !isVersion && NodePackageSpecifier.split(reference) != nil ? reference : "\(name)@\(reference)"
            }
            if let purl = keyPurls[key] ?? keyPurls[Self.strippingPeers(key)] { return purl }
            guard let parsed = Self.parse(key, layout: layout) else { return nil }
            let purl = NodePackageSpecifier.purl(name: parsed.name, version: parsed.version)
            return knownPurls.contains(purl) ? purl : nil
        }

        func dependencies(of body: YAMLMapping) throws(LockfileError) -> [String] {
            var purls: [String] = []
            for group in ["dependencies", "optionalDependencies"] {
                for dependency in try JavaScriptLockfileDocument.dependencyEntries(group, in: body, path: path) {
                    if let reference = dependency.value.string, let purl = resolve(dependency.name, reference) {
                        purls.append(purl)
                    }
                }
            }
            return purls
        }

        // Second pass: the graph, from the packages (5.x, 6.x) or the snapshots (9.x).
        var collector = JavaScriptComponentCollector()
        for package in packageComponents where layout != .v9 {
            collector.add(package.component.with(isDirect: nil, dependencies: try dependencies(of: package.body)))
        }
        if layout == .v9 {
            var byPurl: [String: Component] = [:]
            for package in packageComponents { byPurl[package.component.purl] = package.component }
            for entry in snapshots?.entries ?? [] {
                guard let body = entry.value.mapping else {
                    throw .unexpectedShape(
                        path: path,
                        position: entry.value.position,
                        reason: "snapshot `\(entry.key.value)` is a \(entry.value.kindName), expected a mapping"
                    )
                }
                guard let purl = keyPurls[Self.strippingPeers(entry.key.value)], var component = byPurl[purl] else {
                    continue
                }
                if JavaScriptLockfileDocument.flag("optional", in: body) { component.scope = .optional }
                collector.add(component.with(isDirect: nil, dependencies: try dependencies(of: body)))
            }
            for package in packageComponents where !collector.contains(package.component.purl) {
                collector.add(package.component)
            }
        }

        // Direct dependencies: the importers, or the top level of a single-project 5.x/6.x lockfile.
        var importers: [YAMLMapping] = []
        if let importerMap = try JavaScriptLockfileDocument.mapping("importers", in: root, path: path) {
            for entry in importerMap.entries {
                if let body = entry.value.mapping { importers.append(body) }
            }
        } else {
            importers.append(root)
        }
        var roots: [DependencyScope: [String]] = [:]
        for importer in importers {
            for group in Self.groups {
                for dependency in try JavaScriptLockfileDocument.dependencyEntries(group.key, in: importer, path: path)
                {
                    let reference = dependency.value.string ?? dependency.value.mapping?["version"]?.string
                    if let reference, let purl = resolve(dependency.name, reference) {
                        roots[group.scope, default: []].append(purl)
                    }
                }
            }
        }
        collector.markDirect(Set(roots.values.joined()))
        collector.inferScopes(
            runtimeRoots: roots[.runtime] ?? [],
            optionalRoots: roots[.optional] ?? [],
            developmentRoots: roots[.development] ?? []
        )
        return collector.sorted
    }

    /// The package name and peer-free version of a package key, or `nil` when the key is not `name@version`-like.
    private static func parse(_ key: String, layout: Layout) -> (name: String, version: String)? {
        var text = Substring(key)
        if text.hasPrefix("/") { text = text.dropFirst() }
        switch layout {
        case .v5:
            guard let slash = text.lastIndex(of: "/") else { return nil }
            let name = String(text[..<slash])
            let version = NodePackageSpecifier.strippingPeerSuffix(text[text.index(after: slash)...])
            return name.isEmpty || version.isEmpty ? nil : (name, version)
        case .v6, .v9:
            if let parenthesis = text.firstIndex(of: "(") { text = text[..<parenthesis] }
            guard let parts = NodePackageSpecifier.split(text), !parts.rest.isEmpty else { return nil }
            return (parts.name, parts.rest)
        }
    }

    /// The key without `(peer@1.0.0)` suffixes.
    private static func strippingPeers(_ key: String) -> String {
        guard let parenthesis = key.firstIndex(of: "(") else { return key }
        return String(key[..<parenthesis])
    }
}
