import ArgumentParser
import Ledger
import SlipwayCore

extension Slipway {
    /// `slipway ledger consistency`: a consistency proof between two sizes.
    struct LedgerConsistency: SlipwayCommand {
        static let configuration = CommandConfiguration(
            commandName: "consistency",
            abstract: "Write the consistency proof between two tree sizes, with their checkpoints, as JSON.",
            discussion: """
                Proves that the log at --to extends the log at --from without changing it (RFC 9162 §2.1.4). \
                --to defaults to the log's size.

                Examples:
                  slipway ledger consistency --from 100 --to 250 > consistency.json
                """
        )

        @OptionGroup var location: LedgerLocationOptions

        @Option(name: .long, help: "The older tree size.")
        var from: UInt64

        @Option(name: .long, help: "The newer tree size (default: the log's size).")
        var to: UInt64?

        @Option(name: .shortAndLong, help: "Write the proof to this file (atomically) instead of stdout.")
        var output: String?

        func validate() throws {
            if let to, to < from { throw ValidationError("--to must not be smaller than --from") }
        }

        func run(_ context: SlipwayContext) async throws -> ExitStatus {
            let ledger = try location.open(context, settings: try location.settings(context))
            let document = try await LedgerProofs.consistency(ledger, from: from, to: to)
            try Slipway.writeLedgerJSON(document, to: output, context)
            return .success
        }
    }
}
