#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The database fingerprint of a directory on the local disk, read straight from `readdir` and `fstatat`.
///
/// It is the value `AdvisoryDatabaseLoader.fingerprint` computes through `FileSystem.directoryEntries`, found without
/// a `String` per file: a scan with a current index checks the whole database (thousands of files) before every
/// run, and building, sorting and hashing names as `String`s cost more than the `fstatat` calls themselves. Every
/// file's name, size and modification time still counts, so a changed, added or removed record changes the value.
/// Names that are not ASCII (where byte order and `String` order could differ) give `nil`: then the generic walk
/// decides.
enum LocalDirectoryFingerprint {
    /// One `.json` file: its path relative to the root (bytes, `/`-separated), size and change stamp.
    struct File {
        var path: [UInt8]
        var size: Int
        var stamp: Int64
    }

    /// The `.json` files under `root` as `AdvisoryDatabaseLoader.jsonFiles` lists them (hidden entries skipped,
    /// 16 levels deep, symbolic links followed), sorted by path; `nil` when `root` cannot be opened or a name is not
    /// ASCII.
    static func files(under root: String) -> [File]? {
        let descriptor = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        var files: [File] = []
        var prefix: [UInt8] = []
        guard walk(descriptor, prefix: &prefix, depth: 0, into: &files) else { return nil }
        // Sorted by path bytes (the `String` order of ASCII text): `qsort` with `strcmp` over one buffer of every
        // path, NUL-terminated; Swift's `sort` with a comparing closure cost more than the whole directory walk.
        var storage: [CChar] = []
        var offsets: [Int] = []
        offsets.reserveCapacity(files.count)
        for file in files {
            offsets.append(storage.count)
            for byte in file.path { storage.append(CChar(bitPattern: byte)) }
            storage.append(0)
        }
        var order: [SortEntry] = []
        order.reserveCapacity(files.count)
        storage.withUnsafeBufferPointer { names in
            guard let base = names.baseAddress else { return }
            for (index, offset) in offsets.enumerated() { order.append(SortEntry(name: base + offset, index: index)) }
            order.withUnsafeMutableBufferPointer { entries in
                guard let first = entries.baseAddress else { return }
                qsort(first, entries.count, MemoryLayout<SortEntry>.stride) { left, right in
                    guard let left, let right else { return 0 }
                    return strcmp(
                        left.assumingMemoryBound(to: SortEntry.self).pointee.name,
                        right.assumingMemoryBound(to: SortEntry.self).pointee.name
                    )
                }
            }
        }
        return order.map { files[$0.index] }
    }

    /// A path in the sort buffer and the file it belongs to.
    private struct SortEntry {
        var name: UnsafePointer<CChar>
        var index: Int
    }

    /// Lists the directory open at `descriptor` (and closes it); `false` when a name is not ASCII.
    private static func walk(_ descriptor: Int32, prefix: inout [UInt8], depth: Int, into files: inout [File]) -> Bool {
        guard let directory = fdopendir(descriptor) else {
            close(descriptor)
            return true
        }
        defer { closedir(directory) }
        let handle = dirfd(directory)
        while let entry = readdir(directory) {
            let keepGoing = withUnsafePointer(to: entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: CChar.self, capacity: 256) { name -> Bool in
                    let length = strlen(name)
                    let bytes = UnsafeRawBufferPointer(start: name, count: length).bindMemory(to: UInt8.self)
                    guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
                    // Hidden entries, `.` and `..` included.
                    guard let first = bytes.first, first != UInt8(ascii: ".") else { return true }
                    var info = stat()
                    guard fstatat(handle, name, &info, 0) == 0 else { return true }
                    let base = prefix.count
                    defer { prefix.removeSubrange(base...) }
                    if base > 0 { prefix.append(UInt8(ascii: "/")) }
                    prefix.append(contentsOf: bytes)
                    switch info.st_mode & S_IFMT {
                    case S_IFDIR:
                        guard depth + 1 < 16 else { return true }
                        let child = openat(handle, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                        guard child >= 0 else { return true }
                        return walk(child, prefix: &prefix, depth: depth + 1, into: &files)
                    case S_IFREG:
                        if bytes.count >= 5, bytes[(bytes.count - 5)...].elementsEqual(".json".utf8) {
                            let stamp = Int64(info.st_mtim.tv_sec) &* 1_000_000_000 &+ Int64(info.st_mtim.tv_nsec)
                            files.append(File(path: prefix, size: Int(info.st_size), stamp: stamp))
                        }
                        return true
                    default:
                        return true
                    }
                }
            }
            guard keepGoing else { return false }
        }
        return true
    }

    /// The fingerprint of the directory at `root`: `StableHash` (64-bit FNV-1a) over `directory`, then each file's
    /// path, size and change stamp in decimal, each followed by the separator byte, exactly as
    /// `AdvisoryDatabaseLoader.fingerprint` mixes them; `nil` when `files(under:)` is.
    static func fingerprint(_ root: String) -> String? {
        guard let files = files(under: root) else { return nil }
        var state: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) {
            state ^= UInt64(byte)
            state &*= 0x0000_0100_0000_01b3
        }
        func mixDecimal(_ value: Int64) {
            var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
            withUnsafeMutableBytes(of: &digits) { buffer in
                var magnitude = value.magnitude
                var end = buffer.count
                repeat {
                    end -= 1
                    buffer[end] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                    magnitude /= 10
                } while magnitude > 0
                if value < 0 {
                    end -= 1
                    buffer[end] = UInt8(ascii: "-")
                }
                for byte in buffer[end...] { mix(byte) }
            }
            mix(0xff)
        }
        for byte in "directory".utf8 { mix(byte) }
        mix(0xff)
        for file in files {
            for byte in file.path { mix(byte) }
            mix(0xff)
            mixDecimal(Int64(file.size))
            mixDecimal(file.stamp)
        }
        let hex = String(state, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
