import SlipwayCore

/// Finds `ACTIONS_ALLOW_UNSECURE_COMMANDS: true`, which re-enables the `set-env` and `add-path` workflow commands.
struct InsecureCommandsRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "insecure-commands",
        name: "Insecure Commands",
        area: .security,
        severity: .high,
        confidence: .high,
        summary: "`ACTIONS_ALLOW_UNSECURE_COMMANDS` re-enables the `set-env` and `add-path` workflow commands.",
        rationale: """
            GitHub disabled the `::set-env` and `::add-path` workflow commands in 2020 because any process that \
            can print to the log (a test, a dependency, a pull request's title echoed by a script) can use them to \
            set `LD_PRELOAD`, `NODE_OPTIONS` or `PATH` for every later step and take over the job. Setting \
            `ACTIONS_ALLOW_UNSECURE_COMMANDS: true` turns them back on. Remove the variable and write to the \
            `$GITHUB_ENV` and `$GITHUB_PATH` files instead; update actions that still need the old commands.
            """,
        fixBefore: """
            env:
              ACTIONS_ALLOW_UNSECURE_COMMANDS: true
            steps:
              - run: echo "::add-path::$HOME/bin"
            """,
        fixAfter: """
            steps:
              - run: echo "$HOME/bin" >> "$GITHUB_PATH"
            """,
        triggeringExamples: [
            RuleExample(
                """
                on: push
                env:
                  ↓ACTIONS_ALLOW_UNSECURE_COMMANDS: true
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: make
                """
            ),
            RuleExample(
                """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: old/setup-tool@v1
                        env:
                          ↓ACTIONS_ALLOW_UNSECURE_COMMANDS: 'true'
                """
            ),
        ],
        nonTriggeringExamples: [
            RuleExample(
                """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    env:
                      ACTIONS_ALLOW_UNSECURE_COMMANDS: false
                    steps:
                      - run: echo "$HOME/bin" >> "$GITHUB_PATH"
                """
            )
        ]
    )

    init(options: NoOptions) {}

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for (scope, mapping) in SupplyChainSupport.environmentBlocks(in: file) {
            for entry in mapping.entries where entry.key.value == "ACTIONS_ALLOW_UNSECURE_COMMANDS" {
                guard let value = entry.value.scalar, value.value.trimmingWhitespace().lowercased() == "true" else {
                    continue
                }
                findings.append(context.finding(in: file, at: entry.key.position, .insecureCommands(scope: scope)))
            }
        }
        return findings
    }
}

extension String {
    fileprivate static func insecureCommands(scope: String) -> String {
        "`ACTIONS_ALLOW_UNSECURE_COMMANDS: true` in \(scope) re-enables `::set-env` and `::add-path`, letting any "
            + "log output change the environment of later steps; remove it and write to `$GITHUB_ENV`/`$GITHUB_PATH`"
    }
}
