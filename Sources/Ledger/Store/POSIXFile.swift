#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few POSIX calls the directory store needs that `FileSystem` does not offer.
///
/// Positioned writes, `fsync` of files and directories, `ftruncate` and `flock`. Owns its descriptor until `close()`
/// or deinit; lock holders call `close()` in a `defer`.
final class POSIXFile {
    let path: String
    private var descriptor: Int32

    /// Opens `path` with `flags` (`O_CLOEXEC` added).
    init(path: String, flags: Int32, mode: mode_t = 0o644) throws(LedgerStoreError) {
        let descriptor = open(path, flags | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw .io(path: path, operation: "open", reason: Self.lastError()) }
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close() }

    /// Closes the descriptor (releasing any lock); safe to call twice.
    func close() {
        if descriptor >= 0 { closeDescriptor(descriptor) }
        descriptor = -1
    }

    static func lastError() -> String { String(cString: strerror(errno)) }

    /// The file's length in bytes.
    func length() throws(LedgerStoreError) -> Int {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .io(path: path, operation: "stat", reason: Self.lastError()) }
        return Int(info.st_size)
    }

    /// Reads `count` bytes from `offset` (fewer at end of file).
    func read(offset: Int, count: Int) throws(LedgerStoreError) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = result.withUnsafeMutableBytes { buffer in
                pread(descriptor, buffer.baseAddress.map { $0 + done }, count - done, off_t(offset + done))
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, operation: "read", reason: Self.lastError())
            }
            if got == 0 { break }
            done += got
        }
        if done < count { result.removeLast(count - done) }
        return result
    }

    /// Writes all of `bytes` at `offset`.
    func write(_ bytes: [UInt8], offset: Int) throws(LedgerStoreError) {
        var done = 0
        while done < bytes.count {
            let wrote = bytes.withUnsafeBytes { buffer in
                pwrite(descriptor, buffer.baseAddress.map { $0 + done }, bytes.count - done, off_t(offset + done))
            }
            if wrote < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, operation: "write", reason: Self.lastError())
            }
            done += wrote
        }
    }

    /// Flushes the file's data and metadata to stable storage.
    func sync() throws(LedgerStoreError) {
        guard fsync(descriptor) == 0 else { throw .io(path: path, operation: "fsync", reason: Self.lastError()) }
    }

    /// Cuts the file to `length` bytes.
    func truncate(to length: Int) throws(LedgerStoreError) {
        guard ftruncate(descriptor, off_t(length)) == 0 else {
            throw .io(path: path, operation: "truncate", reason: Self.lastError())
        }
    }

    /// Blocks until this process holds the lock (`exclusive` for writers, shared for readers); released on close.
    func lock(exclusive: Bool) throws(LedgerStoreError) {
        while flock(descriptor, exclusive ? LOCK_EX : LOCK_SH) != 0 {
            if errno == EINTR { continue }
            throw .io(path: path, operation: "lock", reason: Self.lastError())
        }
    }

    /// Reads the whole file at `path`, or `nil` when it does not exist.
    static func readIfPresent(_ path: String) throws(LedgerStoreError) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 {
            if errno == ENOENT { return nil }
            throw .io(path: path, operation: "open", reason: lastError())
        }
        closeDescriptor(descriptor)
        let file = try POSIXFile(path: path, flags: O_RDONLY)
        return try file.read(offset: 0, count: try file.length())
    }

    /// Whether something exists at `path`.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// Creates the directory (and parents) if missing.
    static func makeDirectories(_ path: String) throws(LedgerStoreError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            prefix += "/" + part
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw .io(path: prefix, operation: "mkdir", reason: lastError())
            }
        }
    }

    /// Flushes a directory's entries (a new or renamed file in it) to stable storage.
    static func syncDirectory(_ path: String) throws(LedgerStoreError) {
        let file = try POSIXFile(path: path, flags: O_RDONLY | O_DIRECTORY)
        try file.sync()
    }

    /// Replaces `path` with `bytes` crash-safely: a temporary file beside it, fsync, rename, fsync the directory.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(LedgerStoreError) {
        let temporary = path + ".tmp-\(getpid())"
        do {
            let file = try POSIXFile(path: temporary, flags: O_WRONLY | O_CREAT | O_TRUNC)
            try file.write(bytes, offset: 0)
            try file.sync()
        }
        guard rename(temporary, path) == 0 else {
            let reason = lastError()
            unlink(temporary)
            throw .io(path: path, operation: "rename", reason: reason)
        }
        try syncDirectory(directory(of: path))
    }

    /// The names in a directory (without `.` and `..`), sorted; empty when it does not exist.
    static func list(_ path: String) throws(LedgerStoreError) -> [String] {
        guard let handle = opendir(path) else {
            if errno == ENOENT { return [] }
            throw .io(path: path, operation: "list", reason: lastError())
        }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}

private func closeDescriptor(_ descriptor: Int32) {
    #if canImport(Glibc)
        _ = Glibc.close(descriptor)
    #elseif canImport(Musl)
        _ = Musl.close(descriptor)
    #else
        _ = Darwin.close(descriptor)
    #endif
}
