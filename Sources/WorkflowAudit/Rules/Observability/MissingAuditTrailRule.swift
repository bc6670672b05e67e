import SlipwayCore

/// Finds release workflows that leave no record of what was released, where and from which commit.
struct MissingAuditTrailRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "missing-audit-trail",
        name: "Missing Audit Trail",
        area: .observability,
        severity: .medium,
        confidence: .medium,
        summary: "A release or deploy workflow leaves no durable record of what it released.",
        rationale: """
            Auditors and incident responders ask "what was running in production on the 3rd, built from which \
            commit, approved by whom?". Run logs expire (90 days by default) and cannot answer it. Record each \
            release: a build attestation (`slipway attest`, `actions/attest-build-provenance`), a GitHub release, \
            or an append-only ledger entry (`slipway ledger append`). Deploy jobs with a GitHub `environment:` \
            already leave a deployment record per environment, so those count too when nothing is published.
            """,
        fixBefore: """
            steps:
              - run: npx cdk deploy --context env=prod
            """,
        fixAfter: """
            steps:
              - run: npx cdk deploy --context env=prod
              - run: slipway ledger append --environment prod --version "${{ github.ref_name }}"
            """,
        triggeringExamples: [
            RuleExample(
                """
                on:
                  workflow_call:
                ↓jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    steps:
                      - run: npx cdk deploy --context env=prod --require-approval never
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
                      - run: npm publish
                """
            ),
        ],
        nonTriggeringExamples: [
            RuleExample(
                """
                on:
                  push:
                    tags: ["v*"]
                permissions:
                  contents: read
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
                  workflow_call:
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    environment: prod
                    steps:
                      - run: npx cdk deploy --context env=prod
                """
            ),
        ]
    )

    init(options: NoOptions) {}

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        let facts = context.facts
        let deployJobs = ReleaseWorkflowDetector.deployJobs(file, facts: facts)
        let recordedByEnvironments =
            !deployJobs.isEmpty && deployJobs.allSatisfy { $0.environment != nil }
            && ReleaseWorkflowDetector.publishSteps(file, facts: facts).isEmpty
        guard !recordedByEnvironments, ImplicitAttestation.evidence(in: file, facts: facts) == nil else { return [] }
        return CapabilityGap.check(file, context: context, closedBy: ["audit-trail", "provenance"]) { _, reason in
            .missingAuditTrail(CapabilityGap.subject(file, reason: reason))
        }
    }
}

extension String {
    fileprivate static func missingAuditTrail(_ subject: String) -> String {
        "\(subject) but leaves no record of what was released; record each release with `slipway ledger append`, "
            + "an attestation (`slipway attest`, actions/attest-build-provenance) or a GitHub release, or deploy "
            + "through a GitHub `environment:` so deployments are recorded"
    }
}
