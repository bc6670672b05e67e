/// Updates the top-level `"version"` of a JSON file (`package.json`, `bower.json`, `manifest.json`, `composer.json`).
///
/// Unlike standard-version's `json` updater, which parses the file and writes it back with
/// `stringify-package` (detected indent and newline, one final newline), this one replaces only
/// the characters between the version's quotes. For files npm itself formatted the result is the
/// same; for any other layout (tabs, aligned values, `\u` escapes, no final newline) nothing else
/// moves. Nested `"version"` keys (dependencies, `engines`, lockfile entries) are never touched.
public struct JSONVersionUpdater: VersionFileUpdater {
    /// Whether `packages[""].version`, the root package entry of npm lockfiles v2 and v3, is updated too.
    public var updatesRootPackageEntry: Bool

    /// Creates an updater; pass `updatesRootPackageEntry: true` for `package-lock.json` and `npm-shrinkwrap.json`.
    public init(updatesRootPackageEntry: Bool = false) {
        self.updatesRootPackageEntry = updatesRootPackageEntry
    }

    private static let versionKey = ["version"]
    private static let rootPackageVersionKey = ["packages", "", "version"]

    /// Returns the top-level `"version"` string, or `nil` when the key is absent.
    ///
    /// When the key appears more than once the last one wins, as with `JSON.parse`.
    ///
    /// - Throws: `VersionFileError.invalidSyntax` for malformed JSON; `.versionNotString` when the value is
    ///   not a string.
    public func readVersion(from text: String, path: String) throws(VersionFileError) -> String? {
        let bytes = Array(text.utf8)
        let matches = try JSONScanner.scan(bytes, path: path, targets: [Self.versionKey])
        guard let match = matches.last else { return nil }
        return try Self.string(of: match, in: bytes, path: path)
    }

    /// Replaces the top-level `"version"` (and, if enabled, `packages[""].version`), keeping every other byte.
    ///
    /// - Throws: `VersionFileError.invalidSyntax` for malformed JSON; `.versionNotFound` without a top-level
    ///   `"version"`; `.versionNotString` when a version value is not a string; `.invalidVersion` for an
    ///   unsafe `version`.
    public func writeVersion(_ version: String, to text: String, path: String) throws(VersionFileError) -> String {
        try VersionText.validate(version, path: path)
        let bytes = Array(text.utf8)
        var targets: Set<[String]> = [Self.versionKey]
        if updatesRootPackageEntry {
            targets.insert(Self.rootPackageVersionKey)
        }
        let matches = try JSONScanner.scan(bytes, path: path, targets: targets)
        guard matches.contains(where: { $0.keyPath == Self.versionKey }) else {
            throw .versionNotFound(path: path, expected: "a top-level \"version\" key")
        }
        var ranges: [Range<Int>] = []
        for match in matches {
            _ = try Self.string(of: match, in: bytes, path: path)
            if let range = match.contentRange {
                ranges.append(range)
            }
        }
        return VersionText.replacing(ranges, in: bytes, with: version)
    }

    private static func string(
        of match: JSONScanner.Match,
        in bytes: [UInt8],
        path: String
    ) throws(VersionFileError) -> String {
        guard match.kind == .string, let value = match.string else {
            let key = match.keyPath == versionKey ? "\"version\"" : "packages[\"\"].version"
            throw .versionNotString(
                path: path,
                position: VersionText.position(in: bytes, at: match.start),
                key: key,
                found: match.kind.rawValue
            )
        }
        return value
    }
}
