import ArgumentParser
import Foundation
import Ledger
import SlipwayCore
import SupplyChain

extension Slipway {
    /// `slipway scan licenses`: the licenses of every dependency, checked against the policy in `slipway.yml`.
    struct ScanLicenses: SlipwayCommand {
        static let configuration = CommandConfiguration(
            commandName: "licenses",
            abstract: "Check the licenses of the project's dependencies against the license policy.",
            discussion: """
                Reads the lockfiles under PATH (as `slipway sbom` does) and the metadata of installed packages \
                under PATH and each --metadata directory: node_modules/**/package.json, *.dist-info/METADATA \
                (License-Expression, License, License :: classifiers) and Cargo registry sources \
                (<name>-<version>/Cargo.toml). Declared licenses are parsed as SPDX expressions; common \
                non-SPDX names are normalised where unambiguous (`Apache License, Version 2.0` is Apache-2.0), \
                anything else is unknown.

                Examples:
                  slipway scan licenses
                  slipway scan licenses web --metadata web/node_modules
                  slipway scan licenses --metadata .venv/lib/python3.12/site-packages -f json
                  slipway scan licenses . --metadata ~/.cargo/registry/src/*
                  slipway scan licenses --format sarif --output licenses.sarif

                Give PATH before --metadata, which takes one or more directories.

                Rules: license-denied, license-not-allowed, license-unknown, license-expression-invalid, \
                license-exception-expired.

                Exit status: 0 clean; 1 findings at or above --fail-on (default high) or an expired \
                exception; 2 unreadable lockfiles, nothing to scan, or an invalid slipway.yml (reported with \
                file:line:column); \
                64 usage errors.

                The policy lives in slipway.yml:

                \(policySample)
                """
        )

        /// `LicensePolicy.sample` nested under `scan:` / `licenses:`.
        static var policySample: String { LicensePolicy.nestedSample }

        @Argument(help: "A directory or lockfile.")
        var path: String = "."

        @Option(
            name: .customLong("metadata"),
            parsing: .upToNextOption,
            help:
                "Directories of installed packages: node_modules, site-packages, Cargo registry sources."
        )
        var metadata: [String] = []

        @OptionGroup var global: GlobalOptions

        @OptionGroup var ledgerRecording: LedgerRecordingOptions

        @Option(name: .shortAndLong, help: "Output format: table, json or sarif.")
        var format: LicenseReportFormat = .table

        @Option(name: .shortAndLong, help: "Write the report to this file (atomically) instead of stdout.")
        var output: String?

        @Option(
            name: .customLong("fail-on"),
            help: "Fail (exit 1) on findings at or above: info, low, medium, high, critical."
        )
        var failOn: Severity = .high

        func run(_ context: SlipwayContext) async throws -> ExitStatus {
            let configuration = try ProjectConfiguration.load(near: path, explicit: global.config, context: context)
            let policy = try ScanSettings.decode(configuration).licenses
            let request = LicenseScanRequest(
                path: path,
                metadataDirectories: metadata,
                policy: policy,
                today: CalendarDate(secondsSince1970: Int(context.wallClock.now().timeIntervalSince1970)),
                failOn: failOn
            )
            let report = try LicenseScanner(fileSystem: context.fileSystem).scan(request)
            // A gate that found nothing to check would pass: say so instead, as `scan deps` does.
            if report.lockfiles.isEmpty, report.packages.isEmpty, report.diagnostics.isEmpty {
                context.output.writeError(
                    "\(path): error: no lockfiles (\(LockfileDiscovery.examples)) or installed packages "
                        + "found; run the scan where the lockfiles are, or pass --metadata\n"
                )
                return .inputError
            }
            let rendered: String
            switch format {
            case .table: rendered = LicenseReportRenderer.table(report)
            case .json: rendered = try LicenseReportRenderer.json(report)
            case .sarif:
                rendered = try LicenseReportRenderer.sarif(report, policy: policy, toolVersion: Slipway.version)
            }
            if let output {
                try context.fileSystem.writeTextAtomically(rendered, to: output)
            } else {
                context.output.write(rendered)
            }
            // The table carries diagnostics and the summary; other formats keep stdout machine-readable.
            if format != .table || output != nil {
                for diagnostic in report.diagnostics { context.output.writeError("\(diagnostic)\n") }
                context.output.writeError(LicenseReportRenderer.summaryLine(report) + "\n")
            }
            if context.isGitHubActions { try publishToGitHub(report, context) }
            let root = context.fileSystem.isDirectory(path) ? path : PathUtilities.directory(of: path)
            try await ledgerRecording.record(
                .scanCompleted,
                context,
                configuration: configuration,
                inputs: try LedgerRecordingOptions.digests(
                    ofFiles: report.lockfiles.map { PathUtilities.join(root, $0.path) },
                    context
                ),
                outputs: [LedgerRecordingOptions.digest(of: rendered, writtenTo: output)],
                result: LedgerRecordingOptions.verdict(failed: report.summary.failed || report.hasInputErrors),
                details: .object([
                    "scanner": .string("licenses"),
                    "failOn": .string(report.summary.failOn.rawValue),
                    "packages": .number(Double(report.summary.packages)),
                    "findings": .number(Double(report.summary.findings)),
                ])
            )
            if report.hasInputErrors { return .inputError }
            return report.summary.failed ? .findings : .success
        }

        /// Annotations (at most what GitHub shows per level) and a Markdown table appended to `$GITHUB_STEP_SUMMARY`.
        private func publishToGitHub(_ report: LicenseReport, _ context: SlipwayContext) throws {
            let annotations = LicenseReportRenderer.annotations(report)
            // stdout carries machine-readable output when JSON or SARIF goes there.
            if format == .table || output != nil {
                context.output.write(annotations)
            } else {
                context.output.writeError(annotations)
            }
            if let summaryPath = context.environment["GITHUB_STEP_SUMMARY"], !summaryPath.isEmpty {
                try context.fileSystem.appendFile(Array(LicenseReportRenderer.markdown(report).utf8), to: summaryPath)
            }
        }
    }
}

/// Output formats of `slipway scan licenses`.
enum LicenseReportFormat: String, CaseIterable, ExpressibleByArgument {
    case table
    case json
    case sarif
}
