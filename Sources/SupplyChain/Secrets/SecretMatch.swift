/// A secret found in one buffer (a file, or the added lines of one file in one commit), before paths and commits
/// are attached.
struct SecretMatch: Sendable, Hashable {
    /// Index of the rule in the engine's rule list.
    var ruleIndex: Int
    /// The secret itself; never printed, only redacted or hashed.
    var secret: String
    /// 1-based line of the buffer.
    var line: Int
    /// 1-based byte column where the secret starts.
    var column: Int
    /// 1-based byte column just after the secret on its first line.
    var endColumn: Int
    /// Why the match is not reported, if it is not.
    var suppression: SecretSuppression?
}

/// Why a match found in the text is not reported as a finding.
public enum SecretSuppression: String, Sendable, Hashable, Codable, CaseIterable {
    /// A `slipway:allow-secret` comment on the line or the line above.
    case inline
    /// `scan.secrets.allow-secrets` (a pattern on the secret) or a gitleaks allowlist.
    case allowlist
    /// An accepted fingerprint in the baseline file.
    case baseline
}
