/// Redaction, placeholder detection and fingerprints: the rules every output and filter share.
public enum SecretText {
    /// The secret as shown anywhere: its first 4 characters then `…` (fewer for short secrets, so at most a
    /// third is ever revealed).
    public static func redact(_ secret: String) -> String {
        let characters = Array(secret)
        let shown = characters.count >= 12 ? 4 : characters.count / 3
        return String(characters.prefix(shown)) + "…"
    }

    /// Words that mark a value as a placeholder or an example rather than a real secret (lowercase).
    public static let defaultStopwords = [
        "example", "changeme", "change_me", "change-me", "placeholder", "dummy", "redacted", "your_", "your-",
        "<your", "xxxxxx", "******", "000000", "sample", "not_a_real", "notreal", "fake_", "insert_",
        "replace_me", "replaceme", "todo", "lorem",
    ]

    /// Whether `value` is a reference to a secret kept elsewhere or a placeholder: `${VAR}`, `$VAR`, `%VAR%`,
    /// `{{ … }}`, `<your-token>`, `os.environ[…]`, all one repeated character, or containing a stopword.
    static func isPlaceholder(_ value: String, stopwords: [String]) -> Bool {
        let bytes = Array(value.utf8)
        guard let first = bytes.first else { return true }
        if first == UInt8(ascii: "$") || first == UInt8(ascii: "%") || first == UInt8(ascii: "<") { return true }
        if value.contains("${") || value.contains("{{") || value.contains("}}") || value.contains("#{") {
            return true
        }
        if bytes.allSatisfy({ $0 == first }) { return true }
        let lowered = value.lowercased()
        for word in stopwords where lowered.contains(word) { return true }
        return false
    }

    /// `sha256(rule id NUL path NUL secret)` in hex: stable across line moves, and the secret is not recoverable.
    public static func fingerprint(ruleID: String, path: String, secret: String) -> String {
        var digest = SHA256Digest()
        digest.update(Array(ruleID.utf8))
        digest.update([0])
        digest.update(Array(path.utf8))
        digest.update([0])
        digest.update(Array(secret.utf8))
        return digest.finalizeHex()
    }
}
