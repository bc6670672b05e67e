import SlipwayCore

/// Finds jobs on self-hosted runners in workflows that outsiders can trigger.
struct SelfHostedRunnerRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "self-hosted-runner",
        name: "Self-Hosted Runner",
        area: .security,
        severity: .high,
        confidence: .high,
        summary: "A job runs on a self-hosted runner in a workflow that outsiders can trigger.",
        rationale: """
            Self-hosted runners are usually persistent: a job from a fork's pull request, an issue comment or a \
            `workflow_run` chain can leave a backdoor on the machine, read credentials other jobs leave behind, \
            and reach the internal network the runner sits in. GitHub recommends never using self-hosted runners \
            for public repositories' untrusted events. Run these jobs on GitHub-hosted runners, or on ephemeral, \
            isolated runners (one job per VM, no network access to internal systems), and require approval for \
            workflows from fork pull requests.
            """,
        fixBefore: """
            on: pull_request
            jobs:
              test:
                runs-on: [self-hosted, linux]
            """,
        fixAfter: """
            on: pull_request
            jobs:
              test:
                runs-on: ubuntu-latest
            """,
        triggeringExamples: [
            RuleExample(
                """
                on:
                  pull_request:
                  push:
                jobs:
                  test:
                    runs-on: [↓self-hosted, linux, x64]
                    steps:
                      - run: make test
                """
            ),
            RuleExample(
                """
                on: issue_comment
                jobs:
                  bench:
                    runs-on: ↓self-hosted
                    steps:
                      - run: make bench
                  deploy:
                    runs-on:
                      group: ↓internal-runners
                    steps:
                      - run: make deploy
                """
            ),
            RuleExample(
                """
                on: pull_request_target
                jobs:
                  build:
                    strategy:
                      matrix:
                        runner: [ubuntu-latest, ↓self-hosted]
                    runs-on: ${{ matrix.runner }}
                    steps:
                      - run: make
                """
            ),
        ],
        nonTriggeringExamples: [
            RuleExample(
                """
                on:
                  push:
                    branches: [main]
                  workflow_dispatch:
                jobs:
                  release:
                    runs-on: [self-hosted, linux]
                    steps:
                      - run: make release
                """
            ),
            RuleExample(
                """
                on: pull_request
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - run: make test
                """
            ),
        ]
    )

    /// Events that people outside the repository can cause.
    static let publicEvents: [String] = [
        "pull_request", "pull_request_target", "pull_request_review", "pull_request_review_comment",
        "issue_comment", "issues", "discussion", "discussion_comment", "fork", "watch", "workflow_run",
    ]

    init(options: NoOptions) {}

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        guard let workflow = file.workflow,
            let event = Self.publicEvents.first(where: { workflow.isTriggered(by: $0) })
        else { return [] }
        var findings: [Finding] = []
        for job in workflow.jobs where !job.isReusableWorkflowCall {
            guard let runsOn = job.runsOn else { continue }
            for (position, label) in Self.selfHostedPositions(runsOn: runsOn, job: job) {
                findings.append(
                    context.finding(in: file, at: position, .selfHosted(job: job.id.value, label: label, event: event))
                )
            }
        }
        return findings
    }

    /// Where `runs-on` asks for a self-hosted runner: the `self-hosted` label, a runner group, or a matrix value
    /// holding either.
    static func selfHostedPositions(runsOn: YAMLNode, job: Job) -> [(SourcePosition, String)] {
        switch runsOn {
        case .scalar(let scalar):
            if isSelfHostedLabel(scalar.value) { return [(scalar.position, scalar.value)] }
            return matrixPositions(expression: scalar.value, job: job)
        case .sequence(let sequence):
            if let label = sequence.items.compactMap(\.scalar).first(where: { isSelfHostedLabel($0.value) }) {
                return [(label.position, label.value)]
            }
            return sequence.items.compactMap(\.scalar).flatMap { matrixPositions(expression: $0.value, job: job) }
        case .mapping(let mapping):
            let labels: [YAMLScalar]
            switch mapping["labels"] {
            case .scalar(let scalar): labels = [scalar]
            case .sequence(let sequence): labels = sequence.items.compactMap(\.scalar)
            default: labels = []
            }
            if let label = labels.first(where: { isSelfHostedLabel($0.value) }) {
                return [(label.position, label.value)]
            }
            if let group = mapping["group"]?.scalar, !group.isNull, !group.value.containsBytes("${{") {
                return [(group.position, "group \(group.value)")]
            }
            return []
        }
    }

    private static func isSelfHostedLabel(_ value: String) -> Bool {
        value.trimmingWhitespace().lowercased() == "self-hosted"
    }

    /// For `runs-on: ${{ matrix.key }}`, the `self-hosted` labels among the matrix values.
    private static func matrixPositions(expression: String, job: Job) -> [(SourcePosition, String)] {
        var result: [(SourcePosition, String)] = []
        for value in SupplyChainSupport.matrixValues(of: expression, in: job) ?? [] {
            switch value {
            case .scalar(let scalar) where isSelfHostedLabel(scalar.value):
                result.append((scalar.position, scalar.value))
            case .sequence(let sequence):
                if let label = sequence.items.compactMap(\.scalar).first(where: { isSelfHostedLabel($0.value) }) {
                    result.append((label.position, label.value))
                }
            default:
                break
            }
        }
        return result
    }
}

extension String {
    fileprivate static func selfHosted(job: String, label: String, event: String) -> String {
        "job '\(job)' runs on a self-hosted runner (`\(label)`) in a workflow triggered by `\(event)`, which "
            + "outsiders can cause; use a GitHub-hosted runner or an ephemeral, isolated one for untrusted events"
    }
}
