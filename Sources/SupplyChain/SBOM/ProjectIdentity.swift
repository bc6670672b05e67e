public import SlipwayCore

/// The name and version a project's own manifest gives it: what an SBOM calls the component under release.
///
/// SBOM consumers (Dependency-Track, GUAC, a registry's scanner) file a document under its root component, so the
/// name should be the one the project publishes under, not whatever its checkout directory is called.
public struct ProjectIdentity: Sendable, Equatable {
    public var name: String
    /// The manifest's version; nil when it has none or takes it from elsewhere (`version.workspace = true`,
    /// `${revision}`, a `dynamic` PEP 621 version).
    public var version: String?
    /// The manifest it was read from, relative to the project root (`package.json`).
    public var manifest: String

    /// Creates an identity.
    public init(name: String, version: String?, manifest: String) {
        self.name = name
        self.version = version
        self.manifest = manifest
    }

    /// The manifests read, in this order; the first that names the project wins.
    public static let manifests = ["package.json", "pyproject.toml", "Cargo.toml", "composer.json", "pom.xml"]

    /// Manifests are a few kilobytes; a larger file is not read.
    static let maximumManifestSize = 8 << 20

    /// The identity in the first manifest under `root` that names the project, or nil when none does.
    ///
    /// - Throws: `LockfileError` with the manifest's path and position when the first manifest present cannot be
    ///   read; the caller decides whether that stops it (the SBOM falls back to the directory name and says why).
    public static func read(root: String, fileSystem: any FileSystem) throws(LockfileError) -> ProjectIdentity? {
        for manifest in manifests {
            let path = PathUtilities.join(root, manifest)
            guard case .file(let size) = fileSystem.itemKind(at: path) else { continue }
            guard size <= maximumManifestSize else {
                throw .tooLarge(path: path, bytes: size, limit: maximumManifestSize)
            }
            guard let bytes = try? fileSystem.readFile(at: path) else { continue }
            let text = String(decoding: bytes, as: UTF8.self)
            if let identity = try identity(in: text, manifest: manifest, path: path) { return identity }
        }
        return nil
    }

    /// The identity `text`, the content of `manifest` (a name from `manifests`) at `path`, declares.
    static func identity(in text: String, manifest: String, path: String) throws(LockfileError) -> ProjectIdentity? {
        let found: (name: String?, version: String?)
        switch manifest {
        case "package.json", "composer.json":
            let root = try JavaScriptLockfileDocument.loadMapping(text, path: path, format: "JSON")
            found = (root["name"]?.string, root["version"]?.string)
        case "pyproject.toml":
            let document = try TOMLLockfile.parse(text, path: path)
            // PEP 621 first; Poetry 1 keeps both under [tool.poetry].
            let project = document["project"]?.table
            let poetry = document["tool"]?.table?["poetry"]?.table
            found = (
                project?["name"]?.string ?? poetry?["name"]?.string,
                project?["version"]?.string ?? poetry?["version"]?.string
            )
        case "Cargo.toml":
            let package = try TOMLLockfile.parse(text, path: path)["package"]?.table
            found = (package?["name"]?.string, package?["version"]?.string)
        case "pom.xml":
            let project = try XMLTree.parse(text, path: path)
            let version = project.child("version")?.text
            found = (project.child("artifactId")?.text, version?.contains("${") == true ? nil : version)
        default:
            return nil
        }
        guard let name = found.name?.trimmingWhitespace(), !name.isEmpty else { return nil }
        let version = found.version?.trimmingWhitespace()
        return ProjectIdentity(name: name, version: version?.isEmpty == false ? version : nil, manifest: manifest)
    }
}
