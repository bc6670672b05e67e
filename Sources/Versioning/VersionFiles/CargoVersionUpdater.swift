/// Updates `version = "…"` under `[package]` in `Cargo.toml`, or under `[workspace.package]` in a workspace root.
///
/// Dependency versions (`serde = { version = "1" }`, `[dependencies.serde] version = …`) are never
/// touched. A member that inherits its version (`version.workspace = true`) is reported: the
/// workspace root holds that version. standard-version's `cargo` updater re-serialises the whole
/// manifest with a TOML library, losing comments and layout; this one edits the version text only.
public struct CargoVersionUpdater: VersionFileUpdater {
    /// Creates an updater.
    public init() {}

    private static let targets: [[String]: String] = [
        ["package", "version"]: "[package] version",
        ["workspace", "package", "version"]: "[workspace.package] version",
    ]

    /// Returns the `[package]` version, else the `[workspace.package]` one, or `nil` when neither is set.
    ///
    /// - Throws: `VersionFileError.invalidSyntax` for malformed TOML; `.versionNotString` when the version is
    ///   not a one-line string; `.workspaceVersion` when the package inherits the workspace's version.
    public func readVersion(from text: String, path: String) throws(VersionFileError) -> String? {
        let bytes = Array(text.utf8)
        let versions = try Self.versions(in: bytes, path: path)
        let preferred = versions.first { $0.keyPath.first == "package" } ?? versions.first
        return preferred?.string
    }

    /// Replaces the package (and workspace package) version, keeping every other byte.
    ///
    /// - Throws: `VersionFileError.invalidSyntax` for malformed TOML; `.versionNotFound` when no version is
    ///   set; `.versionNotString`; `.workspaceVersion`; `.invalidVersion` for an unsafe `version`.
    public func writeVersion(_ version: String, to text: String, path: String) throws(VersionFileError) -> String {
        try VersionText.validate(version, path: path)
        let bytes = Array(text.utf8)
        let versions = try Self.versions(in: bytes, path: path)
        if versions.isEmpty {
            throw .versionNotFound(
                path: path,
                expected: "`version = \"…\"` under [package] (or [workspace.package] in a workspace root)"
            )
        }
        return VersionText.replacing(versions.compactMap(\.contentRange), in: bytes, with: version)
    }

    private static func versions(
        in bytes: [UInt8],
        path: String
    ) throws(VersionFileError) -> [TOMLScanner.Assignment] {
        var versions: [TOMLScanner.Assignment] = []
        for assignment in try TOMLScanner.scan(bytes, path: path) {
            let inheritsByDottedKey = assignment.keyPath == ["package", "version", "workspace"]
            let inheritsByInlineTable =
                assignment.keyPath == ["package", "version"] && assignment.inlineKeys.contains("workspace")
            if inheritsByDottedKey || inheritsByInlineTable {
                throw .workspaceVersion(
                    path: path,
                    position: VersionText.position(in: bytes, at: assignment.keyStart)
                )
            }
            guard let key = targets[assignment.keyPath] else { continue }
            guard assignment.kind == .string else {
                throw .versionNotString(
                    path: path,
                    position: VersionText.position(in: bytes, at: assignment.valueStart),
                    key: key,
                    found: assignment.kind.rawValue
                )
            }
            versions.append(assignment)
        }
        return versions
    }
}
