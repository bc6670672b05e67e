import SlipwayCore

/// Finds scripts that use the deprecated `::set-output`, `::save-state`, `::set-env` and `::add-path` commands.
struct DeprecatedWorkflowCommandRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "deprecated-workflow-command",
        name: "Deprecated Workflow Command",
        area: .reliability,
        severity: .medium,
        confidence: .high,
        summary: "A `run:` script uses a deprecated workflow command instead of the environment files.",
        rationale: """
            Workflow commands printed to the log can be forged by anything else that prints to the log, so \
            GitHub replaced them with files: `::set-output` with `$GITHUB_OUTPUT`, `::save-state` with \
            `$GITHUB_STATE`, `::set-env` with `$GITHUB_ENV` and `::add-path` with `$GITHUB_PATH`. `set-output` and \
            `save-state` print deprecation warnings and are scheduled for removal; `set-env` and `add-path` were \
            disabled in 2020 and fail the step (reported as high).
            """,
        fixBefore: """
            - id: version
              run: echo "::set-output name=tag::$(git describe --tags)"
            """,
        fixAfter: """
            - id: version
              run: echo "tag=$(git describe --tags)" >> "$GITHUB_OUTPUT"
            """,
        triggeringExamples: [
            RuleExample(
                """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - id: version
                        run: echo "↓::set-output name=tag::$(git describe --tags)"
                      - run: |
                          echo "Preparing"
                          echo "↓::add-path::$HOME/.local/bin"
                          echo "↓::save-state name=pid::$$"
                """
            )
        ],
        nonTriggeringExamples: [
            RuleExample(
                """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - id: version
                        run: |
                          # Previously: echo "::set-output name=tag::…"
                          echo "tag=$(git describe --tags)" >> "$GITHUB_OUTPUT"
                          echo "$HOME/.local/bin" >> "$GITHUB_PATH"
                          echo "::group::Build" && make && echo "::endgroup::"
                """
            )
        ]
    )

    /// Each deprecated command with its replacement file and whether GitHub already rejects it.
    static let commands: [(name: String, replacement: String, isDisabled: Bool)] = [
        ("set-output", "$GITHUB_OUTPUT", false), ("save-state", "$GITHUB_STATE", false),
        ("set-env", "$GITHUB_ENV", true), ("add-path", "$GITHUB_PATH", true),
    ]

    init(options: NoOptions) {}

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for (job, step) in file.allSteps {
            guard let run = step.run, run.value.contains("::") else { continue }
            let owner = "step '\(step.label)'" + (job.map { " in job '\($0.id.value)'" } ?? "")
            for (line, text) in SupplyChainSupport.lines(of: run.value) where !SupplyChainSupport.isComment(text) {
                let characters = Array(text)
                var column = 0
                while column + 2 < characters.count {
                    defer { column += 1 }
                    guard characters[column] == ":", characters[column + 1] == ":",
                        let command = Self.command(at: column + 2, in: characters)
                    else { continue }
                    let position = SupplyChainSupport.position(line: line, column: column, in: run, source: file.source)
                    findings.append(
                        context.finding(
                            in: file,
                            at: position,
                            .deprecated(command.name, replacement: command.replacement, owner: owner),
                            severity: command.isDisabled ? .high : nil
                        )
                    )
                }
            }
        }
        return findings
    }

    /// The deprecated command starting at `index`, when followed by a space (parameters) or `::`.
    private static func command(
        at index: Int,
        in characters: [Character]
    ) -> (name: String, replacement: String, isDisabled: Bool)? {
        for command in commands {
            let end = index + command.name.count
            guard end < characters.count, String(characters[index..<end]) == command.name else { continue }
            if characters[end] == " "
                || (characters[end] == ":" && end + 1 < characters.count && characters[end + 1] == ":")
            {
                return command
            }
        }
        return nil
    }
}

extension String {
    fileprivate static func deprecated(_ command: String, replacement: String, owner: String) -> String {
        let line = replacement == "$GITHUB_PATH" ? "/some/dir" : "name=value"
        return "\(owner) uses the deprecated `::\(command)` workflow command; append to the `\(replacement)` file "
            + "instead (`echo \"\(line)\" >> \"\(replacement)\"`)"
    }
}
