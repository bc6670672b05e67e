import SlipwayCore
import Testing

@testable import WorkflowAudit

/// The read-only `permissions:` fix lands before `jobs:` and silences the rule.
@Suite struct MissingPermissionsRuleTests {
    static let path = ".github/workflows/ci.yml"

    @Test("the fix inserts a read-only block before jobs: and the workflow then passes")
    func fixInsertsBlock() async throws {
        let yaml = """
            name: CI
            on: push
            # the jobs
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - run: make
            """
        let findings = try await RuleHarness.findings(ruleId: "missing-permissions", files: [Self.path: yaml])
        let fix = try #require(findings.first?.fix)
        var bytes = Array(yaml.utf8)
        for edit in fix.edits.sorted(by: { $0.start > $1.start }) {
            bytes.replaceSubrange(edit.start..<edit.end, with: Array(edit.replacement.utf8))
        }
        let fixed = String(decoding: bytes, as: UTF8.self)
        #expect(fixed.contains("permissions:\n  contents: read\n\n# the jobs\njobs:\n"))
        let file = try WorkflowParser.parse(fixed, path: Self.path)
        #expect(file.workflow?.permissions?.level(of: "contents") == "read")
        let after = try await RuleHarness.findings(ruleId: "missing-permissions", files: [Self.path: fixed])
        #expect(after.isEmpty)
    }
}
