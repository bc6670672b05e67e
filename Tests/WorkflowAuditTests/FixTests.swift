import SlipwayCore
import Testing

@testable import WorkflowAudit

/// Fixes are text edits that keep comments and formatting, produce valid YAML, and are idempotent.
@Suite struct FixTests {
    /// Audits `yaml`, applies every fix of `ruleId`, and returns the new text.
    static func fixed(_ yaml: String, ruleId: String) async throws -> String {
        let findings = try await RuleHarness.findings(ruleId: ruleId, files: [".github/workflows/w.yml": yaml])
        let files = FixApplier.apply(findings, sources: [".github/workflows/w.yml": yaml])
        return files.first?.fixed ?? yaml
    }

    static func assertFixedCleanly(_ yaml: String, ruleId: String, contains expected: [String]) async throws {
        let once = try await fixed(yaml, ruleId: ruleId)
        for text in expected { #expect(once.contains(text), "missing \(text) in\n\(once)") }
        _ = try WorkflowParser.parse(once, path: "w.yml")
        let remaining = try await RuleHarness.findings(ruleId: ruleId, files: [".github/workflows/w.yml": once])
        #expect(remaining.isEmpty, "still \(remaining.map(\.message)) in\n\(once)")
        #expect(try await fixed(once, ruleId: ruleId) == once)
    }

    @Test("template injection: expressions move into a new env block after the script")
    func injectionIntoNewEnvironment() async throws {
        try await Self.assertFixedCleanly(
            """
            on: issues
            jobs:
              triage:
                runs-on: ubuntu-latest
                steps:
                  - run: |  # greet
                      echo "${{ github.event.issue.title }}"
                      echo "${{ github.event.issue.title }} ${{ github.event.issue.body }}"
                  - run: echo done
            """,
            ruleId: "template-injection",
            contains: [
                "echo \"${ISSUE_TITLE} ${ISSUE_BODY}\"",
                "    env:\n          ISSUE_TITLE: ${{ github.event.issue.title }}\n          ISSUE_BODY: ${{ github.event.issue.body }}\n      - run: echo done",
                "- run: |  # greet",
            ]
        )
    }

    @Test("template injection: an existing env block gains the variable")
    func injectionIntoExistingEnvironment() async throws {
        try await Self.assertFixedCleanly(
            """
            on: pull_request_target
            jobs:
              a:
                runs-on: ubuntu-latest
                steps:
                  - name: Greet
                    env:
                      GREETING: hello
                    run: echo "$GREETING ${{ github.head_ref }}"
            """,
            ruleId: "template-injection",
            contains: [
                "HEAD_REF: ${{ github.head_ref }}\n          GREETING: hello", "run: echo \"$GREETING ${HEAD_REF}\"",
            ]
        )
    }

    @Test("missing timeout: timeout-minutes is inserted as the job's first key")
    func timeoutInserted() async throws {
        try await Self.assertFixedCleanly(
            "on: push\njobs:\n  build:\n    # the build\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n",
            ruleId: "missing-timeout",
            contains: ["    # the build\n    timeout-minutes: 30\n    runs-on: ubuntu-latest"]
        )
    }

    @Test("a pin map rewrites the ref to the SHA and keeps the tag as a comment")
    func pinMap() throws {
        let map = try PinMap.parse(
            "# pins\nactions/checkout@v4 11bd71901bbe5b1630ceea73d27597364c9af683\n",
            path: "pins.txt"
        )
        let yaml = "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - uses: actions/checkout@v4\n"
        let finding = Finding(
            ruleId: "unpinned-uses",
            area: .security,
            severity: .high,
            confidence: .high,
            message: "pin",
            location: SourceLocation(path: "w.yml", line: 6, column: 15)
        )
        let pinned = map.fixes(for: [finding], sources: ["w.yml": yaml])
        let result = FixApplier.apply(pinned, sources: ["w.yml": yaml])
        #expect(
            result.first?.fixed.contains("- uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4\n")
                == true
        )
        #expect(throws: ConfigurationError.self) { try PinMap.parse("actions/checkout@v4 not-a-sha\n", path: "p") }
        // 40 fullwidth digits are hex digits to `Character.isHexDigit`, but no commit SHA.
        let fullwidth = "actions/checkout@v4 " + String(repeating: "\u{FF11}", count: 40) + "\n"
        #expect(throws: ConfigurationError.self) { try PinMap.parse(fullwidth, path: "p") }
    }

    @Test("unified diffs have hunk headers with line ranges")
    func unifiedDiff() {
        let diff = UnifiedDiff.make(old: "a\nb\nc\n", new: "a\nB\nc\n", path: "f.yml")
        #expect(diff == "--- a/f.yml\n+++ b/f.yml\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n")
        #expect(UnifiedDiff.make(old: "same", new: "same", path: "f") == "")
    }
}
