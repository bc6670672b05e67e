/// Why a DSSE envelope could not be read or made.
public enum DSSEError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is not JSON (truncated, or not an envelope at all).
    case notJSON(detail: String)
    /// The JSON is not an object.
    case notAnObject
    /// A required field is absent.
    case missingField(String)
    /// A field has the wrong JSON type.
    case wrongType(field: String, expected: String)
    /// A base64 field does not decode.
    case invalidBase64(field: String)
    /// `signatures` is empty.
    case noSignatures
    /// A signer failed (a key the crypto library refused).
    case signingFailed(keyID: String, reason: String)

    public var description: String {
        switch self {
        case .notJSON(let detail): "not a JSON DSSE envelope (\(detail)); was the file truncated?"
        case .notAnObject: "not a DSSE envelope: the JSON is not an object"
        case .missingField(let field): "DSSE envelope field '\(field)' is missing"
        case .wrongType(let field, let expected): "DSSE envelope field '\(field)' must be \(expected)"
        case .invalidBase64(let field): "DSSE envelope field '\(field)' is not valid base64"
        case .noSignatures: "the DSSE envelope has no signatures"
        case .signingFailed(let keyID, let reason): "signing with key \(keyID) failed: \(reason)"
        }
    }
}
