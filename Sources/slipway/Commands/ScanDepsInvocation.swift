import Foundation
import Ledger
import SlipwayCore
import SupplyChain

/// Everything `slipway scan deps` was asked, as a plain value, and the run that does it.
///
/// swift-argument-parser's `ScanDeps` builds it from its parsed properties; `init?(commandLine:)` reads the plain
/// spellings of all its options without the parser (`PlainCommandLine`), which took the first milliseconds of
/// every scan, a fifth of a scan with a current index. Help and any unusual spelling go to swift-argument-parser.
struct ScanDepsInvocation: Equatable, Sendable {
    var path = "."
    var db: String?
    var index: String?
    var noIndex = false
    var failOn: Severity?
    var format: ScanFormat = .table
    var output: String?
    var vex: String?
    var vexFormat: VEXFormatArgument = .cyclonedx
    var config: String?
    var color: ColorMode = .auto
    var ledgerRecording = LedgerRecording()
    var online = false
    var osvURL = OSVOnlineClient.defaultBaseURL
    var timeout = 30

    /// The values swift-argument-parser parsed into `command`.
    init(_ command: Slipway.ScanDeps) {
        path = command.path
        db = command.db
        index = command.index
        noIndex = command.noIndex
        failOn = command.failOn
        format = command.format
        output = command.output
        vex = command.vex
        vexFormat = command.vexFormat
        config = command.global.config
        color = command.global.color
        ledgerRecording = LedgerRecording(command.ledgerRecording)
        online = command.online
        osvURL = command.osvURL
        timeout = command.timeout
    }

    private static let plainCommandLine = PlainCommandLine(
        command: ["scan", "deps"],
        options: [
            .value("--db"), .value("--index"), .flag("--no-index"), .value("--fail-on"), .value("--format", "-f"),
            .value("--output", "-o"), .value("--vex"), .value("--vex-format"), .value("--config"), .value("--color"),
            .flag("--online"), .value("--osv-url"), .value("--timeout"),
        ] + LedgerRecording.plainOptions,
        maximumPositionals: 1
    )

    /// Reads `scan deps [PATH] …` when every argument is a plain spelling with a valid value; nil otherwise.
    init?(commandLine arguments: [String]) {
        guard let reading = Self.plainCommandLine.read(arguments),
            let ledgerRecording = LedgerRecording(reading)
        else { return nil }
        self.ledgerRecording = ledgerRecording
        path = reading.positionals.first ?? path
        db = reading.value("--db")
        index = reading.value("--index")
        noIndex = reading.flags.contains("--no-index")
        output = reading.value("--output")
        vex = reading.value("--vex")
        config = reading.value("--config")
        online = reading.flags.contains("--online")
        osvURL = reading.value("--osv-url") ?? osvURL
        do {
            failOn = try reading.value("--fail-on", as: Severity.self)
            format = try reading.value("--format", as: ScanFormat.self) ?? format
            vexFormat = try reading.value("--vex-format", as: VEXFormatArgument.self) ?? vexFormat
            color = try reading.value("--color", as: ColorMode.self) ?? color
        } catch {
            return nil
        }
        if let text = reading.value("--timeout") {
            guard let timeout = Int(text) else { return nil }
            self.timeout = timeout
        }
        // The command's own checks (`ScanDeps.validate`): their messages are swift-argument-parser's to print.
        if online && db != nil || timeout < 1 || timeout > 600 { return nil }
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
        let configuration = try ProjectConfiguration.load(near: path, explicit: config, context: context)
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
        if inventory.foundNothing {
            context.output.writeError(
                "\(path): error: no lockfiles found (\(LockfileDiscovery.examples)); "
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
