import SlipwayCore

/// Finds release workflows that tell nobody when a release succeeds or fails.
struct MissingNotificationRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "missing-notification",
        name: "Missing Notification",
        area: .observability,
        severity: .low,
        confidence: .medium,
        summary: "A release or deploy workflow notifies nobody of its outcome.",
        rationale: """
            A failed production deploy that only shows up as a red run in the Actions tab is found late, usually by \
            users. Post the outcome to the team's channel (`slipway notify`, `slackapi/slack-github-action`, a \
            Teams or PagerDuty webhook) from a step with `if: always()` or `if: failure()` so failures are seen \
            even when the deploy step itself breaks.
            """,
        fixBefore: """
            steps:
              - run: npx cdk deploy --context env=prod
            """,
        fixAfter: """
            steps:
              - run: npx cdk deploy --context env=prod
              - if: failure()
                uses: slackapi/slack-github-action@v2
                with:
                  webhook: ${{ secrets.SLACK_WEBHOOK_URL }}
                  webhook-type: incoming-webhook
                  payload: '{"text": "prod deploy failed: ${{ github.server_url }}/${{ github.repository }}"}'
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
                      - uses: actions/checkout@v4
                      - run: npx cdk deploy --context env=prod
                      - if: always()
                        uses: slackapi/slack-github-action@v2
                        with:
                          webhook: ${{ secrets.SLACK_WEBHOOK_URL }}
                          webhook-type: incoming-webhook
                          payload: '{"text": "prod deploy: ${{ job.status }}"}'
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
        CapabilityGap.check(file, context: context, closedBy: ["notification"]) { _, reason in
            .missingNotification(CapabilityGap.subject(file, reason: reason))
        }
    }
}

extension String {
    fileprivate static func missingNotification(_ subject: String) -> String {
        "\(subject) but notifies nobody of the outcome; add `slipway notify` or slackapi/slack-github-action "
            + "in a step with `if: always()` (or `if: failure()`) so a failed release is seen at once"
    }
}
