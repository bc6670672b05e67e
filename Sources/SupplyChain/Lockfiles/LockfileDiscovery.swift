public import SlipwayCore

/// The components found under a directory, and the lockfiles that could not be read (located).
public struct LockfileInventory: Sendable {
    /// One lockfile that was read.
    public struct Source: Sendable, Hashable, Codable {
        public var path: String
        public var format: String
        public var components: Int
    }

    public var sources: [Source]
    /// Every component, sorted by purl then lockfile path, duplicates across lockfiles kept (each has its location).
    public var components: [Component]
    public var diagnostics: [Diagnostic]

    /// No lockfile was found, readable or not: usually the command ran in the wrong directory.
    public var foundNothing: Bool { sources.isEmpty && diagnostics.isEmpty }
}

/// Finds lockfiles recursively and reads each with the reader that handles it; one bad file never stops the rest.
public struct LockfileDiscovery: Sendable {
    /// A few of the lockfiles it reads, for messages that say none was found.
    public static let examples = "package-lock.json, poetry.lock, go.mod, …"

    /// Directories never searched: installed dependencies, build output and VCS metadata.
    public static let skippedDirectories: Set<String> = [
        "node_modules", ".build", "vendor", ".git", ".venv", "venv", "__pycache__", "target", ".tox", "Pods",
    ]

    private let fileSystem: any FileSystem
    private let readers: [any LockfileReader]
    private let maximumDepth: Int

    /// Lockfiles larger than this are refused before they are read (the largest real ones are a few MiB).
    public static let maximumLockfileBytes = 64 << 20

    /// Creates a discovery over `fileSystem` with `readers` (tried in order; the first that handles a file wins).
    public init(fileSystem: any FileSystem, readers: [any LockfileReader], maximumDepth: Int = 12) {
        self.fileSystem = fileSystem
        self.readers = readers
        self.maximumDepth = maximumDepth
    }

    /// Reads every lockfile under `root` (or `root` itself when it is a file).
    public func inventory(of root: String) -> LockfileInventory {
        var files: [String] = []
        if case .file = fileSystem.itemKind(at: root) {
            files = [root]
        } else {
            collect(root, depth: 0, into: &files)
        }
        let base = fileSystem.isDirectory(root) ? root : PathUtilities.directory(of: root)
        var sources: [LockfileInventory.Source] = []
        var components: [Component] = []
        var diagnostics: [Diagnostic] = []
        for file in files.sorted() {
            let display = PathUtilities.relative(file, to: base)
            guard let reader = readers.first(where: { $0.handles(path: display) }) else { continue }
            let fileSystem = self.fileSystem
            let directory = PathUtilities.directory(of: file)
            if case .file(let size) = fileSystem.itemKind(at: file), size > Self.maximumLockfileBytes {
                let error = LockfileError.tooLarge(path: display, bytes: size, limit: Self.maximumLockfileBytes)
                diagnostics.append(Diagnostic(.error, error.message, at: error.location))
                continue
            }
            do {
                let text = try fileSystem.readText(at: file)
                let found = try reader.read(text, path: display) { name in
                    try? fileSystem.readText(at: PathUtilities.join(directory, name))
                }
                sources.append(.init(path: display, format: reader.format, components: found.count))
                components += found
            } catch let error as LockfileError {
                diagnostics.append(Diagnostic(.error, error.message, at: error.location))
            } catch {
                diagnostics.append(
                    Diagnostic(.error, "\(error)", at: SourceLocation(path: display, line: 1, column: 1))
                )
            }
        }
        components.sort { ($0.purl, $0.location?.path ?? "") < ($1.purl, $1.location?.path ?? "") }
        return LockfileInventory(sources: sources, components: components, diagnostics: diagnostics)
    }

    private func collect(_ directory: String, depth: Int, into files: inout [String]) {
        guard depth <= maximumDepth, let names = try? fileSystem.contentsOfDirectory(at: directory) else { return }
        for name in names where !Self.skippedDirectories.contains(name) {
            let path = PathUtilities.join(directory, name)
            switch fileSystem.itemKind(at: path) {
            case .directory: collect(path, depth: depth + 1, into: &files)
            case .file: files.append(path)
            case nil: break
            }
        }
    }
}
