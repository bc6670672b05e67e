import ArgumentParser

extension Slipway {
    /// `slipway ledger`: the tamper-evident release ledger.
    struct LedgerCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ledger",
            abstract: "Record release events in a tamper-evident, signed Merkle log, and prove what it holds.",
            discussion: """
                Every entry is a leaf of an RFC 9162 Merkle tree; each append batch can sign a checkpoint \
                (transparency-dev signed note). The ledger lives in .slipway/ledger, or where --ledger or \
                `ledger:` in slipway.yml says. See docs/ledger.md.

                Examples:
                  slipway ledger append --kind approval.granted --secret-key ledger.key
                  slipway ledger show --kind deployment.succeeded --environment production
                  slipway ledger verify --key ledger.pub
                  slipway ledger prove --index 41 > proof.json
                  slipway ledger verify-proof proof.json --key ledger.pub
                  slipway ledger bundle 1.4.0 --key ledger.pub
                  slipway ledger pull && slipway ledger push --secret-key ledger.key
                """,
            subcommands: [
                LedgerInit.self, LedgerAppend.self, LedgerShow.self, LedgerVerify.self, LedgerProve.self,
                LedgerConsistency.self, LedgerVerifyProof.self, LedgerExport.self, LedgerBundle.self,
                LedgerPush.self, LedgerPull.self,
            ]
        )
    }
}
