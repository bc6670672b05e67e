import SlipwayCore

/// Finds deploy jobs that two runs can execute at once against the same environment.
struct MissingConcurrencyRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "missing-concurrency",
        name: "Missing Concurrency",
        area: .enterprise,
        severity: .medium,
        confidence: .medium,
        summary: "A deploy job has no `concurrency:` group, so two deploys to one environment can overlap.",
        rationale: """
            Two pushes in quick succession start two runs; without `concurrency:` both deploy at once. The older \
            run can finish last and leave the environment on the older version, and parallel CloudFormation or \
            Terraform updates of one stack fail or corrupt state. Set a concurrency group per environment \
            (`concurrency: deploy-${{ inputs.environment }}`) on the deploy job or the workflow, usually with \
            `cancel-in-progress: false` so a running deploy is never killed halfway.
            """,
        fixBefore: """
            jobs:
              deploy:
                environment: prod
            """,
        fixAfter: """
            jobs:
              deploy:
                environment: prod
                concurrency:
                  group: deploy-prod
                  cancel-in-progress: false
            """,
        triggeringExamples: [
            RuleExample(
                """
                on:
                  workflow_call:
                jobs:
                  ↓deploy:
                    runs-on: ubuntu-latest
                    environment: prod
                    steps:
                      - run: npx cdk deploy --context env=prod
                """
            )
        ],
        nonTriggeringExamples: [
            RuleExample(
                """
                on:
                  workflow_call:
                    inputs:
                      environment:
                        type: string
                        required: true
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    environment: ${{ inputs.environment }}
                    concurrency:
                      group: deploy-${{ inputs.environment }}
                      cancel-in-progress: false
                    steps:
                      - run: npx cdk deploy --context env=${{ inputs.environment }}
                """
            ),
            RuleExample(
                """
                on: workflow_dispatch
                concurrency: terraform-prod
                jobs:
                  apply:
                    runs-on: ubuntu-latest
                    environment: prod
                    steps:
                      - run: terraform apply -auto-approve tfplan
                """
            ),
        ]
    )

    init(options: NoOptions) {}

    /// What distinguishes the job's target in a suggested group: its environment, else an environment-like input.
    static func groupSuffix(_ job: Job, file: WorkflowFile) -> String? {
        if let environment = job.environmentName?.value { return environment }
        let input = file.workflow?.inputs.first { input in
            let name = input.name.value.lowercased()
            return name.contains("env") || name.contains("stage")
        }
        return input.map { "${{ inputs.\($0.name.value) }}" }
    }

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        guard ReleaseWorkflowDetector.isReleaseWorkflow(file, facts: context.facts) else { return [] }
        guard file.workflow?.concurrency == nil else { return [] }
        return ReleaseWorkflowDetector.deployJobs(file, facts: context.facts)
            .filter { $0.concurrency == nil }
            .map { job in
                context.finding(
                    in: file,
                    at: job.id.position,
                    .missingConcurrency(job: job.id.value, environment: Self.groupSuffix(job, file: file))
                )
            }
    }
}

extension String {
    fileprivate static func missingConcurrency(job: String, environment: String?) -> String {
        let group = environment.map { "deploy-\($0)" } ?? "deploy-<environment>"
        return "deploy job '\(job)' has no `concurrency:`, so two runs can deploy to the same environment at once; "
            + "add `concurrency: { group: \(group), cancel-in-progress: false }` to the job or the workflow"
    }
}
