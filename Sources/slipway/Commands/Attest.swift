import ArgumentParser
import Ledger
import Signing
import SlipwayCore

extension Slipway {
    /// `slipway attest`: SLSA provenance v1 for artifacts, in a signed DSSE envelope (`.intoto.jsonl`).
    struct Attest: SlipwayCommand {
        static let configuration = CommandConfiguration(
            commandName: "attest",
            abstract: "Write signed SLSA v1 provenance (in-toto, DSSE) for release artifacts.",
            discussion: """
                Hashes every FILE (SHA-256, streamed) into the subject of an in-toto Statement v1 whose predicate is \
                SLSA provenance v1 for a GitHub Actions workflow run, signs it with the minisign secret key \
                (Ed25519; keyid = the minisign key id) and optionally an ECDSA P-256 PEM key, and writes one DSSE \
                envelope as one line of compact JSON. Values come from the GitHub Actions environment \
                (GITHUB_REPOSITORY, GITHUB_SHA, GITHUB_REF, GITHUB_WORKFLOW_REF, GITHUB_RUN_ID, ...); flags win. \
                Timestamps honour SOURCE_DATE_EPOCH, and with only Ed25519 the output is byte-identical for the \
                same input.

                Examples:
                  slipway attest dist/app.tar.gz --secret-key slipway.key --output app.intoto.jsonl
                  slipway attest dist/* --output app.intoto.jsonl --ecdsa-key ecdsa.pem
                  slipway attest app.zip --secret-key k.key --output p.intoto.jsonl --source-repo o/r \\
                    --commit "$(git rev-parse HEAD)" --ref refs/tags/v1.0.0 --workflow .github/workflows/release.yml
                """
        )

        @Argument(help: "The artifacts to attest; each becomes a subject (name = the file name).")
        var files: [String] = []

        @OptionGroup var secretKey: SecretKeyOptions

        @OptionGroup var ledgerRecording: LedgerRecordingOptions

        @Option(name: .shortAndLong, help: "Write the envelope to this .intoto.jsonl file (atomically).")
        var output: String

        @Flag(name: .customLong("append"), help: "Add the envelope as a new line of --output instead of replacing it.")
        var append = false

        @Option(name: .customLong("ecdsa-key"), help: "Also sign with this ECDSA P-256 private key (PEM).")
        var ecdsaKey: String?

        @Option(name: .customLong("source-repo"), help: "OWNER/REPO or URL (default: $GITHUB_REPOSITORY).")
        var sourceRepository: String?

        @Option(name: .customLong("commit"), help: "The commit built (default: $GITHUB_SHA).")
        var commit: String?

        @Option(name: .customLong("ref"), help: "The git ref built (default: $GITHUB_REF).")
        var ref: String?

        @Option(name: .customLong("workflow"), help: "The workflow file path (default: from $GITHUB_WORKFLOW_REF).")
        var workflow: String?

        @Option(
            name: .customLong("builder-id"),
            help: "runDetails.builder.id (default: $GITHUB_SERVER_URL/$GITHUB_WORKFLOW_REF)."
        )
        var builderID: String?

        @Option(name: .customLong("build-type"), help: "buildDefinition.buildType (default: the GitHub workflow/v1).")
        var buildType: String?

        @Option(
            name: .customLong("invocation-id"),
            help: "runDetails.metadata.invocationId (default: the run URL with its attempt)."
        )
        var invocationID: String?

        @Option(name: .customLong("event-name"), help: "The triggering event (default: $GITHUB_EVENT_NAME).")
        var eventName: String?

        @Option(name: .customLong("input"), help: "A workflow input KEY=VALUE for externalParameters (repeatable).")
        var inputs: [String] = []

        func run(_ context: SlipwayContext) async throws -> ExitStatus {
            guard !files.isEmpty else { throw ProvenanceError.noArtifacts }
            let startedOn = context.wallClock.now()
            let parameters = try ProvenanceParameters.resolve(
                overrides: ProvenanceOverrides(
                    sourceRepository: sourceRepository,
                    commit: commit,
                    ref: ref,
                    workflowPath: workflow,
                    builderID: builderID,
                    buildType: buildType,
                    invocationID: invocationID,
                    eventName: eventName,
                    inputs: inputs
                ),
                environment: context.environment,
                fileSystem: context.fileSystem
            )
            // Keys are loaded before hashing so a wrong password fails fast, not after gigabytes of reading.
            let key = try secretKey.loadKey(context)
            var signers: [any DSSESigner] = [
                Ed25519DSSESigner(privateKey: key.signingKey, keyID: key.publicKey.keyIDHex)
            ]
            if let ecdsaKey {
                signers.append(
                    try DSSEKeyLoader.ecdsaSigner(pemText: context.fileSystem.readText(at: ecdsaKey), path: ecdsaKey)
                )
            }
            var subjects: [ArtifactSubject] = []
            var artifacts: [EventDigest] = []
            for file in files {
                let subject = try ArtifactSubject.digesting(path: file, fileSystem: context.fileSystem)
                // The same file named twice (overlapping globs) is one subject.
                if !subjects.contains(subject) {
                    subjects.append(subject)
                    artifacts.append(EventDigest(name: file, digest: "sha256:" + subject.sha256))
                }
            }
            let statement = ProvenanceStatement.statement(
                subjects: subjects,
                parameters: parameters,
                startedOn: startedOn,
                finishedOn: context.wallClock.now(),
                builderVersion: Slipway.version
            )
            let envelope = try DSSEEnvelope.signing(
                payload: try CanonicalJSON.encode(statement),
                payloadType: DSSE.inTotoPayloadType,
                signers: signers
            )
            var bytes: [UInt8] = []
            if append, context.fileSystem.exists(output) {
                bytes = try context.fileSystem.readFile(at: output)
                if let last = bytes.last, last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
            }
            bytes += Array((try envelope.jsonLine() + "\n").utf8)
            try context.fileSystem.writeFileAtomically(bytes, to: output)
            let keyList = signers.map(\.keyID).joined(separator: ", ")
            context.output.writeError(
                "attested \(subjects.count) artifact(s) from \(parameters.repositoryURL)@\(parameters.commit.prefix(12)) "
                    + "to \(output) (keyid \(keyList))\n"
            )
            try await ledgerRecording.record(
                .attestationCreated,
                context,
                inputs: artifacts,
                outputs: [EventDigest.sha256(of: bytes, name: output)],
                result: "success",
                details: .object([
                    "predicateType": .string(ProvenanceStatement.slsaProvenanceV1),
                    "commit": .string(parameters.commit),
                    "keyIDs": .array(signers.map { .string($0.keyID) }),
                ])
            )
            return .success
        }
    }
}
