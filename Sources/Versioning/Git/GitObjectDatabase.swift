import SlipwayZlib

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A SHA-1 object name as 20 raw bytes (two words and a half, so hashing and comparing are cheap).
struct GitObjectID: Hashable, Sendable {
    var high: UInt64
    var middle: UInt64
    var low: UInt32

    /// The name in 40 lowercase hexadecimal digits, or `nil` when `hex` is not one.
    init?(hex: some Collection<UInt8>) {
        let parsed = hex.withContiguousStorageIfAvailable { Self.parse(UnsafeRawBufferPointer($0)) }
        guard let words = parsed ?? Array(hex).withUnsafeBytes({ Self.parse($0) }) else { return nil }
        (high, middle, low) = words
    }

    private static func parse(_ hex: UnsafeRawBufferPointer) -> (UInt64, UInt64, UInt32)? {
        guard hex.count == 40 else { return nil }
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        for index in 0..<40 {
            let byte = hex[index]
            let nibble: UInt64
            switch byte {
            case 0x30...0x39: nibble = UInt64(byte &- 0x30)
            case 0x61...0x66: nibble = UInt64(byte &- 0x61 &+ 10)
            default: return nil
            }
            if index < 16 {
                words.0 = words.0 << 4 | nibble
            } else if index < 32 {
                words.1 = words.1 << 4 | nibble
            } else {
                words.2 = words.2 << 4 | nibble
            }
        }
        return (words.0, words.1, UInt32(words.2))
    }

    init?(hex: Substring) { self.init(hex: hex.utf8) }

    init(high: UInt64, middle: UInt64, low: UInt32) {
        self.high = high
        self.middle = middle
        self.low = low
    }

    /// The name from 20 raw bytes at `offset` of `bytes` (the caller checks the bounds).
    init(raw bytes: UnsafeRawBufferPointer, at offset: Int) {
        precondition(offset >= 0 && offset + 20 <= bytes.count)
        let base = bytes.baseAddress.unsafelyUnwrapped + offset
        high = UInt64(bigEndian: base.loadUnaligned(as: UInt64.self))
        middle = UInt64(bigEndian: base.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        low = UInt32(bigEndian: base.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
    }

    /// The first byte (the fan-out slot of a pack index, the folder of a loose object).
    var firstByte: Int { Int(high >> 56) }

    /// 40 lowercase hexadecimal digits.
    var hex: String {
        // Written in place: one allocation per name (every commit of a range gets one).
        String(unsafeUninitializedCapacity: 40) { text in
            func digit(_ value: UInt64) -> UInt8 { value < 10 ? 0x30 + UInt8(value) : 0x57 + UInt8(value) }
            for index in 0..<16 {
                text[index] = digit((high >> UInt64(60 - 4 * index)) & 15)
                text[16 + index] = digit((middle >> UInt64(60 - 4 * index)) & 15)
            }
            for index in 0..<8 { text[32 + index] = digit(UInt64((low >> UInt32(28 - 4 * index)) & 15)) }
            return 40
        }
    }

    /// Orders like the raw bytes (the order of a pack index).
    static func compare(_ lhs: GitObjectID, _ rhs: GitObjectID) -> Int {
        if lhs.high != rhs.high { return lhs.high < rhs.high ? -1 : 1 }
        if lhs.middle != rhs.middle { return lhs.middle < rhs.middle ? -1 : 1 }
        if lhs.low != rhs.low { return lhs.low < rhs.low ? -1 : 1 }
        return 0
    }
}

/// Anything the native reader does not handle with certainty (a format it does not know, a missing or damaged
/// object); the caller then asks the git command, which reports real problems precisely.
struct GitNativeUnsupported: Error, Sendable {
    let reason: String
}

/// The kinds of object the reader returns.
enum GitObjectKind: Int, Sendable {
    case commit = 1
    case tree = 2
    case blob = 3
    case tag = 4
}

/// A read-only view of a file: memory-mapped, or read whole when small or when mapping fails.
final class GitMappedFile {
    let bytes: UnsafeRawBufferPointer
    private let mapped: Bool

    init(path: String) throws(GitNativeUnsupported) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw GitNativeUnsupported(reason: "cannot open \(path)") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_size > 0 else {
            throw GitNativeUnsupported(reason: "cannot stat \(path) or it is empty")
        }
        let size = Int(status.st_size)
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            throw GitNativeUnsupported(reason: "cannot map \(path)")
        }
        bytes = UnsafeRawBufferPointer(start: address, count: size)
        mapped = true
    }

    deinit {
        if mapped, let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}

/// Reads a whole small file (refs, `HEAD`, config); `nil` when it does not exist or cannot be read.
func gitReadFile(_ path: String) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 16_384)
    while true {
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count < 0 { return nil }
        if count == 0 { return result }
        result.append(contentsOf: chunk[0..<count])
    }
}

/// What `lstat` says about a path: `nil` when it does not exist.
func gitFileStatus(_ path: String) -> stat? {
    var status = stat()
    return lstat(path, &status) == 0 ? status : nil
}

/// The objects of a repository: loose objects and pack files with version-2 indexes, read-only.
///
/// Every read is bounds-checked; anything unexpected throws ``GitNativeUnsupported`` (never a crash), so that the
/// caller falls back to the git command.
final class GitObjectDatabase {
    private let directory: String
    private var packs: [GitPack]?
    private let inflater = GitInflater()
    /// Decoded delta bases by pack and offset, so that chains are not decoded again and again.
    private var baseCache: [GitPackOffset: (kind: GitObjectKind, data: [UInt8])] = [:]
    /// Commits inflated ahead of a walk on a second thread, if a walk started it.
    private var prefetcher: GitCommitPrefetcher?

    init(objectsDirectory: String) {
        directory = objectsDirectory
    }

    deinit {
        prefetcher?.stop()
    }

    /// Starts inflating the pack entries after `next` on a second thread, for a walk that read `previous` and goes on.
    ///
    /// The entries follow `next` in the direction from `previous` to `next`, up to the entry of `boundary` (where the
    /// walk stops) if it lies that way. Only a guess: ``object(_:)`` answers exactly the same with or without it; nothing
    /// happens when the two commits are not whole entries of the same pack, or a thread already runs.
    func prefetchCommits(next: GitObjectID, after previous: GitObjectID, boundary: GitObjectID) {
        guard prefetcher == nil, let packs = try? loadPacks() else { return }
        for pack in packs {
            guard let nextOffset = pack.offset(of: next) else { continue }
            guard let previousOffset = pack.offset(of: previous), previousOffset != nextOffset else { return }
            let ascending = nextOffset > previousOffset
            var limit = ascending ? pack.entriesEnd : 11
            if let boundaryOffset = pack.offset(of: boundary),
                ascending ? boundaryOffset > nextOffset : boundaryOffset < nextOffset
            {
                limit = boundaryOffset
            }
            prefetcher = GitCommitPrefetcher(pack: pack, first: nextOffset, limit: limit)
            return
        }
    }

    /// Stops the thread ``prefetchCommits(next:after:boundary:)`` started (waiting for it) and drops its results.
    func stopPrefetching() {
        prefetcher?.stop()
        prefetcher = nil
    }

    private func loadPacks() throws(GitNativeUnsupported) -> [GitPack] {
        if let packs { return packs }
        var found: [GitPack] = []
        let packDirectory = directory + "/pack"
        if let handle = opendir(packDirectory) {
            defer { closedir(handle) }
            var names: [String] = []
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name.hasPrefix("pack-") && name.hasSuffix(".idx") { names.append(String(name.dropLast(4))) }
            }
            for name in names.sorted() {
                found.append(try GitPack(basePath: packDirectory + "/" + name, number: found.count))
            }
        }
        packs = found
        return found
    }

    /// Whether the object exists (loose or in a pack), without reading it.
    func contains(_ id: GitObjectID) throws(GitNativeUnsupported) -> Bool {
        for pack in try loadPacks() where pack.offset(of: id) != nil { return true }
        return gitFileStatus(loosePath(id)) != nil
    }

    private func loosePath(_ id: GitObjectID) -> String {
        let hex = id.hex
        return directory + "/" + hex.prefix(2) + "/" + hex.dropFirst(2)
    }

    /// The kind and content of object `id`.
    func object(_ id: GitObjectID) throws(GitNativeUnsupported) -> (kind: GitObjectKind, data: [UInt8]) {
        try object(id, depth: 0)
    }

    /// `depth` counts delta bases on the way, so that a damaged pack whose deltas form a cycle cannot recurse
    /// forever; chains deeper than git's own default limits are left to git.
    private func object(
        _ id: GitObjectID,
        depth: Int
    ) throws(GitNativeUnsupported) -> (kind: GitObjectKind, data: [UInt8]) {
        for pack in try loadPacks() {
            if let offset = pack.offset(of: id) { return try packedObject(pack, at: offset, depth: depth) }
        }
        return try looseObject(id)
    }

    private func looseObject(_ id: GitObjectID) throws(GitNativeUnsupported) -> (kind: GitObjectKind, data: [UInt8]) {
        guard let compressed = gitReadFile(loosePath(id)) else {
            throw GitNativeUnsupported(reason: "object \(id.hex) not found")
        }
        let inflated = compressed.withUnsafeBytes { bytes in
            Result { () throws(GitNativeUnsupported) in try self.inflater.inflate(bytes, from: 0, expectedSize: nil) }
        }
        let raw = try inflated.get()
        guard let space = raw.firstIndex(of: 0x20), let nul = raw[space...].firstIndex(of: 0) else {
            throw GitNativeUnsupported(reason: "loose object \(id.hex) has no header")
        }
        let kind: GitObjectKind
        switch String(decoding: raw[..<space], as: UTF8.self) {
        case "commit": kind = .commit
        case "tree": kind = .tree
        case "blob": kind = .blob
        case "tag": kind = .tag
        default: throw GitNativeUnsupported(reason: "loose object \(id.hex) has an unknown type")
        }
        let data = Array(raw[(nul + 1)...])
        guard String(decoding: raw[(space + 1)..<nul], as: UTF8.self) == String(data.count) else {
            throw GitNativeUnsupported(reason: "loose object \(id.hex) has a wrong size")
        }
        return (kind, data)
    }

    private func packedObject(
        _ pack: GitPack,
        at offset: Int,
        depth: Int
    ) throws(GitNativeUnsupported) -> (kind: GitObjectKind, data: [UInt8]) {
        guard depth < 500 else { throw GitNativeUnsupported(reason: "delta chain too long") }
        // A whole commit the second thread inflated already, read exactly as below.
        if let prefetcher, prefetcher.pack === pack, let data = prefetcher.take(at: offset) { return (.commit, data) }
        let entry = try pack.entry(at: offset)
        switch entry.type {
        case 1, 2, 3, 4:
            let data = try pack.inflate(at: entry.dataOffset, size: entry.size, with: inflater)
            return (GitObjectKind(rawValue: entry.type) ?? .blob, data)
        case 6, 7:
            // Only deltas are cached (whole objects are not worth keeping: inflating them again is cheap).
            let key = GitPackOffset(pack: pack.number, offset: offset)
            if let cached = baseCache[key] { return cached }
            let base: (kind: GitObjectKind, data: [UInt8])
            if entry.type == 6 {
                base = try packedObject(pack, at: entry.baseOffset, depth: depth + 1)
            } else {
                base = try object(entry.baseID, depth: depth + 1)
            }
            let delta = try pack.inflate(at: entry.dataOffset, size: entry.size, with: inflater)
            let result = (base.kind, try GitDelta.apply(delta, to: base.data))
            if baseCache.count > 4_096 { baseCache.removeAll(keepingCapacity: true) }
            baseCache[key] = result
            return result
        default:
            throw GitNativeUnsupported(reason: "pack entry of unknown type \(entry.type)")
        }
    }
}

struct GitPackOffset: Hashable {
    var pack: Int
    var offset: Int
}

/// One pack file and its version-2 index.
final class GitPack {
    let number: Int
    private let index: GitMappedFile
    private let pack: GitMappedFile
    private let count: Int

    init(basePath: String, number: Int) throws(GitNativeUnsupported) {
        self.number = number
        index = try GitMappedFile(path: basePath + ".idx")
        pack = try GitMappedFile(path: basePath + ".pack")
        let idx = index.bytes
        // Magic `\377tOc`, version 2, 256 fan-out words, then names, CRCs, offsets, large offsets, two checksums.
        guard idx.count >= 8 + 1024 + 40, idx[0] == 0xFF, idx[1] == 0x74, idx[2] == 0x4F, idx[3] == 0x63,
            Self.word(idx, 4) == 2
        else { throw GitNativeUnsupported(reason: "\(basePath).idx is not a version-2 pack index") }
        count = Int(Self.word(idx, 8 + 255 * 4))
        guard idx.count >= 8 + 1024 + count * 28 + 40 else {
            throw GitNativeUnsupported(reason: "\(basePath).idx is truncated")
        }
        let header = pack.bytes
        guard header.count >= 32, header[0] == 0x50, header[1] == 0x41, header[2] == 0x43, header[3] == 0x4B,
            Self.word(header, 4) == 2 || Self.word(header, 4) == 3, Int(Self.word(header, 8)) == count
        else { throw GitNativeUnsupported(reason: "\(basePath).pack does not match its index") }
    }

    /// Where the entries end (the pack's trailing checksum starts).
    var entriesEnd: Int { pack.bytes.count - 20 }

    /// The offsets of the entries from `low` (inclusive) to `high` (exclusive), in the index's order.
    func entryOffsets(from low: Int, to high: Int) -> [Int] {
        var offsets: [Int] = []
        for position in 0..<count {
            if let offset = entryOffset(position), offset >= low, offset < high { offsets.append(offset) }
        }
        return offsets
    }

    static func word(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
            | UInt32(bytes[offset + 3])
    }

    /// The offset of `id` in the pack, by binary search within its fan-out slot.
    func offset(of id: GitObjectID) -> Int? {
        let idx = index.bytes
        let slot = id.firstByte
        var low = slot == 0 ? 0 : Int(Self.word(idx, 8 + (slot - 1) * 4))
        var high = Int(Self.word(idx, 8 + slot * 4))
        guard low <= high, high <= count else { return nil }
        let names = 8 + 1024
        while low < high {
            let middle = (low + high) / 2
            let order = GitObjectID.compare(GitObjectID(raw: idx, at: names + middle * 20), id)
            if order == 0 { return entryOffset(middle) }
            if order < 0 { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    private func entryOffset(_ position: Int) -> Int? {
        let idx = index.bytes
        let offsets = 8 + 1024 + count * 24
        let small = Self.word(idx, offsets + position * 4)
        if small & 0x8000_0000 == 0 { return Int(small) }
        let large = offsets + count * 4 + Int(small & 0x7FFF_FFFF) * 8
        guard large + 8 <= idx.count - 40 else { return nil }
        let value = UInt64(Self.word(idx, large)) << 32 | UInt64(Self.word(idx, large + 4))
        return value < UInt64(Int.max) ? Int(value) : nil
    }

    struct Entry {
        var type: Int
        var size: Int
        var dataOffset: Int
        var baseOffset: Int = 0
        var baseID = GitObjectID(high: 0, middle: 0, low: 0)
    }

    /// The header of the entry at `offset`: type, inflated size, where the compressed data starts, delta base.
    func entry(at offset: Int) throws(GitNativeUnsupported) -> Entry {
        let bytes = pack.bytes
        let end = bytes.count - 20
        var position = offset
        guard position >= 12, position < end else { throw GitNativeUnsupported(reason: "pack offset out of range") }
        var byte = bytes[position]
        position += 1
        let type = Int(byte >> 4) & 7
        var size = Int(byte & 15)
        var shift = 4
        while byte & 0x80 != 0 {
            guard position < end, shift < 57 else { throw GitNativeUnsupported(reason: "bad pack entry size") }
            byte = bytes[position]
            position += 1
            size |= Int(byte & 0x7F) << shift
            shift += 7
        }
        var entry = Entry(type: type, size: size, dataOffset: position)
        if type == 6 {
            guard position < end else { throw GitNativeUnsupported(reason: "bad delta offset") }
            byte = bytes[position]
            position += 1
            var distance = Int(byte & 0x7F)
            while byte & 0x80 != 0 {
                guard position < end, distance < (1 << 48) else {
                    throw GitNativeUnsupported(reason: "bad delta offset")
                }
                byte = bytes[position]
                position += 1
                distance = ((distance + 1) << 7) | Int(byte & 0x7F)
            }
            guard distance > 0, distance <= offset - 12 else { throw GitNativeUnsupported(reason: "bad delta base") }
            entry.baseOffset = offset - distance
        } else if type == 7 {
            guard position + 20 <= end else { throw GitNativeUnsupported(reason: "bad delta base") }
            entry.baseID = GitObjectID(raw: bytes, at: position)
            position += 20
        }
        entry.dataOffset = position
        return entry
    }

    /// The zlib stream at `offset`, which must inflate to exactly `size` bytes.
    func inflate(at offset: Int, size: Int, with inflater: GitInflater) throws(GitNativeUnsupported) -> [UInt8] {
        try inflater.inflate(
            UnsafeRawBufferPointer(rebasing: pack.bytes[..<(pack.bytes.count - 20)]),
            from: offset,
            expectedSize: size
        )
    }
}

/// Inflates zlib streams with the system zlib, reusing one stream state (`inflateReset`) for every object.
final class GitInflater {
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private let ready: Bool

    init() {
        stream.initialize(to: z_stream())
        ready = inflateInit_(stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK
    }

    deinit {
        if ready { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Inflates the stream that starts at `start` in `input`; with `expectedSize`, the result must have that size.
    func inflate(
        _ input: UnsafeRawBufferPointer,
        from start: Int,
        expectedSize: Int?
    ) throws(GitNativeUnsupported) -> [UInt8] {
        guard ready, start >= 0, start <= input.count, let base = input.baseAddress else {
            throw GitNativeUnsupported(reason: "zlib stream out of range")
        }
        guard inflateReset(stream) == Z_OK else { throw GitNativeUnsupported(reason: "zlib reset failed") }
        stream.pointee.next_in = UnsafeMutablePointer(
            mutating: base.advanced(by: start).assumingMemoryBound(to: Bytef.self)
        )
        stream.pointee.avail_in = uInt(min(input.count - start, Int(UInt32.max)))
        // A damaged pack can declare any size: deflate never expands more than 1032-fold, so a size the remaining
        // bytes cannot hold is refused before anything is allocated for it.
        if let expectedSize, expectedSize < 0 || expectedSize / 1_032 > input.count - start {
            throw GitNativeUnsupported(reason: "object size \(expectedSize) exceeds what its compressed data can hold")
        }
        // More room than declared, so that a stream that would produce more is caught, not cut; and at least 258
        // bytes to spare, so that zlib decodes with its fast loop (`inflate_fast` needs that much output room; small
        // objects, such as most commits, would otherwise be decoded symbol by symbol in the slow loop).
        guard let expectedSize else { return try inflateGrowing() }
        let capacity = expectedSize + 320
        let stream = self.stream
        var status = Z_OK
        // Left uninitialized: zlib writes every byte it reports (the count), and reads back only what it wrote.
        let output = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            stream.pointee.next_out = buffer.baseAddress
            stream.pointee.avail_out = uInt(capacity)
            // Z_FINISH: a stream that ends within the buffer needs no sliding window.
            status = SlipwayZlib.inflate(stream, Z_FINISH)
            count = capacity - Int(stream.pointee.avail_out)
        }
        guard status == Z_STREAM_END else {
            throw GitNativeUnsupported(reason: "damaged, truncated or oversized zlib stream")
        }
        guard output.count == expectedSize else {
            throw GitNativeUnsupported(reason: "object size differs from its header")
        }
        return output
    }

    /// The rest of a stream whose size is not known (a loose object): the output grows until the stream ends.
    private func inflateGrowing() throws(GitNativeUnsupported) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 4_096)
        var produced = 0
        while true {
            let stream = self.stream
            let status = output.withUnsafeMutableBytes { buffer in
                guard let address = buffer.baseAddress else { return Z_MEM_ERROR }
                stream.pointee.next_out = address.advanced(by: produced).assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = uInt(buffer.count - produced)
                let status = SlipwayZlib.inflate(stream, Z_FINISH)
                produced = buffer.count - Int(stream.pointee.avail_out)
                return status
            }
            if status == Z_STREAM_END { break }
            guard status == Z_BUF_ERROR || status == Z_OK, produced == output.count, stream.pointee.avail_in > 0 else {
                throw GitNativeUnsupported(reason: "damaged, truncated or oversized zlib stream")
            }
            output.append(contentsOf: repeatElement(0, count: output.count))
        }
        output.removeSubrange(produced...)
        return output
    }
}

/// Git's delta format: source and target sizes, then copy and insert instructions.
enum GitDelta {
    static func apply(_ delta: [UInt8], to base: [UInt8]) throws(GitNativeUnsupported) -> [UInt8] {
        var position = 0
        func size() throws(GitNativeUnsupported) -> Int {
            var value = 0
            var shift = 0
            while true {
                guard position < delta.count, shift < 57 else { throw GitNativeUnsupported(reason: "bad delta") }
                let byte = delta[position]
                position += 1
                value |= Int(byte & 0x7F) << shift
                shift += 7
                if byte & 0x80 == 0 { return value }
            }
        }
        guard try size() == base.count else { throw GitNativeUnsupported(reason: "delta base size mismatch") }
        let targetSize = try size()
        var target: [UInt8] = []
        // A damaged delta can declare any size; reserve at most 64 MiB up front (the copies still stop at the size).
        target.reserveCapacity(min(targetSize, 64 << 20))
        while position < delta.count {
            let command = delta[position]
            position += 1
            if command & 0x80 != 0 {
                var offset = 0
                var length = 0
                for bit in 0..<4 where command & (1 << bit) != 0 {
                    guard position < delta.count else { throw GitNativeUnsupported(reason: "bad delta copy") }
                    offset |= Int(delta[position]) << (8 * bit)
                    position += 1
                }
                for bit in 0..<3 where command & (0x10 << bit) != 0 {
                    guard position < delta.count else { throw GitNativeUnsupported(reason: "bad delta copy") }
                    length |= Int(delta[position]) << (8 * bit)
                    position += 1
                }
                if length == 0 { length = 0x10000 }
                guard offset + length <= base.count, target.count + length <= targetSize else {
                    throw GitNativeUnsupported(reason: "delta copy out of range")
                }
                target.append(contentsOf: base[offset..<(offset + length)])
            } else if command != 0 {
                let length = Int(command)
                guard position + length <= delta.count, target.count + length <= targetSize else {
                    throw GitNativeUnsupported(reason: "delta insert out of range")
                }
                target.append(contentsOf: delta[position..<(position + length)])
                position += length
            } else {
                throw GitNativeUnsupported(reason: "delta instruction 0")
            }
        }
        guard target.count == targetSize else { throw GitNativeUnsupported(reason: "delta result size mismatch") }
        return target
    }
}
