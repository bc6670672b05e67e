/// Bad input to `slipway attest` or `slipway verify-attestation` (exit 2).
///
/// A missing value, a malformed flag, an unreadable artifact, key or event file; each message names the flag or
/// environment variable to fix.
public enum ProvenanceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A required provenance value came from neither its flag nor its environment variable.
    case missingValue(what: String, flag: String, environmentVariable: String)
    /// A value is present but malformed.
    case invalidValue(what: String, value: String, expected: String)
    /// `--input` was not `KEY=VALUE`.
    case invalidInput(String)
    /// The GitHub event payload (`GITHUB_EVENT_PATH`) is not JSON.
    case invalidEventPayload(path: String, detail: String)
    /// An artifact could not be read.
    case unreadableArtifact(path: String, reason: String)
    /// No artifact was given.
    case noArtifacts
    /// A key file is not a key slipway can use (the message never includes key material).
    case invalidKey(path: String, reason: String)

    public var description: String {
        switch self {
        case .missingValue(let what, let flag, let variable):
            "error: the \(what) is missing; pass \(flag) or set \(variable) (GitHub Actions sets it)"
        case .invalidValue(let what, let value, let expected):
            "error: the \(what) '\(value)' is invalid; expected \(expected)"
        case .invalidInput(let text):
            "error: --input '\(text)' is not KEY=VALUE"
        case .invalidEventPayload(let path, let detail):
            "\(path): error: the GitHub event payload is not JSON (\(detail)); check GITHUB_EVENT_PATH"
        case .unreadableArtifact(let path, let reason):
            "\(path): error: cannot read the artifact (\(reason)); check the path"
        case .noArtifacts:
            "error: no artifact given; name at least one file to attest"
        case .invalidKey(let path, let reason):
            "\(path): error: \(reason)"
        }
    }
}
