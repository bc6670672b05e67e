/// What happened, as a dotted lower-case name: an open set, with constants for the kinds Slipway records.
public struct EventKind: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var rawValue: String

    /// Wraps a kind name; see `isWellFormed` for the accepted shape.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// `version.computed`: `slipway version` chose the next version.
    public static let versionComputed = EventKind(rawValue: "version.computed")
    /// `sbom.generated`: an SBOM was written (its digest in `outputs`).
    public static let sbomGenerated = EventKind(rawValue: "sbom.generated")
    /// `scan.completed`: a dependency or license scan finished (verdict in `result`).
    public static let scanCompleted = EventKind(rawValue: "scan.completed")
    /// `artifact.signed`: an artifact was signed.
    public static let artifactSigned = EventKind(rawValue: "artifact.signed")
    /// `attestation.created`: a provenance or other attestation was produced.
    public static let attestationCreated = EventKind(rawValue: "attestation.created")
    /// `gate.evaluated`: a release gate decided.
    public static let gateEvaluated = EventKind(rawValue: "gate.evaluated")
    /// `approval.granted`: a person approved the release.
    public static let approvalGranted = EventKind(rawValue: "approval.granted")
    /// `deployment.started`.
    public static let deploymentStarted = EventKind(rawValue: "deployment.started")
    /// `deployment.succeeded`.
    public static let deploymentSucceeded = EventKind(rawValue: "deployment.succeeded")
    /// `deployment.failed`.
    public static let deploymentFailed = EventKind(rawValue: "deployment.failed")
    /// `deployment.rolled-back`.
    public static let deploymentRolledBack = EventKind(rawValue: "deployment.rolled-back")
    /// `notification.sent`.
    public static let notificationSent = EventKind(rawValue: "notification.sent")

    /// Every kind Slipway itself records, in documentation order.
    public static let known: [EventKind] = [
        .versionComputed, .sbomGenerated, .scanCompleted, .artifactSigned, .attestationCreated, .gateEvaluated,
        .approvalGranted, .deploymentStarted, .deploymentSucceeded, .deploymentFailed, .deploymentRolledBack,
        .notificationSent,
    ]

    /// Whether the name is dot-separated segments of `a-z`, `0-9` and `-`, each starting with a letter or digit,
    /// at most 128 characters (so kinds stay greppable and safe in every output format).
    public var isWellFormed: Bool {
        guard !rawValue.isEmpty, rawValue.utf8.count <= 128 else { return false }
        for segment in rawValue.split(separator: ".", omittingEmptySubsequences: false) {
            guard let first = segment.utf8.first, first != UInt8(ascii: "-") else { return false }
            for byte in segment.utf8 {
                let allowed =
                    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                    || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
                if !allowed { return false }
            }
        }
        return true
    }

    public var description: String { rawValue }

    public static func < (lhs: EventKind, rhs: EventKind) -> Bool { lhs.rawValue < rhs.rawValue }
}
