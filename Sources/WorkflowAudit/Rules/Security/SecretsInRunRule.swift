import SlipwayCore

/// Finds secrets expanded with `${{ }}` directly into `run:` scripts.
struct SecretsInRunRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "secrets-in-run",
        name: "Secrets In Run",
        area: .security,
        severity: .medium,
        confidence: .high,
        summary: "A secret or `github.token` is expanded with `${{ }}` directly into a `run:` script.",
        rationale: """
            GitHub substitutes `${{ secrets.X }}` into the script text before the shell starts, so the secret is \
            written to the script file on the runner's disk, shows up in `set -x` traces and process listings, and \
            can break the script's quoting (or be split by it) when it contains special characters. Map the secret \
            to an environment variable with `env:` and reference `"$VARIABLE"` in the script: the value then never \
            becomes part of the script text.
            """,
        fixBefore: """
            - run: npm publish --token ${{ secrets.NPM_TOKEN }}
            """,
        fixAfter: """
            - run: npm publish --token "$NPM_TOKEN"
              env:
                NPM_TOKEN: ${{ secrets.NPM_TOKEN }}
            """,
        triggeringExamples: [
            RuleExample(
                """
                on: push
                jobs:
                  publish:
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          echo "//registry.npmjs.org/:_authToken=↓${{ secrets.NPM_TOKEN }}" > .npmrc
                          gh release create v1 --repo x/y
                      - run: git clone https://x-access-token:↓${{ github.token }}@github.com/o/r.git
                """
            )
        ],
        nonTriggeringExamples: [
            RuleExample(
                """
                on: push
                jobs:
                  publish:
                    runs-on: ubuntu-latest
                    steps:
                      - run: npm publish
                        env:
                          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}
                      - run: echo "${{ secrets.NPM_TOKEN != '' }}"
                      - uses: some/action@v1
                        with:
                          token: ${{ secrets.NPM_TOKEN }}
                """
            )
        ]
    )

    init(options: NoOptions) {}

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for (_, step) in file.allSteps {
            guard let run = step.run else { continue }
            for occurrence in file.expressions(in: run) {
                guard let path = occurrence.valuePaths.first(where: { ContextClassifier.origin(of: $0) == .secret })
                else { continue }
                findings.append(context.finding(in: file, at: occurrence.position, .expanded(path, step: step.label)))
            }
        }
        return findings
    }
}

extension String {
    fileprivate static func expanded(_ path: String, step: String) -> String {
        "`\(path)` is expanded into the script of step '\(step)', so it is written to disk and can appear in "
            + "traces; map it to a variable under `env:` and use \"$VARIABLE\" in the script"
    }
}
