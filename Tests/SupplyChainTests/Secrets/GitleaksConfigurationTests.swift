import Foundation
import SlipwayCore
import SlipwayTestSupport
import SupplyChain
import Testing

/// Custom rules from a gitleaks TOML configuration.
@Suite struct GitleaksConfigurationTests {
    static let config = """
        title = "custom"

        [allowlist]
        paths = ['''(^|/)vendor/''']

        [[rules]]
        id = "acme-internal-token"
        description = "ACME internal token"
        regex = '''acme_(?:live|test)_([a-z0-9]{24})'''
        secretGroup = 1
        keywords = ["acme_"]
        entropy = 3.0

          [rules.allowlist]
          stopwords = ["aaaaaa"]

        [[rules]]
        id = "acme-no-keyword"
        regex = '''ACMEKEY[0-9]{10}'''
        """

    @Test("custom rules find their secrets with keywords, secret groups and allowlists")
    func customRules() async throws {
        let custom = try GitleaksConfiguration.parse(Self.config, path: "gitleaks.toml")
        #expect(custom.rules.map(\.rule.id) == ["acme-internal-token", "acme-no-keyword"])
        var random = PlantRandom(seed: 5)
        let secret = random.string(24, from: PlantRandom.lower + PlantRandom.digits)
        let root = try SecretScannerBehaviourTests.tree([
            "a.cfg":
                "x = acme_live_\(secret)\ny = acme_live_aaaaaa\(random.string(18, from: "bcdef0123"))\nk=ACMEKEY0123456789\n",
            "vendor/b.cfg": "x = acme_live_\(secret)\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let report = try await SecretScannerAcceptanceTests.scan(root, custom: custom)
        #expect(
            report.findings.map { "\($0.rule)@\($0.path):\($0.line):\($0.column)" } == [
                "acme-internal-token@a.cfg:1:15", "acme-no-keyword@a.cfg:3:3",
            ]
        )
        #expect(report.findings.first?.secret == String(secret.prefix(4)) + "…")
    }

    @Test("an unsupported regular expression or a path-only rule is an error at its line and column")
    func unsupported() {
        let unclosedGroup = "[[rules]]\nid = \"x\"\nregex = '''(?<=a)b(?'''\n"
        #expect(throws: SecretScanError.self) { try GitleaksConfiguration.parse(unclosedGroup, path: "g.toml") }
        do {
            _ = try GitleaksConfiguration.parse(unclosedGroup, path: "g.toml")
        } catch {
            #expect(error.description.hasPrefix("g.toml:3:9: error: regular expression not supported"))
        }
        do {
            _ = try GitleaksConfiguration.parse("[[rules]]\nid = \"p\"\npath = '''\\.pem$'''\n", path: "g.toml")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("g.toml:3:8"))
            #expect(error.description.contains("path-only"))
        }
        #expect(throws: SecretScanError.self) {
            try GitleaksConfiguration.parse("[[rules]]\nid = \"github-pat\"\nregex = 'x'\n", path: "g.toml")
        }
    }
}
