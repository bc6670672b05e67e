import SlipwayCore

/// Finds release workflows in which nothing reacts when a release fails halfway.
struct MissingFailureHandlingRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "missing-failure-handling",
        name: "Missing Failure Handling",
        area: .reliability,
        severity: .medium,
        confidence: .medium,
        summary: "A release or deploy workflow has no step or job that runs when the release fails.",
        rationale: """
            When a deploy fails halfway (one stack updated, the next not; a package published but not tagged) \
            the workflow just stops. Nobody is told, nothing is cleaned up or rolled back. Add a step or job with \
            `if: failure()` that notifies the team (`slipway notify`), rolls back or cleans up, or an \
            `if: always()` step that reports the outcome. A job that `needs` the deploy job with \
            `if: failure()` works across jobs.
            """,
        fixBefore: """
            jobs:
              deploy:
                steps:
                  - run: npx cdk deploy --context env=prod
            """,
        fixAfter: """
            jobs:
              deploy:
                steps:
                  - run: npx cdk deploy --context env=prod
              on-failure:
                needs: deploy
                if: failure()
                steps:
                  - uses: slackapi/slack-github-action@v2
                    with:
                      webhook: ${{ secrets.SLACK_WEBHOOK_URL }}
                      webhook-type: incoming-webhook
                      payload: '{"text": "prod deploy failed"}'
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
                      - uses: actions/checkout@v4
                      - run: npx cdk deploy --context env=prod
                      - if: always()
                        run: echo "done"
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
                  on-failure:
                    needs: deploy
                    if: failure()
                    runs-on: ubuntu-latest
                    steps:
                      - run: ./scripts/page-on-call.sh
                """
            ),
            RuleExample(
                """
                on:
                  push:
                    tags: ["v*"]
                jobs:
                  release:
                    runs-on: ubuntu-latest
                    steps:
                      - run: make dist
                      - if: always()
                        uses: slackapi/slack-github-action@v2
                        with:
                          webhook: ${{ secrets.SLACK_WEBHOOK_URL }}
                          webhook-type: incoming-webhook
                          payload: '{"text": "release: ${{ job.status }}"}'
                """
            ),
        ]
    )

    init(options: NoOptions) {}

    /// Words in a step or job label that show an `always()` step handles the outcome.
    static let handlingWords = [
        "notify", "notification", "alert", "slack", "teams", "cleanup", "clean up",
        "clean-up", "teardown", "tear down", "rollback", "roll back", "revert", "report",
    ]

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        guard !handlesFailure(file, facts: context.facts) else { return [] }
        return CapabilityGap.check(file, context: context, closedBy: []) { _, reason in
            .missingFailureHandling(CapabilityGap.subject(file, reason: reason))
        }
    }

    private func handlesFailure(_ file: WorkflowFile, facts: FileFacts) -> Bool {
        for job in file.jobs {
            if ConditionKind.runsOnFailure(job.condition?.value) { return true }
            let jobAlways = ConditionKind.runsAlways(job.condition?.value)
            for step in job.steps {
                if ConditionKind.runsOnFailure(step.condition?.value) { return true }
                guard jobAlways || ConditionKind.runsAlways(step.condition?.value) else { continue }
                let capabilities = facts.capabilities(job: job, step: step)
                if capabilities.contains("notification") || capabilities.contains("rollback") { return true }
                let label = (step.label + " " + (job.name?.value ?? job.id.value)).lowercased()
                if Self.handlingWords.contains(where: { label.containsBytes($0) }) { return true }
            }
        }
        return false
    }
}

extension String {
    fileprivate static func missingFailureHandling(_ subject: String) -> String {
        "\(subject) but nothing runs when it fails; add a step or job with `if: failure()` that notifies "
            + "(`slipway notify`), rolls back or cleans up, so a half-finished release is noticed and repaired"
    }
}
