import SlipwayCore

/// Finds `write-all` tokens and write scopes granted to every job of a workflow at once.
struct ExcessivePermissionsRule: AuditRule {
    struct Options: RuleOptions {
        /// Scopes that may be granted `write` at the top level of a multi-job workflow, such as `id-token`.
        var allowedTopLevelWrites: [String] = []

        init() {}

        enum CodingKeys: String, CodingKey {
            case allowedTopLevelWrites = "allowed-top-level-writes"
        }
    }

    static let metadata = RuleMetadata(
        id: "excessive-permissions",
        name: "Excessive Permissions",
        area: .security,
        severity: .high,
        confidence: .high,
        summary: """
            A workflow or job grants `write-all`, or a multi-job workflow grants write scopes to every job at the \
            top level.
            """,
        rationale: """
            `permissions: write-all` gives the token every write scope: a compromised step can push code, create \
            releases, publish packages and approve pull requests. Top-level write scopes in a workflow with several \
            jobs reach every job that does not set its own `permissions`, including those that only build or test.

            Set `permissions: contents: read` (or `{}`) at the top and grant each write scope on the one job that \
            needs it. Scopes listed in the `allowed-top-level-writes` option are accepted at the top level.
            """,
        fixBefore: """
            permissions:
              contents: write
            jobs:
              test: …
              release: …
            """,
        fixAfter: """
            permissions:
              contents: read
            jobs:
              test: …
              release:
                permissions:
                  contents: write
            """,
        triggeringExamples: [
            RuleExample(
                """
                on: push
                permissions: ↓write-all
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
                permissions:
                  contents: read
                  ↓packages: write
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - run: make test
                  publish:
                    runs-on: ubuntu-latest
                    steps:
                      - run: make publish
                  lint:
                    runs-on: ubuntu-latest
                    permissions: ↓write-all
                    steps:
                      - run: make lint
                """
            ),
        ],
        nonTriggeringExamples: [
            RuleExample(
                """
                on: push
                permissions:
                  contents: read
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - run: make test
                  release:
                    runs-on: ubuntu-latest
                    permissions:
                      contents: write
                    steps:
                      - run: make release
                """
            ),
            RuleExample(
                """
                on: push
                permissions:
                  contents: write
                jobs:
                  release:
                    runs-on: ubuntu-latest
                    steps:
                      - run: make release
                """
            ),
        ]
    )

    let options: Options

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        guard let workflow = file.workflow else { return [] }
        var findings: [Finding] = []
        if let permissions = workflow.permissions {
            if case .writeAll = permissions.kind {
                findings.append(context.finding(in: file, at: permissions.position, .writeAll(owner: "the workflow")))
            } else {
                // Top-level scopes reach only the jobs without their own `permissions`.
                let inheriting = workflow.jobs.filter { $0.permissions == nil }
                if inheriting.count > 1 {
                    let allowed = Set(options.allowedTopLevelWrites.map { $0.lowercased() })
                    for scope in permissions.writeScopes where !allowed.contains(scope.name.lowercased()) {
                        findings.append(
                            context.finding(
                                in: file,
                                at: scope.position,
                                .topLevelWrite(scope: scope.name, jobs: inheriting.count),
                                severity: .medium
                            )
                        )
                    }
                }
            }
        }
        for job in workflow.jobs {
            guard let permissions = job.permissions, case .writeAll = permissions.kind else { continue }
            findings.append(
                context.finding(in: file, at: permissions.position, .writeAll(owner: "job '\(job.id.value)'"))
            )
        }
        return findings
    }
}

extension String {
    fileprivate static func writeAll(owner: String) -> String {
        "\(owner) grants the token `write-all`; list only the scopes it needs (e.g. `contents: read`) and grant "
            + "writes on the job that uses them"
    }

    fileprivate static func topLevelWrite(scope: String, jobs: Int) -> String {
        "`\(scope): write` at the top level reaches all \(jobs) jobs without their own `permissions`; set it to "
            + "`read` here and grant `write` only on the job that needs it"
    }
}
