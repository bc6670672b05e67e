/// Why a file operation failed, with the path and what to do.
public enum FileSystemError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(path: String)
    case unreadable(path: String, reason: String)
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let path):
            "\(path): error: no such file or directory; check the path"
        case .unreadable(let path, let reason):
            "\(path): error: cannot read (\(reason)); check that it is a file you may read"
        case .unwritable(let path, let reason):
            "\(path): error: cannot write (\(reason)); check that the directory exists and is writable"
        }
    }
}

/// The file operations Slipway needs, behind a protocol so tests can use temporary directories or fakes.
public protocol FileSystem: Sendable {
    /// The bytes of the file at `path`.
    func readFile(at path: String) throws(FileSystemError) -> [UInt8]
    /// Replaces the file at `path` atomically: write a temporary file beside it, then rename.
    func writeFileAtomically(_ bytes: [UInt8], to path: String) throws(FileSystemError)
    /// Replaces the file at `path` atomically, giving it `permissions` (e.g. `0o600` for a secret key) before it
    /// becomes visible under its name.
    func writeFileAtomically(_ bytes: [UInt8], to path: String, permissions: UInt32) throws(FileSystemError)
    /// Calls `body` with successive chunks of the file at `path` (at most `chunkSize` bytes each, reusing one
    /// buffer), so a multi-gigabyte artifact is hashed without being held in memory.
    func readChunks(
        at path: String,
        chunkSize: Int,
        _ body: (UnsafeRawBufferPointer) -> Void
    ) throws(FileSystemError)
    /// Appends to the file at `path`, creating it when missing.
    func appendFile(_ bytes: [UInt8], to path: String) throws(FileSystemError)
    /// Removes the file at `path`; nothing there is not an error (the caller wanted it gone).
    func removeFile(at path: String) throws(FileSystemError)
    /// Whether something exists at `path`, and whether it is a directory.
    func itemKind(at path: String) -> FileItemKind?
    /// The names of the entries of a directory, sorted.
    func contentsOfDirectory(at path: String) throws(FileSystemError) -> [String]
    /// The entries of a directory with their kind and change stamp, sorted by name; one call instead of a stat per
    /// entry where the platform allows.
    func directoryEntries(at path: String) throws(FileSystemError) -> [DirectoryEntry]
    /// A number that changes whenever the file at `path` changes (its modification time on disk), or `nil`
    /// when nothing is there; lets caches notice a stale input without reading it.
    func changeStamp(at path: String) -> Int64?
    /// The current working directory.
    var currentDirectory: String { get }
}

/// One entry of a directory listing.
public struct DirectoryEntry: Sendable, Hashable {
    public var name: String
    /// `nil` for what is neither a file nor a directory (a dangling link, a socket).
    public var kind: FileItemKind?
    /// See `FileSystem.changeStamp(at:)`.
    public var changeStamp: Int64?

    /// Creates an entry.
    public init(name: String, kind: FileItemKind?, changeStamp: Int64?) {
        self.name = name
        self.kind = kind
        self.changeStamp = changeStamp
    }
}

/// What sits at a path.
public enum FileItemKind: Sendable, Hashable {
    case file(size: Int)
    case directory
}

extension FileSystem {
    /// Writes through `writeFileAtomically(_:to:)`; file systems without permissions ignore them.
    public func writeFileAtomically(
        _ bytes: [UInt8],
        to path: String,
        permissions: UInt32
    ) throws(FileSystemError) {
        try writeFileAtomically(bytes, to: path)
    }

    /// Reads the whole file and hands it over in slices; real disks override this to stream.
    public func readChunks(
        at path: String,
        chunkSize: Int,
        _ body: (UnsafeRawBufferPointer) -> Void
    ) throws(FileSystemError) {
        let bytes = try readFile(at: path)
        let step = max(1, chunkSize)
        var start = 0
        repeat {
            let end = min(bytes.count, start + step)
            bytes[start..<end].withUnsafeBytes { body($0) }
            start = end
        } while start < bytes.count
    }

    /// Reads a UTF-8 text file.
    public func readText(at path: String) throws(FileSystemError) -> String {
        let bytes = try readFile(at: path)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes UTF-8 text atomically.
    public func writeTextAtomically(_ text: String, to path: String) throws(FileSystemError) {
        try writeFileAtomically(Array(text.utf8), to: path)
    }

    /// Whether `path` is a directory.
    public func isDirectory(_ path: String) -> Bool { itemKind(at: path) == .directory }

    /// Whether `path` exists.
    public func exists(_ path: String) -> Bool { itemKind(at: path) != nil }

    /// The entries of a directory, from `contentsOfDirectory`, `itemKind` and `changeStamp`.
    public func directoryEntries(at path: String) throws(FileSystemError) -> [DirectoryEntry] {
        try contentsOfDirectory(at: path).map { name in
            let child = PathUtilities.join(path, name)
            return DirectoryEntry(name: name, kind: itemKind(at: child), changeStamp: changeStamp(at: child))
        }
    }
}

/// Joins and normalises `/`-separated paths without touching the disk.
public enum PathUtilities {
    /// `base/relative`, or `relative` when it is absolute.
    public static func join(_ base: String, _ relative: String) -> String {
        if relative.hasPrefix("/") { return normalize(relative) }
        if base.isEmpty || base == "." { return normalize(relative) }
        return normalize(base + "/" + relative)
    }

    /// Removes `.` and `..` components and duplicate separators.
    public static func normalize(_ path: String) -> String {
        if isNormalized(path) { return path }
        let isAbsolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", isAbsolute { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if isAbsolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// Whether `path` has no empty, `.` or `..` component and no trailing separator (one pass over the bytes, so
    /// the common case of an already clean path costs no allocation).
    static func isNormalized(_ path: String) -> Bool {
        let slash = UInt8(ascii: "/")
        let dot = UInt8(ascii: ".")
        var segmentLength = 0
        var dots = 0
        var index = 0
        for byte in path.utf8 {
            defer { index += 1 }
            if byte == slash {
                if index == 0 { continue }
                if segmentLength == 0 || (dots == segmentLength && dots <= 2) { return false }
                segmentLength = 0
                dots = 0
            } else {
                segmentLength += 1
                if byte == dot { dots += 1 }
            }
        }
        if segmentLength == 0 { return false }
        return !(dots == segmentLength && dots <= 2)
    }

    /// `path` relative to `base` when it lies inside it, otherwise `path` unchanged.
    public static func relative(_ path: String, to base: String) -> String {
        let normalizedPath = normalize(path)
        let normalizedBase = normalize(base)
        if normalizedBase == "." { return normalizedPath }
        if normalizedPath == normalizedBase { return "." }
        let prefix = normalizedBase.hasSuffix("/") ? normalizedBase : normalizedBase + "/"
        if normalizedPath.hasPrefix(prefix) { return String(normalizedPath.dropFirst(prefix.count)) }
        return normalizedPath
    }

    /// The directory part of `path`.
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// The last component of `path`.
    public static func lastComponent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}
