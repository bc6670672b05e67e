import SlipwayCore

/// Finds release workflows that ship without a software bill of materials.
struct MissingSBOMRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "missing-sbom",
        name: "Missing SBOM",
        area: .security,
        severity: .medium,
        confidence: .medium,
        summary: "A release or deploy workflow produces no software bill of materials (SBOM).",
        rationale: """
            Without an SBOM nobody can answer "which releases contain the vulnerable library?" when the next \
            advisory lands, and customers and regulators (the US executive order 14028, the EU Cyber Resilience \
            Act) increasingly ask for one. Generate it in the release itself, from the exact lock files or \
            artifacts you ship: `slipway sbom`, syft, cdxgen or `anchore/sbom-action`, and keep it with the release.
            """,
        fixBefore: """
            steps:
              - run: npm ci
              - run: npx cdk deploy --context env=prod
            """,
        fixAfter: """
            steps:
              - run: npm ci
              - run: syft dir:. -o cyclonedx-json=sbom.cdx.json
              - uses: actions/upload-artifact@v4
                with:
                  name: sbom
                  path: sbom.cdx.json
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
                      - run: npm ci
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
                      - run: make dist
                      - run: syft dir:. -o cyclonedx-json=sbom.cdx.json
                """
            ),
            RuleExample(
                """
                on: pull_request
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: make
                """
            ),
        ]
    )

    init(options: NoOptions) {}

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        CapabilityGap.check(file, context: context, closedBy: ["sbom"]) { pipeline, reason in
            .missingSBOM(CapabilityGap.subject(file, reason: reason), note: pipeline.elsewhereNote("sbom"))
        }
    }
}

extension String {
    fileprivate static func missingSBOM(_ subject: String, note: String) -> String {
        "\(subject) but generates no SBOM\(note); add `slipway sbom` (or syft, anchore/sbom-action) to the "
            + "release and keep the SBOM with it, so affected releases can be found when an advisory lands"
    }
}
