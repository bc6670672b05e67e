import SlipwayCore

/// Finds deploy jobs that no GitHub environment or approval step gates.
struct UnprotectedDeploymentRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "unprotected-deployment",
        name: "Unprotected Deployment",
        area: .enterprise,
        severity: .high,
        confidence: .medium,
        summary: "A deploy job runs without a GitHub `environment:` or approval gate.",
        rationale: """
            A job with `environment:` is subject to the environment's protection rules: required reviewers, wait \
            timers, allowed branches, and environment-scoped secrets. Without one, anyone who can push to a \
            triggering branch, or start the workflow, deploys straight to the target, and the cloud credentials \
            must be repository-wide. Auto-approving flags (`cdk deploy --require-approval never`, \
            `terraform apply -auto-approve`) remove the last human check, so they need the environment gate even \
            more. Add `environment: <name>` to the deploy job (or to a job it `needs`), configure reviewers for \
            production, or gate with `slipway gate`.
            """,
        fixBefore: """
            jobs:
              deploy:
                runs-on: ubuntu-latest
                steps:
                  - run: npx cdk deploy --context env=prod --require-approval never
            """,
        fixAfter: """
            jobs:
              deploy:
                runs-on: ubuntu-latest
                environment: prod
                steps:
                  - run: npx cdk deploy --context env=prod --require-approval never
            """,
        triggeringExamples: [
            RuleExample(
                """
                on:
                  workflow_call:
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - run: |
                          npx cdk synth
                          ↓npx cdk deploy --all --context env=prod --require-approval never
                """
            ),
            RuleExample(
                """
                on:
                  push:
                    branches: [main]
                jobs:
                  ↓infra:
                    runs-on: ubuntu-latest
                    steps:
                      - run: terraform init
                      - run: terraform apply tfplan
                """
            ),
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
                    steps:
                      - run: npx cdk deploy --context env=${{ inputs.environment }} --require-approval never
                """
            ),
            RuleExample(
                """
                on: workflow_dispatch
                jobs:
                  approve:
                    runs-on: ubuntu-latest
                    environment: prod
                    steps:
                      - run: echo "approved"
                  apply:
                    needs: approve
                    runs-on: ubuntu-latest
                    steps:
                      - run: terraform apply -auto-approve tfplan
                """
            ),
        ]
    )

    init(options: NoOptions) {}

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        guard ReleaseWorkflowDetector.isReleaseWorkflow(file, facts: context.facts) else { return [] }
        let facts = context.facts
        var findings: [Finding] = []
        for job in ReleaseWorkflowDetector.deployJobs(file, facts: facts) where !isGated(job, file: file, facts: facts)
        {
            var autoApproved: [(SourcePosition, String)] = []
            for step in job.steps where ReleaseWorkflowDetector.isDeployStep(job, step, facts: facts) {
                guard let run = step.run else { continue }
                for command in facts.commands(job: job, step: step) {
                    guard let flag = Self.autoApproveFlag(command) else { continue }
                    autoApproved.append((FileFacts.position(of: command, in: run, source: file.source), flag))
                }
            }
            if autoApproved.isEmpty {
                findings.append(context.finding(in: file, at: job.id.position, .ungated(job: job.id.value)))
            } else {
                for (position, flag) in autoApproved {
                    findings.append(
                        context.finding(in: file, at: position, .autoApproved(job: job.id.value, flag: flag))
                    )
                }
            }
        }
        return findings
    }

    /// Whether `job` or a job it needs has an `environment:` or an approval step.
    private func isGated(_ job: Job, file: WorkflowFile, facts: FileFacts) -> Bool {
        for candidate in [job] + ReleaseWorkflowDetector.ancestors(of: job, in: file) {
            if candidate.environment != nil { return true }
            if candidate.steps.contains(where: { facts.capabilities(job: candidate, step: $0).contains("approval") }) {
                return true
            }
        }
        return false
    }

    /// The auto-approving flag of a deploy command (`--require-approval never`, `-auto-approve`), if any.
    static func autoApproveFlag(_ command: ShellCommand) -> String? {
        let words = command.words
        switch command.name {
        case "cdk":
            for (index, word) in words.enumerated() {
                if word == "--require-approval=never" { return word }
                if word == "--require-approval", index + 1 < words.count, words[index + 1] == "never" {
                    return "--require-approval never"
                }
            }
        case "terraform", "tofu", "terragrunt":
            return words.first { $0 == "-auto-approve" || $0 == "--auto-approve" || $0 == "-auto-approve=true" }
        default:
            break
        }
        return nil
    }
}

extension String {
    fileprivate static func ungated(job: String) -> String {
        "deploy job '\(job)' has no `environment:`, so no protection rule (reviewers, branch policy, "
            + "environment-scoped secrets) gates it; add `environment: <name>` with required reviewers for "
            + "production, or gate it with `slipway gate`"
    }

    fileprivate static func autoApproved(job: String, flag: String) -> String {
        "deploy job '\(job)' auto-approves with `\(flag)` and has no `environment:` gate, so changes reach the "
            + "target with no human check; add `environment: <name>` with required reviewers to the job"
    }
}
