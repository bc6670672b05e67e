/// Why a key, signature or password could not be used.
///
/// The description names the file (and line) and says what to do. Never carries secret material: no key bytes, no
/// passwords.
public enum SigningError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A public or secret key file (or string) that is not in minisign's format.
    case malformedKey(source: String, line: Int?, reason: String)
    /// A key that uses an algorithm minisign (and slipway) does not know.
    case unsupportedKeyAlgorithm(source: String, field: String, found: String)
    /// The password does not decrypt the secret key (its checksum does not match).
    case wrongPassword(source: String)
    /// An encrypted secret key and no way to get its password.
    case passwordRequired(source: String)
    /// `keygen` without `--unencrypted` and no password to encrypt with.
    case passwordRequiredForNewKey
    /// The password file is empty.
    case emptyPassword(source: String)
    /// `keygen` would replace an existing key.
    case keyExists(path: String)
    /// No `--secret-key` and no `SLIPWAY_SECRET_KEY`.
    case noSecretKey
    /// scrypt failed (usually: not enough memory for the key's cost parameters).
    case keyDerivationFailed(source: String, reason: String)
    /// A `.minisig` file that is not in minisign's format.
    case malformedSignature(path: String, line: Int, reason: String)
    /// A comment that cannot go into a signature file.
    case invalidComment(kind: String, reason: String)
    /// Ed25519 signing failed inside swift-crypto.
    case signingFailed(reason: String)

    public var description: String {
        switch self {
        case .malformedKey(let source, let line, let reason):
            let place = line.map { "\(source):\($0)" } ?? source
            return "\(place): error: not a minisign key: \(reason)"
        case .unsupportedKeyAlgorithm(let source, let field, let found):
            return "\(source): error: unsupported \(field) '\(found)'; slipway reads minisign Ed25519 keys "
                + "(signature 'Ed', KDF 'Sc' or none, checksum 'B2')"
        case .wrongPassword(let source):
            return "\(source): error: wrong password for this secret key (its checksum does not match); "
                + "check SLIPWAY_KEY_PASSWORD or --password-file"
        case .passwordRequired(let source):
            return "\(source): error: the secret key is encrypted and no password was given; set "
                + "SLIPWAY_KEY_PASSWORD, pass --password-file FILE, or run in a terminal to be prompted"
        case .passwordRequiredForNewKey:
            return "error: no password to encrypt the new secret key with; set SLIPWAY_KEY_PASSWORD, pass "
                + "--password-file FILE, run in a terminal to be prompted, or pass --unencrypted to store it "
                + "unencrypted (then protect it like a password)"
        case .emptyPassword(let source):
            return "\(source): error: the password is empty; put the password on the first line"
        case .keyExists(let path):
            return "\(path): error: a key already exists here; pass --force to overwrite it (the old key is lost)"
        case .noSecretKey:
            return "error: no secret key; pass --secret-key FILE or set SLIPWAY_SECRET_KEY to the secret key "
                + "file's text"
        case .keyDerivationFailed(let source, let reason):
            return "\(source): error: could not derive the key-encryption key with scrypt (\(reason)); the key's "
                + "cost parameters may need more memory than is available"
        case .malformedSignature(let path, let line, let reason):
            return "\(path):\(line): error: not a minisign signature: \(reason)"
        case .invalidComment(let kind, let reason):
            return "error: invalid \(kind): \(reason)"
        case .signingFailed(let reason):
            return "error: Ed25519 signing failed: \(reason)"
        }
    }
}
