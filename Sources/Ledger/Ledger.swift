/// The release ledger: an append-only, RFC 6962 Merkle log of release events with signed checkpoints.
public enum LedgerModule {
    /// The module's name in diagnostics.
    public static let name = "Ledger"
}
