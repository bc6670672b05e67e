public import SlipwayCore

/// Finds the files to audit: workflows under `.github/workflows`, local actions, and explicit files.
public struct FileDiscovery: Sendable {
    /// One file to read.
    public struct Input: Sendable, Hashable {
        public var absolutePath: String
        /// Path shown in output, relative to the root.
        public var displayPath: String
        public var kind: WorkflowFile.Kind?
        /// The size in bytes seen when the file was found (0 when unknown), so the engine can start the largest
        /// files first; not part of the input's identity.
        var size = 0

        init(absolutePath: String, displayPath: String, kind: WorkflowFile.Kind?, size: Int = 0) {
            self.absolutePath = absolutePath
            self.displayPath = displayPath
            self.kind = kind
            self.size = size
        }

        public static func == (lhs: Input, rhs: Input) -> Bool {
            lhs.absolutePath == rhs.absolutePath && lhs.displayPath == rhs.displayPath && lhs.kind == rhs.kind
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(absolutePath)
            hasher.combine(displayPath)
            hasher.combine(kind)
        }
    }

    /// What was found.
    public struct Result: Sendable {
        public var root: String
        public var inputs: [Input]
        public var diagnostics: [Diagnostic]
        /// Whether local references can be resolved (the root is a directory on disk).
        var fileSystem: any FileSystem

        /// The files a `uses: ./path` reference can mean, relative to the root: the path itself (a reusable
        /// workflow) or `path/action.yml|yaml` (a composite action), when they exist.
        func candidates(forLocalReference path: String) -> [Input] {
            let relative = PathUtilities.normalize(path)
            guard !relative.hasPrefix("..") else { return [] }
            var result: [Input] = []
            for (candidate, kind) in [
                (relative, nil), (relative + "/action.yml", WorkflowFile.Kind.action),
                (relative + "/action.yaml", WorkflowFile.Kind.action),
            ] {
                let absolute = PathUtilities.join(root, candidate)
                guard case .file = fileSystem.itemKind(at: absolute) else { continue }
                let name = FileDiscovery.lastComponent(of: candidate)
                let resolvedKind: WorkflowFile.Kind? =
                    kind ?? ((name == "action.yml" || name == "action.yaml") ? .action : .workflow)
                result.append(Input(absolutePath: absolute, displayPath: candidate, kind: resolvedKind))
            }
            return result
        }
    }

    private let fileSystem: any FileSystem

    /// Creates a discovery over `fileSystem`.
    public init(fileSystem: any FileSystem) {
        self.fileSystem = fileSystem
    }

    /// Directories never searched for actions.
    static let skippedDirectories: Set<String> = [".git", "node_modules", ".build", "vendor", "dist", "target"]

    /// The inputs for `paths` (directories are repository roots; files are audited as given).
    public func discover(_ paths: [String], exclude: [String] = []) throws -> Result {
        let givenPaths = paths.isEmpty ? ["."] : paths
        var inputs: [Input] = []
        var diagnostics: [Diagnostic] = []
        var root = "."
        for given in givenPaths {
            switch fileSystem.itemKind(at: given) {
            case .directory:
                root = given
                let found = try discoverRepository(given)
                if found.isEmpty {
                    diagnostics.append(
                        Diagnostic(
                            .error,
                            "no workflows found (looked for .github/workflows/*.yml|yaml, action.yml and "
                                + ".github/actions/**/action.yml); pass a repository root or workflow files",
                            at: SourceLocation(path: given, line: 1, column: 1)
                        )
                    )
                }
                inputs += found
            case .file(let size):
                let repositoryRoot = Self.repositoryRoot(of: given)
                if givenPaths.count == 1 || root == "." { root = repositoryRoot }
                let display = PathUtilities.relative(given, to: repositoryRoot)
                let name = Self.lastComponent(of: given)
                let kind: WorkflowFile.Kind? = (name == "action.yml" || name == "action.yaml") ? .action : nil
                inputs.append(Input(absolutePath: given, displayPath: display, kind: kind, size: size))
            case nil:
                diagnostics.append(
                    Diagnostic(
                        .error,
                        "no such file or directory; check the path",
                        at: SourceLocation(path: given, line: 1, column: 1)
                    )
                )
            }
        }
        // Follow local `uses: ./…` references to reusable workflows and actions outside the usual folders.
        inputs = Self.unique(inputs).filter { input in !exclude.contains { Glob.matches($0, input.displayPath) } }
        return Result(root: root, inputs: inputs, diagnostics: diagnostics, fileSystem: fileSystem)
    }

    private func discoverRepository(_ root: String) throws -> [Input] {
        var inputs: [Input] = []
        let workflows = PathUtilities.join(root, ".github/workflows")
        if fileSystem.isDirectory(workflows) {
            for name in try fileSystem.contentsOfDirectory(at: workflows)
            where name.hasSuffix(".yml") || name.hasSuffix(".yaml") {
                let absolute = PathUtilities.join(workflows, name)
                guard case .file(let size) = fileSystem.itemKind(at: absolute) else { continue }
                inputs.append(
                    Input(absolutePath: absolute, displayPath: ".github/workflows/\(name)", kind: .workflow, size: size)
                )
            }
        }
        for name in ["action.yml", "action.yaml"] {
            let absolute = PathUtilities.join(root, name)
            if case .file = fileSystem.itemKind(at: absolute) {
                inputs.append(Input(absolutePath: absolute, displayPath: name, kind: .action))
            }
        }
        let actionsDirectory = PathUtilities.join(root, ".github/actions")
        if fileSystem.isDirectory(actionsDirectory) {
            inputs += findActions(in: actionsDirectory, display: ".github/actions", depth: 0)
        }
        return inputs
    }

    private func findActions(in directory: String, display: String, depth: Int) -> [Input] {
        guard depth < 6, let names = try? fileSystem.contentsOfDirectory(at: directory) else { return [] }
        var inputs: [Input] = []
        for name in names where !Self.skippedDirectories.contains(name) {
            let absolute = PathUtilities.join(directory, name)
            switch fileSystem.itemKind(at: absolute) {
            case .directory:
                inputs += findActions(in: absolute, display: "\(display)/\(name)", depth: depth + 1)
            case .file where name == "action.yml" || name == "action.yaml":
                inputs.append(Input(absolutePath: absolute, displayPath: "\(display)/\(name)", kind: .action))
            default:
                break
            }
        }
        return inputs
    }

    /// The directory holding `.github` for a file under `.github/…`, else the file's directory.
    static func repositoryRoot(of file: String) -> String {
        let normalized = PathUtilities.normalize(file)
        if let range = normalized.range(of: "/.github/") { return String(normalized[..<range.lowerBound]) }
        if normalized.hasPrefix(".github/") { return "." }
        return directory(of: normalized)
    }

    /// `PathUtilities.lastComponent(of:)`, finding the `/` by bytes (see `lastIndexASCII`): discovery asks it of every
    /// file given, and the `Character` search over long flat names was most of discovery's time.
    static func lastComponent(of path: String) -> String {
        guard let slash = path.lastIndexASCII(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `PathUtilities.directory(of:)`, finding the `/` by bytes (see `lastComponent(of:)`).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndexASCII(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// Each file once (by its path as found), and display paths that tell files apart: when two files from
    /// different repositories would both show as `.github/workflows/release.yml`, both are audited and shown by
    /// their paths as given.
    static func unique(_ inputs: [Input]) -> [Input] {
        var seen: Set<String> = []
        var result = inputs.filter { seen.insert(PathUtilities.normalize($0.absolutePath)).inserted }
        var sharing: [String: Int] = [:]
        for input in result { sharing[input.displayPath, default: 0] += 1 }
        for index in result.indices where sharing[result[index].displayPath, default: 0] > 1 {
            result[index].displayPath = PathUtilities.normalize(result[index].absolutePath)
        }
        return result
    }
}

/// Minimal glob matching for config paths: `*` within a segment, `**` across segments, `?` one character.
public enum Glob {
    /// Whether `path` matches `pattern`.
    public static func matches(_ pattern: String, _ path: String) -> Bool {
        match(Array(pattern.unicodeScalars)[...], Array(path.unicodeScalars)[...])
    }

    private static func match(_ pattern: ArraySlice<Unicode.Scalar>, _ text: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = pattern.first else { return text.isEmpty }
        if first == "*" {
            let isDouble = pattern.dropFirst().first == "*"
            var rest = pattern.dropFirst(isDouble ? 2 : 1)
            if isDouble, rest.first == "/" { rest = rest.dropFirst() }
            var index = text.startIndex
            while true {
                if match(rest, text[index...]) { return true }
                if index == text.endIndex { return false }
                if !isDouble, text[index] == "/" { return false }
                index += 1
            }
        }
        guard let character = text.first else { return false }
        if first == "?" ? character != "/" : first == character {
            return match(pattern.dropFirst(), text.dropFirst())
        }
        return false
    }
}
