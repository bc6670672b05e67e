import SlipwayCore

/// Finds release workflows with no license or policy check.
struct MissingComplianceCheckRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "missing-compliance-check",
        name: "Missing Compliance Check",
        area: .security,
        severity: .low,
        confidence: .medium,
        summary: "A release or deploy workflow checks neither dependency licenses nor infrastructure policy.",
        rationale: """
            Enterprise releases usually must prove two things: that no dependency carries a forbidden license, and \
            that the infrastructure being deployed follows policy (encryption, public access, tagging). Neither is \
            checked here. Add a license check (`actions/dependency-review-action` with `deny-licenses`, \
            license-checker, `slipway gate`) and, for infrastructure as code, a policy check such as cdk-nag, \
            checkov or conftest before the deploy.
            """,
        fixBefore: """
            steps:
              - run: npx cdk synth
              - run: npx cdk deploy --context env=prod
            """,
        fixAfter: """
            steps:
              - run: npx cdk synth
              - run: checkov -d cdk.out --framework cloudformation
              - run: npx cdk deploy --context env=prod
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
                      - run: npx cdk synth
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
                  push:
                    tags: ["v*"]
                jobs:
                  release:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - run: npx license-checker --failOn 'GPL-3.0;AGPL-3.0'
                      - run: npm publish
                """
            ),
            RuleExample(
                """
                on: pull_request
                jobs:
                  lint:
                    runs-on: ubuntu-latest
                    steps:
                      - run: npm run lint
                """
            ),
        ]
    )

    init(options: NoOptions) {}

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        CapabilityGap.check(file, context: context, closedBy: ["compliance-check"]) { pipeline, reason in
            .missingCompliance(
                CapabilityGap.subject(file, reason: reason),
                note: pipeline.elsewhereNote("compliance-check")
            )
        }
    }
}

extension String {
    fileprivate static func missingCompliance(_ subject: String, note: String) -> String {
        "\(subject) but checks no license or policy compliance\(note); add a license check "
            + "(dependency-review-action `deny-licenses`, license-checker, `slipway gate`) and, for infrastructure "
            + "code, a policy check such as cdk-nag or checkov before deploying"
    }
}
