import SlipwayCore

/// Finds `pull_request_target` and `workflow_run` workflows that check out (and run) a pull request's code.
struct DangerousTriggerRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "dangerous-trigger",
        name: "Dangerous Trigger",
        area: .security,
        severity: .high,
        confidence: .high,
        summary: """
            A `pull_request_target` or `workflow_run` workflow checks out untrusted pull request code, which then \
            runs with a write token and the repository's secrets.
            """,
        rationale: """
            `pull_request_target` and `workflow_run` run in the context of the base repository: the token can write \
            and secrets are available, even for pull requests from forks. Checking out the pull request's head \
            (`ref: ${{ github.event.pull_request.head.sha }}`, `github.head_ref`, `refs/pull/N/merge`, the \
            `workflow_run` head) and then building, testing or installing it lets anyone who opens a pull request \
            run code with those privileges ("pwn request").

            Use `pull_request` for anything that runs the contributor's code; keep `pull_request_target` for jobs \
            that only label or comment, and pass data from an unprivileged `pull_request` run to a privileged \
            `workflow_run` one as an artifact that is treated as data, never executed. A workflow that uses these \
            triggers without such a checkout is reported with low confidence so it gets a review.
            """,
        fixBefore: """
            on: pull_request_target
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                    with:
                      ref: ${{ github.event.pull_request.head.sha }}
                  - run: npm test
            """,
        fixAfter: """
            on: pull_request
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - run: npm test
            """,
        triggeringExamples: [
            RuleExample(
                """
                on: pull_request_target
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                        with:
                          ref: ↓${{ github.event.pull_request.head.sha }}
                      - run: npm ci && npm test
                """
            ),
            RuleExample(
                """
                on:
                  workflow_run:
                    workflows: [CI]
                    types: [completed]
                jobs:
                  report:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                        with:
                          ref: ↓refs/pull/${{ github.event.workflow_run.pull_requests[0].number }}/merge
                      - run: ↓gh pr checkout ${{ github.event.workflow_run.pull_requests[0].number }}
                """
            ),
            RuleExample(
                """
                on:
                  ↓pull_request_target:
                    types: [opened]
                jobs:
                  comment:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/github-script@v7
                        with:
                          script: console.log("thanks")
                """
            ),
        ],
        nonTriggeringExamples: [
            RuleExample(
                """
                on: pull_request
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                        with:
                          ref: ${{ github.event.pull_request.head.sha }}
                      - run: npm test
                """
            ),
            RuleExample(
                """
                on: pull_request_target
                jobs:
                  label:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/labeler@v5
                """
            ),
        ]
    )

    init(options: NoOptions) {}

    /// Events that run with the base repository's privileges while reacting to outsiders' pull requests.
    static let privilegedEvents: Set<String> = ["pull_request_target", "workflow_run"]

    /// Context paths that name the pull request's (untrusted) head or merge commit.
    static let untrustedRefPrefixes = [
        "github.event.pull_request.head.", "github.head_ref", "github.event.pull_request.merge_commit_sha",
        "github.event.workflow_run.head_", "github.event.workflow_run.pull_requests",
        "github.event.workflow_run.head_repository",
    ]

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        guard let workflow = file.workflow else { return [] }
        let triggers = workflow.triggers.filter { Self.privilegedEvents.contains($0.event) }
        guard !triggers.isEmpty else { return [] }
        let events = triggers.map(\.event).joined(separator: "/")
        var findings: [Finding] = []
        for job in workflow.jobs {
            for step in job.steps {
                if step.actionName == "actions/checkout" {
                    for input in ["ref", "repository"] {
                        guard let scalar = step.input(input), Self.namesUntrustedCode(scalar.value) else { continue }
                        let runs = Self.runsCode(after: step, in: job)
                        if Self.isSameRepositoryOnly(job: job, step: step, source: file.source) {
                            var finding = context.finding(
                                in: file,
                                at: scalar.position,
                                .guardedCheckout(job: job.id.value, events: events),
                                severity: .medium
                            )
                            finding.confidence = .low
                            findings.append(finding)
                        } else {
                            findings.append(
                                context.finding(
                                    in: file,
                                    at: scalar.position,
                                    .checkout(job: job.id.value, events: events, runs: runs),
                                    severity: runs ? .critical : nil
                                )
                            )
                        }
                        break
                    }
                }
                if let run = step.run {
                    let lines = run.value.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    for command in context.facts.commands(job: job, step: step)
                    where Self.checksOutPullRequest(
                        command,
                        line: command.line < lines.count ? lines[command.line] : ""
                    ) {
                        findings.append(
                            context.finding(
                                in: file,
                                at: FileFacts.position(of: command, in: run, source: file.source),
                                .commandCheckout(job: job.id.value, events: events),
                                severity: .critical
                            )
                        )
                    }
                }
            }
        }
        guard findings.isEmpty, !Self.isLabelerOnly(workflow) else { return findings }
        for trigger in triggers {
            var finding = context.finding(
                in: file,
                at: trigger.position,
                .trigger(trigger.event),
                severity: .medium
            )
            finding.confidence = .low
            findings.append(finding)
        }
        return findings
    }

    /// Whether a checkout input names the pull request's head, its merge ref or the fork repository.
    static func namesUntrustedCode(_ value: String) -> Bool {
        if value.containsBytes("${{"), value.contains("refs/pull/") { return true }
        for span in ExpressionScanner.spans(in: value) {
            guard let expression = try? ExpressionParser.parse(span.inner) else { continue }
            for path in expression.referencedPaths where untrustedRefPrefixes.contains(where: path.hasPrefix) {
                return true
            }
        }
        return false
    }

    /// Whether a `run:` command fetches or checks out a pull request (`gh pr checkout`, `git fetch … pull/…`).
    ///
    /// `line` is the script line the command starts on; the arguments are read from it because the tokenizer splits
    /// `${{ … }}` apart.
    static func checksOutPullRequest(_ command: ShellCommand, line: String) -> Bool {
        let words = command.words
        if words.count >= 4, command.name == "gh", words[1] == "pr", words[2] == "checkout" { return true }
        if command.name == "git", words.count >= 3, ["fetch", "checkout", "switch", "pull"].contains(words[1]) {
            return line.contains("pull/") && line.contains("$") || namesUntrustedCode(line)
        }
        return false
    }

    /// Whether a later step of the job executes code from the workspace (a script or a local action).
    static func runsCode(after checkout: Step, in job: Job) -> Bool {
        job.steps.contains { step in
            guard step.index > checkout.index else { return false }
            if step.run != nil { return true }
            if case .local = step.usesReference { return true }
            return false
        }
    }

    /// Whether the job's or step's `if:` requires (as a top-level `&&` operand) that the pull request comes from
    /// the repository itself, whose authors can push anyway.
    static func isSameRepositoryOnly(job: Job, step: Step, source: SourceText) -> Bool {
        let heads: Set<String> = [
            "github.event.pull_request.head.repo.full_name", "github.event.workflow_run.head_repository.full_name",
        ]
        let bases: Set<String> = ["github.repository", "github.event.pull_request.base.repo.full_name"]
        let forks: Set<String> = [
            "github.event.pull_request.head.repo.fork", "github.event.workflow_run.head_repository.fork",
        ]
        func conjuncts(_ expression: Expression) -> [Expression] {
            if case .binary(.and, let lhs, let rhs) = expression { return conjuncts(lhs) + conjuncts(rhs) }
            return [expression]
        }
        func isGuard(_ expression: Expression) -> Bool {
            switch expression {
            case .binary(.equal, let lhs, let rhs):
                let paths = [lhs.contextPath, rhs.contextPath].compactMap(\.self)
                if paths.count == 2 {
                    return heads.contains(paths[0]) && bases.contains(paths[1])
                        || heads.contains(paths[1]) && bases.contains(paths[0])
                }
                if let path = paths.first, forks.contains(path) {
                    return lhs == .boolean(false) || rhs == .boolean(false)
                }
                return false
            case .not(let inner):
                return inner.contextPath.map(forks.contains) ?? false
            default:
                return false
            }
        }
        for node in [job.node, step.node] {
            guard let scalar = node["if"]?.scalar, !scalar.isNull else { continue }
            for (expression, _) in InjectionRuleSupport.expressions(in: scalar, source: source)
            where conjuncts(expression).contains(where: isGuard) {
                return true
            }
        }
        return false
    }

    /// zizmor's exception: a single job that only runs `actions/labeler`, the trigger's intended use.
    static func isLabelerOnly(_ workflow: Workflow) -> Bool {
        guard workflow.jobs.count == 1, let job = workflow.jobs.first, job.steps.count == 1 else { return false }
        return job.steps.first?.actionName == "actions/labeler"
    }
}

extension String {
    fileprivate static func checkout(job: String, events: String, runs: Bool) -> String {
        "job '\(job)' checks out the pull request's code in a `\(events)` workflow, which has a write token and "
            + "secrets\(runs ? ", and then runs it" : ""); use a `pull_request` workflow for untrusted code"
    }

    fileprivate static func guardedCheckout(job: String, events: String) -> String {
        "job '\(job)' checks out the pull request's code in a `\(events)` workflow, guarded to same-repository pull "
            + "requests; keep the guard, or move the job to a `pull_request` workflow"
    }

    fileprivate static func commandCheckout(job: String, events: String) -> String {
        "job '\(job)' fetches the pull request's code in a `\(events)` workflow, which has a write token and "
            + "secrets; use a `pull_request` workflow for untrusted code"
    }

    fileprivate static func trigger(_ event: String) -> String {
        "`\(event)` runs with a write token and secrets for outsiders' pull requests; make sure no job checks out "
            + "or runs their code, or use `pull_request` instead"
    }
}
