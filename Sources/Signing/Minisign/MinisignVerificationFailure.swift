/// Why a well-formed signature was rejected (exit status 1); each case says what to check.
public enum MinisignVerificationFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The signature names another key.
    case keyIDMismatch(signatureKeyID: String, publicKeyID: String)
    /// The Ed25519 signature does not match the file: it changed after signing, or another key signed it.
    case fileSignatureInvalid(path: String)
    /// The global signature does not cover the trusted comment: the comment (or the global signature) changed.
    case trustedCommentSignatureInvalid(path: String)
    /// A legacy (`Ed`) signature where a prehashed one is required.
    case legacySignatureRejected(path: String)

    public var description: String {
        switch self {
        case .keyIDMismatch(let signatureKeyID, let publicKeyID):
            "signature rejected: it was made with key \(signatureKeyID), but the public key is \(publicKeyID); "
                + "verify with the signer's public key"
        case .fileSignatureInvalid(let path):
            "signature rejected: \(path) does not match the signature (the file changed after signing, "
                + "or the signature was altered)"
        case .trustedCommentSignatureInvalid(let path):
            "signature rejected: the trusted comment in \(path) is not covered by its global signature "
                + "(the comment or the global signature was altered)"
        case .legacySignatureRejected(let path):
            "signature rejected: \(path) is a legacy (non-prehashed 'Ed') signature and --require-prehash is set; "
                + "re-sign without --legacy"
        }
    }
}
