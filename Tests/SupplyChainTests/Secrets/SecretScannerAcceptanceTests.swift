import Foundation
import SlipwayCore
import SlipwayTestSupport
import SupplyChain
import Testing

/// The planted tree: every rule finds its secret at the right path and line, in every file type, in the working
/// tree and in git history; look-alikes produce nothing.
@Suite struct SecretScannerAcceptanceTests {
    static func scan(
        _ root: String,
        settings: SecretScanSettings = SecretScanSettings(),
        history: SecretScanRequest.History? = nil,
        workingTree: Bool = true,
        baseline: SecretBaseline? = nil,
        custom: GitleaksConfiguration? = nil
    ) async throws -> SecretReport {
        try await SecretScanner(fileSystem: LocalFileSystem(), processRunner: FoundationProcessRunner()).scan(
            SecretScanRequest(
                path: root,
                scanWorkingTree: workingTree,
                history: history,
                settings: settings,
                custom: custom,
                baseline: baseline
            )
        )
    }

    @Test("every built-in rule has a planted secret")
    func everyRuleIsPlanted() {
        let planted = Set(SecretPlants.singleLine().map(\.rule)).union(["private-key", "gcp-service-account-key"])
        let rules = Set(SecretRuleCatalog.builtIn.map(\.id))
        #expect(rules.subtracting(planted).isEmpty, "unplanted: \(rules.subtracting(planted).sorted())")
        #expect(SecretRuleCatalog.builtIn.count >= 40)
    }

    @Test("rule ids are unique kebab-case, every pattern compiles, every keyword is at least two bytes")
    func ruleMetadata() {
        let ids = SecretRuleCatalog.builtIn.map(\.id)
        #expect(Set(ids).count == ids.count)
        for rule in SecretRuleCatalog.builtIn {
            #expect(rule.id.wholeMatch(of: /[a-z0-9]+(-[a-z0-9]+)*/) != nil, "\(rule.id)")
            #expect(rule.compiles, "\(rule.id)")
            #expect(!rule.keywords.isEmpty && rule.keywords.allSatisfy { $0.utf8.count >= 2 }, "\(rule.id)")
        }
    }

    @Test("every planted secret is found at its path and line, and nothing else is")
    func findsEveryPlant() async throws {
        let root = try SecretPlants.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (expected, _) = try SecretPlants.writeTree(at: root)
        let report = try await Self.scan(root)
        let found = Set(report.findings.map { SecretPlants.Expected(rule: $0.rule, path: $0.path, line: $0.line) })
        for item in expected { #expect(found.contains(item), "missing \(item)") }
        let unexpected = found.subtracting(expected)
        #expect(unexpected.isEmpty, "unexpected: \(unexpected.map(\.description).sorted())")
        #expect(report.summary.failed)
        #expect(report.summary.filesScanned == SecretPlants.FileKind.allCases.count + 2)
    }

    @Test("a secret added then removed is found in history with its commit, path and line")
    func findsSecretsInHistory() async throws {
        let root = try SecretPlants.temporaryDirectory("history")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try await TestProcess.run(["git", "init", "-q", "-b", "main"], in: root)
        try await TestProcess.run(["git", "commit", "-q", "--allow-empty", "-m", "init"], in: root)
        let base = try await TestProcess.run(["git", "rev-parse", "HEAD"], in: root)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let plants = SecretPlants.singleLine(seed: 7)
        let lines = ["# settings"] + plants.map { "\($0.name.uppercased())=\($0.value)" }
        try SecretPlants.write(lines.joined(separator: "\n") + "\n", to: root + "/ops/secrets.env", LocalFileSystem())
        try await TestProcess.run(["git", "add", "-A"], in: root)
        try await TestProcess.run(["git", "commit", "-q", "-m", "add settings"], in: root)
        let added = try await TestProcess.run(["git", "rev-parse", "HEAD"], in: root)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try await TestProcess.run(["git", "rm", "-q", "ops/secrets.env"], in: root)
        try await TestProcess.run(["git", "commit", "-q", "-m", "remove settings"], in: root)

        let tree = try await Self.scan(root)
        #expect(tree.findings.isEmpty)
        let report = try await Self.scan(root, history: .range("\(base)..HEAD"), workingTree: false)
        #expect(report.summary.commitsScanned == 2)
        for (index, plant) in plants.enumerated() {
            let hit = report.findings.first { $0.rule == plant.rule }
            #expect(hit?.path == "ops/secrets.env", "\(plant.rule)")
            #expect(hit?.line == index + 2, "\(plant.rule)")
            #expect(hit?.commit == added, "\(plant.rule)")
        }
        #expect(report.findings.count == plants.count)
        let sinceTag = try await Self.scan(root, history: .sinceTag, workingTree: false)
        #expect(sinceTag.findings.count == plants.count)
        #expect(sinceTag.notes.contains { $0.message.contains("no tag") })
    }

    /// Hashes, UUIDs, images, documented examples and lockfile checksums.
    static func lookAlikes(_ random: inout PlantRandom) -> [String: String] {
        let sha1 = random.hex(40)
        let sha256 = random.hex(64)
        let uuid = [random.hex(8), random.hex(4), random.hex(4), random.hex(4), random.hex(12)].joined(separator: "-")
        let image = random.string(3000, from: PlantRandom.base64)
        let integrity = random.string(86, from: PlantRandom.base64) + "=="
        let exampleKey = ["AKIA", "IOSFODNN7", "EXAMPLE"].joined()
        let exampleSecret = ["wJalrXUtnFEMI/K7MDENG/", "bPxRfiCY", "EXAMPLEKEY"].joined()
        let badChecksum = ["gh", "p_"].joined() + random.alnum(36)
        return [
            "hashes.txt": """
            commit \(sha1)
            sha256: \(sha256)
            checksum = "\(sha256)"
            request_id: \(uuid)
            correlation-id = "\(uuid)"

            """,
            "index.html": "<img src=\"data:image/png;base64,\(image)\">\n",
            "docs/aws.md": """
            AWS_ACCESS_KEY_ID=\(exampleKey)
            AWS_SECRET_ACCESS_KEY=\(exampleSecret)
            aws_secret_access_key = "\(exampleSecret)"

            """,
            "docs/examples.md": """
            GITHUB_TOKEN=\(["gh", "p_"].joined())xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
            token: \(badChecksum)
            STRIPE_KEY=\(["sk", "_live_"].joined())EXAMPLE\(random.alnum(20))
            password: ${DB_PASSWORD}
            password: "<your-password>"
            api_key = os.environ["API_KEY"]
            secret: {{ .Values.secret }}
            token: changeme
            client_secret = settings.client_secret
            password = get_password()
            url: https://user:password@example.com/
            git: git+ssh://git@github.com/acme/repo.git
            PASSWORD_FILE=/run/secrets/db_password_file
            export TOKEN=$GITHUB_TOKEN
            const token = process.env.NPM_TOKEN;

            """,
            "package-lock.json": """
            {
              "packages": {
                "node_modules/js-tokens": {
                  "version": "4.0.0",
                  "resolved": "https://registry.npmjs.org/js-tokens/-/js-tokens-4.0.0.tgz",
                  "integrity": "sha512-\(integrity)"
                },
                "node_modules/@babel/core": {
                  "resolved": "https://registry.npmjs.org/@babel/core/-/core-7.24.0.tgz"
                }
              }
            }

            """,
            "Cargo.lock": """
            [[package]]
            name = "tokenizers"
            version = "0.15.0"
            source = "registry+https://github.com/rust-lang/crates.io-index"
            checksum = "\(sha256)"

            """,
            "src/Code.swift": #"""
            public var secrets: YAMLNode?
            case pageToken = "page_token"
            CommitFooter(token: "Reviewed-by", value: "Z")
            let pattern = "xoxb-[0-9]{8,14}-[A-Za-z0-9]{20,40}"
            "private_key": "\(escaped)",
            edits: [.insert("persist-credentials: false\n", at: 0)]

            """#,
            "ci/run.sh": """
            SPEC="${DETECT_SECRETS_SPEC:-detect-secrets==1.5.0}"
            API_TOKEN: DEPLOY_API_TOKEN_V2
            - `slack-bot-token`: `xoxb-[0-9]{8,14}-[0-9]{8,14}-[A-Za-z0-9]{20,40}`

            """,
            "go.sum": "golang.org/x/oauth2 v0.16.0 h1:\(random.string(43, from: PlantRandom.base64))=\n",
            "poetry.lock": "files = [{file = \"secretstorage-3.3.3.tar.gz\", hash = \"sha256:\(sha256)\"}]\n",
        ]
    }

    @Test("look-alikes produce no finding")
    func lookAlikesAreQuiet() async throws {
        let root = try SecretPlants.temporaryDirectory("lookalikes")
        defer { try? FileManager.default.removeItem(atPath: root) }
        var random = PlantRandom(seed: 99)
        for (path, text) in Self.lookAlikes(&random) {
            try SecretPlants.write(text, to: root + "/" + path, LocalFileSystem())
        }
        let report = try await Self.scan(root)
        #expect(report.findings.isEmpty, "\(report.findings.map { "\($0.rule) \($0.path):\($0.line)" })")
        #expect(!report.summary.failed)
    }
}
