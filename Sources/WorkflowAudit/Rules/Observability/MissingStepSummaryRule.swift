import SlipwayCore

/// Finds release workflows that never write a job summary, so a run's outcome must be read from raw logs.
struct MissingStepSummaryRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "missing-step-summary",
        name: "Missing Step Summary",
        area: .observability,
        severity: .info,
        confidence: .medium,
        summary: "A release or deploy workflow never writes `$GITHUB_STEP_SUMMARY`.",
        rationale: """
            The job summary is the page people see when they open a run: what version went where, which stacks \
            changed, links to the release. Without it reviewers and on-call engineers dig through logs. Append \
            Markdown to `$GITHUB_STEP_SUMMARY` at the end of each deploy job (environment, version, commit, \
            outcome).
            """,
        fixBefore: """
            steps:
              - run: npx cdk deploy --context env=prod
            """,
        fixAfter: """
            steps:
              - run: npx cdk deploy --context env=prod
              - if: always()
                run: |
                  echo "### Deploy to prod: ${{ job.status }}" >> "$GITHUB_STEP_SUMMARY"
                  echo "Commit: ${{ github.sha }}" >> "$GITHUB_STEP_SUMMARY"
            """,
        triggeringExamples: [
            RuleExample(
                """
                on:
                  workflow_call:
                ↓jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    environment: prod
                    steps:
                      - run: npx cdk deploy --context env=prod
                      - run: echo "deployed"
                """
            ),
            RuleExample(
                """
                on:
                  push:
                    tags: ["v*"]
                ↓jobs:
                  release:
                    runs-on: ubuntu-latest
                    steps:
                      - run: make dist
                """
            ),
        ],
        nonTriggeringExamples: [
            RuleExample(
                """
                on:
                  workflow_call:
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    environment: prod
                    steps:
                      - run: npx cdk deploy --context env=prod
                      - if: always()
                        run: echo "### Deploy to prod: ${{ job.status }}" >> "$GITHUB_STEP_SUMMARY"
                """
            ),
            RuleExample(
                """
                on: pull_request
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - run: npm test
                """
            ),
        ]
    )

    init(options: NoOptions) {}

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        let writesSummary = file.allSteps.contains { _, step in
            step.run?.value.contains("GITHUB_STEP_SUMMARY") == true
        }
        guard !writesSummary else { return [] }
        return CapabilityGap.check(file, context: context, closedBy: ["step-summary"]) { _, reason in
            .missingSummary(CapabilityGap.subject(file, reason: reason))
        }
    }
}

extension String {
    fileprivate static func missingSummary(_ subject: String) -> String {
        "\(subject) but never writes a job summary; append the environment, version, commit and outcome to "
            + "`$GITHUB_STEP_SUMMARY` so a run can be understood without reading its logs"
    }
}
