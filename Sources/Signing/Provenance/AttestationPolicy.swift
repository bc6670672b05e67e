/// What `verify-attestation` requires of an envelope beyond a valid signature.
public struct AttestationPolicy: Sendable, Hashable {
    /// The payload type the envelope must declare.
    public var payloadType: String
    /// Artifacts that must each be a subject (matched by SHA-256; a different name is only a note).
    public var artifacts: [ArtifactSubject]
    /// The source repository (`OWNER/REPO` or a URL) the build must come from, if required.
    public var sourceRepository: String?
    /// The builder id the provenance must name, if required.
    public var builderID: String?

    /// Creates a policy; by default only the signature, payload type and statement shape are checked.
    public init(
        payloadType: String = DSSE.inTotoPayloadType,
        artifacts: [ArtifactSubject] = [],
        sourceRepository: String? = nil,
        builderID: String? = nil
    ) {
        self.payloadType = payloadType
        self.artifacts = artifacts
        self.sourceRepository = sourceRepository
        self.builderID = builderID
    }
}

/// The result of checking one envelope (one line of a `.intoto.jsonl`).
public struct AttestationVerdict: Sendable, Hashable {
    /// The 1-based line of the envelope in its file (1 for a pretty-printed single envelope).
    public var line: Int
    /// Every reason the envelope is rejected; empty when it is accepted.
    public var failures: [String]
    /// Observations that do not reject it (a subject name that differs, a signature by an unknown key).
    public var notes: [String]
    /// The trusted keys that signed it.
    public var verifiedBy: [String]
    /// `name sha256:…` of each subject, for the report.
    public var subjects: [String]

    /// Whether the envelope passed every check.
    public var isAccepted: Bool { failures.isEmpty }
}
