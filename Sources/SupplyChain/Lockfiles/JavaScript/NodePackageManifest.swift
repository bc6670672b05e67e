import SlipwayCore

/// The dependency declarations of a `package.json`, read as a lockfile's companion to tell direct dependencies.
struct NodePackageManifest {
    /// `dependencies` and `peerDependencies`: name → range.
    var runtime: [(name: String, range: String)] = []
    /// `optionalDependencies`: name → range.
    var optional: [(name: String, range: String)] = []
    /// `devDependencies`: name → range.
    var development: [(name: String, range: String)] = []

    /// Every declared name.
    var names: Set<String> { Set((runtime + optional + development).map(\.name)) }

    /// Reads the `package.json` beside the lockfile, or `nil` when there is none or it cannot be read.
    ///
    /// A broken manifest does not fail the lockfile: only `isDirect` and scopes are lost.
    static func companion(_ companion: @Sendable (String) -> String?, path: String) -> NodePackageManifest? {
        guard let text = companion("package.json") else { return nil }
        let manifestPath = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : ""
        guard
            let root = try? JavaScriptLockfileDocument.loadMapping(
                text,
                path: manifestPath.isEmpty ? "package.json" : manifestPath + "/package.json",
                format: "JSON"
            )
        else { return nil }
        func entries(_ key: String) -> [(name: String, range: String)] {
            (root[key]?.mapping?.entries ?? []).compactMap { entry in
                entry.value.string.map { (entry.key.value, $0) }
            }
        }
        return NodePackageManifest(
            runtime: entries("dependencies") + entries("peerDependencies"),
            optional: entries("optionalDependencies"),
            development: entries("devDependencies")
        )
    }
}
