/// Updates `version = "…"` under `[project]` (PEP 621) and `[tool.poetry]` in `pyproject.toml`.
///
/// Only those two tables are looked at: a `version` key in any other table, array of tables,
/// inline table or multi-line string is left alone. Quotes (single or double), whitespace around
/// `=`, comments and line endings are kept. When `[project]` lists `"version"` in `dynamic`, the
/// version lives elsewhere, which is reported instead of guessed.
public struct PyprojectVersionUpdater: VersionFileUpdater {
    /// Creates an updater.
    public init() {}

    private static let targets: [[String]: String] = [
        ["project", "version"]: "[project] version",
        ["tool", "poetry", "version"]: "[tool.poetry] version",
    ]

    /// Returns the `[project]` version, else the `[tool.poetry]` one, or `nil` when neither is set.
    ///
    /// - Throws: `VersionFileError.invalidSyntax` for malformed TOML; `.versionNotString` when the version is
    ///   not a one-line string; `.dynamicVersion` when the version is declared dynamic.
    public func readVersion(from text: String, path: String) throws(VersionFileError) -> String? {
        let bytes = Array(text.utf8)
        let versions = try Self.staticVersions(in: bytes, path: path)
        let preferred = versions.first { $0.keyPath.first == "project" } ?? versions.first
        return preferred?.string
    }

    /// Replaces every static version (in `[project]` and in `[tool.poetry]`), keeping every other byte.
    ///
    /// - Throws: `VersionFileError.invalidSyntax` for malformed TOML; `.versionNotFound` when neither table
    ///   sets a version; `.versionNotString`; `.dynamicVersion`; `.invalidVersion` for an unsafe `version`.
    public func writeVersion(_ version: String, to text: String, path: String) throws(VersionFileError) -> String {
        try VersionText.validate(version, path: path)
        let bytes = Array(text.utf8)
        let versions = try Self.staticVersions(in: bytes, path: path)
        if versions.isEmpty {
            throw .versionNotFound(path: path, expected: "`version = \"…\"` under [project] or [tool.poetry]")
        }
        return VersionText.replacing(versions.compactMap(\.contentRange), in: bytes, with: version)
    }

    /// The string version assignments; throws when a version is not a string or is dynamic with no static one.
    private static func staticVersions(
        in bytes: [UInt8],
        path: String
    ) throws(VersionFileError) -> [TOMLScanner.Assignment] {
        let assignments = try TOMLScanner.scan(bytes, path: path)
        var versions: [TOMLScanner.Assignment] = []
        for assignment in assignments {
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
        if versions.isEmpty,
            let dynamic = assignments.first(where: {
                $0.keyPath == ["project", "dynamic"] && $0.arrayStrings.contains("version")
            })
        {
            throw .dynamicVersion(path: path, position: VersionText.position(in: bytes, at: dynamic.keyStart))
        }
        return versions
    }
}
