public import SlipwayCore

/// Opens an advisory database for lookups, through the on-disk index when it is current.
///
/// The first scan of a database parses every record, groups them by package and writes the index next to the
/// database (`<db>.slipway-index`); later scans check the database's fingerprint (names, sizes, modification
/// times) and read only the index's package table, decoding just the packages they look up.
public struct AdvisoryStore: Sendable {
    /// What happened to the index on this run.
    public enum IndexState: String, Sendable, Codable {
        /// A current index was used; the database was not parsed.
        case used
        /// The database was parsed and the index (re)written.
        case written
        /// The database was parsed; the index could not be written (see the warning).
        case unwritable
        /// Caching was turned off.
        case disabled
    }

    /// An opened database.
    public struct Opened: Sendable {
        public var lookup: any AdvisoryLookup
        public var indexState: IndexState
        public var indexPath: String?
        /// Records skipped, entries refused, index problems.
        public var diagnostics: [Diagnostic]
    }

    let fileSystem: any FileSystem
    let limits: AdvisoryDatabaseLimits

    /// Creates a store over `fileSystem`.
    public init(fileSystem: any FileSystem, limits: AdvisoryDatabaseLimits = .standard) {
        self.fileSystem = fileSystem
        self.limits = limits
    }

    /// The default index location for a database: beside it, named after it.
    public static func defaultIndexPath(for database: String) -> String {
        var path = database
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path + ".slipway-index"
    }

    /// Opens `database`; `indexPath` nil disables the on-disk index.
    public func open(database: String, indexPath: String?) async throws(AdvisoryDatabaseError) -> Opened {
        let loader = AdvisoryDatabaseLoader(fileSystem: fileSystem, limits: limits)
        var diagnostics: [Diagnostic] = []
        var fingerprint: String?
        if let indexPath {
            fingerprint = try loader.fingerprint(database)
            if fileSystem.exists(indexPath) {
                do {
                    let file = try AdvisoryIndexFile(bytes: try fileSystem.readFile(at: indexPath), path: indexPath)
                    if file.fingerprint == fingerprint {
                        return Opened(lookup: file, indexState: .used, indexPath: indexPath, diagnostics: [])
                    }
                } catch let error as AdvisoryIndexError {
                    diagnostics.append(
                        Diagnostic(.warning, "\(error)", at: SourceLocation(path: indexPath, line: 1, column: 1))
                    )
                } catch {
                    diagnostics.append(
                        Diagnostic(.warning, "cannot read the advisory index: \(error); rebuilding it", at: nil)
                    )
                }
            }
        }
        let parsed = try await loader.load(database)
        diagnostics += parsed.diagnostics
        let index = AdvisoryIndex(database: parsed)
        guard let indexPath, let fingerprint else {
            return Opened(lookup: index, indexState: .disabled, indexPath: nil, diagnostics: diagnostics)
        }
        do {
            let bytes = try AdvisoryIndexFile.encode(index, fingerprint: fingerprint)
            try fileSystem.writeFileAtomically(bytes, to: indexPath)
            return Opened(lookup: index, indexState: .written, indexPath: indexPath, diagnostics: diagnostics)
        } catch {
            diagnostics.append(
                Diagnostic(
                    .warning,
                    "could not write the advisory index (\(error)); scans parse the database each time, or pass "
                        + "--index PATH",
                    at: nil
                )
            )
            return Opened(lookup: index, indexState: .unwritable, indexPath: indexPath, diagnostics: diagnostics)
        }
    }
}
