import SlipwayCore

/// Finds `actions/checkout` steps that leave the job's token in the workspace's git configuration.
struct ArtipackedRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "artipacked",
        name: "Artipacked",
        area: .security,
        severity: .medium,
        confidence: .low,
        summary:
            "`actions/checkout` keeps the job's token in the workspace because `persist-credentials` is not `false`.",
        rationale: """
            By default `actions/checkout` writes the job's `GITHUB_TOKEN` into `.git/config` (from v6, a file the \
            git configuration includes) so later `git` commands can push. Every later step, including third-party \
            actions and scripts built from dependencies, can read it, and uploading the workspace as an artifact \
            publishes it to anyone who can download the run's artifacts ("ArtiPACKED").

            Set `persist-credentials: false` unless the job pushes with `git` afterwards; jobs that visibly push \
            (`git push`, or actions such as `stefanzweifel/git-auto-commit-action`) are not reported. The finding \
            is raised to high severity when a later step uploads the whole workspace as an artifact.
            """,
        fixBefore: """
            - uses: actions/checkout@v4
            """,
        fixAfter: """
            - uses: actions/checkout@v4
              with:
                persist-credentials: false
            """,
        triggeringExamples: [
            RuleExample(
                """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: ↓actions/checkout@v4
                      - uses: ↓actions/checkout@v4
                        with:
                          fetch-depth: 0
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
                      - name: Check out
                        uses: ↓actions/checkout@v4
                      - uses: actions/upload-artifact@v4
                        with:
                          path: .
                          include-hidden-files: true
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
                    steps:
                      - uses: actions/checkout@v4
                        with:
                          persist-credentials: false
                      - run: make
                  bump:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - run: |
                          git commit -am "Bump version"
                          git push origin HEAD
                """
            )
        ]
    )

    init(options: NoOptions) {}

    /// Actions that push with the credentials `actions/checkout` persisted.
    static let pushingActions: Set<String> = [
        "stefanzweifel/git-auto-commit-action", "peter-evans/create-pull-request", "endbug/add-and-commit",
        "ad-m/github-push-action", "changesets/action", "actions-js/push", "github-actions-x/commit",
        "planetscale/ghcommit-action", "devops-infra/action-commit-push",
    ]

    /// `pushingActions` with a `/` appended: their sub-actions push too.
    static let pushingActionPrefixes: [String] = pushingActions.map { $0 + "/" }

    /// Tools that commit and push with the checkout's git credentials.
    static let pushingTools: Set<String> = ["ghp-import", "gh-pages", "semantic-release", "release-it"]

    /// `tool subcommand` pairs that push with the checkout's git credentials.
    static let pushingSubcommands: Set<String> = [
        "mkdocs gh-deploy", "mike deploy", "lerna version", "lerna publish", "cargo release",
    ]

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        var stepsByJob: [String: [Step]] = [:]
        var jobs: [String: Job] = [:]
        var order: [String] = []
        for (job, step) in file.allSteps {
            let key = job?.id.value ?? ""
            if stepsByJob[key] == nil { order.append(key) }
            stepsByJob[key, default: []].append(step)
            if let job { jobs[key] = job }
        }
        for key in order {
            let steps = stepsByJob[key] ?? []
            let job = jobs[key]
            for step in steps where step.actionName == "actions/checkout" {
                guard let uses = step.uses else { continue }
                // `false` is safe; `true` and expressions are deliberate choices.
                if step.with?["persist-credentials"] != nil { continue }
                let later = steps.filter { $0.index > step.index }
                if later.contains(where: { pushes($0, job: job, context: context) }) { continue }
                let version = step.usesReference.flatMap(InjectionRuleSupport.majorVersion(of:))
                let storesOutsideGitDirectory = (version ?? 0) >= 6
                let upload = later.first(where: Self.uploadsWorkspace)
                let severity: Severity
                switch (upload != nil, storesOutsideGitDirectory) {
                case (true, false): severity = .high
                case (true, true), (false, false): severity = context.severity
                case (false, true): severity = .low
                }
                var finding = context.finding(
                    in: file,
                    at: uses.position,
                    .persisted(step: step.label, job: job?.id.value, upload: upload?.label),
                    severity: severity,
                    fix: Self.fix(step: step, file: file)
                )
                if upload != nil { finding.confidence = .high }
                findings.append(finding)
            }
        }
        return findings
    }

    /// Whether a step pushes with git (a script running `git push`, or a known pushing action).
    func pushes(_ step: Step, job: Job?, context: RuleContext) -> Bool {
        if let name = step.actionName,
            Self.pushingActions.contains(name) || Self.pushingActionPrefixes.contains(where: { name.hasPrefix($0) })
        {
            return true
        }
        guard step.run != nil else { return false }
        return context.facts.commands(job: job, step: step).contains { command in
            let words = command.words
            if command.name == "git" { return words.contains("push") }
            if Self.pushingTools.contains(command.name) { return true }
            return words.count >= 2 && Self.pushingSubcommands.contains("\(command.name) \(words[1])")
        }
    }

    /// Whether a step uploads the workspace root (where `.git` lives) as an artifact, hidden files included.
    static func uploadsWorkspace(_ step: Step) -> Bool {
        guard step.actionName == "actions/upload-artifact", let path = step.input("path")?.value else { return false }
        let roots: Set<String> = [".", "./", "..", "../", "${{ github.workspace }}", "${{github.workspace}}"]
        let coversRoot = path.splitASCII("\n").contains { roots.contains($0.trimmingWhitespace()) }
        guard coversRoot else { return false }
        // upload-artifact v4.4+ skips hidden files (such as `.git`) unless told otherwise.
        if InjectionRuleSupport.isTrue(step.input("include-hidden-files")) { return true }
        let version = step.usesReference.flatMap(InjectionRuleSupport.majorVersion(of:))
        return version.map { $0 < 4 } ?? false
    }

    /// Adds `persist-credentials: false` to the step's block `with:` mapping, or a new `with:` after `uses:`.
    static func fix(step: Step, file: WorkflowFile) -> Fix? {
        guard !step.node.isFlow, let usesEntry = step.node.entry("uses") else { return nil }
        let source = file.source
        let summary = "set `persist-credentials: false` on step '\(step.label)'"
        if let withEntry = step.node.entry("with") {
            guard let mapping = withEntry.value.mapping, !mapping.isFlow, let first = mapping.entries.first,
                first.key.position.line > withEntry.key.position.line, first.key.position.line <= source.lineCount
            else { return nil }
            let line = first.key.position.line
            let lineText = source.line(line)
            let indentation = String(repeating: " ", count: first.key.position.column - 1)
            // The first entry must start its line, so the new line can go right before it.
            guard lineText.hasPrefix(indentation), lineText.dropFirst(indentation.count).first != " " else {
                return nil
            }
            return Fix(
                summary: summary,
                edits: [.insert("\(indentation)persist-credentials: false\n", at: source.lineStarts[line - 1])]
            )
        }
        let usesLine = usesEntry.key.position.line
        guard usesEntry.value.position.line == usesLine, usesLine <= source.lineCount else { return nil }
        let indentation = String(repeating: " ", count: usesEntry.key.position.column - 1)
        let text = "\(indentation)with:\n\(indentation)  persist-credentials: false\n"
        if usesLine < source.lineStarts.count {
            return Fix(summary: summary, edits: [.insert(text, at: source.lineStarts[usesLine])])
        }
        return Fix(summary: summary, edits: [.insert("\n" + text, at: source.bytes.count)])
    }
}

extension String {
    fileprivate static func persisted(step: String, job: String?, upload: String?) -> String {
        let owner = job.map { "step '\(step)' of job '\($0)'" } ?? "step '\(step)'"
        let risk =
            upload.map { "; step '\($0)' then uploads the workspace, token included" }
            ?? ", where every later step can read it"
        return "\(owner) leaves the job's token in the checkout's git configuration\(risk); set "
            + "`persist-credentials: false` under `with:`"
    }
}
