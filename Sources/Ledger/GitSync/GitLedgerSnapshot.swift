import SlipwayCore

/// A ledger as one commit of the sync ref stores it, held in memory.
///
/// ```
/// ledger.json                          {"chunkEntries":4096,"format":1,"origin":"…","root":"<hex>","size":N}
/// entries/00000000000000000000.jsonl   entries 0…4095: the canonical event bytes, one per line
/// entries/00000000000000004096.jsonl   …
/// checkpoints/00000000000000000042.note  the signed checkpoint for tree size 42
/// ```
///
/// Each line of an entries file is exactly a Merkle leaf (`ledger export --format jsonl` prints the same lines),
/// so an auditor can check a ref with nothing but `git` and `sha256sum`. Full chunks never change, so each push
/// writes one new chunk blob, the new checkpoint and `ledger.json`, and reuses every other blob.
struct GitLedgerSnapshot: Sendable {
    /// The newest sync layout this build reads, and the one it writes.
    static let currentFormat = 1

    /// The commit it was read from (`nil` for one built locally and not yet written).
    var commit: String?
    /// The log's origin.
    var origin: String
    /// Entries per chunk file.
    var chunkEntries: Int
    /// The canonical event bytes, in log order.
    private(set) var entries: [[UInt8]] = []
    /// Their leaf hashes.
    private(set) var leafHashes: [[UInt8]] = []
    /// The signed checkpoint notes by tree size.
    private(set) var checkpoints: [UInt64: String] = [:]
    /// Blob ids of files whose content is unchanged since they were read, by path.
    private var blobIDs: [String: String] = [:]
    private var compact = CompactRange()

    /// An empty ledger.
    init(origin: String, chunkEntries: Int) {
        self.origin = origin
        self.chunkEntries = chunkEntries
    }

    /// The number of entries.
    var size: UInt64 { UInt64(entries.count) }
    /// The root of all entries.
    var rootHash: [UInt8] { compact.rootHash }

    /// The root of the first `size` entries (at most `self.size`).
    func rootHash(size: UInt64) -> [UInt8] {
        var prefix = CompactRange()
        for leafHash in leafHashes.prefix(Int(size)) { prefix.append(leafHash: leafHash) }
        return prefix.rootHash
    }

    /// Adds entries at the end (their indices are the next free ones).
    mutating func append(_ newEntries: [[UInt8]]) {
        for entry in newEntries {
            blobIDs[chunkPath(firstIndex: size / UInt64(chunkEntries) * UInt64(chunkEntries))] = nil
            let leafHash = MerkleHasher.leafHash(entry)
            entries.append(entry)
            leafHashes.append(leafHash)
            compact.append(leafHash: leafHash)
        }
    }

    /// Adds or replaces the checkpoint note for `size`.
    mutating func setCheckpoint(size: UInt64, note: String) {
        guard checkpoints[size] != note else { return }
        checkpoints[size] = note
        blobIDs[Self.checkpointPath(size: size)] = nil
    }

    func chunkPath(firstIndex: UInt64) -> String {
        "entries/" + DirectoryLedgerStore.paddedNumber(firstIndex) + ".jsonl"
    }

    static func checkpointPath(size: UInt64) -> String {
        "checkpoints/" + DirectoryLedgerStore.paddedNumber(size) + ".note"
    }

    /// The checkpoint notes as stored checkpoints, ordered by size; `location` names the ref and path.
    func storedCheckpoints(ref: String) -> [StoredCheckpoint] {
        checkpoints.keys.sorted().map { size in
            StoredCheckpoint(
                location: "\(ref):\(Self.checkpointPath(size: size))",
                size: size,
                note: checkpoints[size] ?? ""
            )
        }
    }

    // MARK: Reading a commit

    /// Reads the ledger stored in `commit` and checks that its entries hash to its published root and to the root
    /// of every checkpoint (signatures are checked by `verifySignatures`).
    ///
    /// - Throws: `LedgerSyncError.remoteNewerFormat`, `.remoteMalformed`, `.remoteDoesNotVerify`, or a git failure.
    static func read(commit: String, ref: String, git: GitPlumbing) async throws(LedgerSyncError) -> GitLedgerSnapshot {
        func malformed(_ reason: String) -> LedgerSyncError {
            .remoteMalformed(ref: ref, commit: commit, reason: reason)
        }
        let files = try await git.listTree(commit)
        guard let manifestFile = files.first(where: { $0.path == "ledger.json" && $0.type == "blob" }) else {
            throw malformed("the commit has no ledger.json")
        }
        let manifest = try await git.readBlobs([manifestFile.object])[0]
        guard case .object(let object)? = try? JSONParser.parse(manifest) else {
            throw malformed("ledger.json is not a JSON object")
        }
        guard case .number(let format) = object["format"], format >= 1, format == format.rounded() else {
            throw malformed("ledger.json has no 'format' number")
        }
        if Int(format) > currentFormat {
            throw .remoteNewerFormat(ref: ref, found: Int(format), supported: currentFormat)
        }
        guard case .string(let origin) = object["origin"], NoteKey.isValidName(origin),
            case .number(let chunk) = object["chunkEntries"], chunk >= 1, chunk <= 1e7, chunk == chunk.rounded(),
            case .number(let sizeValue) = object["size"], sizeValue >= 0, sizeValue <= 9e15,
            sizeValue == sizeValue.rounded(),
            case .string(let rootText) = object["root"], let publishedRoot = Hex.decode(rootText)
        else { throw malformed("ledger.json lacks 'origin', 'chunkEntries', 'size' or 'root'") }
        let size = UInt64(sizeValue)

        var snapshot = GitLedgerSnapshot(origin: origin, chunkEntries: Int(chunk))
        snapshot.commit = commit
        var chunkFiles: [(first: UInt64, object: String, path: String)] = []
        var noteFiles: [(size: UInt64, object: String, path: String)] = []
        for file in files where file.path != "ledger.json" {
            guard file.type == "blob" else { throw malformed("unexpected \(file.type) '\(file.path)'") }
            if let first = number(in: file.path, prefix: "entries/", suffix: ".jsonl") {
                chunkFiles.append((first, file.object, file.path))
            } else if let noteSize = number(in: file.path, prefix: "checkpoints/", suffix: ".note") {
                noteFiles.append((noteSize, file.object, file.path))
            } else {
                throw malformed("unexpected file '\(file.path)'")
            }
        }
        chunkFiles.sort { $0.first < $1.first }
        let expectedChunks = (size + UInt64(chunk) - 1) / UInt64(chunk)
        guard UInt64(chunkFiles.count) == expectedChunks else {
            throw malformed("\(chunkFiles.count) entries file(s) for \(size) entries of \(Int(chunk)) per file")
        }
        let blobs = try await git.readBlobs(chunkFiles.map(\.object) + noteFiles.map(\.object))
        for (offset, file) in chunkFiles.enumerated() {
            guard file.first == UInt64(offset) * UInt64(chunk) else {
                throw malformed("'\(file.path)' should be named for index \(UInt64(offset) * UInt64(chunk))")
            }
            let lines = try splitLines(blobs[offset]) { malformed("'\(file.path)': \($0)") }
            let expected = min(UInt64(chunk), size - file.first)
            guard UInt64(lines.count) == expected else {
                throw malformed("'\(file.path)' holds \(lines.count) entries, not \(expected)")
            }
            snapshot.append(lines)
            snapshot.blobIDs[file.path] = file.object
        }

        // Every checkpoint's root must be the root of the entries at its size.
        var notes: [UInt64: (note: String, path: String)] = [:]
        for (offset, file) in noteFiles.enumerated() {
            notes[file.size] = (String(decoding: blobs[chunkFiles.count + offset], as: UTF8.self), file.path)
        }
        var roots: [UInt64: [UInt8]] = [0: MerkleHasher.emptyRoot]
        var compact = CompactRange()
        for leafHash in snapshot.leafHashes {
            compact.append(leafHash: leafHash)
            if notes[compact.size] != nil { roots[compact.size] = compact.rootHash }
        }
        guard compact.rootHash == publishedRoot else {
            throw .remoteDoesNotVerify(
                ref: ref,
                commit: commit,
                reason: "its \(size) entries do not hash to the root in ledger.json"
            )
        }
        for (noteSize, file) in notes.sorted(by: { $0.key < $1.key }) {
            do {
                let checkpoint = try Checkpoint(body: try SignedNote(parsing: file.note).text)
                guard checkpoint.origin == origin else {
                    throw CheckpointError.originMismatch(expected: origin, found: checkpoint.origin)
                }
                guard checkpoint.size == noteSize else {
                    throw CheckpointError.malformedBody(
                        "it signs size \(checkpoint.size) but is named for size \(noteSize) (a checkpoint was replaced)"
                    )
                }
                guard let root = roots[noteSize] else {
                    throw CheckpointError.malformedBody(
                        "it signs \(noteSize) entries but the ledger has only \(size) (entries were removed)"
                    )
                }
                guard checkpoint.rootHash == root else {
                    throw CheckpointError.malformedBody("its root is not the root of the first \(noteSize) entries")
                }
            } catch let error as CheckpointError {
                throw .remoteDoesNotVerify(ref: ref, commit: commit, reason: "\(file.path): \(error)")
            } catch {
                throw .remoteDoesNotVerify(ref: ref, commit: commit, reason: "\(file.path): \(error)")
            }
            snapshot.checkpoints[noteSize] = file.note
            snapshot.blobIDs[file.path] = noteFiles.first { $0.size == noteSize }?.object
        }
        return snapshot
    }

    /// Checks every checkpoint's signature against `verifiers` (trusted keys); does nothing without keys.
    ///
    /// - Throws: `LedgerSyncError.remoteDoesNotVerify` naming the checkpoint.
    func verifySignatures(_ verifiers: [any CheckpointVerifier], ref: String) throws(LedgerSyncError) {
        guard !verifiers.isEmpty else { return }
        for (size, note) in checkpoints.sorted(by: { $0.key < $1.key }) {
            do {
                try SignedNote(parsing: note).verify(with: verifiers)
            } catch {
                throw .remoteDoesNotVerify(
                    ref: ref,
                    commit: commit ?? "",
                    reason: "\(Self.checkpointPath(size: size)): \(error)"
                )
            }
        }
    }

    private static func number(in path: String, prefix: String, suffix: String) -> UInt64? {
        guard path.hasPrefix(prefix), path.hasSuffix(suffix) else { return nil }
        let digits = path.dropFirst(prefix.count).dropLast(suffix.count)
        guard digits.count == 20, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return UInt64(digits)
    }

    private static func splitLines(
        _ bytes: [UInt8],
        _ error: (String) -> LedgerSyncError
    ) throws(LedgerSyncError) -> [[UInt8]] {
        guard !bytes.isEmpty else { return [] }
        guard bytes.last == 0x0A else { throw error("the last entry has no final newline") }
        var lines: [[UInt8]] = []
        var start = 0
        while start < bytes.count {
            guard let end = DirectoryLedgerStore.firstNewline(in: bytes, from: start), end > start else {
                throw error("an empty line at byte \(start)")
            }
            lines.append(Array(bytes[start..<end]))
            start = end + 1
        }
        return lines
    }

    // MARK: Writing a commit

    /// Writes the blobs and trees that are not already in the repository and returns the root tree's id.
    func writeTree(git: GitPlumbing) async throws(LedgerSyncError) -> String {
        var entryFiles: [GitPlumbing.TreeEntry] = []
        let chunk = UInt64(chunkEntries)
        var first: UInt64 = 0
        while first < size {
            let path = chunkPath(firstIndex: first)
            var object = blobIDs[path]
            if object == nil {
                var contents: [UInt8] = []
                for entry in entries[Int(first)..<Int(min(first + chunk, size))] {
                    contents += entry
                    contents.append(0x0A)
                }
                object = try await git.writeBlob(contents)
            }
            entryFiles.append(
                .init(mode: "100644", type: "blob", object: object ?? "", path: String(path.dropFirst(8)))
            )
            first += chunk
        }
        var noteFiles: [GitPlumbing.TreeEntry] = []
        for (noteSize, note) in checkpoints.sorted(by: { $0.key < $1.key }) {
            let path = Self.checkpointPath(size: noteSize)
            var object = blobIDs[path]
            if object == nil { object = try await git.writeBlob(Array(note.utf8)) }
            noteFiles.append(
                .init(mode: "100644", type: "blob", object: object ?? "", path: String(path.dropFirst(12)))
            )
        }
        let manifest: JSONValue = .object([
            "chunkEntries": .number(Double(chunkEntries)),
            "format": .number(Double(Self.currentFormat)),
            "origin": .string(origin),
            "root": .string(Hex.encode(rootHash)),
            "size": .number(Double(size)),
        ])
        let manifestBytes: [UInt8]
        do {
            manifestBytes = try CanonicalJSON.encode(manifest) + [0x0A]
        } catch {
            throw .gitFailed(arguments: [], status: 0, message: "ledger.json could not be encoded: \(error)")
        }
        var root: [GitPlumbing.TreeEntry] = [
            .init(mode: "100644", type: "blob", object: try await git.writeBlob(manifestBytes), path: "ledger.json")
        ]
        if !entryFiles.isEmpty {
            root.append(
                .init(mode: "040000", type: "tree", object: try await git.writeTree(entryFiles), path: "entries")
            )
        }
        if !noteFiles.isEmpty {
            root.append(
                .init(mode: "040000", type: "tree", object: try await git.writeTree(noteFiles), path: "checkpoints")
            )
        }
        return try await git.writeTree(root)
    }
}
