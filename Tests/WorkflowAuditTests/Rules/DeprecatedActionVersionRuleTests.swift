import SlipwayCore
import Testing

@testable import WorkflowAudit

@Suite struct DeprecatedActionVersionRuleTests {
    func findings(_ uses: [String]) async throws -> [Finding] {
        let steps = uses.map { "      - uses: \($0)" }.joined(separator: "\n")
        let yaml = """
            on: push
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
            \(steps)
            """
        return try await RuleHarness.findings(
            ruleId: "deprecated-action-version",
            files: [".github/workflows/ci.yml": yaml]
        )
    }

    @Test("actions/cache pinned below 3.4 or at 4.0/4.1 stopped working; the floating v3 tag is only deprecated")
    func cacheVersions() async throws {
        let results = try await findings([
            "actions/cache@v3.3.1", "actions/cache@v3", "actions/cache@v4.1.2", "actions/cache@v4", "actions/cache@v2",
        ])
        #expect(results.map(\.location.line) == [6, 7, 8, 10])
        #expect(results.map(\.severity) == [.high, .medium, .high, .high])
    }

    @Test("commit-pinned actions are judged by their version comment, and skipped without one")
    func versionComments() async throws {
        let results = try await findings([
            "actions/setup-node@1a4442cacd436585916779262731d5b162bc6ec7 # v3.8.2",
            "actions/setup-node@1a4442cacd436585916779262731d5b162bc6ec7",
            "actions/setup-node@39370e3970a6d050c480ffad4ff0ed4d3fdee5af # tag=v4.1.0",
            "actions/checkout@main",
        ])
        #expect(results.map(\.location.line) == [6])
    }
}
