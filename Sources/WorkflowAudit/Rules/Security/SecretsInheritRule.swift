import SlipwayCore

/// Finds reusable-workflow calls that pass every secret of the caller with `secrets: inherit`.
struct SecretsInheritRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "secrets-inherit",
        name: "Secrets Inherit",
        area: .security,
        severity: .medium,
        confidence: .high,
        summary: "A job calls a reusable workflow with `secrets: inherit`, handing it every secret of the caller.",
        rationale: """
            `secrets: inherit` passes all repository, environment and organisation secrets the caller can see to \
            the called workflow, whatever it needs. A compromised or careless reusable workflow (or one that \
            changes under a mutable ref) can then read and leak credentials it never used. List the secrets the \
            workflow declares under `on.workflow_call.secrets` explicitly instead.
            """,
        fixBefore: """
            jobs:
              release:
                uses: my-org/workflows/.github/workflows/release.yml@v1
                secrets: inherit
            """,
        fixAfter: """
            jobs:
              release:
                uses: my-org/workflows/.github/workflows/release.yml@v1
                secrets:
                  npm-token: ${{ secrets.NPM_TOKEN }}
            """,
        triggeringExamples: [
            RuleExample(
                """
                on: push
                jobs:
                  release:
                    uses: ./.github/workflows/release.yml
                    secrets: ↓inherit
                """
            )
        ],
        nonTriggeringExamples: [
            RuleExample(
                """
                on: push
                jobs:
                  release:
                    uses: ./.github/workflows/release.yml
                    secrets:
                      npm-token: ${{ secrets.NPM_TOKEN }}
                """
            )
        ]
    )

    init(options: NoOptions) {}

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        file.jobs.compactMap { job in
            guard let value = job.secrets?.value.scalar, value.value.trimmingWhitespace() == "inherit" else {
                return nil
            }
            return context.finding(in: file, at: value.position, .inherit(job: job.id.value, uses: job.uses?.value))
        }
    }
}

extension String {
    fileprivate static func inherit(job: String, uses: String?) -> String {
        "job '\(job)' passes every secret to `\(uses ?? "the reusable workflow")` with `secrets: inherit`; pass only "
            + "the secrets it declares, by name"
    }
}
