import SlipwayCore

/// Finds release workflows that attest no build provenance.
struct MissingProvenanceRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "missing-provenance",
        name: "Missing Provenance",
        area: .enterprise,
        severity: .medium,
        confidence: .medium,
        summary: "A release or deploy workflow attests no build provenance (SLSA) for what it ships.",
        rationale: """
            Provenance is a signed statement of which workflow, commit and inputs produced an artifact. Consumers \
            and deploy-time policy (`gh attestation verify`, Kubernetes admission, `slipway gate`) can then reject \
            anything not built by this pipeline, which is what SLSA level 2 and 3 ask for. Add \
            `actions/attest-build-provenance` (or `slipway attest`, the SLSA generators, `npm publish \
            --provenance`) for each artifact the release produces, including a CDK cloud assembly.
            """,
        fixBefore: """
            steps:
              - run: make dist
            """,
        fixAfter: """
            permissions:
              id-token: write
              attestations: write
            steps:
              - run: make dist
              - uses: actions/attest-build-provenance@v2
                with:
                  subject-path: dist/*
            """,
        triggeringExamples: [
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
                      - run: npm publish
                """
            ),
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
                    permissions:
                      id-token: write
                      attestations: write
                    steps:
                      - run: make dist
                      - uses: actions/attest-build-provenance@v2
                        with:
                          subject-path: dist/*
                """
            ),
            RuleExample(
                """
                on:
                  release:
                    types: [published]
                jobs:
                  publish:
                    runs-on: ubuntu-latest
                    permissions:
                      id-token: write
                    steps:
                      - run: npm publish --provenance --access public
                """
            ),
        ]
    )

    init(options: NoOptions) {}

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        guard ImplicitAttestation.evidence(in: file, facts: context.facts) == nil else { return [] }
        return CapabilityGap.check(file, context: context, closedBy: ["provenance"]) { _, reason in
            .missingProvenance(CapabilityGap.subject(file, reason: reason))
        }
    }
}

extension String {
    fileprivate static func missingProvenance(_ subject: String) -> String {
        "\(subject) but attests no build provenance; add actions/attest-build-provenance (or `slipway attest`, "
            + "`npm publish --provenance`) for what it ships so consumers can verify it came from this pipeline"
    }
}
