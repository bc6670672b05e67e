import ArgumentParser
import Signing
import SlipwayCore

extension Slipway {
    /// `slipway verify-attestation`: checks DSSE-signed in-toto/SLSA provenance against keys, artifacts and policy.
    struct VerifyAttestation: SlipwayCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify-attestation",
            abstract: "Verify a DSSE-signed in-toto SLSA provenance attestation (.intoto.jsonl).",
            discussion: """
                Checks every envelope in the file (one JSON envelope, or JSON Lines with one per line): the DSSE \
                structure and payload type, at least one valid signature by a --key, the in-toto Statement v1 and \
                SLSA provenance v1 shape, that every --artifact's SHA-256 is a subject (a different name is only a \
                note), and the --source-repo and --builder-id policy. Each reason for a rejection is printed.

                A --key is a minisign .pub file, a PEM public key (Ed25519 or ECDSA P-256) or 64 hex digits of an \
                Ed25519 key. Minisign and P-256 keys only accept signatures whose keyid is theirs.

                Exit status: 0 every envelope verified; 1 verification failed; 2 unreadable input or key.

                Examples:
                  slipway verify-attestation app.intoto.jsonl --key slipway.pub --artifact dist/app.tar.gz
                  slipway verify-attestation app.intoto.jsonl --key release.pub --key ecdsa.pub.pem \\
                    --source-repo octo-org/app \\
                    --builder-id https://github.com/octo-org/app/.github/workflows/release.yml
                """
        )

        @Argument(help: "The attestation: a DSSE envelope (.json) or one envelope per line (.intoto.jsonl).")
        var envelope: String

        @Option(name: .customLong("key"), help: "A trusted public key file (repeatable).")
        var keys: [String] = []

        @Option(
            name: .customLong("artifact"),
            parsing: .upToNextOption,
            help: "Artifacts whose SHA-256 must each be a subject (one or more; a shell glob works)."
        )
        var artifacts: [String] = []

        @Option(
            name: .customLong("source-repo"),
            help: "Require this source repository (OWNER/REPO or URL) in the provenance."
        )
        var sourceRepository: String?

        @Option(
            name: .customLong("builder-id"),
            help: "Require this builder id (without @REF: any ref of it)."
        )
        var builderID: String?

        @Option(name: .customLong("payload-type"), help: "The payload type the envelopes must declare.")
        var payloadType: String = DSSE.inTotoPayloadType

        func validate() throws {
            guard !keys.isEmpty else { throw ValidationError("give at least one --key to verify with") }
        }

        func run(_ context: SlipwayContext) async throws -> ExitStatus {
            let text = try context.fileSystem.readText(at: envelope)
            var verifiers: [any DSSEVerifier] = []
            for key in keys {
                verifiers.append(try DSSEKeyLoader.verifier(fileText: context.fileSystem.readText(at: key), path: key))
            }
            var subjects: [ArtifactSubject] = []
            for artifact in artifacts {
                subjects.append(try ArtifactSubject.digesting(path: artifact, fileSystem: context.fileSystem))
            }
            let policy = AttestationPolicy(
                payloadType: payloadType,
                artifacts: subjects,
                sourceRepository: sourceRepository,
                builderID: builderID
            )
            let verdicts = AttestationVerifier.verify(text: text, verifiers: verifiers, policy: policy)
            for verdict in verdicts {
                let location = "\(envelope):\(verdict.line)"
                if verdict.isAccepted {
                    let signers = verdict.verifiedBy.joined(separator: ", ")
                    let subjectList =
                        verdict.subjects.isEmpty ? "" : "; subjects: " + verdict.subjects.joined(separator: ", ")
                    context.output.write("\(location): verified: signed by \(signers)\(subjectList)\n")
                } else {
                    for failure in verdict.failures { context.output.write("\(location): FAILED: \(failure)\n") }
                }
                for note in verdict.notes { context.output.write("\(location): note: \(note)\n") }
            }
            let accepted = verdicts.filter(\.isAccepted).count
            context.output.writeError("\(accepted) of \(verdicts.count) attestation(s) verified\n")
            return accepted == verdicts.count ? .success : .findings
        }
    }
}
