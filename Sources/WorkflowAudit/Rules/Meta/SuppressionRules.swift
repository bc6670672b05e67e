import SlipwayCore

/// Reports `# slipway: ignore[…]` comments without a reason or naming unknown rules.
///
/// The engine emits these findings while it applies suppressions; the rule exists for its id, metadata, severity
/// and configuration.
struct InvalidSuppressionRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "invalid-suppression",
        name: "Invalid Suppression",
        area: .security,
        severity: .medium,
        summary: "An inline suppression has no reason or names a rule that does not exist.",
        rationale: """
            Every silenced finding needs a recorded reason so reviewers and auditors can judge it later. A \
            suppression without a reason does not apply; one naming an unknown rule hides nothing.
            """,
        fixBefore: """
            # slipway: ignore[unpinned-uses]
            """,
        fixAfter: """
            # slipway: ignore[unpinned-uses] - internal action, pinned by the org ruleset
            """,
        triggeringExamples: [
            RuleExample(
                """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    timeout-minutes: 5
                    steps:
                      ↓# slipway: ignore[template-injection]
                      - run: echo hi
                """
            )
        ],
        nonTriggeringExamples: [
            RuleExample(
                """
                on: issues
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    timeout-minutes: 5
                    steps:
                      # slipway: ignore[template-injection] - title is validated by the issue form
                      - run: echo "${{ github.event.issue.title }}"
                """
            )
        ]
    )

    init(options: NoOptions) {}

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] { [] }
}

/// Reports suppressions that silenced nothing, so stale exceptions do not pile up.
struct UnusedSuppressionRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "unused-suppression",
        name: "Unused Suppression",
        area: .security,
        severity: .low,
        summary: "An inline suppression silenced no finding.",
        rationale: """
            A suppression that hides nothing is noise, and it would silently hide a future real finding on that \
            line.
            ///
            /// Remove it.
            """,
        fixBefore: """
            - run: make # slipway: ignore[template-injection] - legacy
            """,
        fixAfter: """
            - run: make
            """,
        triggeringExamples: [
            RuleExample(
                """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    timeout-minutes: 5
                    steps:
                      - run: make ↓# slipway: ignore[template-injection] - legacy
                """
            )
        ],
        nonTriggeringExamples: [
            RuleExample(
                """
                on: issues
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    timeout-minutes: 5
                    steps:
                      - run: echo "${{ github.event.issue.title }}" # slipway: ignore[template-injection] - trusted
                """
            )
        ]
    )

    init(options: NoOptions) {}

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] { [] }
}

/// Reports `audit.ignore` entries in `slipway.yml` whose `expires` date has passed; they no longer apply.
struct ExpiredIgnoreRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "expired-ignore",
        name: "Expired Ignore",
        area: .security,
        severity: .high,
        summary: "A configured exception has passed its expiry date and no longer applies.",
        rationale: """
            Exceptions are granted for a time. When one expires, its findings return and the expiry itself is \
            reported, so the owner either fixes the issue or renews the exception with a new reason.
            """,
        fixBefore: """
            ignore:
              - rule: missing-sbom
                reason: SBOM tooling lands next quarter
                expires: 2024-01-01
            """,
        fixAfter: """
            ignore:
              - rule: missing-sbom
                reason: SBOM tooling lands in March (JIRA-123)
                expires: 2027-03-31
            """,
        triggeringExamples: [],
        nonTriggeringExamples: []
    )

    init(options: NoOptions) {}

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] { [] }
}
