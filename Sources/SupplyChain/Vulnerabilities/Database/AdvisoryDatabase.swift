public import SlipwayCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Why an advisory database could not be read, saying what to do.
public enum AdvisoryDatabaseError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(path: String)
    case unreadable(path: String, reason: String)
    /// The zip's structure is broken (no central directory, bad offsets…).
    case invalidArchive(path: String, reason: String)
    /// An entry inflates to more than the limit (a zip bomb, or a database that is not OSV).
    case entryTooLarge(path: String, entry: String, bytes: UInt64, limit: UInt64)
    /// The whole database inflates to more than the limit.
    case databaseTooLarge(path: String, limit: UInt64)
    case tooManyEntries(path: String, limit: Int)
    /// Nothing in the database is an OSV record.
    case empty(path: String)

    public var description: String {
        switch self {
        case .notFound(let path):
            "\(path): error: no advisory database here; pass --db with a directory of OSV JSON files or an OSV all.zip"
        case .unreadable(let path, let reason):
            "\(path): error: cannot read the advisory database (\(reason)); check the path and permissions"
        case .invalidArchive(let path, let reason):
            "\(path): error: not a readable zip archive (\(reason)); download the database again"
        case .entryTooLarge(let path, let entry, let bytes, let limit):
            "\(path): error: entry '\(entry)' inflates to \(bytes) bytes, over the \(limit)-byte limit per "
                + "advisory; refusing a possible zip bomb (download the database from osv.dev again)"
        case .databaseTooLarge(let path, let limit):
            "\(path): error: the database inflates to more than \(limit) bytes; refusing a possible zip bomb "
                + "(split the database per ecosystem)"
        case .tooManyEntries(let path, let limit):
            "\(path): error: more than \(limit) entries; refusing it (split the database per ecosystem)"
        case .empty(let path):
            "\(path): error: no OSV JSON records found; pass --db with a directory of OSV JSON files or an OSV all.zip"
        }
    }
}

/// Bounds on what a database may make Slipway read, so a hostile zip cannot exhaust memory.
public struct AdvisoryDatabaseLimits: Sendable, Hashable {
    /// Largest inflated size of one record.
    public var maximumRecordBytes: UInt64
    /// Largest inflated size of the whole database.
    public var maximumTotalBytes: UInt64
    public var maximumEntries: Int

    /// Limits far above the real OSV databases (the largest record is under 1 MiB, all of PyPI under 100 MiB).
    public static let standard = AdvisoryDatabaseLimits(
        maximumRecordBytes: 32 << 20,
        maximumTotalBytes: 4 << 30,
        maximumEntries: 2_000_000
    )

    /// Creates limits.
    public init(maximumRecordBytes: UInt64, maximumTotalBytes: UInt64, maximumEntries: Int) {
        self.maximumRecordBytes = maximumRecordBytes
        self.maximumTotalBytes = maximumTotalBytes
        self.maximumEntries = maximumEntries
    }
}

/// What a gate decision was made against: enough to find and check the same database again later.
public struct DatabaseSnapshot: Sendable, Hashable, Codable {
    public var path: String
    /// `directory`, `zip` or `online`.
    public var kind: String
    /// JSON files read (directory or zip entries).
    public var fileCount: Int
    /// Records that decoded.
    public var advisoryCount: Int
    /// The newest `modified` time among the records (RFC 3339), the database's effective date.
    public var newestModified: String?
    /// SHA-256 over every file's name and SHA-256, in name order: equal digests mean equal databases.
    public var digest: String

    /// Creates a snapshot description.
    public init(
        path: String,
        kind: String,
        fileCount: Int,
        advisoryCount: Int,
        newestModified: String?,
        digest: String
    ) {
        self.path = path
        self.kind = kind
        self.fileCount = fileCount
        self.advisoryCount = advisoryCount
        self.newestModified = newestModified
        self.digest = digest
    }
}

/// The decoded records of a database, with its snapshot and the files that could not be used.
public struct AdvisoryDatabase: Sendable {
    public var records: [OSVRecord]
    public var snapshot: DatabaseSnapshot
    /// Records that could not be decoded or entries refused (path traversal), as located warnings.
    public var diagnostics: [Diagnostic]

    /// Creates a database value.
    public init(records: [OSVRecord], snapshot: DatabaseSnapshot, diagnostics: [Diagnostic]) {
        self.records = records
        self.snapshot = snapshot
        self.diagnostics = diagnostics
    }
}

/// Reads an OSV database from a directory of JSON files (searched recursively) or a zip of them.
public struct AdvisoryDatabaseLoader: Sendable {
    let fileSystem: any FileSystem
    let limits: AdvisoryDatabaseLimits

    /// Creates a loader over `fileSystem`.
    public init(fileSystem: any FileSystem, limits: AdvisoryDatabaseLimits = .standard) {
        self.fileSystem = fileSystem
        self.limits = limits
    }

    /// One raw JSON document of the database.
    struct RawFile: Sendable {
        var name: String
        var bytes: [UInt8]
    }

    /// Reads and decodes every record; records that do not decode become warnings.
    public func load(_ path: String) async throws(AdvisoryDatabaseError) -> AdvisoryDatabase {
        let (files, kind, refused) = try rawFiles(path)
        let decoded = await Self.decode(files, databasePath: path)
        var diagnostics = refused + decoded.diagnostics
        diagnostics.sort { ($0.location?.path ?? "") < ($1.location?.path ?? "") }
        guard !decoded.records.isEmpty || files.isEmpty == false else { throw .empty(path: path) }
        if decoded.records.isEmpty { throw .empty(path: path) }
        let snapshot = DatabaseSnapshot(
            path: path,
            kind: kind,
            fileCount: files.count,
            advisoryCount: decoded.records.count,
            newestModified: decoded.records.lazy.map(\.modified).max(),
            digest: Self.digest(files)
        )
        return AdvisoryDatabase(records: decoded.records, snapshot: snapshot, diagnostics: diagnostics)
    }

    /// A cheap fingerprint of the database's current state (names, sizes and modification times, or the zip's),
    /// used to tell whether a cached index is still valid without reading every record.
    public func fingerprint(_ path: String) throws(AdvisoryDatabaseError) -> String {
        var hash = StableHash()
        switch fileSystem.itemKind(at: path) {
        case nil:
            throw .notFound(path: path)
        case .file(let size):
            hash.combine("zip")
            hash.combine(String(size))
            hash.combine(String(fileSystem.changeStamp(at: path) ?? 0))
        case .directory:
            if fileSystem is LocalFileSystem, let fingerprint = LocalDirectoryFingerprint.fingerprint(path) {
                return fingerprint
            }
            hash.combine("directory")
            for file in jsonFiles(under: path) {
                hash.combine(file.path)
                hash.combine(String(file.size))
                hash.combine(String(file.changeStamp ?? 0))
            }
        }
        return hash.hexDigest
    }

    func rawFiles(_ path: String) throws(AdvisoryDatabaseError) -> ([RawFile], String, [Diagnostic]) {
        switch fileSystem.itemKind(at: path) {
        case nil:
            throw .notFound(path: path)
        case .directory:
            let names = jsonFiles(under: path).map(\.path)
            if names.count > limits.maximumEntries { throw .tooManyEntries(path: path, limit: limits.maximumEntries) }
            var files: [RawFile] = []
            files.reserveCapacity(names.count)
            var total: UInt64 = 0
            for name in names {
                let bytes: [UInt8]
                do {
                    bytes = try fileSystem.readFile(at: PathUtilities.join(path, name))
                } catch {
                    throw .unreadable(path: PathUtilities.join(path, name), reason: "\(error)")
                }
                if UInt64(bytes.count) > limits.maximumRecordBytes {
                    throw .entryTooLarge(
                        path: path,
                        entry: name,
                        bytes: UInt64(bytes.count),
                        limit: limits.maximumRecordBytes
                    )
                }
                total += UInt64(bytes.count)
                if total > limits.maximumTotalBytes {
                    throw .databaseTooLarge(path: path, limit: limits.maximumTotalBytes)
                }
                files.append(RawFile(name: name, bytes: bytes))
            }
            return (files, "directory", [])
        case .file:
            let bytes: [UInt8]
            do {
                bytes = try fileSystem.readFile(at: path)
            } catch {
                throw .unreadable(path: path, reason: "\(error)")
            }
            let (files, refused) = try ZipAdvisoryReader(path: path, limits: limits).entries(bytes)
            return (files.sorted { $0.name < $1.name }, "zip", refused)
        }
    }

    /// A `.json` file of a database directory, with what the fingerprint needs.
    struct ListedFile {
        var path: String
        var size: Int
        var changeStamp: Int64?
    }

    /// The `.json` files under `directory`, relative and sorted; hidden files and the index cache are skipped.
    ///
    /// One listing per directory (`directoryEntries`), so fingerprinting thousands of records stays cheap.
    func jsonFiles(under directory: String) -> [ListedFile] {
        var result: [ListedFile] = []
        func walk(_ relative: String, depth: Int) {
            guard depth < 16 else { return }
            let absolute = relative.isEmpty ? directory : directory + "/" + relative
            guard let entries = try? fileSystem.directoryEntries(at: absolute) else { return }
            for entry in entries where !entry.name.hasPrefix(".") {
                let child = relative.isEmpty ? entry.name : relative + "/" + entry.name
                switch entry.kind {
                case .directory: walk(child, depth: depth + 1)
                case .file(let size):
                    if entry.name.hasSuffix(".json") {
                        result.append(ListedFile(path: child, size: size, changeStamp: entry.changeStamp))
                    }
                case nil: break
                }
            }
        }
        walk("", depth: 0)
        return result.sorted { $0.path < $1.path }
    }

    /// Decodes records on every core; order follows the file names.
    static func decode(
        _ files: [RawFile],
        databasePath: String
    ) async -> (records: [OSVRecord], diagnostics: [Diagnostic]) {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
        let chunkSize = max(64, (files.count + workers - 1) / workers)
        let chunks = stride(from: 0, to: files.count, by: chunkSize).map { start in
            Array(files[start..<min(start + chunkSize, files.count)])
        }
        return await withTaskGroup(of: (Int, [OSVRecord], [Diagnostic]).self) { group in
            for (index, chunk) in chunks.enumerated() {
                group.addTask {
                    let decoder = JSONDecoder()
                    var records: [OSVRecord] = []
                    var diagnostics: [Diagnostic] = []
                    records.reserveCapacity(chunk.count)
                    for file in chunk {
                        do {
                            records.append(try decoder.decode(OSVRecord.self, from: Data(file.bytes)))
                        } catch {
                            diagnostics.append(Self.decodingDiagnostic(error, file: file, databasePath: databasePath))
                        }
                    }
                    return (index, records, diagnostics)
                }
            }
            var parts: [(Int, [OSVRecord], [Diagnostic])] = []
            for await part in group { parts.append(part) }
            parts.sort { $0.0 < $1.0 }
            return (parts.flatMap(\.1), parts.flatMap(\.2))
        }
    }

    static func decodingDiagnostic(_ error: any Error, file: RawFile, databasePath: String) -> Diagnostic {
        let location = SourceLocation(path: PathUtilities.join(databasePath, file.name), line: 1, column: 1)
        let reason: String
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            reason = "missing '\(key.stringValue)' at \(Self.codingPath(context.codingPath))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            reason = "wrong type at \(Self.codingPath(context.codingPath)): \(context.debugDescription)"
        case DecodingError.dataCorrupted(let context):
            reason = "not valid JSON: \(context.underlyingError.map { "\($0)" } ?? context.debugDescription)"
        default:
            reason = "\(error)"
        }
        return Diagnostic(.warning, "skipped an advisory that is not a valid OSV record (\(reason))", at: location)
    }

    static func codingPath(_ path: [any CodingKey]) -> String {
        path.isEmpty
            ? "the top level" : path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }

    static func digest(_ files: [RawFile]) -> String {
        var outer = SHA256Digest()
        for file in files {
            outer.update(Array(file.name.utf8) + [0])
            outer.update(Array(SHA256Digest.hex(file.bytes).utf8) + [0x0a])
        }
        return outer.finalizeHex()
    }
}
