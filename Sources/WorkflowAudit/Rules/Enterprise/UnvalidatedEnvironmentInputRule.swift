import SlipwayCore

/// Finds free-form workflow inputs that choose where a deploy goes without being checked against allowed values.
struct UnvalidatedEnvironmentInputRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "unvalidated-environment-input",
        name: "Unvalidated Environment Input",
        area: .enterprise,
        severity: .medium,
        confidence: .medium,
        summary:
            "A free-form `workflow_dispatch`/`workflow_call` input picks the deploy target and is never validated.",
        rationale: """
            When the target environment, account or region is a free string, a typo (`prd`, `Prod`) deploys to a \
            stack nobody expects, and `environment: ${{ inputs.environment }}` with an unknown name silently \
            creates a new, unprotected GitHub environment, bypassing the reviewers configured for `prod`. Use \
            `type: choice` (or `type: environment`) for `workflow_dispatch`; `workflow_call` has no choice type, so \
            fail fast in the first step: `case "$ENVIRONMENT" in dev|staging|prod) ;; *) exit 1 ;; esac`, or a job \
            `if: contains(fromJSON('["dev","staging","prod"]'), inputs.environment)`.
            """,
        fixBefore: """
            on:
              workflow_call:
                inputs:
                  environment:
                    type: string
            """,
        fixAfter: """
            on:
              workflow_call:
                inputs:
                  environment:
                    type: string
            jobs:
              deploy:
                if: contains(fromJSON('["dev","staging","prod"]'), inputs.environment)
                environment: ${{ inputs.environment }}
            """,
        triggeringExamples: [
            RuleExample(
                """
                on:
                  workflow_call:
                    inputs:
                      ↓environment:
                        type: string
                        required: true
                      ↓dev-account:
                        type: string
                        required: true
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    environment: ${{ inputs.environment }}
                    steps:
                      - run: >
                          npx cdk deploy --context env=${{ inputs.environment }}
                          --context dev-account=${{ inputs.dev-account }}
                """
            ),
            RuleExample(
                """
                on:
                  workflow_dispatch:
                    inputs:
                      ↓stage:
                        description: Where to deploy
                        required: true
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    environment: prod
                    steps:
                      - run: npx cdk deploy --context stage=${{ github.event.inputs.stage }}
                """
            ),
        ],
        nonTriggeringExamples: [
            RuleExample(
                """
                on:
                  workflow_dispatch:
                    inputs:
                      environment:
                        type: choice
                        options: [dev, staging, prod]
                  workflow_call:
                    inputs:
                      region:
                        type: string
                        default: eu-west-1
                jobs:
                  validate:
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          case "$REGION" in
                            eu-west-1|us-east-1) ;;
                            *) echo "unknown region $REGION"; exit 1 ;;
                          esac
                        env:
                          REGION: ${{ inputs.region }}
                  deploy:
                    needs: validate
                    runs-on: ubuntu-latest
                    environment: ${{ inputs.environment }}
                    steps:
                      - run: npx cdk deploy --context env=${{ inputs.environment }} --context region=${{ inputs.region }}
                """
            ),
            RuleExample(
                """
                on:
                  workflow_call:
                    inputs:
                      environment:
                        type: string
                jobs:
                  deploy:
                    if: contains(fromJSON('["dev","staging","prod"]'), inputs.environment)
                    runs-on: ubuntu-latest
                    environment: ${{ inputs.environment }}
                    steps:
                      - run: npx cdk deploy --context env=${{ inputs.environment }}
                """
            ),
        ]
    )

    init(options: NoOptions) {}

    /// Name fragments of inputs that choose a deploy target.
    static let targetWords = ["env", "stage", "target", "account", "region"]

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        guard ReleaseWorkflowDetector.isReleaseWorkflow(file, facts: context.facts) else { return [] }
        guard let workflow = file.workflow else { return [] }
        let facts = context.facts
        let deploySteps = ReleaseWorkflowDetector.deploySteps(file, facts: facts)
        let deployJobs = ReleaseWorkflowDetector.deployJobs(file, facts: facts)
        let deploys = !deploySteps.isEmpty || ReleasePipeline(file, context: context).provides("deploy")
        guard deploys else { return [] }
        var reported: Set<String> = []
        var findings: [Finding] = []
        for input in workflow.inputs {
            let name = input.name.value
            let lowered = name.lowercased()
            guard !reported.contains(lowered), input.type == nil || input.type == "string" else { continue }
            let namedLikeTarget = Self.targetWords.contains(where: lowered.contains)
            let usedForTarget =
                deployJobs.contains { job in
                    references(job.environment?.value, input: lowered)
                }
                || deploySteps.contains { _, step in
                    selectsTarget(step.run, input: lowered, source: file.source)
                }
            guard namedLikeTarget || usedForTarget,
                !isValidated(lowered, in: file, facts: facts)
            else { continue }
            reported.insert(lowered)
            findings.append(
                context.finding(
                    in: file,
                    at: input.name.position,
                    .unvalidated(input: name, usedForTarget: usedForTarget)
                )
            )
        }
        return findings
    }

    /// Whether `node` has an expression that reads `inputs.<input>` or `github.event.inputs.<input>`.
    private func references(_ node: YAMLNode?, input: String) -> Bool {
        guard let node else { return false }
        var found = false
        node.forEachScalar { scalar in
            guard !found else { return }
            found = Self.paths(in: scalar.value).contains { Self.isInput($0, input) }
        }
        return found
    }

    /// Option and key names that select where a deploy goes, looked for just before an expression.
    static let targetOptionWords = targetWords + ["profile", "workspace", "cluster", "namespace"]

    /// Whether a deploy script passes the input as a target option (`--context env=${{ inputs.x }}`,
    /// `--stage ${{ inputs.x }}`, `--profile ${{ inputs.x }}`), judged from the text just before the expression.
    private func selectsTarget(_ run: YAMLScalar?, input: String, source: SourceText) -> Bool {
        guard let run else { return false }
        for occurrence in ExpressionScanner.occurrences(in: run, source: source)
        where occurrence.expression?.referencedPaths.contains(where: { Self.isInput($0, input) }) == true {
            let line = Array(source.line(occurrence.position.line))
            let end = min(line.count, max(0, occurrence.position.column - 1))
            let before = String(line[max(0, end - 24)..<end]).lowercased()
            if Self.targetOptionWords.contains(where: before.contains) { return true }
        }
        return false
    }

    static func isInput(_ path: String, _ input: String) -> Bool {
        path == "inputs.\(input)" || path == "github.event.inputs.\(input)"
    }

    static func paths(in text: String) -> [String] {
        ExpressionScanner.spans(in: text).flatMap { span -> [String] in
            (try? ExpressionParser.parse(span.inner))?.referencedPaths ?? []
        }
    }

    /// Whether a job or step compares the input against allowed values.
    ///
    /// That is an `if:` comparison, a `run:` script test (directly or through an `env:` variable), or a
    /// `slipway env`/`slipway gate` step that mentions it. Other
    /// environment-validation steps (`terraform plan`, `cdk diff`) show what changes, not that the target is
    /// an allowed one, so they do not count.
    private func isValidated(_ input: String, in file: WorkflowFile, facts: FileFacts) -> Bool {
        for job in file.jobs {
            if let condition = job.condition?.value, Self.compares(condition, input: input) { return true }
            for step in job.steps {
                if let condition = step.condition?.value, Self.compares(condition, input: input) { return true }
                if let match = ReleaseWorkflowDetector.match(
                    of: "environment-validation",
                    job: job,
                    step: step,
                    facts: facts
                ), match.evidence.hasPrefix("slipway"), references(.mapping(step.node), input: input) {
                    return true
                }
                guard let script = step.run?.value else { continue }
                var names = ["inputs.\(input)"]
                for env in [step.env, job.env, file.workflow?.env].compactMap(\.self) {
                    for entry in env.entries where references(entry.value, input: input) {
                        names.append(entry.key.value)
                    }
                }
                let mentions = names.contains { script.lowercased().contains($0.lowercased()) }
                if mentions, Self.scriptCompares(script) { return true }
            }
        }
        return false
    }

    /// Whether an `if:` expression compares the input: `==`/`!=` or `contains(…)`.
    static func compares(_ condition: String, input: String) -> Bool {
        let text = condition.containsBytes("${{") ? condition : "${{ \(condition) }}"
        for span in ExpressionScanner.spans(in: text) {
            guard let expression = try? ExpressionParser.parse(span.inner) else { continue }
            if comparesInExpression(expression, input: input) { return true }
        }
        return false
    }

    private static func comparesInExpression(_ expression: Expression, input: String) -> Bool {
        switch expression {
        case .binary(let op, let lhs, let rhs):
            if op == .equal || op == .notEqual,
                (lhs.referencedPaths + rhs.referencedPaths).contains(where: { isInput($0, input) })
            {
                return true
            }
            return comparesInExpression(lhs, input: input) || comparesInExpression(rhs, input: input)
        case .call(let name, let arguments):
            if name == "contains", arguments.count == 2,
                arguments[1].referencedPaths.contains(where: { isInput($0, input) })
            {
                return true
            }
            return arguments.contains { comparesInExpression($0, input: input) }
        case .not(let inner):
            return comparesInExpression(inner, input: input)
        default:
            return false
        }
    }

    /// Whether a script checks a value against a list: `case … in`, `[[ … =~ … ]]`, `==`/`!=` tests or `grep -x`.
    static func scriptCompares(_ script: String) -> Bool {
        let words = script.split { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == ";" }.map(String.init)
        if words.contains("case"), words.contains("esac") { return true }
        return words.contains("=~") || words.contains("==") || words.contains("!=")
            || (words.contains("grep") && (words.contains("-x") || words.contains("-qx") || words.contains("-Fxq")))
    }
}

extension String {
    fileprivate static func unvalidated(input: String, usedForTarget: Bool) -> String {
        let role = usedForTarget ? "chooses the deploy target" : "looks like it chooses the deploy target"
        return "input '\(input)' \(role) but is a free-form string that nothing validates; use `type: choice` "
            + "(workflow_dispatch) or fail fast on unknown values (`case … esac`, or "
            + "`if: contains(fromJSON('[\"dev\",\"staging\",\"prod\"]'), inputs.\(input))`)"
    }
}
