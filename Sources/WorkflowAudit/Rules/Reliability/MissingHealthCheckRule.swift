import SlipwayCore

/// Finds deploy steps that nothing verifies afterwards.
struct MissingHealthCheckRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "missing-health-check",
        name: "Missing Health Check",
        area: .reliability,
        severity: .medium,
        confidence: .medium,
        summary: "A deploy step is not followed by a health check or smoke test.",
        rationale: """
            A deploy that "succeeded" only means the API accepted the change. Whether the service answers is \
            another question, and without a check the release is marked green while users see errors; later \
            stages (staging → prod) then promote a broken build. After each deploy, in the same job or in a job \
            that `needs` it, probe the service: `slipway health-check`, `curl --fail --retry 5` on a health \
            endpoint, `kubectl rollout status`, or a smoke-test suite.
            """,
        fixBefore: """
            steps:
              - run: npx cdk deploy --context env=staging
            """,
        fixAfter: """
            steps:
              - run: npx cdk deploy --context env=staging
              - run: curl --fail --retry 5 --retry-delay 10 https://staging.example.com/health
            """,
        triggeringExamples: [
            RuleExample(
                """
                on:
                  workflow_call:
                jobs:
                  deploy-dev:
                    runs-on: ubuntu-latest
                    environment: dev
                    steps:
                      - uses: actions/checkout@v4
                      - run: ↓npx cdk deploy --context env=dev
                  deploy-prod:
                    needs: deploy-dev
                    runs-on: ubuntu-latest
                    environment: prod
                    steps:
                      - uses: actions/checkout@v4
                      - run: ↓npx cdk deploy --context env=prod
                """
            )
        ],
        nonTriggeringExamples: [
            RuleExample(
                """
                on:
                  workflow_call:
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    environment: staging
                    steps:
                      - run: npx cdk deploy --context env=staging
                  smoke:
                    needs: deploy
                    runs-on: ubuntu-latest
                    steps:
                      - run: curl --fail --retry 5 https://staging.example.com/health
                """
            ),
            RuleExample(
                """
                on: workflow_dispatch
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    environment: prod
                    steps:
                      - run: |
                          kubectl apply -f k8s/
                          kubectl rollout status deploy/api --timeout=5m
                """
            ),
        ]
    )

    init(options: NoOptions) {}

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        guard ReleaseWorkflowDetector.isReleaseWorkflow(file, facts: context.facts) else { return [] }
        let facts = context.facts
        var findings: [Finding] = []
        for (job, step) in ReleaseWorkflowDetector.deploySteps(file, facts: facts) {
            guard let deploy = ReleaseWorkflowDetector.match(of: "deploy", job: job, step: step, facts: facts),
                !verified(after: deploy, job: job, step: step, file: file, context: context)
            else { continue }
            findings.append(
                context.finding(
                    in: file,
                    at: deploy.position,
                    .missingHealthCheck(
                        job: job.id.value,
                        evidence: ReleaseWorkflowDetector.safeEvidence(deploy.evidence)
                    )
                )
            )
        }
        return findings
    }

    /// Whether a health check runs after `deploy`: later in its step or job, or in a job that needs its job.
    private func verified(
        after deploy: CapabilityMatch,
        job: Job,
        step: Step,
        file: WorkflowFile,
        context: RuleContext
    ) -> Bool {
        let checks = context.facts.matches(of: "health-check")
        if checks.contains(where: { check in
            check.jobId == job.id.value
                && (check.stepIndex > step.index || (check.stepIndex == step.index && check.position > deploy.position))
        }) {
            return true
        }
        for later in ReleaseWorkflowDetector.descendants(of: job, in: file) {
            if checks.contains(where: { $0.jobId == later.id.value }) { return true }
            if let uses = later.uses, case .local(let path) = ActionReference(uses.value),
                context.project.facts[PathUtilities.normalize(path)]?.has("health-check") == true
            {
                return true
            }
        }
        return false
    }
}

extension String {
    fileprivate static func missingHealthCheck(job: String, evidence: String) -> String {
        "job '\(job)' deploys with `\(evidence)` but nothing checks the service afterwards; add "
            + "`slipway health-check`, `curl --fail --retry 5` on a health endpoint or a smoke test after it, "
            + "in the same job or a job that `needs` it"
    }
}
