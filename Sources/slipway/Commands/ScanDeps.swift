import ArgumentParser
import Foundation
import Ledger
import SlipwayCore
import SupplyChain

extension Slipway {
    /// `slipway scan deps`: match the components of every lockfile against OSV advisories, under a policy.
    struct ScanDeps: SlipwayCommand {
        static let configuration = CommandConfiguration(
            commandName: "deps",
            abstract: "Match lockfile dependencies against OSV advisories and gate on severity.",
            discussion: """
                Reads every lockfile under PATH (as `slipway sbom` does) and matches each component against an \
                offline OSV database: a directory of OSV JSON files or a zip of them (osv.dev's per-ecosystem \
                all.zip). The first scan indexes the database next to it (<db>.slipway-index); later scans read \
                only the packages they need. Advisories that are aliases of each other (GHSA, CVE, PYSEC, GO) \
                become one finding. Severity is the CVSS base score computed from the vector, else the \
                database's rating, else scan.deps.unknown-severity (default high).

                Exceptions in slipway.yml (scan.deps.exceptions: id, reason, owner, expires) accept a finding \
                until their date; an expired exception fails the scan until renewed or removed.

                Examples:
                  slipway scan deps --db osv/all.zip
                  slipway scan deps services/api --db osv --format sarif --output deps.sarif
                  slipway scan deps --db osv --fail-on critical --vex exceptions.cdx.json

                Exit status: 0 passed; 1 a finding at or above --fail-on or an expired exception; 2 input or \
                configuration errors (a missing database, an unreadable lockfile, a bad slipway.yml).
                """
        )

        @Argument(help: "A directory or lockfile (default: .).")
        var path: String = "."

        @Option(help: "OSV database: a directory of OSV JSON files or a zip of them (default: scan.deps.database).")
        var db: String?

        @Option(help: "Where to keep the database index (default: next to the database, <db>.slipway-index).")
        var index: String?

        @Flag(name: .customLong("no-index"), help: "Parse the database every time; write no index.")
        var noIndex = false

        @Option(
            name: .customLong("fail-on"),
            help: "Fail (exit 1) on findings at or above: info, low, medium, high, critical (default: high)."
        )
        var failOn: Severity?

        @Option(name: .shortAndLong, help: "Output format: table, json or sarif.")
        var format: ScanFormat = .table

        @Option(name: .shortAndLong, help: "Write the report to this file (atomically) instead of stdout.")
        var output: String?

        @Option(help: "Also write the accepted exceptions as a VEX document to this file.")
        var vex: String?

        @Option(name: .customLong("vex-format"), help: "VEX format: cyclonedx (1.6) or openvex (0.2.0).")
        var vexFormat: VEXFormatArgument = .cyclonedx

        @OptionGroup var global: GlobalOptions

        @OptionGroup var ledgerRecording: LedgerRecordingOptions

        @Flag(help: "Query the OSV API instead of an offline database (needs network; bounded retries).")
        var online = false

        @Option(name: .customLong("osv-url"), help: "OSV API base URL for --online.")
        var osvURL = OSVOnlineClient.defaultBaseURL

        @Option(help: "Seconds to wait for each OSV API request with --online.")
        var timeout = 30

        func validate() throws {
            if online && db != nil { throw ValidationError("use either --online or --db, not both") }
            if timeout < 1 || timeout > 600 { throw ValidationError("--timeout must be between 1 and 600 seconds") }
        }

        /// Opens the offline database (nil when scanning online).
        private static func openDatabase(
            _ database: String?,
            indexPath: String?,
            fileSystem: any FileSystem
        ) async throws -> AdvisoryStore.Opened? {
            guard let database else { return nil }
            return try await AdvisoryStore(fileSystem: fileSystem).open(database: database, indexPath: indexPath)
        }

        func run(_ context: SlipwayContext) async throws -> ExitStatus {
            let root = context.fileSystem.isDirectory(path) ? path : PathUtilities.directory(of: path)
            let configuration = try ProjectConfiguration.load(near: path, explicit: global.config, context: context)
            var policy = try ScanSettings.decode(configuration).deps
            if let failOn { policy.failOn = failOn }
            let database = databasePath(policy: policy, configuration: configuration)
            if !online, database == nil {
                context.output.writeError(
                    "error: no advisory database; pass --db with a directory of OSV JSON files or an osv.dev all.zip, "
                        + "or set scan.deps.database in slipway.yml\n"
                )
                return .inputError
            }
            // Offline, the database opens (fingerprint check, index read) on another thread while the lockfiles
            // are read: the two are independent, and each is about half of a scan with a current index.
            let fileSystem = context.fileSystem
            let indexPath = noIndex ? nil : (index ?? database.map(AdvisoryStore.defaultIndexPath(for:)))
            async let openedDatabase = Self.openDatabase(
                online ? nil : database,
                indexPath: indexPath,
                fileSystem: fileSystem
            )
            let inventory = LockfileDiscovery(fileSystem: context.fileSystem, readers: LockfileReaders.all)
                .inventory(of: path)
            for diagnostic in inventory.diagnostics { context.output.writeError("\(diagnostic)\n") }
            if inventory.sources.isEmpty, inventory.diagnostics.isEmpty {
                context.output.writeError(
                    "\(path): error: no lockfiles found (package-lock.json, poetry.lock, go.mod, …); "
                        + "run the scan where the lockfiles are\n"
                )
                return .inputError
            }
            let lookup: any AdvisoryLookup
            if let opened = try await openedDatabase {
                for diagnostic in opened.diagnostics { context.output.writeError("\(diagnostic)\n") }
                lookup = opened.lookup
            } else {
                let scanned =
                    policy.includeDevelopment
                    ? inventory.components : inventory.components.filter { $0.scope != .development }
                lookup = try await OSVOnlineClient(
                    baseURL: osvURL,
                    http: context.httpClient,
                    timeout: .seconds(timeout)
                ).index(for: scanned)
            }
            let now = Int(context.wallClock.now().timeIntervalSince1970)
            let report = try VulnerabilityScanner(policy: policy, today: CalendarDate(secondsSince1970: now))
                .scan(inventory.components, lookup: lookup)

            let rendered: String
            switch format {
            case .table: rendered = VulnerabilityReportRenderer.table(report)
            case .json: rendered = try VulnerabilityReportRenderer.json(report, toolVersion: Slipway.version)
            case .sarif: rendered = try VulnerabilityReportRenderer.sarif(report, toolVersion: Slipway.version)
            }
            if let output {
                try context.fileSystem.writeTextAtomically(rendered, to: output)
                context.output.writeError(VulnerabilityReportRenderer.summaryLine(report) + "\n")
            } else {
                context.output.write(rendered)
            }
            if let vex {
                let absolute = PathUtilities.join(context.fileSystem.currentDirectory, root)
                let document = try VEXWriter.write(
                    report,
                    format: vexFormat.format,
                    product: PathUtilities.lastComponent(of: absolute),
                    timestamp: now,
                    toolVersion: Slipway.version
                )
                try context.fileSystem.writeTextAtomically(document, to: vex)
            }
            if context.isGitHubActions { try publishToGitHub(report, context) }
            try await ledgerRecording.record(
                .scanCompleted,
                context,
                configuration: configuration,
                inputs: try LedgerRecordingOptions.digests(
                    ofFiles: inventory.sources.map { PathUtilities.join(root, $0.path) },
                    context
                ),
                outputs: [LedgerRecordingOptions.digest(of: rendered, writtenTo: output)],
                result: LedgerRecordingOptions.verdict(failed: report.failed),
                details: .object([
                    "scanner": .string("deps"),
                    "failOn": .string(report.failOn.rawValue),
                    "components": .number(Double(report.componentsScanned)),
                    "findings": .number(Double(report.findings.count)),
                    "excepted": .number(Double(report.excepted.count)),
                    "database": .string(report.database.digest),
                ])
            )
            if report.failed { return .findings }
            return inventory.diagnostics.isEmpty ? .success : .inputError
        }

        /// `--db`, else `scan.deps.database` relative to the configuration file.
        private func databasePath(policy: VulnerabilityPolicy, configuration: SlipwayConfiguration) -> String? {
            if let db { return db }
            guard let configured = policy.database else { return nil }
            if configured.hasPrefix("/") { return configured }
            let base = configuration.path.map(PathUtilities.directory) ?? "."
            return PathUtilities.join(base, configured)
        }

        /// Annotations on the lockfile lines, a step-summary table and `$GITHUB_OUTPUT` values.
        private func publishToGitHub(_ report: VulnerabilityReport, _ context: SlipwayContext) throws {
            let annotations = VulnerabilityReportRenderer.annotations(report)
            if format == .table || output != nil {
                context.output.write(annotations)
            } else {
                context.output.writeError(annotations)
            }
            if let summary = context.environment["GITHUB_STEP_SUMMARY"], !summary.isEmpty {
                try context.fileSystem.appendFile(Array(VulnerabilityReportRenderer.markdown(report).utf8), to: summary)
            }
            if let outputs = context.environment["GITHUB_OUTPUT"], !outputs.isEmpty {
                try context.fileSystem.appendFile(Array(VulnerabilityReportRenderer.outputs(report).utf8), to: outputs)
            }
        }
    }
}

/// Formats of the `scan` commands.
enum ScanFormat: String, CaseIterable, ExpressibleByArgument {
    case table
    case json
    case sarif
}

/// `--vex-format` values.
enum VEXFormatArgument: String, CaseIterable, ExpressibleByArgument {
    case cyclonedx
    case openvex

    var format: VEXWriter.Format {
        switch self {
        case .cyclonedx: .cyclonedx
        case .openvex: .openvex
        }
    }
}
