public import SlipwayCore

/// Finds installed packages and reads their license metadata: `node_modules/**/package.json` (including nested
/// and scoped packages, and pnpm's `node_modules/.pnpm` store), Python `*.dist-info/METADATA`, and crates
/// unpacked in a Cargo registry (`<name>-<version>/Cargo.toml` whose manifest has that name and version).
///
/// Every unreadable file is a warning; the scan carries on.
public struct InstalledPackageScanner: Sendable {
    /// Directories never searched outside `node_modules`: VCS metadata, build output and vendored sources.
    public static let skippedDirectories: Set<String> = [".git", ".build", "__pycache__", "target", "vendor", ".tox"]

    /// The packages found and the files that could not be read.
    public struct Result: Sendable {
        /// Sorted by metadata path; one entry per ecosystem, normalised name and version (the first path wins).
        public var packages: [InstalledPackage]
        public var diagnostics: [Diagnostic]
    }

    private let fileSystem: any FileSystem
    private let maximumDepth: Int

    /// Creates a scanner over `fileSystem`; directories deeper than `maximumDepth` below a root are not searched.
    public init(fileSystem: any FileSystem, maximumDepth: Int = 24) {
        self.fileSystem = fileSystem
        self.maximumDepth = maximumDepth
    }

    /// Scans each root; `display` turns an absolute path found into the path reports show.
    public func scan(roots: [String], display: @escaping (String) -> String) -> Result {
        var walker = Walker(fileSystem: fileSystem, maximumDepth: maximumDepth, display: display)
        for root in roots {
            let absolute = PathUtilities.join(fileSystem.currentDirectory, root)
            if PathUtilities.lastComponent(of: absolute) == "node_modules" {
                walker.nodeModules(absolute, depth: 0)
            } else {
                walker.walk(absolute, depth: 0)
            }
        }
        var seen: Set<PackageMatchKey> = []
        var packages: [InstalledPackage] = []
        for package in walker.packages.sorted(by: { $0.location < $1.location })
        where seen.insert(package.matchKey).inserted {
            packages.append(package)
        }
        return Result(packages: packages, diagnostics: walker.diagnostics)
    }
}

private struct Walker {
    let fileSystem: any FileSystem
    let maximumDepth: Int
    let display: (String) -> String
    var packages: [InstalledPackage] = []
    var diagnostics: [Diagnostic] = []
    var visited: Set<String> = []

    init(fileSystem: any FileSystem, maximumDepth: Int, display: @escaping (String) -> String) {
        self.fileSystem = fileSystem
        self.maximumDepth = maximumDepth
        self.display = display
    }

    private func children(_ directory: String) -> [String] {
        ((try? fileSystem.contentsOfDirectory(at: directory)) ?? []).map { PathUtilities.join(directory, $0) }
    }

    mutating func walk(_ directory: String, depth: Int) {
        guard depth <= maximumDepth, visited.insert(directory).inserted else { return }
        for path in children(directory) where fileSystem.isDirectory(path) {
            let name = PathUtilities.lastComponent(of: path)
            if name.hasSuffix(".dist-info") {
                python(path)
            } else if name == "node_modules" {
                nodeModules(path, depth: depth + 1)
            } else if InstalledPackageScanner.skippedDirectories.contains(name) {
                continue
            } else if !crate(path) {
                walk(path, depth: depth + 1)
            }
        }
    }

    /// Every package directory in a `node_modules` (scoped ones under `@scope/`), and their nested `node_modules`.
    mutating func nodeModules(_ directory: String, depth: Int) {
        guard depth <= maximumDepth, visited.insert(directory).inserted else { return }
        for path in children(directory) where fileSystem.isDirectory(path) {
            let name = PathUtilities.lastComponent(of: path)
            if name == ".pnpm" {
                for entry in children(path) { nodeModules(PathUtilities.join(entry, "node_modules"), depth: depth + 1) }
            } else if name.hasPrefix(".") {
                continue
            } else if name.hasPrefix("@") {
                for scoped in children(path) where fileSystem.isDirectory(scoped) { nodePackage(scoped, depth: depth) }
            } else {
                nodePackage(path, depth: depth)
            }
        }
    }

    private mutating func nodePackage(_ directory: String, depth: Int) {
        let manifest = PathUtilities.join(directory, "package.json")
        if case .file = fileSystem.itemKind(at: manifest) {
            read(manifest) { text, path throws(InstalledMetadataError) in
                try NodePackageMetadataReader.read(text, path: path)
            }
        }
        let nested = PathUtilities.join(directory, "node_modules")
        if fileSystem.isDirectory(nested) { nodeModules(nested, depth: depth + 1) }
    }

    private mutating func python(_ directory: String) {
        let metadata = PathUtilities.join(directory, "METADATA")
        guard case .file = fileSystem.itemKind(at: metadata) else { return }
        read(metadata) { text, path in PythonMetadataReader.read(text, path: path) }
    }

    /// Reads `directory/Cargo.toml` when the directory is named `<name>-<version>` after its own manifest (the
    /// shape of `$CARGO_HOME/registry/src/*/`); returns whether it was such a crate.
    private mutating func crate(_ directory: String) -> Bool {
        let manifest = PathUtilities.join(directory, "Cargo.toml")
        guard case .file = fileSystem.itemKind(at: manifest), let text = try? fileSystem.readText(at: manifest) else {
            return false
        }
        let shown = display(manifest)
        let package: InstalledPackage?
        do {
            package = try CargoManifestMetadataReader.read(text, path: shown)
        } catch {
            // Only a registry-shaped directory name makes a broken manifest worth reporting.
            return false
        }
        guard let package, PathUtilities.lastComponent(of: directory) == "\(package.name)-\(package.version)" else {
            return false
        }
        packages.append(package)
        return true
    }

    private mutating func read(
        _ path: String,
        _ reader: (String, String) throws(InstalledMetadataError) -> InstalledPackage?
    ) {
        let shown = display(path)
        do {
            let text = try fileSystem.readText(at: path)
            if let package = try reader(text, shown) { packages.append(package) }
        } catch let error as InstalledMetadataError {
            diagnostics.append(Diagnostic(.warning, error.reason, at: error.location))
        } catch {
            diagnostics.append(Diagnostic(.warning, "\(error)", at: SourceLocation(path: shown, line: 1, column: 1)))
        }
    }
}
