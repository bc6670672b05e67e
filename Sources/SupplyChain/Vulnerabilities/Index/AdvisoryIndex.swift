import SlipwayCore

/// What matching needs of one advisory for one package: identity, severity inputs and the affected entries that
/// name the package (other packages' entries are dropped, which keeps the index small).
public struct IndexedAdvisory: Sendable, Hashable, Codable {
    public var id: String
    public var aliases: [String]
    public var modified: String
    public var summary: String?
    /// CVSS and other scores, of the advisory and of the affected entries.
    public var severity: [OSVSeverity]
    /// `database_specific.severity` (GitHub's `LOW`/`MODERATE`/`HIGH`/`CRITICAL`), the fallback when no vector parses.
    public var databaseSeverity: String?
    /// The advisory's own page (`ADVISORY` reference, else the first reference).
    public var url: String?
    public var affected: [OSVAffected]

    /// Creates an indexed advisory.
    public init(
        id: String,
        aliases: [String] = [],
        modified: String,
        summary: String? = nil,
        severity: [OSVSeverity] = [],
        databaseSeverity: String? = nil,
        url: String? = nil,
        affected: [OSVAffected]
    ) {
        self.id = id
        self.aliases = aliases
        self.modified = modified
        self.summary = summary
        self.severity = severity
        self.databaseSeverity = databaseSeverity
        self.url = url
        self.affected = affected
    }
}

/// Looks up the advisories of a package: in memory after parsing a database, or lazily from the on-disk index.
public protocol AdvisoryLookup: Sendable {
    /// The database the answers come from.
    var snapshot: DatabaseSnapshot { get }
    /// The advisories naming `key`, withdrawn ones excluded.
    func advisories(for key: PackageKey) throws(AdvisoryIndexError) -> [IndexedAdvisory]
}

/// Why the on-disk index could not be used; the scan falls back to parsing the database.
public enum AdvisoryIndexError: Error, Sendable, Equatable, CustomStringConvertible {
    case corrupt(path: String, reason: String)

    public var description: String {
        switch self {
        case .corrupt(let path, let reason):
            "\(path): warning: the advisory index is damaged (\(reason)); delete it, it is rebuilt on the next scan"
        }
    }
}

/// Every advisory of a database grouped by package, built once per database.
public struct AdvisoryIndex: AdvisoryLookup {
    public let snapshot: DatabaseSnapshot
    /// Advisories per package, each list sorted by id.
    public let packages: [PackageKey: [IndexedAdvisory]]
    /// Withdrawn advisories left out.
    public let withdrawnCount: Int

    /// Groups the records of `database` by the packages they affect.
    public init(database: AdvisoryDatabase) {
        var packages: [PackageKey: [IndexedAdvisory]] = [:]
        var withdrawn = 0
        for record in database.records {
            if record.withdrawn != nil {
                withdrawn += 1
                continue
            }
            var byPackage: [PackageKey: [OSVAffected]] = [:]
            for affected in record.affected ?? [] {
                guard let package = affected.package,
                    let key = PackageKey(osvEcosystem: package.ecosystem, name: package.name)
                else { continue }
                // `database_specific` of an entry is never read by matching; dropping it keeps the index small.
                var kept = affected
                kept.databaseSpecific = nil
                byPackage[key, default: []].append(kept)
            }
            guard !byPackage.isEmpty else { continue }
            var severity = record.severity ?? []
            for affected in record.affected ?? [] { severity += affected.severity ?? [] }
            let references = record.references ?? []
            let url = (references.first { $0.type == "ADVISORY" } ?? references.first)?.url
            var databaseSeverity: String?
            if case .object(let fields) = record.databaseSpecific, case .string(let value) = fields["severity"] {
                databaseSeverity = value
            }
            for (key, affected) in byPackage {
                packages[key, default: []].append(
                    IndexedAdvisory(
                        id: record.id,
                        aliases: record.aliases ?? [],
                        modified: record.modified,
                        summary: record.summary,
                        severity: Self.unique(severity),
                        databaseSeverity: databaseSeverity,
                        url: url,
                        affected: affected
                    )
                )
            }
        }
        for key in packages.keys { packages[key]?.sort { $0.id < $1.id } }
        self.snapshot = database.snapshot
        self.packages = packages
        self.withdrawnCount = withdrawn
    }

    /// Creates an index from parts (tests, the online client).
    public init(snapshot: DatabaseSnapshot, packages: [PackageKey: [IndexedAdvisory]], withdrawnCount: Int = 0) {
        self.snapshot = snapshot
        self.packages = packages
        self.withdrawnCount = withdrawnCount
    }

    public func advisories(for key: PackageKey) -> [IndexedAdvisory] { packages[key] ?? [] }

    private static func unique(_ severity: [OSVSeverity]) -> [OSVSeverity] {
        var seen = Set<OSVSeverity>()
        return severity.filter { seen.insert($0).inserted }
    }
}
