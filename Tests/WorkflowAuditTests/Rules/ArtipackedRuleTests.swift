import SlipwayCore
import Testing

@testable import WorkflowAudit

/// The `persist-credentials: false` fix produces valid YAML that no longer triggers the rule.
@Suite struct ArtipackedRuleTests {
    static let path = ".github/workflows/ci.yml"

    /// Applies every finding's fix edits to `text`, last edit first, on UTF-8 bytes.
    static func applyingFixes(_ findings: [Finding], to text: String) -> String {
        var bytes = Array(text.utf8)
        let edits = findings.compactMap(\.fix).flatMap(\.edits).sorted { $0.start > $1.start }
        for edit in edits {
            bytes.replaceSubrange(edit.start..<edit.end, with: Array(edit.replacement.utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func fixedText(_ yaml: String) async throws -> (fixed: String, findings: [Finding]) {
        let findings = try await RuleHarness.findings(ruleId: "artipacked", files: [path: yaml])
        #expect(!findings.isEmpty, "expected artipacked findings in:\n\(yaml)")
        #expect(findings.allSatisfy { $0.fix != nil }, "every finding should carry a fix")
        return (applyingFixes(findings, to: yaml), findings)
    }

    static let cases: [String] = [
        // No `with:`, `- uses:` form, followed by another step.
        """
        on: push
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
              - run: make
        """,
        // An existing block `with:` mapping, and `uses:` as a later key of the step.
        """
        on: push
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - name: Check out
                uses: actions/checkout@v4
                with:
                  fetch-depth: 0
                  ref: main
                timeout-minutes: 5
              - run: make
        """,
        // Several checkouts, one with keys after `uses:`, the last line without a newline.
        """
        on: push
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/checkout@v4
                name: First
              - uses: actions/checkout@v4 # trailing comment
                with:
                  # a comment before the first input
                  path: other
          other:
            runs-on: ubuntu-latest
            steps:
              - uses: "actions/checkout@v4"
        """,
        // Composite-style deeper indentation and Windows-free multibyte text before the step.
        """
        name: Büld ✓
        on: push
        jobs:
          build:
            runs-on: ubuntu-latest
            steps:
                -   uses: actions/checkout@v4
                -   run: echo "héllo"

        """,
    ]

    @Test("the fix yields valid YAML that no longer triggers the rule", arguments: cases)
    func fixIsValidAndSilencesTheRule(_ yaml: String) async throws {
        let (fixed, findings) = try await Self.fixedText(yaml)
        let file = try WorkflowParser.parse(fixed, path: Self.path)
        let checkouts = file.allSteps.filter { $0.step.actionName == "actions/checkout" }
        #expect(checkouts.count == findings.count)
        for (_, step) in checkouts {
            #expect(step.input("persist-credentials")?.value == "false", "not fixed:\n\(fixed)")
        }
        let after = try await RuleHarness.findings(ruleId: "artipacked", files: [Self.path: fixed])
        #expect(after.isEmpty, "still reported after the fix:\n\(fixed)")
    }

    @Test("an existing with: block gets the new input as its first entry, at its indentation")
    func insertsIntoExistingWith() async throws {
        let (fixed, _) = try await Self.fixedText(Self.cases[1])
        #expect(fixed.contains("        with:\n          persist-credentials: false\n          fetch-depth: 0\n"))
    }

    @Test("a checkout whose credentials a later git push needs is not reported")
    func pushingJobIsQuiet() async throws {
        let yaml = """
            on: push
            jobs:
              bump:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - uses: stefanzweifel/git-auto-commit-action@v5
            """
        let findings = try await RuleHarness.findings(ruleId: "artipacked", files: [Self.path: yaml])
        #expect(findings.isEmpty)
    }
}
