import SlipwayCore

/// Finds workflows whose token permissions are left to the repository default.
struct MissingPermissionsRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "missing-permissions",
        name: "Missing Permissions",
        area: .security,
        severity: .medium,
        confidence: .high,
        summary:
            "A workflow has no top-level `permissions:`, so its token gets the repository default (often write-all).",
        rationale: """
            Without a `permissions:` block, `GITHUB_TOKEN` gets the repository's or organisation's default scopes, \
            which for older repositories is write access to contents, packages, issues, pull requests and more. \
            Any compromised step (a hijacked action, an injected script) can then push code or publish packages. \
            Declare `permissions: contents: read` at the top and grant writes only to the jobs that need them.

            Reusable workflows (`on: workflow_call` only) are skipped: their token is the caller's. Workflows where \
            every job declares its own `permissions` are also fine.
            """,
        fixBefore: """
            on: push
            jobs:
              build:
                runs-on: ubuntu-latest
            """,
        fixAfter: """
            on: push
            permissions:
              contents: read
            jobs:
              build:
                runs-on: ubuntu-latest
            """,
        triggeringExamples: [
            RuleExample(
                """
                ↓on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: make
                  release:
                    runs-on: ubuntu-latest
                    permissions:
                      contents: write
                    steps:
                      - run: make release
                """
            )
        ],
        nonTriggeringExamples: [
            RuleExample(
                """
                on: push
                permissions:
                  contents: read
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: make
                """
            ),
            RuleExample(
                """
                on:
                  workflow_call:
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
                    permissions:
                      contents: read
                    steps:
                      - run: make
                """
            ),
        ]
    )

    init(options: NoOptions) {}

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        guard let workflow = file.workflow, workflow.permissions == nil else { return [] }
        let isReusableOnly = !workflow.triggers.isEmpty && workflow.triggers.allSatisfy { $0.event == "workflow_call" }
        guard !isReusableOnly else { return [] }
        guard workflow.jobs.contains(where: { $0.permissions == nil }) else { return [] }
        let position = workflow.onKeyPosition ?? workflow.jobsKeyPosition ?? workflow.root.position
        return [
            context.finding(
                in: file,
                at: position,
                .missing(jobs: workflow.jobs.filter { $0.permissions == nil }.map(\.id.value)),
                fix: Self.fix(workflow: workflow, file: file)
            )
        ]
    }

    /// Inserts a read-only top-level block before `jobs:` (and the comments directly above it, which describe
    /// the jobs) when `jobs:` starts its line.
    static func fix(workflow: Workflow, file: WorkflowFile) -> Fix? {
        guard let jobs = workflow.jobsKeyPosition, jobs.column == 1, jobs.line - 1 < file.source.lineStarts.count,
            !workflow.root.isFlow
        else { return nil }
        var line = jobs.line
        while line > 1, file.source.line(line - 1).hasPrefix("#") { line -= 1 }
        return Fix(
            summary: "add a top-level `permissions: contents: read` block before `jobs:`",
            edits: [.insert("permissions:\n  contents: read\n\n", at: file.source.lineStarts[line - 1])]
        )
    }
}

extension String {
    fileprivate static func missing(jobs: [String]) -> String {
        let names = jobs.prefix(3).map { "'\($0)'" }.joined(separator: ", ") + (jobs.count > 3 ? ", …" : "")
        return "the workflow sets no top-level `permissions`, so job\(jobs.count == 1 ? "" : "s") \(names) "
            + "get\(jobs.count == 1 ? "s" : "") the repository's default token scopes (often write-all); add "
            + "`permissions: contents: read` at the top and grant writes per job"
    }
}
