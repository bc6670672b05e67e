import ArgumentParser
import Ledger
import SlipwayCore

extension Slipway {
    /// `slipway ledger show` (alias `query`): events matching filters, as a table or JSON Lines.
    struct LedgerShow: SlipwayCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "List ledger events matching filters, as a table or JSON Lines.",
            discussion: """
                Filters combine (every given one must match); --kind repeats. Reading checks every entry's \
                checksum and index, so a damaged ledger is an error here too; `ledger verify` also checks the \
                signatures.

                Examples:
                  slipway ledger show
                  slipway ledger query --kind deployment.succeeded --kind deployment.failed --environment production
                  slipway ledger show --version 1.4.0 --format jsonl | jq .event.actor
                  slipway ledger show --since 2026-12-01T00:00:00Z --until 2027-01-01T00:00:00Z

                Exit status: 0 shown (even if nothing matched); 2 unreadable or damaged ledger.
                """,
            aliases: ["query"]
        )

        @OptionGroup var location: LedgerLocationOptions
        @OptionGroup var filters: LedgerFilterOptions

        @Option(name: .shortAndLong, help: "table or jsonl.")
        var format: LedgerListFormat = .table

        func run(_ context: SlipwayContext) async throws -> ExitStatus {
            let ledger = try location.open(context, settings: try location.settings(context))
            let (events, summary) = try await ledger.events(matching: filters.query)
            Slipway.reportTornTail(summary.tornTail, context)
            switch format {
            case .jsonl:
                for item in events {
                    let line = JSONValue.object(["index": .number(Double(item.index)), "event": item.event.jsonValue])
                    context.output.write(try CanonicalJSON.string(line) + "\n")
                }
            case .table:
                context.output.write(Self.table(events))
                context.output.writeError("\(events.count) of \(summary.size) event(s)\n")
            }
            return .success
        }

        static func table(_ events: [IndexedEvent]) -> String {
            var rows = [["INDEX", "TIME", "KIND", "ACTOR", "PROJECT", "VERSION", "ENVIRONMENT", "RESULT"]]
            for item in events {
                let event = item.event
                rows.append([
                    String(item.index), event.time.text, event.kind.rawValue, event.actor, event.subject.project ?? "-",
                    event.subject.version ?? "-", event.subject.environment ?? "-", event.result ?? "-",
                ])
            }
            var widths = [Int](repeating: 0, count: rows[0].count)
            for row in rows {
                for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
            }
            return rows.map { row in
                row.enumerated().map { column, cell in
                    column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
                }.joined(separator: "  ")
            }.joined(separator: "\n") + "\n"
        }
    }
}

/// `ledger show` formats.
enum LedgerListFormat: String, CaseIterable, ExpressibleByArgument {
    case table
    case jsonl
}
