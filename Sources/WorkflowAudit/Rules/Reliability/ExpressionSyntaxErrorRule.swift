import SlipwayCore

/// Finds `${{ … }}` expressions that GitHub will reject: syntax errors, unknown functions or contexts.
struct ExpressionSyntaxErrorRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "expression-syntax-error",
        name: "Expression Syntax Error",
        area: .reliability,
        severity: .high,
        confidence: .high,
        summary: "An expression does not parse, calls an unknown function or reads an unknown context.",
        rationale: """
            GitHub evaluates `${{ … }}` expressions only when the workflow runs, so a typo — a missing quote, `=` \
            for `==`, `github.event_nam`, `startWith(…)`, `secret.TOKEN` — is not caught by YAML validation: the \
            workflow fails to start or the job fails when it reaches the expression, often only on the release \
            path that rarely runs. Fix the expression; see GitHub's expression syntax reference for the \
            operators, functions and contexts that exist.
            """,
        fixBefore: """
            if: ${{ github.ref = 'refs/heads/main' }}
            """,
        fixAfter: """
            if: ${{ github.ref == 'refs/heads/main' }}
            """,
        triggeringExamples: [
            RuleExample(
                """
                on: push
                jobs:
                  deploy:
                    if: ↓${{ github.ref = 'refs/heads/main' }}
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "↓${{ startWith(github.ref, 'refs/tags/') }}"
                      - run: ./deploy.sh
                        env:
                          TOKEN: ↓${{ secret.DEPLOY_TOKEN }}
                      - if: ↓github.event_name == 'push' && (
                        run: echo "unbalanced"
                """
            )
        ],
        nonTriggeringExamples: [
            RuleExample(
                """
                on:
                  workflow_dispatch:
                    inputs:
                      target:
                        description: Where to deploy, e.g. ${{ this is documentation }}
                jobs:
                  deploy:
                    if: github.ref == 'refs/heads/main' && !cancelled()
                    runs-on: ${{ fromJSON('["ubuntu-latest"]')[0] }}
                    steps:
                      - run: echo "${{ format('{0}-{1}', github.ref_name, matrix.os || 'none') }}"
                      - run: echo "${{ hashFiles('**/package-lock.json') }} ${{ steps.build.outputs.tag }}"
                      - if: ${{ contains(github.event.pull_request.labels.*.name, 'deploy') }}
                        run: echo "${{ inputs.target }} ${{ vars.REGION }} ${{ job.status }} ${{ runner.os }}"
                """
            )
        ]
    )

    /// Context names, lowercased.
    static let contexts: Set<String> = [
        "github", "env", "vars", "job", "jobs", "steps", "runner", "secrets", "strategy", "matrix", "needs", "inputs",
    ]

    /// Function names (lowercased) with their allowed argument counts.
    static let functions: [String: ClosedRange<Int>] = [
        "contains": 2...2, "startswith": 2...2, "endswith": 2...2, "format": 1...Int.max, "join": 1...2,
        "tojson": 1...1, "fromjson": 1...1, "hashfiles": 1...Int.max, "success": 0...0, "always": 0...0,
        "cancelled": 0...0, "failure": 0...0, "case": 3...Int.max,
    ]

    init(options: NoOptions) {}

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        // Scalar values GitHub evaluates (not mapping keys, not `description:` texts) that hold `${{`.
        for scalar in file.evaluatedExpressionScalars {
            for occurrence in file.expressions(in: scalar) {
                guard
                    let problem = Self.problem(
                        text: occurrence.text,
                        expression: occurrence.expression,
                        error: occurrence.syntaxError
                    )
                else { continue }
                findings.append(
                    context.finding(in: file, at: occurrence.position, .invalid(occurrence.rawText, problem: problem))
                )
            }
        }
        var conditions: [Located<String>] = file.jobs.compactMap(\.condition)
        conditions += file.allSteps.compactMap(\.step.condition)
        for condition in conditions where !condition.value.containsBytes("${{") {
            let text = condition.value.trimmingWhitespace()
            guard !text.isEmpty else { continue }
            var expression: Expression?
            var syntaxError: ExpressionSyntaxError?
            do {
                expression = try ExpressionParser.parse(text)
            } catch {
                syntaxError = error
            }
            guard let problem = Self.problem(text: text, expression: expression, error: syntaxError) else { continue }
            findings.append(
                context.finding(in: file, at: condition.position, .invalid("if: \(text)", problem: problem))
            )
        }
        return findings.sorted { $0.location < $1.location }
    }

    /// What is wrong with an expression, if anything.
    static func problem(text: String, expression: Expression?, error: ExpressionSyntaxError?) -> String? {
        if let error { return "\(error.message) at offset \(error.offset)" }
        guard let expression else { return nil }
        return problem(in: expression)
    }

    private static func problem(in expression: Expression) -> String? {
        switch expression {
        case .null, .boolean, .number, .string:
            return nil
        case .context(let name):
            guard contexts.contains(name.lowercased()) else {
                let known = contexts.sorted().joined(separator: ", ")
                return "unknown context `\(name)` (known: \(known))"
            }
            return nil
        case .property(let base, _), .wildcard(let base), .not(let base):
            return problem(in: base)
        case .index(let base, let index):
            return problem(in: base) ?? problem(in: index)
        case .call(let name, let arguments):
            guard let arity = functions[name] else { return "unknown function `\(name)`" }
            guard arity.contains(arguments.count) else {
                return "`\(name)` takes \(arityText(arity)) but is given \(arguments.count)"
            }
            if name == "case", arguments.count % 2 == 0 {
                return "`case` takes condition/value pairs and a default, so an odd number of arguments"
            }
            return arguments.lazy.compactMap(problem(in:)).first
        case .binary(_, let lhs, let rhs):
            return problem(in: lhs) ?? problem(in: rhs)
        }
    }

    private static func arityText(_ arity: ClosedRange<Int>) -> String {
        if arity.upperBound == Int.max { return "at least \(arity.lowerBound) argument(s)" }
        if arity.lowerBound == arity.upperBound { return "\(arity.lowerBound) argument(s)" }
        return "\(arity.lowerBound) to \(arity.upperBound) arguments"
    }
}

extension String {
    fileprivate static func invalid(_ raw: String, problem: String) -> String {
        "`\(raw)` is not a valid expression: \(problem); GitHub rejects it when the workflow runs"
    }
}
