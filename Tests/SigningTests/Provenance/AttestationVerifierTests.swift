import Foundation
import Signing
import SlipwayCore
import SlipwayTestSupport
import Testing

@Suite struct AttestationVerifierTests {
    static let artifact = ArtifactSubject(name: "app.tar.gz", sha256: String(repeating: "3c", count: 32))
    static let keyID = "E0B1C2D3A4F50617"

    static func signer() throws -> Ed25519DSSESigner {
        try Ed25519DSSESigner(rawPrivateKey: Array(0..<32), keyID: keyID)
    }

    /// A signed provenance line for `artifact`, built from the GitHub environment of `ProvenanceTests`.
    static func attestationLine(extraSigners: [any DSSESigner] = []) throws -> String {
        let statement = ProvenanceStatement.statement(
            subjects: [artifact],
            parameters: try ProvenanceTests.resolve(),
            startedOn: Date(timeIntervalSince1970: 1_700_000_000),
            finishedOn: Date(timeIntervalSince1970: 1_700_000_000)
        )
        return try DSSEEnvelope.signing(
            payload: try CanonicalJSON.encode(statement),
            payloadType: DSSE.inTotoPayloadType,
            signers: [signer()] + extraSigners
        ).jsonLine()
    }

    static let fullPolicy = AttestationPolicy(
        artifacts: [artifact],
        sourceRepository: "octo-org/app",
        builderID: "https://github.com/octo-org/app/.github/workflows/release.yml@refs/tags/v1.2.3"
    )

    @Test("a good attestation passes every check; builder and repository may be given in short forms")
    func accepts() throws {
        let line = try Self.attestationLine()
        let verdicts = AttestationVerifier.verify(
            text: line + "\n",
            verifiers: [try Self.signer().verifier],
            policy: Self.fullPolicy
        )
        #expect(verdicts.count == 1)
        #expect(verdicts[0].failures == [])
        #expect(verdicts[0].verifiedBy == [try Self.signer().verifier.keyDescription])
        #expect(verdicts[0].subjects == ["app.tar.gz sha256:\(Self.artifact.sha256)"])
        let loose = AttestationPolicy(
            sourceRepository: "git+https://github.com/Octo-Org/app.git@refs/heads/main",
            builderID: "https://github.com/octo-org/app/.github/workflows/release.yml"
        )
        #expect(
            AttestationVerifier.verify(text: line, verifiers: [try Self.signer().verifier], policy: loose)[0].isAccepted
        )
    }

    @Test("an artifact matched by digest under another name is accepted with a note")
    func nameMismatchIsANote() throws {
        let renamed = AttestationPolicy(artifacts: [ArtifactSubject(name: "renamed.tgz", sha256: Self.artifact.sha256)])
        let verdict = AttestationVerifier.verify(
            text: try Self.attestationLine(),
            verifiers: [try Self.signer().verifier],
            policy: renamed
        )[0]
        #expect(verdict.isAccepted)
        #expect(verdict.notes == ["artifact renamed.tgz matches subject 'app.tar.gz' by digest; the names differ"])
    }

    @Test("every line of a .jsonl is checked; a bad line fails on its own")
    func everyLineIsChecked() throws {
        let good = try Self.attestationLine()
        let text = good + "\n\n" + good.replacingOccurrences(of: Self.keyID, with: "FFFFFFFFFFFFFFFF") + "\n"
        let verdicts = AttestationVerifier.verify(
            text: text,
            verifiers: [try Self.signer().verifier],
            policy: AttestationPolicy()
        )
        #expect(verdicts.map(\.line) == [1, 3])
        #expect(verdicts.map(\.isAccepted) == [true, false])
    }

    /// One way to tamper with an attestation, and the reason the verifier must give.
    struct Tamper: CustomTestStringConvertible, Sendable {
        var name: String
        var reason: String
        var testDescription: String { name }
    }

    static let tampers: [Tamper] = [
        Tamper(name: "one payload byte changed", reason: "does not verify with any given key"),
        Tamper(name: "payload type changed", reason: "payloadType is 'application/json'"),
        Tamper(name: "one signature byte changed", reason: "does not verify with any given key"),
        Tamper(name: "keyid changed", reason: "keyid does not match the key"),
        Tamper(name: "wrong key", reason: "does not verify with any given key"),
        Tamper(name: "truncated envelope", reason: "was the file truncated?"),
        Tamper(name: "subject digest mismatch", reason: "is not a subject of this attestation"),
        Tamper(name: "different source repository", reason: "expected source repository 'octo-org/other'"),
        Tamper(name: "different builder id", reason: "builder id is 'https://github.com/octo-org/app/"),
        Tamper(
            name: "statement type changed and re-signed",
            reason: "statement _type is 'https://in-toto.io/Statement/v0.1'"
        ),
    ]

    @Test("tamper matrix: every change is rejected with its reason", arguments: tampers)
    func tamperMatrix(_ tamper: Tamper) throws {
        let line = try Self.attestationLine()
        var envelope = try DSSEEnvelope.parse(line)
        var text = line
        var verifiers: [any DSSEVerifier] = [try Self.signer().verifier]
        var policy = AttestationPolicy(artifacts: [Self.artifact])
        switch tamper.name {
        case "one payload byte changed":
            envelope.payload[envelope.payload.count / 2] ^= 0x01
            text = try envelope.jsonLine()
        case "payload type changed":
            envelope.payloadType = "application/json"
            text = try envelope.jsonLine()
        case "one signature byte changed":
            envelope.signatures[0].bytes[10] ^= 0x80
            text = try envelope.jsonLine()
        case "keyid changed":
            envelope.signatures[0].keyID = "0123456789ABCDEF"
            text = try envelope.jsonLine()
        case "wrong key":
            verifiers = [
                try Ed25519DSSESigner(rawPrivateKey: Array(repeating: 7, count: 32), keyID: Self.keyID).verifier
            ]
        case "truncated envelope":
            text = String(line.prefix(line.count / 2))
        case "subject digest mismatch":
            policy.artifacts = [ArtifactSubject(name: "app.tar.gz", sha256: String(repeating: "3d", count: 32))]
        case "different source repository":
            policy.sourceRepository = "octo-org/other"
        case "different builder id":
            policy.builderID = "https://github.com/octo-org/app/.github/workflows/other.yml"
        case "statement type changed and re-signed":
            let statement = String(decoding: envelope.payload, as: UTF8.self)
                .replacingOccurrences(of: "Statement/v1", with: "Statement/v0.1")
            text = try DSSEEnvelope.signing(
                payload: Array(statement.utf8),
                payloadType: DSSE.inTotoPayloadType,
                signers: [Self.signer()]
            ).jsonLine()
        default:
            Issue.record("unknown tamper \(tamper.name)")
        }
        let verdicts = AttestationVerifier.verify(text: text, verifiers: verifiers, policy: policy)
        #expect(verdicts.count == 1)
        #expect(!verdicts[0].isAccepted)
        #expect(verdicts[0].failures.contains { $0.contains(tamper.reason) }, "\(verdicts[0].failures)")
    }

    static let examples = Corpus.sharedRoot + "/conformance/examples"
    static let examplesPresent = FileManager.default.fileExists(atPath: examples + "/valid-dsse.json")

    @Test(
        "accepts the securesystemslib-signed valid-dsse.json with its PEM and hex keys; rejects the invalid ones",
        .enabled(if: examplesPresent, "../shared/conformance/examples absent: DSSE interop examples skipped")
    )
    func sharedExamples() throws {
        let fileSystem = LocalFileSystem()
        let keys = try ["dsse-ed25519.pub.pem", "dsse-ed25519.pub.hex"].map { name in
            try DSSEKeyLoader.verifier(fileText: fileSystem.readText(at: Self.examples + "/" + name), path: name)
        }
        for key in keys {
            let valid = AttestationVerifier.verify(
                text: try fileSystem.readText(at: Self.examples + "/valid-dsse.json"),
                verifiers: [key],
                policy: AttestationPolicy(
                    artifacts: [
                        ArtifactSubject(
                            name: "app-1.2.3-linux-x86_64.tar.gz",
                            sha256: "324c7b3348dea0979c2c56fe7467b424ab58504612349575d6e6dc1170295d20"
                        )
                    ],
                    sourceRepository: "example/app",
                    builderID: "https://example.com/release-tool/builder/v1"
                )
            )
            #expect(valid.count == 1 && valid[0].isAccepted, "\(valid)")
            let tampered = AttestationVerifier.verify(
                text: try fileSystem.readText(at: Self.examples + "/invalid-dsse-tampered.json"),
                verifiers: [key],
                policy: AttestationPolicy()
            )
            #expect(tampered[0].failures.contains { $0.hasPrefix("no signature verifies with the given key(s)") })
            let statement = AttestationVerifier.verify(
                text: try fileSystem.readText(at: Self.examples + "/invalid-dsse-statement.json"),
                verifiers: [key],
                policy: AttestationPolicy()
            )
            #expect(statement[0].verifiedBy.count == 1, "its signature is fine")
            #expect(statement[0].failures.contains("subject 'app-1.2.3-linux-x86_64.tar.gz' has no digest"))
            #expect(statement[0].failures.contains("predicate.runDetails.builder.id is missing"))
        }
    }

    static let validator = Corpus.sharedRoot + "/conformance/validate"

    @Test(
        "securesystemslib and in-toto-attestation accept our envelope (Ed25519 + ECDSA signatures) via validate dsse",
        .tags(.process),
        .enabled(if: FileManager.default.isExecutableFile(atPath: validator), "conformance validator absent: skipped")
    )
    func validatorAcceptsOurEnvelope() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dsse-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let envelopePath = directory + "/app.intoto.jsonl"
        try LocalFileSystem().writeTextAtomically(
            try Self.attestationLine(extraSigners: [P256DSSESigner.generate()]) + "\n",
            to: envelopePath
        )
        let keyHex = try Self.signer().publicKeyBytes.map { String(format: "%02x", $0) }.joined()
        let result = try await FoundationProcessRunner().run(
            ProcessRequest(["bash", Self.validator, "dsse", envelopePath, keyHex], timeout: .seconds(600))
        )
        #expect(result.status == 0, "\(result.outputText)\(result.errorText)")
        #expect(result.outputText.contains("ok: in-toto Statement v1, predicateType https://slsa.dev/provenance/v1"))
    }
}
