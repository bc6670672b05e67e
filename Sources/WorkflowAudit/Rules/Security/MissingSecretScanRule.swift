import SlipwayCore

/// Finds release workflows that never scan the repository for leaked credentials.
struct MissingSecretScanRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "missing-secret-scan",
        name: "Missing Secret Scan",
        area: .security,
        severity: .medium,
        confidence: .medium,
        summary: "A release or deploy workflow never scans the code it ships for leaked secrets.",
        rationale: """
            A key committed by mistake is shipped inside the release (a package, an image, a CDK asset) and stays \
            valid until someone notices. Running a secret scanner such as gitleaks or trufflehog before the release \
            stops it; GitHub secret scanning with push protection is an alternative at the repository level. The gap \
            is closed when the workflow, a local workflow or action it calls, or its caller runs a secret scanner.
            """,
        fixBefore: """
            jobs:
              release:
                steps:
                  - uses: actions/checkout@v4
                  - run: npm publish
            """,
        fixAfter: """
            jobs:
              release:
                steps:
                  - uses: actions/checkout@v4
                    with:
                      fetch-depth: 0
                  - run: gitleaks detect --source . --redact
                  - run: npm publish
            """,
        triggeringExamples: [
            RuleExample(
                """
                on:
                  workflow_call:
                permissions:
                  contents: read
                ↓jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    environment: staging
                    steps:
                      - uses: actions/checkout@v4
                      - run: npx cdk deploy --context env=staging
                """
            ),
            RuleExample(
                """
                on:
                  release:
                    types: [published]
                ↓jobs:
                  publish:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - run: npm ci
                """
            ),
        ],
        nonTriggeringExamples: [
            RuleExample(
                """
                on:
                  release:
                    types: [published]
                jobs:
                  publish:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                        with:
                          fetch-depth: 0
                      - run: gitleaks detect --source . --redact
                      - run: npm publish
                """
            ),
            RuleExample(
                """
                on: [push, pull_request]
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - run: npm test
                """
            ),
        ]
    )

    init(options: NoOptions) {}

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        CapabilityGap.check(file, context: context, closedBy: ["secret-scan"]) { pipeline, reason in
            .missingSecretScan(CapabilityGap.subject(file, reason: reason), note: pipeline.elsewhereNote("secret-scan"))
        }
    }
}

extension String {
    fileprivate static func missingSecretScan(_ subject: String, note: String) -> String {
        "\(subject) but never scans for leaked secrets\(note); run gitleaks or trufflehog on the checked-out "
            + "code before the release so a committed key cannot ship"
    }
}
