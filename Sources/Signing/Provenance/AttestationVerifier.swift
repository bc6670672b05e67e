import SlipwayCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Verifies DSSE-wrapped in-toto provenance: the envelope, a signature by a trusted key, the statement and SLSA
/// predicate shape, the subjects against artifacts, and the source repository and builder policy.
public enum AttestationVerifier {
    /// Checks every envelope in `text`: a single JSON envelope (compact or pretty), or JSON Lines with one envelope
    /// per non-blank line.
    public static func verify(
        text: String,
        verifiers: [any DSSEVerifier],
        policy: AttestationPolicy
    ) -> [AttestationVerdict] {
        let trimmed = text.trimmingWhitespace()
        if trimmed.isEmpty {
            return [
                AttestationVerdict(
                    line: 1,
                    failures: ["no DSSE envelope found (the file is empty)"],
                    notes: [],
                    verifiedBy: [],
                    subjects: []
                )
            ]
        }
        // A whole-file parse succeeds for one envelope, compact or pretty; JSON Lines with several envelopes fail it.
        let whole = Result { () throws(DSSEError) in try DSSEEnvelope.parse(trimmed) }
        switch whole {
        case .success(let envelope):
            return [verify(envelope: envelope, line: 1, verifiers: verifiers, policy: policy)]
        case .failure(let error):
            if trimmed.hasPrefix("{\n") || trimmed.hasPrefix("{\r\n") {
                return [AttestationVerdict(line: 1, failures: ["\(error)"], notes: [], verifiedBy: [], subjects: [])]
            }
        }
        var verdicts: [AttestationVerdict] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { continue }
            do {
                let envelope = try DSSEEnvelope.parse(line)
                verdicts.append(verify(envelope: envelope, line: index + 1, verifiers: verifiers, policy: policy))
            } catch {
                verdicts.append(
                    AttestationVerdict(line: index + 1, failures: ["\(error)"], notes: [], verifiedBy: [], subjects: [])
                )
            }
        }
        return verdicts
    }

    /// Checks one parsed envelope.
    public static func verify(
        envelope: DSSEEnvelope,
        line: Int,
        verifiers: [any DSSEVerifier],
        policy: AttestationPolicy
    ) -> AttestationVerdict {
        var verdict = AttestationVerdict(line: line, failures: [], notes: [], verifiedBy: [], subjects: [])
        if envelope.payloadType != policy.payloadType {
            verdict.failures.append(
                "payloadType is '\(envelope.payloadType)', expected '\(policy.payloadType)'"
            )
        }
        let check = envelope.checkSignatures(with: verifiers)
        verdict.verifiedBy = check.verifiedBy
        if check.isVerified {
            verdict.notes += check.refusals.map { "\($0) (not needed: another signature verified)" }
        } else {
            verdict.failures.append(
                "no signature verifies with the given key(s): the payload, payload type or signature was changed, "
                    + "or another key signed it"
            )
            verdict.failures += check.refusals
        }
        guard envelope.payloadType == DSSE.inTotoPayloadType else {
            if !policy.artifacts.isEmpty || policy.sourceRepository != nil || policy.builderID != nil {
                verdict.failures.append(
                    "the payload is not an in-toto statement, so the subject and policy checks cannot run"
                )
            }
            return verdict
        }
        checkStatement(payload: envelope.payload, policy: policy, into: &verdict)
        return verdict
    }

    private static func checkStatement(
        payload: [UInt8],
        policy: AttestationPolicy,
        into verdict: inout AttestationVerdict
    ) {
        guard let statement = try? JSONDecoder().decode(JSONValue.self, from: Data(payload)),
            case .object(let fields) = statement
        else {
            verdict.failures.append("the payload is not a JSON object (not an in-toto statement)")
            return
        }
        if fields["_type"] != .string(ProvenanceStatement.statementType) {
            verdict.failures.append(
                "statement _type is \(summary(fields["_type"])), expected '\(ProvenanceStatement.statementType)'"
            )
        }
        let subjects = checkSubjects(fields["subject"], into: &verdict)
        verdict.subjects = subjects.map { "\($0.name) sha256:\($0.sha256)" }
        if fields["predicateType"] != .string(ProvenanceStatement.slsaProvenanceV1) {
            verdict.failures.append(
                "predicateType is \(summary(fields["predicateType"])), expected '\(ProvenanceStatement.slsaProvenanceV1)'"
            )
        }
        let predicate = fields["predicate"]
        let buildDefinition = member(predicate, "buildDefinition")
        let runDetails = member(predicate, "runDetails")
        if case .object = predicate {} else { verdict.failures.append("the statement has no predicate object") }
        if !isNonEmptyString(member(buildDefinition, "buildType")) {
            verdict.failures.append("predicate.buildDefinition.buildType is missing")
        }
        if case .object = member(buildDefinition, "externalParameters") {
        } else {
            verdict.failures.append("predicate.buildDefinition.externalParameters is missing")
        }
        let builderID = member(member(runDetails, "builder"), "id")
        if !isNonEmptyString(builderID) {
            verdict.failures.append("predicate.runDetails.builder.id is missing")
        }

        for artifact in policy.artifacts {
            let matches = subjects.filter { $0.sha256 == artifact.sha256 }
            if matches.isEmpty {
                verdict.failures.append(
                    "artifact \(artifact.name) (sha256 \(artifact.sha256)) is not a subject of this attestation"
                )
            } else if !matches.contains(where: { $0.name == artifact.name }) {
                verdict.notes.append(
                    "artifact \(artifact.name) matches subject '\(matches[0].name)' by digest; the names differ"
                )
            }
        }
        if let wanted = policy.sourceRepository {
            checkSourceRepository(wanted, buildDefinition: buildDefinition, into: &verdict)
        }
        if let wanted = policy.builderID {
            let actual: String? = if case .string(let text)? = builderID { text } else { nil }
            if !builderMatches(actual, wanted: wanted) {
                verdict.failures.append("builder id is \(actual.map { "'\($0)'" } ?? "missing"), expected '\(wanted)'")
            }
        }
    }

    private static func checkSubjects(_ value: JSONValue?, into verdict: inout AttestationVerdict) -> [ArtifactSubject]
    {
        guard case .array(let entries)? = value, !entries.isEmpty else {
            verdict.failures.append("the statement has no subject")
            return []
        }
        let hexLengths = ["sha256": 64, "sha384": 96, "sha512": 128, "sha1": 40]
        var subjects: [ArtifactSubject] = []
        for (index, entry) in entries.enumerated() {
            let name: String = if case .string(let text)? = member(entry, "name") { text } else { "#\(index + 1)" }
            guard case .object(let digests)? = member(entry, "digest"), !digests.isEmpty else {
                verdict.failures.append("subject '\(name)' has no digest")
                continue
            }
            for (algorithm, digest) in digests.sorted(by: { $0.key < $1.key }) {
                guard case .string(let hex) = digest else {
                    verdict.failures.append("subject '\(name)': digest \(algorithm) is not a string")
                    continue
                }
                if let length = hexLengths[algorithm],
                    hex.count != length || hex.lowercased() != hex || DSSEHex.bytes(hex) == nil
                {
                    verdict.failures.append(
                        "subject '\(name)': digest \(algorithm) is not \(length) lowercase hex digits"
                    )
                }
            }
            if case .string(let sha256)? = digests["sha256"] {
                subjects.append(ArtifactSubject(name: name, sha256: sha256))
            }
        }
        return subjects
    }

    private static func checkSourceRepository(
        _ wanted: String,
        buildDefinition: JSONValue?,
        into verdict: inout AttestationVerdict
    ) {
        let target = repositoryKey(wanted)
        let external = member(buildDefinition, "externalParameters")
        var candidates: [String] = []
        if case .array(let dependencies)? = member(buildDefinition, "resolvedDependencies") {
            for dependency in dependencies {
                if case .string(let uri)? = member(dependency, "uri") { candidates.append(uri) }
            }
        }
        if case .string(let repository)? = member(member(external, "workflow"), "repository") {
            if !keysMatch(repositoryKey(repository), target) {
                verdict.failures.append(
                    "externalParameters.workflow.repository is '\(repository)', expected source repository '\(wanted)'"
                )
                return
            }
            candidates.append(repository)
        }
        if case .string(let repository)? = member(external, "repository") { candidates.append(repository) }
        if !candidates.contains(where: { keysMatch(repositoryKey($0), target) }) {
            let found = candidates.isEmpty ? "none" : candidates.map { "'\($0)'" }.joined(separator: ", ")
            verdict.failures.append(
                "source repository '\(wanted)' is not in resolvedDependencies or externalParameters (found: \(found))"
            )
        }
    }

    /// `(host?, owner/repo)` in lowercase, from `OWNER/REPO`, an HTTPS URL or an SPDX `git+https://…@ref` URI.
    static func repositoryKey(_ text: String) -> (host: String?, path: String) {
        var value = Substring(text.lowercased())
        if value.hasPrefix("git+") { value = value.dropFirst(4) }
        var host: String?
        if let colon = value.firstIndex(of: ":"), value[colon...].hasPrefix("://") {
            value = value[colon...].dropFirst(3)
            let slash = value.firstIndex(of: "/") ?? value.endIndex
            host = String(value[..<slash])
            value = value[slash...].drop { $0 == "/" }
        }
        if let at = value.firstIndex(of: "@") { value = value[..<at] }
        while value.hasSuffix("/") { value = value.dropLast() }
        if value.hasSuffix(".git") { value = value.dropLast(4) }
        return (host, String(value))
    }

    private static func keysMatch(
        _ actual: (host: String?, path: String),
        _ wanted: (host: String?, path: String)
    )
        -> Bool
    {
        guard actual.path == wanted.path, !wanted.path.isEmpty else { return false }
        guard let wantedHost = wanted.host, let actualHost = actual.host else { return true }
        return wantedHost == actualHost
    }

    /// An exact match, or, when `wanted` has no `@ref`, a match of the id without its `@ref`.
    private static func builderMatches(_ actual: String?, wanted: String) -> Bool {
        guard let actual else { return false }
        if actual == wanted { return true }
        guard !wanted.contains("@"), let at = actual.lastIndex(of: "@") else { return false }
        return actual[..<at] == wanted
    }

    private static func member(_ value: JSONValue?, _ key: String) -> JSONValue? {
        guard case .object(let fields)? = value else { return nil }
        return fields[key]
    }

    private static func isNonEmptyString(_ value: JSONValue?) -> Bool {
        if case .string(let text)? = value { return !text.isEmpty }
        return false
    }

    private static func summary(_ value: JSONValue?) -> String {
        switch value {
        case nil: "missing"
        case .string(let text)?: "'\(text)'"
        case let other?: "a JSON \(other.jsonType)"
        }
    }
}
