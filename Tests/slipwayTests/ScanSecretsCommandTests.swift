import Foundation
import SlipwayCore
import SlipwayTestSupport
import SupplyChain
import Testing

@testable import slipway

/// `slipway scan secrets` and `slipway secrets check` in-process: formats, redaction everywhere, exit codes,
/// baselines, GitHub annotations and masking.
@Suite struct ScanSecretsCommandTests {
    /// A planted tree and every secret in it.
    static func plantedTree() throws -> (root: String, secrets: [String]) {
        let root = NSTemporaryDirectory() + "slipway-scan-secrets-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        var random = SeededRandom(seed: 11)
        var files: [String: String] = [:]
        var secrets: [String] = []
        let token = random.checksummedToken(["gh", "p_"].joined())
        let stripe = ["sk", "_live_"].joined() + random.alnum(24)
        let password = random.alnum(10) + "!" + random.alnum(8)
        let keyBody = (0..<5).map { _ in random.base64(64) }
        files["config/.env"] = "GH=\(token)\nDB_PASSWORD=\(password)\n"
        files["app.py"] = "STRIPE = \"\(stripe)\"\n"
        files["keys/id.py"] =
            (["KEY = \"\"\"" + ["-----BEGIN RSA PRIVATE", " KEY-----"].joined()] + keyBody
            + [["-----END RSA PRIVATE", " KEY-----\"\"\""].joined()]).joined(separator: "\n") + "\n"
        secrets += [token, stripe, password, keyBody.joined()]
        for (path, text) in files {
            let full = root + "/" + path
            try FileManager.default.createDirectory(
                atPath: PathUtilities.directory(of: full),
                withIntermediateDirectories: true
            )
            try LocalFileSystem().writeTextAtomically(text, to: full)
        }
        return (root, secrets)
    }

    /// Fails when `text` holds a secret, or any 8 characters of it past the 4 a redaction shows.
    static func expectNoSecret(
        _ text: String,
        _ secrets: [String],
        _ label: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        for secret in secrets {
            let tail = String(secret.dropFirst(4).prefix(8))
            #expect(!text.contains(secret), "\(label) holds a whole secret", sourceLocation: sourceLocation)
            #expect(!text.contains(tail), "\(label) holds part of a secret", sourceLocation: sourceLocation)
        }
    }

    @Test("table, JSON, SARIF, annotations and the step summary show secrets only redacted")
    func redactedEverywhere() async throws {
        let (root, secrets) = try Self.plantedTree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let summary = root + "/summary.md"
        for format in ["table", "json", "sarif"] {
            let output = root + "/report.\(format)"
            let run = try await CommandHarness.run(
                ["scan", "secrets", root, "--format", format, "--output", output],
                environment: ["GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": summary]
            )
            #expect(run.status == .findings)
            let written = try String(contentsOfFile: output, encoding: .utf8)
            #expect(written.contains("ghp_…"), "\(format)")
            #expect(run.output.contains("::error file=config/.env,line=1"), "\(format)")
            Self.expectNoSecret(written, secrets, format)
            Self.expectNoSecret(run.output + run.errors, secrets, "\(format) stdout/stderr")
        }
        let stdout = try await CommandHarness.run(["scan", "secrets", root])
        Self.expectNoSecret(stdout.output + stdout.errors, secrets, "table on stdout")
        #expect(stdout.output.contains("config/.env:1:4: critical: GitHub personal access token"))
        #expect(stdout.output.contains("keys/id.py:1:10: critical: Private key block"))
        let markdown = try String(contentsOfFile: summary, encoding: .utf8)
        #expect(markdown.contains("## Secret scan"))
        Self.expectNoSecret(markdown, secrets, "step summary")
    }

    @Test("the JSON report has the documented shape")
    func jsonShape() async throws {
        let (root, _) = try Self.plantedTree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let run = try await CommandHarness.run(["scan", "secrets", root, "--format", "json"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any]
        )
        #expect(object["version"] as? Int == 1)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.count == 4)
        let first = try #require(findings.first)
        #expect(
            Set(first.keys) == [
                "rule", "description", "severity", "path", "line", "column", "endColumn", "secret", "fingerprint",
            ]
        )
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["findings"] as? Int == 4)
        #expect(summary["failed"] as? Bool == true)
    }

    @Test("exit status: 0 below --fail-on, 1 at or above, 2 for bad input")
    func exitStatus() async throws {
        let (root, _) = try Self.plantedTree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try await CommandHarness.run(["scan", "secrets", root]).status == .findings)
        try LocalFileSystem().writeTextAtomically("", to: root + "/app.py")
        try LocalFileSystem().writeTextAtomically("", to: root + "/config/.env")
        try FileManager.default.removeItem(atPath: root + "/keys")
        try LocalFileSystem().writeTextAtomically("WEBHOOK=\(SeededRandom.slackHook)\n", to: root + "/a.env")
        let medium = try await CommandHarness.run(["scan", "secrets", root, "--fail-on", "high"])
        #expect(medium.status == .success)
        #expect(medium.output.contains("medium: Slack incoming webhook"))
        #expect(try await CommandHarness.run(["scan", "secrets", root + "/missing"]).status == .inputError)
        try LocalFileSystem().writeTextAtomically("scan:\n  secrets:\n    fail-onn: high\n", to: root + "/slipway.yml")
        let bad = try await CommandHarness.run(["scan", "secrets", root])
        #expect(bad.status == .inputError)
        #expect(bad.errors.contains("slipway.yml:3:5: error: unknown key 'fail-onn'"))
        try FileManager.default.removeItem(atPath: root + "/slipway.yml")
        try LocalFileSystem().writeTextAtomically("not json", to: root + "/baseline.json")
        let badBaseline = try await CommandHarness.run(["scan", "secrets", root, "--baseline", root + "/baseline.json"])
        #expect(badBaseline.status == .inputError)
    }

    @Test("--write-baseline records fingerprints only; --baseline then passes")
    func baselineRoundTrip() async throws {
        let (root, secrets) = try Self.plantedTree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let baseline = root + "/.slipway/secrets-baseline.json"
        try FileManager.default.createDirectory(atPath: root + "/.slipway", withIntermediateDirectories: true)
        let written = try await CommandHarness.run(["scan", "secrets", root, "--write-baseline", baseline])
        #expect(written.status == .success)
        let text = try String(contentsOfFile: baseline, encoding: .utf8)
        Self.expectNoSecret(text, secrets, "baseline")
        #expect(text.contains("\"fingerprint\""))
        let run = try await CommandHarness.run(["scan", "secrets", root, "--baseline", baseline])
        #expect(run.status == .success)
        #expect(run.output.contains("suppressed: 4 baseline"))
        try LocalFileSystem().writeTextAtomically(
            "scan:\n  secrets:\n    baseline: .slipway/secrets-baseline.json\n",
            to: root + "/slipway.yml"
        )
        #expect(try await CommandHarness.run(["scan", "secrets", root]).status == .success)
    }

    static let validator = Corpus.sharedRoot + "/conformance/validate"

    @Test(
        "the SARIF output passes the OASIS SARIF 2.1.0 schema (third-party validator)",
        .tags(.process),
        .enabled(if: FileManager.default.isExecutableFile(atPath: validator), "conformance validator not present")
    )
    func sarifConforms() async throws {
        let (root, _) = try Self.plantedTree()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let output = root + "/secrets.sarif"
        let run = try await CommandHarness.run(["scan", "secrets", root, "--format", "sarif", "--output", output])
        #expect(run.status == .findings)
        let result = try await FoundationProcessRunner().run(
            ProcessRequest([Self.validator, "sarif", output], timeout: .seconds(300))
        )
        #expect(result.status == 0, "\(result.outputText)\(result.errorText)")
    }

    static let requiredConfig = """
        secrets:
          environments:
            production:
              required: [DEPLOY_TOKEN, SENTRY_DSN]
              sensitive: [DEPLOY_TOKEN, SIGNING_KEY]

        """

    @Test("secrets check lists missing names, never values, and masks sensitive values under Actions")
    func secretsCheck() async throws {
        let root = NSTemporaryDirectory() + "slipway-secrets-check-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let config = root + "/slipway.yml"
        try LocalFileSystem().writeTextAtomically(Self.requiredConfig, to: config)
        let value = "tok-" + UUID().uuidString
        let signing = "sig-" + UUID().uuidString
        let missing = try await CommandHarness.run(
            ["secrets", "check", "--env", "production", "--config", config],
            environment: ["DEPLOY_TOKEN": value, "SIGNING_KEY": signing]
        )
        #expect(missing.status == .findings)
        #expect(missing.errors.contains("SENTRY_DSN is not set"))
        #expect(!(missing.output + missing.errors).contains(value))
        let actions = try await CommandHarness.run(
            ["secrets", "check", "--env", "production", "--config", config],
            environment: [
                "DEPLOY_TOKEN": value, "SENTRY_DSN": "https://x", "SIGNING_KEY": signing, "GITHUB_ACTIONS": "true",
            ]
        )
        #expect(actions.status == .success)
        #expect(actions.output.contains("::add-mask::\(value)\n"))
        #expect(actions.output.contains("::add-mask::\(signing)\n"))
        #expect(!actions.output.contains("https://x"))
        #expect(!actions.errors.contains(value))
        let unknown = try await CommandHarness.run(["secrets", "check", "--env", "staging", "--config", config])
        #expect(unknown.status == .inputError)
        #expect(unknown.errors.contains("declared: production"))
        try LocalFileSystem().writeTextAtomically(
            "secrets:\n  environments:\n    production:\n      required: [not-a-name]\n",
            to: config
        )
        let bad = try await CommandHarness.run(["secrets", "check", "--env", "production", "--config", config])
        #expect(bad.status == .inputError)
        #expect(bad.errors.contains(":4:18: error:"))
    }

    @Test("docs/secrets.md lists every rule from the rule metadata")
    func documentationIsCurrent() throws {
        let path = Corpus.packageRoot + "/docs/secrets.md"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let begin = "<!-- BEGIN GENERATED RULES -->\n"
        let end = "<!-- END GENERATED RULES -->"
        let generated = SecretReportRenderer.ruleTable()
        guard let start = text.range(of: begin), let stop = text.range(of: end) else {
            Issue.record("docs/secrets.md lacks the generated-rules markers")
            return
        }
        let current = String(text[start.upperBound..<stop.lowerBound])
        if ProcessEnvironment.value("SLIPWAY_RECORD") == "1" {
            let updated = String(text[..<start.upperBound]) + generated + String(text[stop.lowerBound...])
            try LocalFileSystem().writeTextAtomically(updated, to: path)
            return
        }
        #expect(
            current == generated,
            "docs/secrets.md rule table is stale; run `SLIPWAY_RECORD=1 swift test --filter ScanSecretsCommandTests`"
        )
        #expect(text.contains("```yaml\nscan:\n  secrets:\n" + SecretScanSettings.sample.indented(4)))
    }
}

extension String {
    /// Every non-empty line indented by `count` spaces.
    fileprivate func indented(_ count: Int) -> String {
        split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : String(repeating: " ", count: count) + $0 }.joined(separator: "\n")
    }
}

/// Secret-shaped values for the command tests (the planted set of the SupplyChain tests is in another test target).
extension SeededRandom {
    mutating func alnum(_ count: Int) -> String {
        string(count, from: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    }

    mutating func base64(_ count: Int) -> String {
        string(count, from: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    }

    /// A classic GitHub token with a valid CRC32 checksum.
    mutating func checksummedToken(_ prefix: String) -> String {
        let random = alnum(30)
        return prefix + random + Base62.encode(UInt64(CRC32.checksum(Array(random.utf8))), width: 6)
    }

    /// A Slack webhook URL (medium severity).
    static var slackHook: String {
        var random = SeededRandom(seed: 3)
        return ["https://hooks.", "slack.com/services/T"].joined() + random.string(8, from: "ABCDEFGHJK") + "/B"
            + random.string(8, from: "ABCDEFGHJK") + "/" + random.alnum(24)
    }
}
