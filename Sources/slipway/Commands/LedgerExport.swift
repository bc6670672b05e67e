import ArgumentParser
import Ledger
import SlipwayCore

extension Slipway {
    /// `slipway ledger export`: the events as JSON Lines or CSV.
    struct LedgerExport: SlipwayCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Export ledger events as JSON Lines (the exact hashed bytes) or CSV.",
            discussion: """
                jsonl writes each entry's canonical JSON exactly as hashed, one per line, so SHA-256(0x00 || line) \
                is its leaf hash. csv has one row per event (RFC 4180 quoting); digests are joined with spaces \
                and details are canonical JSON. The filters of `ledger show` apply.

                Examples:
                  slipway ledger export --format jsonl --output ledger.jsonl
                  slipway ledger export --format csv --environment production > deployments.csv
                """
        )

        @OptionGroup var location: LedgerLocationOptions
        @OptionGroup var filters: LedgerFilterOptions

        @Option(name: .shortAndLong, help: "jsonl or csv.")
        var format: LedgerExportFormat = .jsonl

        @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of stdout.")
        var output: String?

        func run(_ context: SlipwayContext) async throws -> ExitStatus {
            let ledger = try location.open(context, settings: try location.settings(context))
            let (events, summary) = try await ledger.events(matching: filters.query)
            Slipway.reportTornTail(summary.tornTail, context)
            var text = ""
            switch format {
            case .jsonl:
                for item in events { text += String(decoding: try item.event.canonicalBytes(), as: UTF8.self) + "\n" }
            case .csv:
                text = try LedgerCSV.render(events)
            }
            if let output {
                try context.fileSystem.writeTextAtomically(text, to: output)
            } else {
                context.output.write(text)
            }
            return .success
        }
    }
}

/// `ledger export` formats.
enum LedgerExportFormat: String, CaseIterable, ExpressibleByArgument {
    case jsonl
    case csv
}
