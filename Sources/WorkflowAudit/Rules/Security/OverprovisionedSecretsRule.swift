import SlipwayCore

/// Finds expressions that expose the whole `secrets` context (`toJSON(secrets)`, `secrets[dynamic]`).
struct OverprovisionedSecretsRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "overprovisioned-secrets",
        name: "Overprovisioned Secrets",
        area: .security,
        severity: .high,
        confidence: .high,
        summary: "An expression hands the whole `secrets` context to the runner (`toJSON(secrets)`, `secrets[…]`).",
        rationale: """
            GitHub only sends the runner the secrets a job references by name. `toJSON(secrets)` and an index \
            computed at run time (`secrets[format('{0}_TOKEN', matrix.env)]`) make it send every secret the \
            repository, environment and organisation provide, so any step of the job, or a leak of its logs or \
            environment, exposes all of them. Reference each secret by name, e.g. with a `matrix` of explicit \
            `${{ secrets.STAGING_TOKEN }}` values or per-environment secrets with the same name.
            """,
        fixBefore: """
            env:
              ALL_SECRETS: ${{ toJSON(secrets) }}
            """,
        fixAfter: """
            env:
              DEPLOY_TOKEN: ${{ secrets.DEPLOY_TOKEN }}
            """,
        triggeringExamples: [
            RuleExample(
                """
                on: push
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    env:
                      ALL: ↓${{ toJSON(secrets) }}
                      TOKEN: ↓${{ secrets[format('{0}_TOKEN', matrix.env)] }}
                    steps:
                      - run: ./deploy.sh
                """
            )
        ],
        nonTriggeringExamples: [
            RuleExample(
                """
                on: push
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    env:
                      TOKEN: ${{ secrets['DEPLOY_TOKEN'] }}
                      JSON: ${{ toJSON(secrets.DEPLOY_TOKEN) }}
                    steps:
                      - run: ./deploy.sh
                """
            )
        ]
    )

    init(options: NoOptions) {}

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for scalar in file.expressionScalars {
            for occurrence in file.expressions(in: scalar) {
                guard let expression = occurrence.expression else { continue }
                for expansion in Self.expansions(in: expression) {
                    findings.append(context.finding(in: file, at: occurrence.position, .overprovisioned(expansion)))
                }
            }
        }
        return findings
    }

    /// Descriptions of each whole-context use of `secrets` in `expression`.
    static func expansions(in expression: Expression) -> [String] {
        var result: [String] = []
        expression.visitSubexpressions { node in
            switch node {
            case .call("tojson", let arguments) where arguments.contains(where: \.isSecretsContext):
                result.append("`toJSON(secrets)`")
            case .index(let base, let index) where base.isSecretsContext && !index.isLiteral:
                result.append("a computed `secrets[…]` index")
            default:
                break
            }
        }
        return result
    }
}

extension Expression {
    /// Whether this is the bare `secrets` context (any capitalisation).
    fileprivate var isSecretsContext: Bool {
        if case .context(let name) = self { return name.lowercased() == "secrets" }
        return false
    }
}

extension String {
    fileprivate static func overprovisioned(_ what: String) -> String {
        "\(what) makes GitHub send every secret to the runner; reference each secret the job needs by name"
    }
}
