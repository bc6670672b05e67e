import SlipwayCore

/// Finds `if:` conditions that authorise a bot by `github.actor`, which whoever triggers the run controls.
struct BotConditionsRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "bot-conditions",
        name: "Bot Conditions",
        area: .security,
        severity: .medium,
        confidence: .high,
        summary: """
            An `if:` in a privileged workflow trusts `github.actor == '…[bot]'`, which an attacker can make true.
            """,
        rationale: """
            `github.actor` (and `github.triggering_actor`, `github.event.sender.login`) is whoever caused the current \
            run, not who wrote the code. In `pull_request_target`, `workflow_run` and `issue_comment` workflows an \
            attacker can get Dependabot or another bot to be that actor, e.g. by asking it to rebase a pull request \
            they control, and so pass a check such as `if: github.actor == 'dependabot[bot]'` that guards an \
            auto-merge or a job with secrets.

            Check the author of the thing being acted on instead: `github.event.pull_request.user.login` for pull \
            requests, `github.event.comment.user.login` for comments.
            """,
        fixBefore: """
            if: github.actor == 'dependabot[bot]'
            """,
        fixAfter: """
            if: github.event.pull_request.user.login == 'dependabot[bot]'
            """,
        triggeringExamples: [
            RuleExample(
                """
                on: pull_request_target
                jobs:
                  automerge:
                    runs-on: ubuntu-latest
                    if: ↓github.actor == 'dependabot[bot]'
                    steps:
                      - run: gh pr merge --auto "$PR"
                      - if: ↓${{ github.event_name == 'pull_request_target' && github.triggering_actor == 'renovate[bot]' }}
                        run: echo approved
                """
            )
        ],
        nonTriggeringExamples: [
            RuleExample(
                """
                on: pull_request_target
                jobs:
                  automerge:
                    runs-on: ubuntu-latest
                    if: github.event.pull_request.user.login == 'dependabot[bot]'
                    steps:
                      - if: github.actor != 'dependabot[bot]'
                        run: echo "not a bot"
                """
            ),
            RuleExample(
                """
                on: pull_request
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    if: github.actor == 'dependabot[bot]'
                    steps:
                      - run: npm test
                """
            ),
        ]
    )

    init(options: NoOptions) {}

    /// Triggers that run with secrets and a write token on behalf of outsiders.
    static let privilegedEvents: Set<String> = ["pull_request_target", "workflow_run", "issue_comment"]

    /// Contexts naming whoever triggered the run (spoofable), compared with a `…[bot]` login.
    static let spoofableLogins: Set<String> = [
        "github.actor", "github.triggering_actor", "github.event.sender.login",
        "github.event.pull_request.sender.login",
    ]

    /// The same, as numeric ids, compared with known bot account ids.
    static let spoofableIds: Set<String> = [
        "github.actor_id", "github.event.sender.id", "github.event.pull_request.sender.id",
    ]

    /// Account ids of dependabot[bot], dependabot-preview[bot] and renovate[bot].
    static let botIds: Set<String> = ["29110", "49699333", "27856297", "29139614"]

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        guard let workflow = file.workflow,
            let event = workflow.triggers.map(\.event).first(where: Self.privilegedEvents.contains)
        else { return [] }
        var findings: [Finding] = []
        for condition in InjectionRuleSupport.conditions(in: file) {
            for (expression, position) in condition.expressions {
                let (found, dominating) = Self.botCheck(in: expression, dominating: true)
                guard let found else { continue }
                var finding = context.finding(
                    in: file,
                    at: position,
                    .spoofable(found, owner: condition.ownerLabel, event: event)
                )
                finding.confidence = dominating ? .high : .medium
                findings.append(finding)
            }
        }
        return findings
    }

    /// The spoofable context compared with a bot in `expression`, and whether that comparison alone decides the
    /// condition (it is not only one operand of `&&`).
    static func botCheck(in expression: Expression, dominating: Bool) -> (String?, Bool) {
        switch expression {
        case .binary(.or, let lhs, let rhs):
            let found = botCheck(in: lhs, dominating: true).0 ?? botCheck(in: rhs, dominating: true).0
            return (found, true)
        case .binary(.equal, let lhs, let rhs):
            for (context, literal) in [(lhs, rhs), (rhs, lhs)] {
                guard let path = context.contextPath else { continue }
                let value: String
                switch literal {
                case .string(let string): value = string.lowercased()
                case .number(let number): value = String(Int(number))
                default: continue
                }
                if spoofableLogins.contains(path) && value.hasSuffix("[bot]")
                    || spoofableIds.contains(path) && botIds.contains(value)
                {
                    return (path, true)
                }
                return (nil, true)
            }
            let found = botCheck(in: lhs, dominating: true).0 ?? botCheck(in: rhs, dominating: true).0
            return (found, true)
        case .binary(.and, let lhs, let rhs):
            let found = botCheck(in: lhs, dominating: false).0 ?? botCheck(in: rhs, dominating: false).0
            return (found, false)
        case .call(let name, let arguments) where name != "contains":
            // Status functions and friends do not change what the comparison means.
            let found = arguments.lazy.compactMap { botCheck(in: $0, dominating: false).0 }.first
            return (found, false)
        default:
            // `!`, `!=`, `<`… and `contains` do not authorise the bot.
            return (nil, dominating)
        }
    }
}

extension String {
    fileprivate static func spoofable(_ path: String, owner: String, event: String) -> String {
        "the `if:` of \(owner) trusts `\(path)`, which anyone who makes a bot trigger this `\(event)` run controls; "
            + "check the author of the pull request or comment instead (`github.event.pull_request.user.login`)"
    }
}
