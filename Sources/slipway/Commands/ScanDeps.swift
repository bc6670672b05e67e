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

        func run(_ context: SlipwayContext) async throws -> ExitStatus {
            try await ScanDepsInvocation(self).run(context)
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
