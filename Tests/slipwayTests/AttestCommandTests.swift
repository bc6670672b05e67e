import ArgumentParser
import Foundation
import SlipwayCore
import SlipwayTestSupport
import Testing

@testable import slipway

@Suite struct AttestCommandTests {
    /// An unencrypted minisign secret key (Ed25519 seed 00 01 … 1f, key id E0B1C2D3A4F50617) and its public key.
    static let secretKey = """
        untrusted comment: minisign secret key E0B1C2D3A4F50617
        RWQAAEIyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAFwb1pNPCseAAAQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHwOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4Al54xD6QhAl7AUiFMu4Caf+xtqTcsEORlTpl9J9U7zg=

        """
    static let publicKey = """
        untrusted comment: minisign public key E0B1C2D3A4F50617
        RWQXBvWk08Kx4AOhB7/zzhC+HXDdGOdLwJln5NYwm6UNXx3chmQSVTG4

        """
    /// A throwaway ECDSA P-256 test key (made with `openssl ecparam -name prime256v1 -genkey`) and its public key.
    static let ecdsaKey = """
        -----BEGIN EC PRIVATE KEY-----
        MHcCAQEEIJ8vfv6p87GnfOChsCsnnUUjTlcFOr4p6aTiVGVZtR4EoAoGCCqGSM49
        AwEHoUQDQgAEy+moe2U5wBjfUs10mqijxMWr2r4Q25uU8bd//eGsdORHpcBMpkRH
        nQbdzeCHLgjZn9gMeetIjnLXKcHOzuo9Ug==
        -----END EC PRIVATE KEY-----

        """
    static let ecdsaPublicKey = """
        -----BEGIN PUBLIC KEY-----
        MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEy+moe2U5wBjfUs10mqijxMWr2r4Q
        25uU8bd//eGsdORHpcBMpkRHnQbdzeCHLgjZn9gMeetIjnLXKcHOzuo9Ug==
        -----END PUBLIC KEY-----

        """

    /// A workspace with an artifact, the keys and a GitHub Actions environment for a tag push.
    struct Workspace {
        var root: String
        var environment: [String: String]
        var artifact: String { root + "/dist/app-1.0.0.tar.gz" }
        var output: String { root + "/app.intoto.jsonl" }
        var secretKey: String { root + "/keys/slipway.key" }
        var publicKey: String { root + "/keys/slipway.pub" }
        var ecdsaKey: String { root + "/keys/ecdsa.pem" }
        var ecdsaPublicKey: String { root + "/keys/ecdsa.pub.pem" }
    }

    static func workspace() throws -> Workspace {
        let root = try AuditCommandTests.temporaryRepository([
            "dist/app-1.0.0.tar.gz": "release bytes\n",
            "dist/other.txt": "something else\n",
            "keys/slipway.key": secretKey,
            "keys/slipway.pub": publicKey,
            "keys/ecdsa.pem": ecdsaKey,
            "keys/ecdsa.pub.pem": ecdsaPublicKey,
        ])
        return Workspace(
            root: root,
            environment: [
                "GITHUB_REPOSITORY": "octo-org/app",
                "GITHUB_SHA": "8d2f1c7f3b1c4e6a9b0d2e4f6a8c0e2f4a6b8c0d",
                "GITHUB_REF": "refs/tags/v1.0.0",
                "GITHUB_WORKFLOW_REF": "octo-org/app/.github/workflows/release.yml@refs/tags/v1.0.0",
                "GITHUB_RUN_ID": "99", "GITHUB_RUN_ATTEMPT": "1", "GITHUB_SERVER_URL": "https://github.com",
                "GITHUB_EVENT_NAME": "push", "RUNNER_ENVIRONMENT": "github-hosted",
            ]
        )
    }

    static func attest(
        _ workspace: Workspace,
        _ extra: [String] = [],
        environment: [String: String]? = nil
    ) async throws
        -> CommandRun
    {
        try await CommandHarness.run(
            ["attest", workspace.artifact, "--secret-key", workspace.secretKey, "--output", workspace.output] + extra,
            environment: environment ?? workspace.environment
        )
    }

    @Test("attest writes one signed envelope line that verify-attestation accepts with either key")
    func attestThenVerify() async throws {
        let workspace = try Self.workspace()
        let run = try await Self.attest(workspace, ["--ecdsa-key", workspace.ecdsaKey])
        #expect(run.status == .success, "\(run.errors)")
        let text = try String(contentsOfFile: workspace.output, encoding: .utf8)
        #expect(text.hasSuffix("}\n") && text.filter { $0 == "\n" }.count == 1)
        #expect(text.contains(#""keyid":"E0B1C2D3A4F50617""#))
        for key in [workspace.publicKey, workspace.ecdsaPublicKey] {
            let verify = try await CommandHarness.run([
                "verify-attestation", workspace.output, "--key", key, "--artifact", workspace.artifact,
                "--source-repo", "octo-org/app",
                "--builder-id", "https://github.com/octo-org/app/.github/workflows/release.yml@refs/tags/v1.0.0",
            ])
            #expect(verify.status == .success, "\(verify.output)\(verify.errors)")
            #expect(verify.output.contains("app.intoto.jsonl:1: verified: signed by"))
            #expect(verify.output.contains("subjects: app-1.0.0.tar.gz sha256:"))
        }
    }

    @Test("the same input gives byte-identical output; timestamps follow SOURCE_DATE_EPOCH")
    func byteStable() async throws {
        let workspace = try Self.workspace()
        let clock = WallClock.live(environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        let arguments = [
            "attest", workspace.artifact, "--secret-key", workspace.secretKey, "--output", workspace.output,
        ]
        _ = try await CommandHarness.run(arguments, environment: workspace.environment, wallClock: clock)
        let first = try Data(contentsOf: URL(fileURLWithPath: workspace.output))
        _ = try await CommandHarness.run(arguments, environment: workspace.environment, wallClock: clock)
        let second = try Data(contentsOf: URL(fileURLWithPath: workspace.output))
        #expect(first == second)
        let line = String(decoding: first, as: UTF8.self)
        let envelope = try #require(try JSONSerialization.jsonObject(with: first) as? [String: Any])
        let payloadText = try #require(envelope["payload"] as? String)
        let payload = try #require(Data(base64Encoded: payloadText))
        let statement = String(decoding: payload, as: UTF8.self)
        #expect(statement.contains(#""startedOn":"2023-11-14T22:13:20Z""#))
        #expect(statement.contains(#""finishedOn":"2023-11-14T22:13:20Z""#))
        #expect(statement.contains(#""invocationId":"https://github.com/octo-org/app/actions/runs/99/attempts/1""#))
        #expect(!line.contains(" "))
    }

    @Test("a missing value is an input error naming the flag and the variable; flags fill it in")
    func missingValue() async throws {
        let workspace = try Self.workspace()
        var environment = workspace.environment
        environment["GITHUB_SHA"] = nil
        let run = try await Self.attest(workspace, environment: environment)
        #expect(run.status == .inputError)
        #expect(run.errors.contains("--commit") && run.errors.contains("GITHUB_SHA"))
        #expect(!FileManager.default.fileExists(atPath: workspace.output))
        let fixed = try await Self.attest(
            workspace,
            ["--commit", "8d2f1c7f3b1c4e6a9b0d2e4f6a8c0e2f4a6b8c0d"],
            environment: environment
        )
        #expect(fixed.status == .success, "\(fixed.errors)")
    }

    @Test("verify-attestation: 1 with every reason for a wrong artifact or policy, 2 for an unreadable key")
    func verificationFailures() async throws {
        let workspace = try Self.workspace()
        #expect(try await Self.attest(workspace).status == .success)
        let wrong = try await CommandHarness.run([
            "verify-attestation", workspace.output, "--key", workspace.publicKey,
            "--artifact", workspace.artifact, workspace.root + "/dist/other.txt", "--source-repo", "octo-org/fork",
        ])
        #expect(wrong.status == .findings)
        #expect(wrong.output.contains("FAILED: artifact other.txt (sha256 "))
        #expect(
            wrong.output.contains("FAILED: externalParameters.workflow.repository is 'https://github.com/octo-org/app'")
        )
        #expect(wrong.errors.contains("0 of 1 attestation(s) verified"))
        let otherKey = try await CommandHarness.run([
            "verify-attestation", workspace.output, "--key", workspace.ecdsaPublicKey,
        ])
        #expect(otherKey.status == .findings)
        #expect(otherKey.output.contains("does not verify with any given key"))
        let missingKey = try await CommandHarness.run([
            "verify-attestation", workspace.output, "--key", workspace.root + "/nope.pub",
        ])
        #expect(missingKey.status == .inputError)
        let secretAsKey = try await CommandHarness.run([
            "verify-attestation", workspace.output, "--key", workspace.ecdsaKey,
        ])
        #expect(secretAsKey.status == .inputError)
        #expect(!secretAsKey.errors.contains("MHcCAQEE"), "key material must never be printed")
    }

    @Test("--append adds a second envelope line, and every line is verified")
    func appendAndVerifyEveryLine() async throws {
        let workspace = try Self.workspace()
        #expect(try await Self.attest(workspace).status == .success)
        let second = try await CommandHarness.run(
            [
                "attest", workspace.root + "/dist/other.txt", "--secret-key", workspace.secretKey, "--output",
                workspace.output, "--append",
            ],
            environment: workspace.environment
        )
        #expect(second.status == .success, "\(second.errors)")
        let lines = try String(contentsOfFile: workspace.output, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        let verify = try await CommandHarness.run([
            "verify-attestation", workspace.output, "--key", workspace.publicKey,
        ])
        #expect(verify.status == .success, "\(verify.output)")
        #expect(verify.output.contains("app.intoto.jsonl:2: verified"))
        #expect(verify.errors.contains("2 of 2 attestation(s) verified"))
    }

    @Test("docs/attestations.md documents every flag of attest and verify-attestation")
    func documentation() throws {
        let docs = try LocalFileSystem().readText(at: Corpus.packageRoot + "/docs/attestations.md")
        for help in [Slipway.Attest.helpMessage(columns: 300), Slipway.VerifyAttestation.helpMessage(columns: 300)] {
            let flags = help.split(whereSeparator: { !$0.isLetter && $0 != "-" }).filter {
                $0.hasPrefix("--") && $0.count > 2 && $0 != "--help"
            }
            #expect(!flags.isEmpty)
            for flag in Set(flags) { #expect(docs.contains(String(flag)), "\(flag) is not in docs/attestations.md") }
        }
    }
}
