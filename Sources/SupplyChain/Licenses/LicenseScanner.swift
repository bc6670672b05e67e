public import SlipwayCore

/// What to scan and against which policy.
public struct LicenseScanRequest: Sendable {
    /// A directory (searched for lockfiles and installed packages) or one lockfile.
    public var path: String
    /// Extra directories of installed packages: a `node_modules`, a `site-packages`, `$CARGO_HOME/registry/src/*`.
    public var metadataDirectories: [String]
    public var policy: LicensePolicy
    /// Today, for exception expiry.
    public var today: CalendarDate
    /// Findings at or above this fail the run.
    public var failOn: Severity

    /// Creates a request.
    public init(
        path: String,
        metadataDirectories: [String] = [],
        policy: LicensePolicy = LicensePolicy(),
        today: CalendarDate,
        failOn: Severity = .high
    ) {
        self.path = path
        self.metadataDirectories = metadataDirectories
        self.policy = policy
        self.today = today
        self.failOn = failOn
    }
}

/// Collects the dependencies of a project (lockfiles plus installed metadata), resolves their licenses and checks
/// them against a ``LicensePolicy``.
public struct LicenseScanner: Sendable {
    private let fileSystem: any FileSystem

    /// Creates a scanner over `fileSystem`.
    public init(fileSystem: any FileSystem) {
        self.fileSystem = fileSystem
    }

    /// Scans `request.path` and the metadata directories.
    ///
    /// - Throws: ``FileSystemError/notFound(path:)`` when the path or a metadata directory does not exist.
    public func scan(_ request: LicenseScanRequest) throws(FileSystemError) -> LicenseReport {
        guard fileSystem.exists(request.path) else { throw .notFound(path: request.path) }
        for directory in request.metadataDirectories where !fileSystem.isDirectory(directory) {
            throw .notFound(path: directory)
        }
        let inventory = LockfileDiscovery(fileSystem: fileSystem, readers: LockfileReaders.all).inventory(
            of: request.path
        )
        let base = fileSystem.isDirectory(request.path) ? request.path : PathUtilities.directory(of: request.path)
        let absoluteBase = PathUtilities.join(fileSystem.currentDirectory, base)
        let currentDirectory = fileSystem.currentDirectory
        let display: (String) -> String = { path in
            let relative = PathUtilities.relative(path, to: absoluteBase)
            if relative != PathUtilities.normalize(path) { return relative }
            return PathUtilities.relative(path, to: currentDirectory)
        }
        var roots = request.metadataDirectories
        if fileSystem.isDirectory(request.path) { roots.insert(request.path, at: 0) }
        let installed = InstalledPackageScanner(fileSystem: fileSystem).scan(roots: roots, display: display)
        var evaluation = Evaluation(policy: request.policy, today: request.today)
        for entry in Self.merge(inventory.components, installed.packages) { evaluation.add(entry) }
        evaluation.addExpiredExceptions()
        let findings = evaluation.findings.sorted()
        let packages = evaluation.packages.sorted {
            ($0.purl, $0.location?.path ?? "") < ($1.purl, $1.location?.path ?? "")
        }
        let expired = findings.filter { $0.ruleId == LicenseRule.exceptionExpired.id }.count
        var statuses: [String: Int] = [:]
        for status in LicensedPackage.Status.allCases { statuses[status.rawValue] = 0 }
        for package in packages { statuses[package.status.rawValue, default: 0] += 1 }
        var severities: [String: Int] = [:]
        for severity in Severity.allCases { severities[severity.rawValue] = 0 }
        for finding in findings { severities[finding.severity.rawValue, default: 0] += 1 }
        let summary = LicenseReport.Summary(
            packages: packages.count,
            statuses: statuses,
            findings: findings.count,
            severities: severities,
            expiredExceptions: expired,
            failOn: request.failOn,
            failed: expired > 0 || findings.contains { $0.severity >= request.failOn }
        )
        return LicenseReport(
            summary: summary,
            lockfiles: inventory.sources,
            packages: packages,
            findings: findings,
            diagnostics: inventory.diagnostics + installed.diagnostics
        )
    }

    /// One package to evaluate: the lockfile components with its purl, and the installed metadata that matches.
    struct Entry {
        var components: [Component]
        var installed: InstalledPackage?
    }

    /// Groups components by purl and attaches installed metadata by ecosystem, normalised name and version;
    /// installed packages no lockfile lists become entries of their own.
    static func merge(_ components: [Component], _ installed: [InstalledPackage]) -> [Entry] {
        var byKey: [PackageMatchKey: InstalledPackage] = [:]
        for package in installed where byKey[package.matchKey] == nil { byKey[package.matchKey] = package }
        var entries: [Entry] = []
        var index: [String: Int] = [:]
        var matched: Set<PackageMatchKey> = []
        for component in components {
            if let position = index[component.purl] {
                entries[position].components.append(component)
                continue
            }
            let key = PackageMatchKey(ecosystem: component.ecosystem, name: component.name, version: component.version)
            let match = byKey[key]
            if match != nil { matched.insert(key) }
            index[component.purl] = entries.count
            entries.append(Entry(components: [component], installed: match))
        }
        for package in installed where !matched.contains(package.matchKey) {
            entries.append(Entry(components: [], installed: package))
        }
        return entries
    }
}

/// Applies the policy and the exceptions to each entry, collecting packages and findings.
private struct Evaluation {
    let policy: LicensePolicy
    let today: CalendarDate
    var packages: [LicensedPackage] = []
    var findings: [LicenseFinding] = []

    init(policy: LicensePolicy, today: CalendarDate) {
        self.policy = policy
        self.today = today
    }

    mutating func add(_ entry: LicenseScanner.Entry) {
        guard let identity = entry.components.first.map(Identity.init) ?? entry.installed.map(Identity.init) else {
            return
        }
        // The lockfile's own license wins; installed metadata fills the gap.
        let lockfileLicense = entry.components.lazy.compactMap(\.license).first
        let declared = lockfileLicense ?? entry.installed?.license
        var resolution = LicenseNormalizer.resolve(declared, ecosystem: identity.ecosystem)
        if declared == nil, let file = entry.installed?.licenseFile {
            resolution = .unknown(reason: "only a license file is given (\(file)), no SPDX expression")
        }
        let source: LicensedPackage.Source =
            entry.components.isEmpty ? .installed : entry.installed == nil ? .lockfile : .both
        let location = entry.components.first?.location ?? entry.installed?.location
        var notes: [Diagnostic.Note] = []
        if !entry.components.isEmpty, let metadata = entry.installed?.location {
            notes.append(Diagnostic.Note("installed metadata", location: metadata))
        }
        let others = entry.components.dropFirst().compactMap(\.location)
        for other in others { notes.append(Diagnostic.Note("also listed here", location: other)) }

        var package = LicensedPackage(
            purl: identity.purl,
            ecosystem: identity.ecosystem,
            name: identity.name,
            version: identity.version,
            declared: declared,
            expression: resolution.expression?.description,
            normalized: false,
            status: .allowed,
            reason: nil,
            source: source,
            location: location,
            metadata: entry.installed?.location,
            otherLocations: Array(others)
        )
        let shown = "\(identity.name)@\(identity.version)"
        var finding: (rule: LicenseRule, severity: Severity, message: String)?
        switch resolution {
        case .expression(let expression, let normalized):
            package.normalized = normalized
            switch policy.evaluate(expression) {
            case .allowed:
                break
            case .denied(let terms):
                package.status = .denied
                package.reason = "denied: " + Self.list(terms)
                finding = (
                    .denied, policy.severity,
                    "\(shown) is licensed under \(expression), and every choice includes a denied license "
                        + "(\(Self.list(terms))); replace the dependency or record a reviewed exception"
                )
            case .notAllowed(let terms):
                package.status = .notAllowed
                package.reason = "not in the allow list: " + Self.list(terms)
                finding = (
                    .notAllowed, policy.severity,
                    "\(shown) is licensed under \(expression); \(Self.list(terms)) not in the allow list; have "
                        + "the license reviewed and allow it, replace the dependency, or record an exception"
                )
            }
        case .unknown(let reason):
            package.status = .unknown
            package.reason = reason
            if let severity = policy.unknownSeverity {
                finding = (
                    .unknown, severity,
                    "\(shown) has no known license (\(reason)); find the license upstream and record an exception "
                        + "that names it"
                )
            }
        case .invalid(let error):
            package.status = .invalid
            package.reason = error.description
            if let severity = policy.unknownSeverity {
                finding = (
                    .expressionInvalid, severity,
                    "\(shown) declares '\(declared ?? "")', which is not a valid SPDX expression (\(error)); ask "
                        + "the maintainers to fix it and record an exception meanwhile"
                )
            }
        }
        if package.status != .allowed, let exception = exception(for: package, resolution: resolution) {
            if exception.expires >= today {
                package.status = .excepted
                package.reason = "exception until \(exception.expires) (owner \(exception.owner)): \(exception.reason)"
                finding = nil
            } else {
                notes.append(Diagnostic.Note("the expired exception", location: exception.location))
            }
        }
        if let finding {
            findings.append(
                LicenseFinding(
                    rule: finding.rule,
                    severity: finding.severity,
                    message: finding.message,
                    package: identity.purl,
                    expression: package.expression ?? declared,
                    location: location,
                    notes: notes
                )
            )
        }
        packages.append(package)
    }

    /// Every expired exception is a finding at its place in `slipway.yml`, whether or not it still matches.
    mutating func addExpiredExceptions() {
        for exception in policy.exceptions where exception.expires < today {
            let covered = exception.license.map { " for \($0)" } ?? ""
            findings.append(
                LicenseFinding(
                    rule: .exceptionExpired,
                    severity: policy.severity,
                    message: "the license exception for \(exception.package)\(covered) expired on "
                        + "\(exception.expires) (owner \(exception.owner): \(exception.reason)); review it and set a "
                        + "new expiry date, or remove it and resolve the finding it covered",
                    package: exception.package,
                    expression: exception.license?.description,
                    location: exception.location
                )
            )
        }
    }

    /// The first exception naming the package (and its expression, when the exception gives one); unexpired
    /// exceptions are preferred over expired ones.
    private func exception(for package: LicensedPackage, resolution: LicenseResolution) -> LicensePolicy.Exception? {
        let candidates = policy.exceptions.filter { exception in
            guard exception.covers(purl: package.purl, name: package.name) else { return false }
            guard let license = exception.license else { return true }
            return resolution.expression?.modernized == license.modernized
        }
        return candidates.first { $0.expires >= today } ?? candidates.first
    }

    private static func list(_ terms: [LicenseTerm]) -> String {
        var seen: Set<String> = []
        return terms.map(\.description).filter { seen.insert($0).inserted }.joined(separator: ", ")
    }

    /// The name fields of a package, from its first component or its installed metadata.
    private struct Identity {
        var purl: String
        var ecosystem: Ecosystem
        var name: String
        var version: String

        init(_ component: Component) {
            purl = component.purl
            ecosystem = component.ecosystem
            name = component.name
            version = component.version
        }

        init(_ package: InstalledPackage) {
            purl = package.purl
            ecosystem = package.ecosystem
            name = package.name
            version = package.version
        }
    }
}
