import SlipwayCore

/// Finds scripts that write attacker-influenced text to `$GITHUB_ENV`, `$GITHUB_PATH` or `$GITHUB_OUTPUT`.
struct GitHubEnvInjectionRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "github-env-injection",
        name: "GitHub Env Injection",
        area: .security,
        severity: .high,
        confidence: .high,
        summary: """
            A `run:` script writes attacker-controlled text to `$GITHUB_ENV` or `$GITHUB_PATH` (or a privileged \
            workflow writes computed values there), which lets an attacker set variables for every later step.
            """,
        rationale: """
            Lines appended to `$GITHUB_ENV` become environment variables of all later steps, and `$GITHUB_PATH` \
            entries decide which programs they run. If the written text comes from a pull request title, branch \
            name or comment, a newline in it adds arbitrary variables such as `LD_PRELOAD`, `NODE_OPTIONS` or \
            `BASH_ENV`, i.e. code execution with the job's token and secrets. In `pull_request_target`, \
            `workflow_run` and `issue_comment` workflows any non-constant value written there (from a downloaded \
            artifact, a checked-out file, a command's output) deserves the same suspicion.

            Do not route untrusted text through the environment file: pass it to the steps that need it through \
            `env:`, validate it (e.g. against `^[A-Za-z0-9._/-]+$`), and use a random heredoc delimiter for \
            multi-line values. Writes of attacker-controlled text to `$GITHUB_OUTPUT` are reported with medium \
            severity: a newline can forge other outputs.
            """,
        fixBefore: """
            - run: echo "TITLE=${{ github.event.pull_request.title }}" >> "$GITHUB_ENV"
            """,
        fixAfter: """
            - run: ./notify.sh
              env:
                TITLE: ${{ github.event.pull_request.title }}
            """,
        triggeringExamples: [
            RuleExample(
                """
                on: pull_request
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          echo "building"
                          echo "BRANCH=↓${{ github.head_ref }}" >> "$GITHUB_ENV"
                      - run: echo "title=↓${{ github.event.pull_request.title }}" >> $GITHUB_OUTPUT
                      - run: echo "TITLE=$TITLE" >> ↓$GITHUB_ENV
                        env:
                          TITLE: ${{ github.event.pull_request.title }}
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
                      - uses: actions/download-artifact@v4
                      - run: |
                          echo "PR_NUMBER=$(cat pr/number)" >> ↓$GITHUB_ENV
                """
            ),
        ],
        nonTriggeringExamples: [
            RuleExample(
                """
                on: pull_request_target
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          echo "MODE=release" >> "$GITHUB_ENV"
                          echo "SHA=${{ github.sha }}" >> "$GITHUB_ENV"
                          echo "$HOME/.local/bin" >> "$GITHUB_PATH"
                          echo "VERSION=$(cat VERSION)" >> "$GITHUB_ENV"
                      - run: echo "Title is $TITLE"
                        env:
                          TITLE: ${{ github.event.pull_request.title }}
                """
            )
        ]
    )

    init(options: NoOptions) {}

    /// Triggers whose runs hold a write token and secrets while reacting to outsiders.
    static let privilegedEvents: Set<String> = ["pull_request_target", "workflow_run", "issue_comment"]

    /// An environment file write found on a script line.
    struct Write {
        /// `GITHUB_ENV`, `GITHUB_PATH` or `GITHUB_OUTPUT`.
        var file: String
        /// The reference as written (`$GITHUB_ENV`, `${GITHUB_ENV}`, `$env:GITHUB_ENV`, `%GITHUB_ENV%`).
        var reference: String
        /// Offset of the reference in the line, in Unicode scalars.
        var offset: Int
    }

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        let privileged = file.workflow?.triggers.map(\.event).filter(Self.privilegedEvents.contains) ?? []
        var findings: [Finding] = []
        for (job, step) in file.allSteps {
            guard let run = step.run, run.value.containsBytes("GITHUB_") else { continue }
            let occurrences = file.expressions(in: run)
            let spans = ExpressionScanner.spans(in: run.value)
            let expressions = zip(spans, occurrences).map { (offset: $0.offset, occurrence: $1) }
            let taintedVariables = Self.taintedVariables(step: step, job: job, workflow: file.workflow)
            for line in InjectionRuleSupport.lines(of: run.value) {
                guard let write = Self.write(in: line.text) else { continue }
                let end = line.offset + line.text.unicodeScalars.count
                let tainted = expressions.first { item in
                    item.offset >= line.offset && item.offset < end
                        && item.occurrence.valuePaths.contains(where: ContextClassifier.isAttackerControlled)
                }
                let isOutput = write.file == "GITHUB_OUTPUT"
                if let tainted {
                    let path = tainted.occurrence.valuePaths.first(where: ContextClassifier.isAttackerControlled) ?? ""
                    findings.append(
                        context.finding(
                            in: file,
                            at: tainted.occurrence.position,
                            .tainted(path, file: write.file, step: step.label),
                            severity: isOutput ? .medium : nil
                        )
                    )
                    continue
                }
                let position = InjectionRuleSupport.position(
                    ofValueOffset: line.offset + write.offset,
                    needle: write.reference,
                    in: run,
                    source: file.source
                )
                if let variable = taintedVariables.first(where: { Self.references(line.text, variable: $0.name) }) {
                    findings.append(
                        context.finding(
                            in: file,
                            at: position,
                            .taintedVariable(variable.name, path: variable.path, file: write.file, step: step.label),
                            severity: isOutput ? .medium : nil
                        )
                    )
                    continue
                }
                guard !isOutput, let event = privileged.first, !Self.writesConstant(line.text, write: write),
                    Self.readsUntrustedInput(line.text, step: step, job: job, context: context)
                else { continue }
                var finding = context.finding(
                    in: file,
                    at: position,
                    .privileged(file: write.file, event: event, step: step.label)
                )
                finding.confidence = .low
                findings.append(finding)
            }
        }
        return findings
    }

    /// The environment-file write on a script line, if the line redirects or tees into one.
    static func write(in line: String) -> Write? {
        // Every reference below contains `GITHUB_`; most script lines do not.
        guard line.containsBytes("GITHUB_") else { return nil }
        let trimmed = line.trimmingWhitespace()
        guard !trimmed.hasPrefix("#") else { return nil }
        for file in ["GITHUB_ENV", "GITHUB_PATH", "GITHUB_OUTPUT"] {
            for prefix in ["$", "${", "$env:", "$Env:", "$ENV:", "%"] {
                let reference = prefix + file
                guard let offset = InjectionRuleSupport.scalarOffset(of: reference, in: line) else { continue }
                // `$GITHUB_ENVIRONMENT` is another variable.
                let after = line.unicodeScalars.dropFirst(offset + reference.unicodeScalars.count).first
                if let after, after == "_" || after.properties.isAlphabetic || ("0"..."9").contains(after) {
                    continue
                }
                let before = String(line.unicodeScalars.prefix(offset))
                let lowered = line.lowercased()
                let redirects =
                    before.contains(">") || lowered.contains("tee ") || lowered.contains("out-file")
                    || lowered.contains("add-content") || lowered.contains("set-content")
                guard redirects else { continue }
                return Write(file: file, reference: reference, offset: offset)
            }
        }
        return nil
    }

    /// Whether the line is `echo`/`printf` of literal text only: nothing expanded besides the file reference and
    /// expressions GitHub fixes (`${{ github.sha }}`).
    static func writesConstant(_ line: String, write: Write) -> Bool {
        var rest = line
        for span in ExpressionScanner.spans(in: line) {
            guard let expression = try? ExpressionParser.parse(span.inner) else { return false }
            let origins = expression.valuePaths.map(ContextClassifier.origin(of:))
            if origins.contains(.attackerControlled) || origins.contains(.output) { return false }
            rest = remove(span.raw, from: rest)
        }
        rest = remove(write.reference, from: rest)
        for variable in runnerVariables {
            for form in ["${\(variable)}", "$\(variable)"] {
                while InjectionRuleSupport.scalarOffset(of: form, in: rest) != nil { rest = remove(form, from: rest) }
            }
        }
        let command = rest.trimmingWhitespace().prefix { $0 != " " }
        return (command == "echo" || command == "printf") && !rest.contains("$") && !rest.contains("`")
            && !rest.contains("%")
    }

    /// Variables the runner sets to fixed paths and ids, which carry no outsider's text.
    static let runnerVariables = [
        "HOME", "RUNNER_TEMP", "RUNNER_TOOL_CACHE", "GITHUB_WORKSPACE", "PWD", "GITHUB_SHA", "GITHUB_RUN_ID",
        "GITHUB_RUN_NUMBER", "GITHUB_RUN_ATTEMPT", "GITHUB_ACTION_PATH", "RUNNER_OS", "RUNNER_ARCH",
        "GITHUB_REPOSITORY",
    ]

    /// Actions that bring another run's (possibly attacker-built) artifacts into the job.
    static let artifactDownloads: Set<String> = [
        "actions/download-artifact", "dawidd6/action-download-artifact", "actions/github-script",
    ]

    /// Whether the value written on `line` can derive from outsiders' input: the job downloads artifacts or checks
    /// out the pull request before (or in) this step, or the line reads pull request or issue text with `gh`.
    static func readsUntrustedInput(_ line: String, step: Step, job: Job?, context: RuleContext) -> Bool {
        for marker in ["gh pr view", "gh issue view", "gh api", "gh pr diff", "gh run download"]
        where InjectionRuleSupport.scalarOffset(of: marker, in: line) != nil {
            return true
        }
        guard let job else { return false }
        for earlier in job.steps where earlier.index <= step.index {
            if let name = earlier.actionName {
                if artifactDownloads.contains(name)
                    && (name != "actions/github-script"
                        || earlier.input("script").map {
                            InjectionRuleSupport.scalarOffset(of: "downloadArtifact", in: $0.value) != nil
                        } ?? false)
                {
                    return true
                }
                if name == "actions/checkout",
                    ["ref", "repository"].contains(where: {
                        earlier.input($0).map { DangerousTriggerRule.namesUntrustedCode($0.value) } ?? false
                    })
                {
                    return true
                }
            }
            for command in context.facts.commands(job: job, step: earlier) {
                let words = command.words
                if command.name == "gh", words.count >= 3,
                    words[1] == "run" && words[2] == "download"
                        || words[1] == "pr" && words[2] == "checkout"
                {
                    return true
                }
            }
        }
        return false
    }

    /// `text` without its first occurrence of `part`.
    static func remove(_ part: String, from text: String) -> String {
        guard let offset = InjectionRuleSupport.scalarOffset(of: part, in: text) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.prefix(offset))
        scalars.append(contentsOf: text.unicodeScalars.dropFirst(offset + part.unicodeScalars.count))
        return String(scalars)
    }

    /// Whether a script line expands shell or PowerShell variable `variable`.
    static func references(_ line: String, variable: String) -> Bool {
        for reference in ["${\(variable)}", "$env:\(variable)"]
        where InjectionRuleSupport.scalarOffset(of: reference, in: line) != nil {
            return true
        }
        let scalars = Array(line.unicodeScalars)
        let reference = "$\(variable)"
        for offset in InjectionRuleSupport.scalarOffsets(of: reference, in: line) {
            let end = offset + reference.unicodeScalars.count
            guard end < scalars.count else { return true }
            let next = scalars[end]
            if !(next == "_" || next.properties.isAlphabetic || ("0"..."9").contains(next)) { return true }
        }
        return false
    }

    /// Environment variables of the step, job or workflow whose value is an attacker-controlled expression.
    static func taintedVariables(step: Step, job: Job?, workflow: Workflow?) -> [(name: String, path: String)] {
        var result: [(name: String, path: String)] = []
        for mapping in [step.env, job?.env, workflow?.env].compactMap(\.self) {
            for entry in mapping.entries {
                guard let value = entry.value.string else { continue }
                for span in ExpressionScanner.spans(in: value) {
                    guard let expression = try? ExpressionParser.parse(span.inner),
                        let path = expression.valuePaths.first(where: ContextClassifier.isAttackerControlled)
                    else { continue }
                    result.append((entry.key.value, path))
                    break
                }
            }
        }
        return result
    }
}

extension String {
    fileprivate static func tainted(_ path: String, file: String, step: String) -> String {
        "step '\(step)' writes attacker-controlled `\(path)` to `$\(file)`; a newline in it "
            + (file == "GITHUB_OUTPUT" ? "forges other step outputs" : "sets arbitrary variables for later steps")
            + "; pass the value through `env:` and validate it instead"
    }

    fileprivate static func taintedVariable(_ name: String, path: String, file: String, step: String) -> String {
        "step '\(step)' writes `$\(name)` (from attacker-controlled `\(path)`) to `$\(file)`; a newline in it "
            + (file == "GITHUB_OUTPUT" ? "forges other step outputs" : "sets arbitrary variables for later steps")
            + "; validate the value before writing it, or keep it out of the environment file"
    }

    fileprivate static func privileged(file: String, event: String, step: String) -> String {
        "step '\(step)' writes a computed value to `$\(file)` in a `\(event)` workflow, where it may come from an "
            + "attacker (artifacts, checked-out files); validate it or avoid the environment file"
    }
}
