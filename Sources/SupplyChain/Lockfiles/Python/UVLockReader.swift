import SlipwayCore

/// Reads uv's `uv.lock` (version 1, any revision).
///
/// Packages whose `source` is `editable` or `virtual` are the project and its workspace members: they are roots, not
/// components. Their `dependencies` are direct runtime dependencies, `optional-dependencies` direct optional ones and
/// `dev-dependencies` direct development ones; every other package takes the strongest scope it is reachable with
/// (runtime, then optional, then development), following extras where an edge requests them. Hashes come from
/// `sdist` and `wheels`; each package's `dependencies` give the graph.
public struct UVLockReader: LockfileReader {
    /// The lock versions read.
    static let supportedVersions = ["1"]

    /// Creates the reader.
    public init() {}

    /// The format name for reports.
    public var format: String { "uv.lock" }

    /// `uv.lock` files.
    public func handles(path: String) -> Bool { PathUtilities.lastComponent(of: path) == "uv.lock" }

    /// One dependency edge: the target package and the extras it enables.
    struct Edge {
        var target: Int
        var extras: [String]
    }

    /// A package as read, before scopes are decided.
    struct Package {
        var component: Component
        var isRoot: Bool
        var dependencies: [Edge] = []
        var optional: [String: [Edge]] = [:]
        var development: [Edge] = []
    }

    /// A dependency entry before names are resolved to packages.
    struct Reference {
        var name: String
        var version: String?
        var extras: [String]
        var position: SourcePosition
    }

    /// The locked packages of `text`.
    public func read(
        _ text: String,
        path: String,
        companion: @Sendable (String) -> String?
    ) throws(LockfileError) -> [Component] {
        let root = try TOMLLockfile.parse(text, path: path)
        guard let versionNode = root["version"] else {
            throw .unexpectedShape(path: path, position: root.position, reason: "the lock has no `version`")
        }
        let version = versionNode.integer.map(String.init) ?? versionNode.string ?? versionNode.value.typeName
        guard Self.supportedVersions.contains(version) else {
            throw .unsupportedVersion(
                path: path,
                position: versionNode.position,
                version: version,
                supported: Self.supportedVersions
            )
        }
        let tables = try TOMLLockfile.tables(root, "package", in: "the lock", path: path)
        var packages: [Package] = []
        var references: [(dependencies: [Reference], optional: [String: [Reference]], development: [Reference])] = []
        for table in tables {
            let (package, reference) = try Self.package(table, path: path)
            packages.append(package)
            references.append(reference)
        }
        var indexByName: [String: [Int]] = [:]
        for (index, package) in packages.enumerated() {
            indexByName[PythonProject.normalize(package.component.name), default: []].append(index)
        }
        func resolve(_ list: [Reference]) throws(LockfileError) -> [Edge] {
            var edges: [Edge] = []
            for reference in list {
                let candidates = indexByName[PythonProject.normalize(reference.name)] ?? []
                let matching = candidates.filter {
                    reference.version == nil || packages[$0].component.version == reference.version
                }
                guard !matching.isEmpty else {
                    throw .unexpectedShape(
                        path: path,
                        position: reference.position,
                        reason: "dependency `\(reference.name)` is not a locked package"
                    )
                }
                edges += matching.map { Edge(target: $0, extras: reference.extras) }
            }
            return edges
        }
        for index in packages.indices {
            packages[index].dependencies = try resolve(references[index].dependencies)
            for (extra, list) in references[index].optional { packages[index].optional[extra] = try resolve(list) }
            packages[index].development = try resolve(references[index].development)
            packages[index].component.dependencies = Array(
                Set(packages[index].dependencies.map { packages[$0.target].component.purl })
            )
            .sorted()
        }
        Self.assignScopes(&packages)
        var byPurl: [String: Component] = [:]
        for package in packages where !package.isRoot && byPurl[package.component.purl] == nil {
            byPurl[package.component.purl] = package.component
        }
        return byPurl.values.sorted { $0.purl < $1.purl }
    }

    /// Reads one `[[package]]` table.
    static func package(
        _ table: TOMLTable,
        path: String
    ) throws(LockfileError) -> (
        Package, (dependencies: [Reference], optional: [String: [Reference]], development: [Reference])
    ) {
        let context = "[[package]]"
        let name = try TOMLLockfile.requiredString(table, "name", in: context, path: path)
        let source = try TOMLLockfile.table(table, "source", in: context, path: path)
        let isRoot = source?["editable"] != nil || source?["virtual"] != nil
        // Workspace members may have a dynamic version and no `version` key.
        let version = try TOMLLockfile.string(table, "version", in: context, path: path)
        guard let version = version ?? (isRoot ? "" : nil) else {
            throw .unexpectedShape(
                path: path,
                position: table.position,
                reason: "\(context) `\(name)` has no `version`"
            )
        }
        var hashes: [ComponentHash] = []
        if let sdist = try TOMLLockfile.table(table, "sdist", in: context, path: path),
            let hash = sdist["hash"]?.string.flatMap(PythonProject.hash)
        {
            hashes.append(hash)
        }
        for wheel in try TOMLLockfile.array(table, "wheels", in: context, path: path) {
            if let hash = wheel.table?["hash"]?.string.flatMap(PythonProject.hash) { hashes.append(hash) }
        }
        var purl = PackageURL(ecosystem: .pypi, name: name, version: version)
        if let source {
            if let git = source["git"]?.string {
                purl.qualifiers["vcs_url"] = "git+" + git
            } else if let url = source["url"]?.string {
                purl.qualifiers["download_url"] = url
            } else if let registry = source["registry"]?.string, registry != "https://pypi.org/simple" {
                purl.qualifiers["repository_url"] = registry
            }
        }
        let component = Component(
            ecosystem: .pypi,
            name: name,
            version: version,
            purl: purl.description,
            hashes: PythonProject.unique(hashes),
            location: SourceLocation(path: path, position: table.position)
        )
        let dependencies = try references(
            try TOMLLockfile.array(table, "dependencies", in: context, path: path),
            path: path
        )
        var optional: [String: [Reference]] = [:]
        var development: [Reference] = []
        let optionalTable = try TOMLLockfile.table(table, "optional-dependencies", in: context, path: path)
        for extra in optionalTable?.keys ?? [] {
            if let optionalTable {
                optional[extra] = try references(
                    try TOMLLockfile.array(optionalTable, extra, in: "optional-dependencies", path: path),
                    path: path
                )
            }
        }
        if let groups = try TOMLLockfile.table(table, "dev-dependencies", in: context, path: path) {
            for group in groups.keys {
                development += try references(
                    try TOMLLockfile.array(groups, group, in: "dev-dependencies", path: path),
                    path: path
                )
            }
        }
        return (
            Package(component: component, isRoot: isRoot),
            (dependencies: dependencies, optional: optional, development: development)
        )
    }

    /// Reads dependency entries `{ name = …, version = …, extra = [...] }`.
    static func references(_ nodes: [TOMLNode], path: String) throws(LockfileError) -> [Reference] {
        var result: [Reference] = []
        for node in nodes {
            guard let table = node.table else {
                throw TOMLLockfile.wrongType(node, key: "dependencies", expected: "a table", "[[package]]", path)
            }
            let name = try TOMLLockfile.requiredString(table, "name", in: "a dependency", path: path)
            let version = try TOMLLockfile.string(table, "version", in: "a dependency", path: path)
            let extras = try TOMLLockfile.array(table, "extra", in: "a dependency", path: path).compactMap(\.string)
            result.append(Reference(name: name, version: version, extras: extras, position: node.position))
        }
        return result
    }

    /// Sets each package's scope and directness by walking from the roots, strongest scope first.
    static func assignScopes(_ packages: inout [Package]) {
        let roots = packages.indices.filter { packages[$0].isRoot }
        for scope in [DependencyScope.runtime, .optional, .development] {
            var starts: [Edge] = []
            for root in roots {
                switch scope {
                case .runtime: starts += packages[root].dependencies
                case .optional:
                    starts += packages[root].optional.keys.sorted().flatMap { packages[root].optional[$0] ?? [] }
                case .development: starts += packages[root].development
                }
            }
            for edge in starts where !packages[edge.target].isRoot {
                packages[edge.target].component.isDirect = true
            }
            var queue = starts
            var seen = Set<String>()
            while let edge = queue.popLast() {
                let key = "\(edge.target)[\(edge.extras.sorted().joined(separator: ","))]"
                guard seen.insert(key).inserted else { continue }
                let package = packages[edge.target]
                if !package.isRoot && package.component.scope == nil { packages[edge.target].component.scope = scope }
                queue += package.dependencies
                for extra in edge.extras { queue += package.optional[extra] ?? [] }
            }
        }
        for index in packages.indices where !packages[index].isRoot && packages[index].component.isDirect == nil {
            packages[index].component.isDirect = roots.isEmpty ? nil : false
        }
    }
}
