import SlipwayCore

/// Finds `contains('a b c', github.ref)`, a substring test that lets partial values through.
struct UnsoundContainsRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "unsound-contains",
        name: "Unsound Contains",
        area: .security,
        severity: .medium,
        confidence: .high,
        summary: "An `if:` uses `contains()` with a string haystack, a substring test that values such as "
            + "`refs/heads/ma` pass.",
        rationale: """
            With a string as its first argument, `contains()` tests for a substring: \
            `contains('refs/heads/main refs/heads/dev', github.ref)` is also true for a branch named `main` pushed \
            as `refs/heads/ma`, `refs/heads/d` or `dev refs/heads/m`, so anyone who can push a branch or choose an \
            input can pass a check meant to allow only `main` and `dev`. Compare against an array instead: \
            `contains(fromJSON('["refs/heads/main", "refs/heads/dev"]'), github.ref)`, or use `==` with `||`.
            """,
        fixBefore: """
            if: contains('refs/heads/main refs/heads/dev', github.ref)
            """,
        fixAfter: """
            if: contains(fromJSON('["refs/heads/main", "refs/heads/dev"]'), github.ref)
            """,
        triggeringExamples: [
            RuleExample(
                """
                on: push
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    if: ↓contains('refs/heads/main refs/heads/dev', github.ref)
                    steps:
                      - if: ↓${{ github.event_name == 'push' && contains('main,release', github.ref_name) }}
                        run: ./deploy.sh
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
                    if: contains(fromJSON('["refs/heads/main", "refs/heads/dev"]'), github.ref)
                    steps:
                      - if: contains(github.event.head_commit.message, '[deploy]')
                        run: ./deploy.sh
                """
            )
        ]
    )

    init(options: NoOptions) {}

    /// Contexts whose value whoever pushes or dispatches chooses; other needles are reported with low severity.
    static let controllablePrefixes = [
        "env", "github.actor", "github.base_ref", "github.head_ref", "github.ref", "github.ref_name", "github.sha",
        "github.triggering_actor", "inputs",
    ]

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for condition in InjectionRuleSupport.conditions(in: file) {
            for (expression, position) in condition.expressions {
                var needles: [String] = []
                expression.visitSubexpressions { node in
                    guard case .call("contains", let arguments) = node, arguments.count == 2,
                        case .string = arguments[0], let path = arguments[1].contextPath
                    else { return }
                    needles.append(path)
                }
                for path in needles {
                    let controllable = Self.controllablePrefixes.contains { path == $0 || path.hasPrefix($0 + ".") }
                    findings.append(
                        context.finding(
                            in: file,
                            at: position,
                            .unsound(path, owner: condition.ownerLabel),
                            severity: controllable ? nil : .low
                        )
                    )
                }
            }
        }
        return findings
    }
}

extension String {
    fileprivate static func unsound(_ path: String, owner: String) -> String {
        "the `if:` of \(owner) tests `\(path)` with `contains()` on a string, which also matches substrings; use "
            + "`contains(fromJSON('[\"…\", \"…\"]'), \(path))` or `==` comparisons"
    }
}
