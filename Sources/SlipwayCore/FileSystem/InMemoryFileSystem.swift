import Synchronization

/// A file system held in memory: for tests, and for auditing text that never touched the disk.
public final class InMemoryFileSystem: FileSystem {
    private let files: Mutex<[String: [UInt8]]>
    public let currentDirectory: String

    /// Creates a file system with `files` (paths relative to `currentDirectory` or absolute).
    public init(files: [String: String] = [:], currentDirectory: String = "/work") {
        self.currentDirectory = currentDirectory
        var normalized: [String: [UInt8]] = [:]
        for (path, text) in files { normalized[PathUtilities.join(currentDirectory, path)] = Array(text.utf8) }
        self.files = Mutex(normalized)
    }

    private func absolute(_ path: String) -> String { PathUtilities.join(currentDirectory, path) }

    public func readFile(at path: String) throws(FileSystemError) -> [UInt8] {
        guard let bytes = files.withLock({ $0[absolute(path)] }) else { throw .notFound(path: path) }
        return bytes
    }

    public func writeFileAtomically(_ bytes: [UInt8], to path: String) throws(FileSystemError) {
        let key = absolute(path)
        files.withLock { $0[key] = bytes }
    }

    public func appendFile(_ bytes: [UInt8], to path: String) throws(FileSystemError) {
        let key = absolute(path)
        files.withLock { $0[key, default: []] += bytes }
    }

    public func removeFile(at path: String) throws(FileSystemError) {
        let key = absolute(path)
        files.withLock { $0[key] = nil }
    }

    public func itemKind(at path: String) -> FileItemKind? {
        let key = absolute(path)
        return files.withLock { files -> FileItemKind? in
            if let bytes = files[key] { return .file(size: bytes.count) }
            let prefix = key == "/" ? "/" : key + "/"
            return files.keys.contains { $0.hasPrefix(prefix) } ? .directory : nil
        }
    }

    /// A hash of the content: it changes when the file does, as a modification time would.
    public func changeStamp(at path: String) -> Int64? {
        guard let bytes = files.withLock({ $0[absolute(path)] }) else { return nil }
        var hash = StableHash()
        hash.combine(bytes: bytes)
        return Int64(bitPattern: hash.value)
    }

    public func contentsOfDirectory(at path: String) throws(FileSystemError) -> [String] {
        let key = absolute(path)
        let prefix = key == "/" ? "/" : key + "/"
        let names = files.withLock { files in
            Set(
                files.keys.filter { $0.hasPrefix(prefix) }.compactMap {
                    $0.dropFirst(prefix.count).split(separator: "/").first.map(String.init)
                }
            )
        }
        if names.isEmpty { throw .notFound(path: path) }
        return names.sorted()
    }

    /// The text of a file, for assertions.
    public func text(at path: String) -> String? {
        files.withLock { $0[absolute(path)] }.map { String(decoding: $0, as: UTF8.self) }
    }
}
