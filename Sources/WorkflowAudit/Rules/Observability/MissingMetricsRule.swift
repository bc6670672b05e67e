import SlipwayCore

/// Finds release workflows that record no delivery metrics.
struct MissingMetricsRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "missing-metrics",
        name: "Missing Metrics",
        area: .observability,
        severity: .info,
        confidence: .medium,
        summary: "A release or deploy workflow records no delivery metrics (deploy frequency, lead time, failures).",
        rationale: """
            The four DORA metrics (deployment frequency, lead time for changes, change failure rate, time to \
            restore) need a data point per release. Without one, release health is a matter of opinion. Send an \
            event or metric at the end of the release (a Datadog or CloudWatch metric, an OpenTelemetry span, \
            a deployment marker in your APM) or record releases with `slipway ledger append` and derive the metrics \
            from the ledger.
            """,
        fixBefore: """
            steps:
              - run: npx cdk deploy --context env=prod
            """,
        fixAfter: """
            steps:
              - run: npx cdk deploy --context env=prod
              - if: always()
                run: >
                  aws cloudwatch put-metric-data --namespace Delivery --metric-name Deployments
                  --dimensions Environment=prod,Status=${{ job.status }} --value 1
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
                on: pull_request
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - run: npm test
                """
            )
        ]
    )

    init(options: NoOptions) {}

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        CapabilityGap.check(file, context: context, closedBy: ["metrics"]) { _, reason in
            .missingMetrics(CapabilityGap.subject(file, reason: reason))
        }
    }
}

extension String {
    fileprivate static func missingMetrics(_ subject: String) -> String {
        "\(subject) but records no delivery metrics; emit a deployment metric or event at the end (CloudWatch, "
            + "Datadog, OpenTelemetry) or record the release with `slipway ledger append` to track DORA metrics"
    }
}
