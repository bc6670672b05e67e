import SlipwayCore
import Testing

@testable import WorkflowAudit

@Suite struct UnpinnedImageRuleTests {
    @Test("image references are classified by tag and digest")
    func classification() {
        #expect(UnpinnedImageRule.problem(with: "node") == .mutableTag)
        #expect(UnpinnedImageRule.problem(with: "localhost:5000/node") == .mutableTag)
        #expect(UnpinnedImageRule.problem(with: "ghcr.io/o/img:latest") == .mutableTag)
        #expect(UnpinnedImageRule.problem(with: "localhost:5000/node:20") == .notDigestPinned)
        #expect(UnpinnedImageRule.problem(with: "node:20@sha256:abc") == nil)
    }

    @Test("require-digest: false reports only untagged and latest images")
    func requireDigestOption() async throws {
        let yaml = """
            on: push
            jobs:
              build:
                runs-on: ubuntu-latest
                container: node:20
                services:
                  cache:
                    image: redis:latest
                steps:
                  - run: make
            """
        let options = try YAMLLoader.load("require-digest: false", path: "slipway.yml").mapping
        let configuration = SlipwayConfiguration(
            audit: AuditSettings(
                rules: [
                    RuleSettingEntry(
                        id: "unpinned-image",
                        location: SourceLocation(path: "slipway.yml", line: 1, column: 1),
                        severity: nil,
                        options: options
                    )
                ]
            )
        )
        let findings = try await RuleHarness.findings(
            ruleId: "unpinned-image",
            files: [".github/workflows/ci.yml": yaml],
            configuration: configuration
        )
        #expect(findings.map(\.location.line) == [8])
    }
}
