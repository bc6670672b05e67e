import SlipwayCore

/// Finds deploy workflows with no way back to the previous version.
struct MissingRollbackRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "missing-rollback",
        name: "Missing Rollback",
        area: .reliability,
        severity: .medium,
        confidence: .medium,
        summary: "A workflow deploys but has no rollback step or failure path that restores the previous version.",
        rationale: """
            When a deploy succeeds technically but the release is bad, restoring service means redeploying the \
            previous version, and without an automated path that happens by hand, under pressure. Add a job or \
            step with `if: failure()` that rolls back (`helm rollback`, `kubectl rollout undo`, redeploying the \
            last good tag, `aws deploy stop-deployment --auto-rollback-enabled`), or deploy through a tool that \
            does (`helm upgrade --atomic`). CloudFormation (and so `cdk deploy`) only rolls back a stack update \
            that fails; it does not restore the last good release after a failed health check.
            """,
        fixBefore: """
            jobs:
              deploy:
                steps:
                  - run: helm upgrade api ./chart
            """,
        fixAfter: """
            jobs:
              deploy:
                steps:
                  - run: helm upgrade api ./chart
                  - run: kubectl rollout status deploy/api --timeout=5m
                  - if: failure()
                    run: helm rollback api
            """,
        triggeringExamples: [
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
                      - run: ↓npx cdk deploy --context env=prod
                      - run: npx cdk deploy --context env=prod-eu
                """
            ),
            RuleExample(
                """
                on: workflow_dispatch
                jobs:
                  apply:
                    runs-on: ubuntu-latest
                    environment: prod
                    steps:
                      - run: terraform init
                      - run: ↓terraform apply -auto-approve
                """
            ),
        ],
        nonTriggeringExamples: [
            RuleExample(
                """
                on: workflow_dispatch
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    environment: prod
                    steps:
                      - run: helm upgrade api ./chart
                      - run: kubectl rollout status deploy/api --timeout=5m
                      - if: failure()
                        run: helm rollback api
                """
            ),
            RuleExample(
                """
                on: pull_request
                jobs:
                  synth:
                    runs-on: ubuntu-latest
                    steps:
                      - run: npx cdk synth
                """
            ),
        ]
    )

    init(options: NoOptions) {}

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        guard ReleaseWorkflowDetector.isReleaseWorkflow(file, facts: context.facts) else { return [] }
        let facts = context.facts
        let deploySteps = ReleaseWorkflowDetector.deploySteps(file, facts: facts)
        guard let (firstJob, firstStep) = deploySteps.first,
            let match = ReleaseWorkflowDetector.match(of: "deploy", job: firstJob, step: firstStep, facts: facts)
        else { return [] }
        if ReleasePipeline(file, context: context).provides("rollback") { return [] }
        if deploySteps.contains(where: { Self.rollsBackItself($0.job, $0.step, facts: facts) }) { return [] }
        for job in file.jobs {
            let jobOnFailure = ConditionKind.runsOnFailure(job.condition?.value)
            for step in job.steps where jobOnFailure || ConditionKind.runsOnFailure(step.condition?.value) {
                let capabilities = facts.capabilities(job: job, step: step)
                if ReleaseWorkflowDetector.isDeployStep(job, step, facts: facts) || capabilities.contains("rollback") {
                    return []
                }
            }
            if jobOnFailure, job.isReusableWorkflowCall { return [] }
        }
        let evidence = ReleaseWorkflowDetector.safeEvidence(match.evidence)
        return [
            context.finding(
                in: file,
                at: match.position,
                .missingRollback(job: firstJob.id.value, evidence: evidence, isCloudFormation: evidence.contains("cdk"))
            )
        ]
    }

    /// Deploy commands that restore the previous release on failure by themselves (`helm upgrade --atomic`,
    /// `helm upgrade --rollback-on-failure`).
    static func rollsBackItself(_ job: Job, _ step: Step, facts: FileFacts) -> Bool {
        facts.commands(job: job, step: step).contains { command in
            command.words.contains("--atomic") || command.words.contains("--rollback-on-failure")
        }
    }
}

extension String {
    fileprivate static func missingRollback(job: String, evidence: String, isCloudFormation: Bool) -> String {
        let caveat =
            isCloudFormation
            ? " (CloudFormation only undoes a stack update that fails, not a bad release that deployed)" : ""
        return "job '\(job)' deploys with `\(evidence)` but the workflow has no rollback path\(caveat); add a "
            + "step or job with `if: failure()` that redeploys the last good version or rolls back (e.g. "
            + "`helm rollback`), ideally triggered by a failed `slipway health-check`"
    }
}
