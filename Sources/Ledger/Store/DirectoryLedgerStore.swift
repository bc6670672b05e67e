import SlipwayCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The embedded ledger: a directory (by default `.slipway/ledger/`) of append-only segment files, a published
/// head, and one signed checkpoint file per signed size.
///
/// ```
/// ledger.json                    format, origin, segment capacity (written once)
/// head.json                      the published size, the tail segment's length, the compact range (root)
/// segments/<first index>.jsonl   one record per line: "<index> <hex leaf hash> <canonical event JSON>\n"
/// checkpoints/<size>.note        a signed checkpoint (transparency-dev signed note)
/// lock                           flock(2) target: exclusive for appends, shared for reads
/// torn/                          unacknowledged bytes moved aside by the next append
/// ```
///
/// An append writes its records after the published end, fsyncs them, then publishes the new size by replacing
/// `head.json` atomically (and fsyncing the directory). A crash before the rename leaves bytes after the published
/// end: readers report them as a torn tail and never treat them as entries.
public struct DirectoryLedgerStore: LedgerStore {
    /// The ledger directory.
    public let path: String

    /// A store at `path` (created by the first append).
    public init(path: String) {
        self.path = path
    }

    public var location: String { path }

    var manifestPath: String { path + "/ledger.json" }
    var headPath: String { path + "/head.json" }
    var segmentsPath: String { path + "/segments" }
    var checkpointsPath: String { path + "/checkpoints" }
    var tornPath: String { path + "/torn" }
    var lockPath: String { path + "/lock" }

    static func paddedNumber(_ value: UInt64) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, 20 - digits.count)) + digits
    }

    func segmentPath(_ segment: UInt64, capacity: Int) -> String {
        segmentsPath + "/" + Self.paddedNumber(segment * UInt64(capacity)) + ".jsonl"
    }

    // MARK: Manifest and head

    public func manifest() async throws -> LedgerManifest? {
        try readManifest()
    }

    func readManifest() throws -> LedgerManifest? {
        guard let bytes = try POSIXFile.readIfPresent(manifestPath) else { return nil }
        let object = try jsonObject(bytes, path: manifestPath)
        guard case .number(let format) = object["format"], format >= 1 else {
            throw LedgerStoreError.malformed(path: manifestPath, reason: "no 'format' number")
        }
        if Int(format) > LedgerManifest.currentFormat {
            throw LedgerStoreError.newerFormat(
                path: manifestPath,
                found: Int(format),
                supported: LedgerManifest.currentFormat
            )
        }
        guard case .string(let origin) = object["origin"], !origin.isEmpty,
            case .number(let capacity) = object["segmentCapacity"], capacity >= 1, capacity <= 1e9
        else { throw LedgerStoreError.malformed(path: manifestPath, reason: "'origin' or 'segmentCapacity' missing") }
        return LedgerManifest(origin: origin, segmentCapacity: Int(capacity), format: Int(format))
    }

    struct Head {
        var size: UInt64 = 0
        var tailBytes = 0
        var compact = CompactRange()
    }

    func readHead() throws -> Head {
        guard let bytes = try POSIXFile.readIfPresent(headPath) else { return Head() }
        let object = try jsonObject(bytes, path: headPath)
        guard case .number(let format) = object["format"], Int(format) <= LedgerManifest.currentFormat else {
            throw LedgerStoreError.malformed(path: headPath, reason: "unknown head format")
        }
        guard case .number(let size) = object["size"], size >= 0, case .number(let tail) = object["tailBytes"],
            tail >= 0, case .array(let items) = object["compact"]
        else { throw LedgerStoreError.malformed(path: headPath, reason: "'size', 'tailBytes' or 'compact' missing") }
        var hashes: [[UInt8]] = []
        for item in items {
            guard case .string(let text) = item, let hash = Hex.decode(text) else {
                throw LedgerStoreError.malformed(path: headPath, reason: "'compact' holds a non-hex hash")
            }
            hashes.append(hash)
        }
        do {
            let compact = try CompactRange(size: UInt64(size), hashes: hashes)
            return Head(size: UInt64(size), tailBytes: Int(tail), compact: compact)
        } catch {
            throw LedgerStoreError.malformed(path: headPath, reason: "'compact' does not fit 'size': \(error)")
        }
    }

    private func jsonObject(_ bytes: [UInt8], path: String) throws -> [String: JSONValue] {
        do {
            guard case .object(let object) = try JSONParser.parse(bytes) else {
                throw LedgerStoreError.malformed(path: path, reason: "expected a JSON object")
            }
            return object
        } catch let error as CanonicalJSONError {
            throw LedgerStoreError.malformed(path: path, reason: "not JSON (\(error))")
        }
    }

    private func encodeHead(_ head: Head) throws -> [UInt8] {
        let value: JSONValue = .object([
            "format": .number(Double(LedgerManifest.currentFormat)),
            "size": .number(Double(head.size)),
            "tailBytes": .number(Double(head.tailBytes)),
            "compact": .array(head.compact.hashes.map { .string(Hex.encode($0)) }),
            "root": .string(Hex.encode(head.compact.rootHash)),
        ])
        return try CanonicalJSON.encode(value) + [0x0A]
    }

    // MARK: Reading

    public func read(_ body: (LedgerRecord) throws -> Void) async throws -> LedgerReadSummary {
        guard let manifest = try readManifest() else { throw LedgerStoreError.notFound(path: path) }
        // The shared lock keeps an append from running mid-read (its unpublished bytes would look torn); it is
        // released when `lock` goes out of scope at the end of this function.
        let lock = POSIXFile.exists(lockPath) ? try POSIXFile(path: lockPath, flags: O_RDONLY) : nil
        defer { lock?.close() }
        try lock?.lock(exclusive: false)
        let head = try readHead()
        let capacity = UInt64(manifest.segmentCapacity)
        let tailSegment = head.size / capacity
        var tornTail: TornTail?
        for segment in 0...tailSegment {
            let firstIndex = segment * capacity
            let expected = segment < tailSegment ? capacity : head.size - firstIndex
            let segmentFile = segmentPath(segment, capacity: Int(capacity))
            guard POSIXFile.exists(segmentFile) else {
                if expected == 0 { break }
                throw LedgerIntegrityError(index: firstIndex, reason: "its segment file is missing", path: segmentFile)
            }
            let file = try POSIXFile(path: segmentFile, flags: O_RDONLY)
            let length = try file.length()
            let published = segment < tailSegment ? length : head.tailBytes
            let bytes = try file.read(offset: 0, count: min(length, published))
            let count = try scanRecords(bytes, firstIndex: firstIndex, limit: expected, path: segmentFile, body)
            if count < expected {
                throw LedgerIntegrityError(
                    index: firstIndex + count,
                    reason: "missing: the segment file ends after \(count) of its \(expected) published entries "
                        + "(truncated or deleted)",
                    path: segmentFile
                )
            }
            if segment < tailSegment, length > bytes.count {
                throw LedgerIntegrityError(
                    index: firstIndex + count,
                    reason: "unexpected data after the segment's last entry (an inserted entry?)",
                    path: segmentFile
                )
            }
            if segment == tailSegment, length > published {
                tornTail = TornTail(path: segmentFile, byteCount: length - published, atIndex: head.size)
            }
        }
        // Segments past the tail can only hold an interrupted append that crossed a segment boundary.
        let nextSegment = segmentPath(tailSegment + 1, capacity: Int(capacity))
        if tornTail == nil, let bytes = try POSIXFile.readIfPresent(nextSegment), !bytes.isEmpty {
            tornTail = TornTail(path: nextSegment, byteCount: bytes.count, atIndex: head.size)
        }
        return LedgerReadSummary(size: head.size, publishedRoot: head.compact.rootHash, tornTail: tornTail)
    }

    /// Parses records `firstIndex…` from a segment's published bytes, checking each index and checksum.
    private func scanRecords(
        _ bytes: [UInt8],
        firstIndex: UInt64,
        limit: UInt64,
        path: String,
        _ body: (LedgerRecord) throws -> Void
    ) throws -> UInt64 {
        var count: UInt64 = 0
        var start = 0
        let space = UInt8(ascii: " ")
        while start < bytes.count {
            let index = firstIndex + count
            guard count < limit else {
                throw LedgerIntegrityError(index: index, reason: "an entry beyond the published size", path: path)
            }
            guard let end = Self.firstNewline(in: bytes, from: start) else {
                throw LedgerIntegrityError(
                    index: index,
                    reason: "its record is cut short (no final newline)",
                    path: path
                )
            }
            // "<index> <64 hex> <json>"
            guard let firstSpace = bytes[start..<end].firstIndex(of: space), firstSpace > start,
                firstSpace + 66 < end, bytes[firstSpace + 65] == space
            else {
                throw LedgerIntegrityError(
                    index: index,
                    reason: "its record is not '<index> <hash> <event>'",
                    path: path
                )
            }
            var storedIndex: UInt64 = 0
            for digit in bytes[start..<firstSpace] {
                guard digit >= 0x30, digit <= 0x39, storedIndex < UInt64.max / 10 else {
                    throw LedgerIntegrityError(index: index, reason: "its record's index is not a number", path: path)
                }
                storedIndex = storedIndex * 10 + UInt64(digit - 0x30)
            }
            if storedIndex != index {
                let reason =
                    storedIndex > index
                    ? "missing: the record here is entry \(storedIndex) (an entry was deleted)"
                    : "out of order: the record here is entry \(storedIndex) (entries reordered or inserted)"
                throw LedgerIntegrityError(index: index, reason: reason, path: path)
            }
            let entry = bytes[(firstSpace + 66)..<end]
            let leafHash = MerkleHasher.leafHash(entry)
            guard Self.hex(bytes[(firstSpace + 1)..<(firstSpace + 65)], matches: leafHash) else {
                throw LedgerIntegrityError(
                    index: index,
                    reason: "its bytes do not match its checksum (the entry was changed after it was written)",
                    path: path
                )
            }
            try body(LedgerRecord(index: index, leafHash: leafHash, entry: entry))
            count += 1
            start = end + 1
        }
        return count
    }

    /// The index of the next `\n` at or after `start` (memchr: segment files are scanned byte by byte otherwise).
    static func firstNewline(in bytes: [UInt8], from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress, start < buffer.count,
                let found = memchr(base + start, 0x0A, buffer.count - start)
            else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Whether lower-case hex digits spell `hash`, without allocating.
    static func hex(_ digits: ArraySlice<UInt8>, matches hash: [UInt8]) -> Bool {
        guard digits.count == hash.count * 2 else { return false }
        let alphabet: StaticString = "0123456789abcdef"
        return alphabet.withUTF8Buffer { table in
            var position = digits.startIndex
            for byte in hash {
                if digits[position] != table[Int(byte >> 4)] || digits[position + 1] != table[Int(byte & 0xF)] {
                    return false
                }
                position += 2
            }
            return true
        }
    }

    public func checkpoints() async throws -> [StoredCheckpoint] {
        var result: [StoredCheckpoint] = []
        for name in try POSIXFile.list(checkpointsPath) where name.hasSuffix(".note") && !name.hasPrefix(".") {
            let file = checkpointsPath + "/" + name
            guard let size = UInt64(name.dropLast(5)) else {
                throw LedgerStoreError.malformed(path: file, reason: "a checkpoint file name is not '<size>.note'")
            }
            let bytes = try POSIXFile.readIfPresent(file) ?? []
            result.append(StoredCheckpoint(location: file, size: size, note: String(decoding: bytes, as: UTF8.self)))
        }
        return result.sorted { $0.size < $1.size }
    }

    // MARK: Appending

    /// Appends on a thread of its own: the exclusive `flock` may wait for another writer for as long as its
    /// append takes, and a wait there must not hold one of the few threads of Swift's cooperative pool.
    public func append(
        _ entries: [[UInt8]],
        creating: LedgerManifest,
        signer: (any CheckpointSigner)?
    ) async throws -> AppendOutcome {
        try await BlockingWork.run { try appendLocked(entries, creating: creating, signer: signer) }
    }

    func appendLocked(
        _ entries: [[UInt8]],
        creating: LedgerManifest,
        signer: (any CheckpointSigner)?
    ) throws -> AppendOutcome {
        try POSIXFile.makeDirectories(segmentsPath)
        try POSIXFile.makeDirectories(checkpointsPath)
        let lock = try POSIXFile(path: lockPath, flags: O_RDWR | O_CREAT)
        defer { lock.close() }
        try lock.lock(exclusive: true)
        var manifest = try readManifest()
        if manifest == nil {
            var fresh = creating
            fresh.format = LedgerManifest.currentFormat
            let value: JSONValue = .object([
                "format": .number(Double(fresh.format)),
                "origin": .string(fresh.origin),
                "segmentCapacity": .number(Double(fresh.segmentCapacity)),
            ])
            try POSIXFile.writeAtomically(try CanonicalJSON.encode(value) + [0x0A], to: manifestPath)
            manifest = fresh
        }
        guard let manifest else { throw LedgerStoreError.notFound(path: path) }
        var head = try readHead()
        let capacity = UInt64(manifest.segmentCapacity)
        let quarantined = try quarantineTornTail(head: head, capacity: capacity)

        let firstIndex = head.size
        var segment = head.size / capacity
        var offset = head.tailBytes
        var buffer: [UInt8] = []
        func flush() throws {
            guard !buffer.isEmpty else { return }
            let file = segmentPath(segment, capacity: Int(capacity))
            let existed = POSIXFile.exists(file)
            do {
                let handle = try POSIXFile(path: file, flags: O_WRONLY | O_CREAT)
                try handle.write(buffer, offset: offset)
                try handle.sync()
            }
            if !existed { try POSIXFile.syncDirectory(segmentsPath) }
            offset += buffer.count
            buffer = []
        }
        for entry in entries {
            if head.compact.size / capacity != segment {
                try flush()
                segment = head.compact.size / capacity
                offset = 0
            }
            let leafHash = MerkleHasher.leafHash(entry)
            buffer.append(contentsOf: Array("\(head.compact.size) \(Hex.encode(leafHash)) ".utf8))
            buffer.append(contentsOf: entry)
            buffer.append(0x0A)
            head.compact.append(leafHash: leafHash)
        }
        try flush()
        head.size = head.compact.size
        // At a segment boundary the tail is the next, still empty, segment.
        head.tailBytes = head.size % capacity == 0 ? 0 : offset
        if !entries.isEmpty { try POSIXFile.writeAtomically(try encodeHead(head), to: headPath) }

        var checkpointPath: String?
        if let signer {
            let checkpoint = Checkpoint(origin: manifest.origin, size: head.size, rootHash: head.compact.rootHash)
            let note = try SignedNote.sign(text: checkpoint.body, with: signer)
            let file = checkpointsPath + "/" + Self.paddedNumber(head.size) + ".note"
            try POSIXFile.writeAtomically(Array(note.serialized.utf8), to: file)
            checkpointPath = file
        }
        return AppendOutcome(
            firstIndex: firstIndex,
            size: head.size,
            rootHash: head.compact.rootHash,
            checkpoint: checkpointPath,
            quarantined: quarantined
        )
    }

    /// Moves bytes after the published end (an interrupted append) to `torn/` and cuts the segment back, so the
    /// next records start at the published end; refuses when published bytes are missing.
    private func quarantineTornTail(head: Head, capacity: UInt64) throws -> TornTail? {
        let tailSegment = head.size / capacity
        var found: TornTail?
        for segment in [tailSegment, tailSegment + 1] {
            let file = segmentPath(segment, capacity: Int(capacity))
            guard POSIXFile.exists(file) else { continue }
            let handle = try POSIXFile(path: file, flags: O_RDWR)
            let length = try handle.length()
            let published = segment == tailSegment ? head.tailBytes : 0
            if length < published {
                throw LedgerStoreError.refusingToAppend(
                    path: file,
                    reason: "the segment is \(length) bytes but \(published) were published (entries are missing)"
                )
            }
            guard length > published else { continue }
            let extra = try handle.read(offset: published, count: length - published)
            try POSIXFile.makeDirectories(tornPath)
            var attempt = 0
            var target = tornPath + "/\(Self.paddedNumber(head.size)).jsonl"
            while POSIXFile.exists(target) {
                attempt += 1
                target = tornPath + "/\(Self.paddedNumber(head.size)).\(attempt).jsonl"
            }
            try POSIXFile.writeAtomically(extra, to: target)
            try handle.truncate(to: published)
            try handle.sync()
            found = TornTail(path: target, byteCount: extra.count, atIndex: head.size)
        }
        return found
    }
}
