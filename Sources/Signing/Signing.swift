/// Checksums, minisign-compatible signatures, DSSE envelopes and SLSA provenance for release artifacts.
///
/// Everything here works offline: keys are files or environment variables, and every format is one that
/// third-party tools (`sha256sum -c`, `minisign -V`, in-toto/DSSE libraries) verify on their own. Start with
/// `Checksums`, `Minisign`, `MinisignPublicKey`, `MinisignSecretKey` and `SigningKeySource`.
public enum SigningModule {
    /// The module's name in diagnostics.
    public static let name = "Signing"
}
