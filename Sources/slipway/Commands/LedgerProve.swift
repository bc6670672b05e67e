import ArgumentParser
import Ledger
import SlipwayCore

extension Slipway {
    /// `slipway ledger prove`: an inclusion proof any RFC 6962 client can check.
    struct LedgerProve: SlipwayCommand {
        static let configuration = CommandConfiguration(
            commandName: "prove",
            abstract: "Write the inclusion proof of one entry, with its signed checkpoint, as JSON.",
            discussion: """
                The proof is against --size when given, else the newest signed checkpoint that covers the entry, \
                else the whole log. Check it with `slipway ledger verify-proof` (or any RFC 6962 client: the \
                audit path is base64, bottom-up).

                Examples:
                  slipway ledger prove --index 41 > proof.json
                  slipway ledger prove --index 41 --size 100 --output proof.json
                """
        )

        @OptionGroup var location: LedgerLocationOptions

        @Option(name: .long, help: "The entry index, from 0.")
        var index: UInt64

        @Option(name: .long, help: "The tree size to prove against.")
        var size: UInt64?

        @Option(name: .shortAndLong, help: "Write the proof to this file (atomically) instead of stdout.")
        var output: String?

        func run(_ context: SlipwayContext) async throws -> ExitStatus {
            let ledger = try location.open(context, settings: try location.settings(context))
            let document = try await LedgerProofs.inclusion(ledger, index: index, treeSize: size)
            if document.checkpoint == nil {
                context.output.writeError(
                    "warning: no signed checkpoint at size \(document.treeSize); the proof's root is unsigned\n"
                )
            }
            try Slipway.writeLedgerJSON(document, to: output, context)
            return .success
        }

        func validate() throws {
            if let size, size <= index { throw ValidationError("--size must be larger than --index") }
        }
    }

    /// Writes a proof document as pretty JSON to `path` (atomically) or stdout.
    static func writeLedgerJSON(_ value: some Encodable, to path: String?, _ context: SlipwayContext) throws {
        let text = try JSONOutput.string(value)
        if let path {
            try context.fileSystem.writeTextAtomically(text, to: path)
        } else {
            context.output.write(text)
        }
    }
}
