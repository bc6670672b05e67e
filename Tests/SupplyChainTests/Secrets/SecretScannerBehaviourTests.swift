import Foundation
import SlipwayCore
import SlipwayTestSupport
import SupplyChain
import Testing

/// Suppression (inline, allow-lists, baseline), redaction, fingerprints, binary and large files, configuration.
@Suite struct SecretScannerBehaviourTests {
    static let token = SecretPlants.singleLine().first { $0.rule == "github-pat" }?.value ?? ""
    static let stripe = SecretPlants.singleLine().first { $0.rule == "stripe-secret-key" }?.value ?? ""

    static func tree(_ files: [String: String]) throws -> String {
        let root = try SecretPlants.temporaryDirectory("behaviour")
        for (path, text) in files { try SecretPlants.write(text, to: root + "/" + path, LocalFileSystem()) }
        return root
    }

    static func scan(
        _ root: String,
        settings: SecretScanSettings = SecretScanSettings(),
        baseline: SecretBaseline? = nil
    )
        async throws -> SecretReport
    {
        try await SecretScannerAcceptanceTests.scan(root, settings: settings, baseline: baseline)
    }

    @Test("CRC32 and base62 agree with the known answers")
    func checksumKnownAnswers() {
        // The CRC-32 check value of "123456789" (IEEE 802.3).
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(Base62.encode(61, width: 2) == "0z")
        #expect(Base62.decode(Array("10".utf8)) == 62)
        #expect(Base62.encode(UInt64(UInt32.max), width: 6) == "4gfFC3")
    }

    @Test("a classic GitHub token with a wrong checksum is not reported")
    func badChecksumIsIgnored() async throws {
        var broken = Array(Self.token)
        broken[10] = broken[10] == "a" ? "b" : "a"
        let root = try Self.tree(["a.env": "T1=\(Self.token)\nT2=\(String(broken))\n"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let report = try await Self.scan(root)
        #expect(report.findings.map(\.line) == [1])
    }

    @Test("slipway:allow-secret on the line or the line above suppresses, and is counted")
    func inlineAllow() async throws {
        let root = try Self.tree([
            "a.py": """
            A = "\(Self.token)"  # slipway:allow-secret test fixture
            # slipway:allow-secret: documented sample
            B = "\(Self.stripe)"
            C = "\(Self.stripe)"

            """
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let report = try await Self.scan(root)
        #expect(report.findings.map(\.line) == [4])
        #expect(report.summary.suppressed["inline"] == 2)
    }

    @Test("allow-paths, allow-secrets, stopwords and disabled rules")
    func allowLists() async throws {
        let root = try Self.tree([
            "testdata/keys.env": "T=\(Self.token)\n",
            "src/a.env": "T=\(Self.token)\nS=\(Self.stripe)\n",
            "src/b.env": "S=\(Self.stripe)\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        var settings = SecretScanSettings()
        settings.allowPaths = ["**/testdata/**", "src/b.env"]
        settings.allowSecrets = ["^" + String(Self.token.prefix(12))]
        let report = try await Self.scan(root, settings: settings)
        #expect(report.findings.map { "\($0.path):\($0.rule)" } == ["src/a.env:stripe-secret-key"])
        #expect(report.summary.suppressed["allowlist"] == 1)
        settings.disabledRules = ["stripe-secret-key"]
        #expect(try await Self.scan(root, settings: settings).findings.isEmpty)
        settings = SecretScanSettings()
        settings.stopwords = [String(Self.stripe.dropFirst(8).prefix(6)).lowercased()]
        #expect(
            try await Self.scan(root, settings: settings).findings.map(\.rule).contains("stripe-secret-key") == false
        )
    }

    @Test("a baseline suppresses by fingerprint (rule, path, secret), not by line")
    func baseline() async throws {
        let root = try Self.tree(["a.env": "T=\(Self.token)\n"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let first = try await Self.scan(root)
        let baseline = SecretBaseline(entries: first.baselineCandidates)
        let rendered = try baseline.rendered()
        #expect(!rendered.contains(Self.token))
        #expect(rendered.contains(SecretText.fingerprint(ruleID: "github-pat", path: "a.env", secret: Self.token)))
        // Moving the secret down keeps it accepted; a new one is still reported.
        try LocalFileSystem().writeTextAtomically("\n\nT=\(Self.token)\nS=\(Self.stripe)\n", to: root + "/a.env")
        let parsed = try SecretBaseline.parse(Array(rendered.utf8), path: "baseline.json")
        let second = try await Self.scan(root, baseline: parsed)
        #expect(second.findings.map(\.rule) == ["stripe-secret-key"])
        #expect(second.summary.suppressed["baseline"] == 1)
        #expect(throws: SecretScanError.self) { try SecretBaseline.parse(Array("{}".utf8), path: "b.json") }
    }

    @Test("binary files are skipped; files over the size limit are skipped with a note")
    func binaryAndLargeFiles() async throws {
        let root = try Self.tree(["big.env": String(repeating: "# padding\n", count: 20) + "T=\(Self.token)\n"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        var binary: [UInt8] = Array("T=\(Self.token)\n".utf8)
        binary.insert(0, at: 1)
        try LocalFileSystem().writeFileAtomically(binary, to: root + "/blob.bin")
        var settings = SecretScanSettings()
        settings.maxFileSize = 100
        let report = try await Self.scan(root, settings: settings)
        #expect(report.findings.isEmpty)
        #expect(report.summary.binarySkipped == 1)
        #expect(report.summary.largeSkipped == 1)
        #expect(report.notes.contains { $0.location?.path == "big.env" && $0.message.contains("100-byte limit") })
    }

    @Test("redaction shows at most four characters, and a third of short secrets")
    func redaction() {
        #expect(SecretText.redact(Self.token) == String(Self.token.prefix(4)) + "…")
        #expect(SecretText.redact("abcdef") == "ab…")
        #expect(SecretText.redact("ab") == "…")
    }

    @Test("git, node_modules and .build are never entered; .gitignore is honoured in a repository")
    func skippedDirectories() async throws {
        let root = try Self.tree([
            "node_modules/x/a.env": "T=\(Self.token)\n",
            ".build/a.env": "T=\(Self.token)\n",
            "ignored/a.env": "T=\(Self.token)\n",
            ".gitignore": "ignored/\n",
            "kept.env": "T=\(Self.token)\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        try await TestProcess.run(["git", "init", "-q"], in: root)
        let report = try await Self.scan(root)
        #expect(report.findings.map(\.path) == ["kept.env"])
    }

    @Test("scan.secrets decodes, and unknown keys, rule ids and bad patterns are located errors")
    func configuration() throws {
        func decode(_ yaml: String) throws -> SecretScanSettings {
            let node = try YAMLLoader.load(yaml, path: "slipway.yml")
            return try ScanSettings.decode(try ConfigurationLoader.parse(node, path: "slipway.yml")).secrets
        }
        let settings = try decode(
            "scan:\n  secrets:\n    fail-on: high\n    disable: [jwt]\n    allow-paths: ['**/fixtures/**']\n"
                + "    allow-secrets: ['^test']\n    stopwords: [dummy]\n    max-file-size: 2048\n"
        )
        #expect(settings.failOn == .high)
        #expect(settings.disabledRules == ["jwt"])
        #expect(settings.maxFileSize == 2048)
        #expect(throws: ConfigurationError.self) { try decode("scan:\n  secrets:\n    allow-path: [x]\n") }
        do {
            _ = try decode("scan:\n  secrets:\n    allow-path: [x]\n")
        } catch let error as ConfigurationError {
            #expect(error.description.hasPrefix("slipway.yml:3:5: error: unknown key 'allow-path'"))
            #expect(error.description.contains("did you mean 'allow-paths'"))
        }
        do {
            _ = try decode("scan:\n  secrets:\n    disable: [github-patt]\n")
            Issue.record("expected an error")
        } catch let error as ConfigurationError {
            #expect(error.description.contains("slipway.yml:3:15"))
            #expect(error.description.contains("github-pat"))
        }
        do {
            _ = try decode("scan:\n  secrets:\n    allow-secrets: ['(unclosed']\n")
            Issue.record("expected an error")
        } catch let error as ConfigurationError {
            #expect(error.description.contains("slipway.yml:3:21"))
        }
    }

    @Test("the git patch parser maps added lines to new-file line numbers")
    func patchParser() async throws {
        let root = try SecretPlants.temporaryDirectory("patch")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try await TestProcess.run(["git", "init", "-q", "-b", "main"], in: root)
        try SecretPlants.write("a\nb\nc\n", to: root + "/f.txt", LocalFileSystem())
        try await TestProcess.run(["git", "add", "-A"], in: root)
        try await TestProcess.run(["git", "commit", "-q", "-m", "one"], in: root)
        try SecretPlants.write("a\nT=\(Self.token)\nc\nS=\(Self.stripe)\n", to: root + "/f.txt", LocalFileSystem())
        try await TestProcess.run(["git", "commit", "-q", "-am", "two"], in: root)
        let report = try await SecretScannerAcceptanceTests.scan(
            root,
            history: .range("HEAD~1..HEAD"),
            workingTree: false
        )
        #expect(report.findings.map { "\($0.rule)@\($0.line)" } == ["github-pat@2", "stripe-secret-key@4"])
    }
}

/// History scanning through the injected process runner: the exact git argv, and a scripted patch.
@Suite struct SecretHistoryArgvTests {
    @Test("--git-range runs rev-parse, rev-list and one batched git show, and maps the patch's added lines")
    func scriptedHistory() async throws {
        let root = try SecretPlants.temporaryDirectory("argv")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let commit = String(repeating: "ab", count: 20)
        let token = SecretScannerBehaviourTests.token
        let patch = """
            commit \(commit)

            diff --git a/ci/deploy.sh b/ci/deploy.sh
            index 1111111..2222222 100644
            --- a/ci/deploy.sh
            +++ b/ci/deploy.sh
            @@ -3 +3,2 @@ set -e
            -export GH=old
            +export GH=\(token)
            +++ not a header: an added line that starts with two plus signs
            @@ -10,0 +12 @@
            +echo done

            """
        let show = [
            "git", "-C", root, "-c", "core.quotePath=false", "show", "--no-color", "--no-ext-diff", "--no-textconv",
            "--unified=0", "--relative", "--diff-merges=first-parent", "--format=commit %H", commit, "--",
        ]
        let runner = RecordingProcessRunner([
            ["git", "-C", root, "rev-parse", "--is-inside-work-tree"]: ProcessResult(
                status: 0,
                standardOutput: Array("true\n".utf8)
            ),
            ["git", "-C", root, "rev-list", "--reverse", "main..feature", "--"]: ProcessResult(
                status: 0,
                standardOutput: Array("\(commit)\n".utf8)
            ),
            show: ProcessResult(status: 0, standardOutput: Array(patch.utf8)),
        ])
        let report = try await SecretScanner(fileSystem: LocalFileSystem(), processRunner: runner).scan(
            SecretScanRequest(path: root, scanWorkingTree: false, history: .range("main..feature"))
        )
        #expect(runner.calls.count == 3)
        #expect(
            report.findings.map { "\($0.path):\($0.line):\($0.column) \($0.commit ?? "")" } == [
                "ci/deploy.sh:3:11 \(commit)"
            ]
        )
    }

    @Test("a git that cannot start is an input error naming the command")
    func gitMissing() async throws {
        let root = try SecretPlants.temporaryDirectory("nogit")
        defer { try? FileManager.default.removeItem(atPath: root) }
        await #expect(throws: SecretScanError.self) {
            _ = try await SecretScanner(fileSystem: LocalFileSystem(), processRunner: NoGit()).scan(
                SecretScanRequest(path: root, scanWorkingTree: false, history: .sinceTag)
            )
        }
    }
}

/// A process runner on a machine without git.
private struct NoGit: ProcessRunner {
    func run(_ request: ProcessRequest) async throws(ProcessError) -> ProcessResult {
        throw .launchFailed(arguments: request.arguments, reason: "No such file or directory")
    }
}

/// Private key blocks of every kind, and what is not one.
@Suite struct PrivateKeyBlockTests {
    static func block(_ kind: String, headers: [String] = [], seed: UInt64) -> String {
        var random = PlantRandom(seed: seed)
        let label = (kind.isEmpty ? "" : kind + " ") + ["PRIVATE", " KEY"].joined()
        let footer = kind == "PGP" ? label + " BLOCK" : label
        return
            (["-----BEGIN \(footer)-----"] + headers + SecretPlants.pemBody(&random, lines: 4)
            + ["-----END \(footer)-----"]).joined(separator: "\n")
    }

    @Test(
        "RSA, EC, DSA, OpenSSH, PGP, PKCS#8 and encrypted keys are found at their BEGIN line",
        arguments: [
            ("RSA", [String]()), ("EC", []), ("DSA", []), ("OPENSSH", []), ("", []), ("ENCRYPTED", []),
            ("RSA", ["Proc-Type: 4,ENCRYPTED", "DEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF", ""]),
            ("PGP", ["Version: GnuPG v2", ""]),
        ]
    )
    func findsBlock(kind: String, headers: [String]) async throws {
        let root = try SecretScannerBehaviourTests.tree([
            "keys/k.pem": "# key\n" + Self.block(kind, headers: headers, seed: 3) + "\n"
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let report = try await SecretScannerAcceptanceTests.scan(root)
        #expect(report.findings.map { "\($0.rule)@\($0.line):\($0.column)" } == ["private-key@2:1"])
    }

    @Test("a BEGIN line without a key body (documentation, a regex, a truncated sample) is not reported")
    func headerAlone() async throws {
        let begin = ["-----BEGIN RSA PRIVATE", " KEY-----"].joined()
        let end = ["-----END RSA PRIVATE", " KEY-----"].joined()
        let root = try SecretScannerBehaviourTests.tree([
            "README.md": "Paste the key starting with `\(begin)`.\n\(begin)\n...\n\(end)\n",
            "check.py": "if line.startswith('\(begin)'):\n    pass\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try await SecretScannerAcceptanceTests.scan(root).findings.isEmpty)
    }
}
