import SlipwayCore

/// Reads `yarn.lock` in both of its formats: yarn classic v1 (its own text format) and yarn berry (YAML with
/// `__metadata`, yarn 2 and later).
///
/// Dependencies are resolved through the descriptors (`name@range`) that head each entry. Berry `workspace:`
/// entries are the project: they are not components, and their dependencies are the direct ones. Classic
/// lockfiles do not name the project's own dependencies, so directness (and development versus runtime scope) comes
/// from the `package.json` beside the lockfile when there is one. Berry `checksum`s are digests of yarn's cache zip
/// (prefixed with the `cacheKey`), not of the published package, so they are not recorded as component hashes.
public struct YarnLockReader: LockfileReader {
    /// Creates the reader.
    public init() {}

    public var format: String { "yarn.lock" }

    /// Berry `__metadata.version` values this reader knows (yarn 2 wrote 4, yarn 3 wrote 6, yarn 4 writes 8).
    static let berryVersions = ["4", "5", "6", "7", "8"]

    public func handles(path: String) -> Bool {
        (path.split(separator: "/").last ?? "") == "yarn.lock"
    }

    public func read(
        _ text: String,
        path: String,
        companion: @Sendable (String) -> String?
    ) throws(LockfileError) -> [Component] {
        let limit = LockfileDocument.limits.maximumBytes
        if text.utf8.count > limit { throw .tooLarge(path: path, bytes: text.utf8.count, limit: limit) }
        let manifest = NodePackageManifest.companion(companion, path: path)
        let isBerry = text.split(separator: "\n", maxSplits: 40).contains { $0.hasPrefix("__metadata:") }
        return isBerry
            ? try readBerry(text, path: path, manifest: manifest)
            : try readClassic(text, path: path, manifest: manifest)
    }

    // MARK: - Classic

    private func readClassic(
        _ text: String,
        path: String,
        manifest: NodePackageManifest?
    ) throws(LockfileError)
        -> [Component]
    {
        for (index, line) in text.split(separator: "\n", maxSplits: 10).prefix(10).enumerated()
        where line.hasPrefix("# yarn lockfile v") {
            let version = String(line.dropFirst("# yarn lockfile v".count)).trimmingWhitespace()
            if version != "1" {
                throw .unsupportedVersion(
                    path: path,
                    position: SourcePosition(line: index + 1, column: 1),
                    version: version,
                    supported: ["1"] + Self.berryVersions.map { "berry \($0)" }
                )
            }
        }
        let entries = try YarnLockTextParser.parse(text, path: path, dialect: .classic)
        var purls: [String: String] = [:]
        var packages: [(entry: YarnLockTextParser.Entry, component: Component)] = []
        for entry in entries {
            guard let version = entry.fields["version"] else {
                throw .unexpectedShape(
                    path: path,
                    position: entry.position,
                    reason: "entry `\(entry.descriptors.joined(separator: ", "))` has no version"
                )
            }
            guard let descriptor = NodePackageSpecifier.split(entry.descriptors[0]) else {
                throw .invalidSyntax(
                    path: path,
                    position: entry.position,
                    format: "yarn.lock",
                    reason: "`\(entry.descriptors[0])` is not `name@range`"
                )
            }
            let name = NodePackageSpecifier.alias(descriptor.rest)?.name ?? descriptor.name
            var hashes = entry.fields["integrity"].map(SubresourceIntegrity.hashes) ?? []
            if let resolved = entry.fields["resolved"], let hash = resolved.split(separator: "#").last,
                resolved.contains("#"), SubresourceIntegrity.isHex(hash, length: 40),
                !hashes.contains(where: { $0.algorithm == "SHA-1" })
            {
                hashes.append(ComponentHash(algorithm: "SHA-1", hex: String(hash)))
            }
            let component = Component(
                ecosystem: .npm,
                name: name,
                version: version,
                hashes: hashes,
                location: SourceLocation(path: path, position: entry.position)
            )
            for descriptor in entry.descriptors { purls[descriptor] = component.purl }
            packages.append((entry, component))
        }
        var collector = JavaScriptComponentCollector()
        for (entry, component) in packages {
            var dependencies: [String] = []
            for group in ["dependencies", "optionalDependencies"] {
                for dependency in entry.groups[group] ?? [] {
                    if let purl = purls[dependency.name + "@" + dependency.range] { dependencies.append(purl) }
                }
            }
            collector.add(component.with(isDirect: nil, dependencies: dependencies))
        }
        if let manifest {
            apply(manifest, to: &collector) { purls[$0 + "@" + $1] }
        }
        return collector.sorted
    }

    // MARK: - Berry

    private func readBerry(
        _ text: String,
        path: String,
        manifest: NodePackageManifest?
    ) throws(LockfileError)
        -> [Component]
    {
        let entries = try YarnLockTextParser.parse(text, path: path, dialect: .berry)
        guard let metadata = entries.first(where: { $0.descriptors == ["__metadata"] }),
            let version = metadata.fields["version"]
        else {
            throw .unexpectedShape(
                path: path,
                position: SourcePosition(line: 1, column: 1),
                reason: "no `__metadata.version`"
            )
        }
        guard Self.berryVersions.contains(version) else {
            throw .unsupportedVersion(
                path: path,
                position: metadata.fieldPositions["version"] ?? metadata.position,
                version: version,
                supported: ["1"] + Self.berryVersions.map { "berry \($0)" }
            )
        }
        var purls: [String: String] = [:]
        var packages: [(entry: YarnLockTextParser.Entry, component: Component)] = []
        var workspaces: [YarnLockTextParser.Entry] = []
        for entry in entries where entry.descriptors != ["__metadata"] {
            let header = entry.descriptors.joined(separator: ", ")
            guard let resolution = entry.fields["resolution"], let resolved = NodePackageSpecifier.split(resolution)
            else {
                throw .unexpectedShape(
                    path: path,
                    position: entry.position,
                    reason: "entry `\(header)` has no `name@reference` resolution"
                )
            }
            if resolved.rest.hasPrefix("workspace:") {
                workspaces.append(entry)
                continue
            }
            guard let packageVersion = entry.fields["version"] else {
                throw .unexpectedShape(path: path, position: entry.position, reason: "entry `\(header)` has no version")
            }
            let component = Component(
                ecosystem: .npm,
                name: resolved.name,
                version: packageVersion,
                location: SourceLocation(path: path, position: entry.position)
            )
            for descriptor in entry.descriptors { purls[descriptor] = component.purl }
            packages.append((entry, component))
        }

        func lookup(_ name: String, _ range: String) -> String? {
            purls[name + "@" + range] ?? purls[name + "@npm:" + range]
        }
        func dependencies(of entry: YarnLockTextParser.Entry) -> [String] {
            ["dependencies", "optionalDependencies"].flatMap { group in
                (entry.groups[group] ?? []).compactMap { lookup($0.name, $0.range) }
            }
        }

        var collector = JavaScriptComponentCollector()
        for (entry, component) in packages {
            collector.add(component.with(isDirect: nil, dependencies: dependencies(of: entry)))
        }
        if !workspaces.isEmpty { collector.markDirect(Set(workspaces.flatMap(dependencies))) }
        if let manifest { apply(manifest, to: &collector, lookup: lookup) }
        return collector.sorted
    }

    // MARK: - Shared

    /// Infers scopes from the manifest's dependency groups (and directness, when the lockfile did not tell it).
    private func apply(
        _ manifest: NodePackageManifest,
        to collector: inout JavaScriptComponentCollector,
        lookup: (String, String) -> String?
    ) {
        let runtime = manifest.runtime.compactMap { lookup($0.name, $0.range) }
        let optional = manifest.optional.compactMap { lookup($0.name, $0.range) }
        let development = manifest.development.compactMap { lookup($0.name, $0.range) }
        if collector.sorted.allSatisfy({ $0.isDirect == nil }) {
            collector.markDirect(Set(runtime + optional + development))
        }
        collector.inferScopes(runtimeRoots: runtime, optionalRoots: optional, developmentRoots: development)
    }
}
