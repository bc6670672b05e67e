import SlipwayCore

/// Reads the license of a crate unpacked in the Cargo registry from its `Cargo.toml` (`[package]` `license`, or
/// `license-file` for a license without an SPDX id).
public enum CargoManifestMetadataReader {
    /// The crate in `text` (a `Cargo.toml` at `path`), or `nil` without `[package]` `name` and `version`.
    ///
    /// - Throws: ``InstalledMetadataError`` when the file is not TOML.
    public static func read(_ text: String, path: String) throws(InstalledMetadataError) -> InstalledPackage? {
        let table: TOMLTable
        do {
            table = try TOMLParser.parse(text)
        } catch {
            throw InstalledMetadataError(
                location: SourceLocation(path: path, position: error.position),
                reason: "Cargo.toml is not valid TOML: \(error.reason)"
            )
        }
        guard let package = table["package"]?.table, let name = package["name"]?.string,
            let version = package["version"]?.string
        else { return nil }
        let license = package["license"]?.string
        let position =
            package.keyPositions[license == nil ? "license-file" : "license"] ?? package["name"]?.position
            ?? package.position
        return InstalledPackage(
            ecosystem: .cargo,
            name: name,
            version: version,
            license: license,
            licenseFile: package["license-file"]?.string,
            location: SourceLocation(path: path, position: position)
        )
    }
}
