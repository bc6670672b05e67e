import SlipwayCore

/// Reads the license of an installed npm package from its `package.json`.
///
/// `license` is a string (an SPDX expression, `UNLICENSED` or `SEE LICENSE IN <file>`) or, in old packages, an
/// object `{ "type": …, "url": … }`; the legacy `licenses` array holds such objects or strings, joined with ` OR `
/// (npm documented the list as the licenses a user may choose from, before SPDX expressions replaced it).
public enum NodePackageMetadataReader {
    /// The package in `text` (a `package.json` at `path`), or `nil` when it has no name or version (a workspace
    /// or test fixture rather than an installed package).
    ///
    /// - Throws: ``InstalledMetadataError`` when the file is not JSON.
    public static func read(_ text: String, path: String) throws(InstalledMetadataError) -> InstalledPackage? {
        let root: YAMLNode
        do {
            root = try LockfileDocument.load(text, path: path)
        } catch {
            throw InstalledMetadataError(
                location: error.location,
                reason: "package.json is not valid JSON: \(error.message)"
            )
        }
        guard let manifest = root.mapping, let name = manifest["name"]?.string, !name.isEmpty,
            let version = manifest["version"]?.string, !version.isEmpty
        else { return nil }
        var license: String?
        var position = manifest.position
        if let entry = manifest.entry("license") {
            position = entry.key.position
            license = typeText(entry.value)
        } else if let entry = manifest.entry("licenses") {
            position = entry.key.position
            let types = (entry.value.sequence?.items ?? [entry.value]).compactMap(typeText)
            license = types.isEmpty ? nil : types.count == 1 ? types.first : types.joined(separator: " OR ")
        }
        return InstalledPackage(
            ecosystem: .npm,
            name: name,
            version: version,
            license: license,
            location: SourceLocation(path: path, position: position)
        )
    }

    /// A license string, or the `type` of a `{ type, url }` object.
    private static func typeText(_ node: YAMLNode) -> String? {
        let text = node.string ?? node.mapping?["type"]?.string
        guard let text, !text.trimmingWhitespace().isEmpty else { return nil }
        return text.trimmingWhitespace()
    }
}
