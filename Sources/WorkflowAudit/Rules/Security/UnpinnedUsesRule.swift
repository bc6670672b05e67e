import SlipwayCore

/// Finds actions and reusable workflows referenced by a tag or branch instead of a full commit SHA.
struct UnpinnedUsesRule: AuditRule {
    struct Options: RuleOptions {
        /// `owner/repo` or `owner/*` patterns (`*` matches anything) that may be referenced by tag or branch.
        var allow: [String] = []

        init() {}

        enum CodingKeys: String, CodingKey {
            case allow
        }
    }

    static let metadata = RuleMetadata(
        id: "unpinned-uses",
        name: "Unpinned Uses",
        area: .security,
        severity: .high,
        confidence: .high,
        summary: "An action or reusable workflow is referenced by a tag or branch instead of a full commit SHA.",
        rationale: """
            Tags and branches are mutable: whoever controls the action's repository (or steals its maintainer's \
            token) can point `v4` at new code, which then runs in your workflow with its token and secrets, as \
            happened with `tj-actions/changed-files` in 2025. A full 40-character commit SHA cannot be moved.

            Pin to the SHA and keep the version in a trailing comment so Dependabot or Renovate can update it: \
            `uses: owner/repo@<sha> # v4.1.0`. GitHub's own `actions/*` and `github/*` actions are reported with low \
            severity. Trusted owners can be listed in the `allow` option (`my-org/*`).
            """,
        fixBefore: """
            - uses: codecov/codecov-action@v4
            """,
        fixAfter: """
            - uses: codecov/codecov-action@b9fd7d16f6d7d1b5d2bec1a2887e65ceed900238 # v4.6.0
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
                      - uses: ↓codecov/codecov-action@main
                  call:
                    uses: ↓my-org/workflows/.github/workflows/release.yml@v1
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
                      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
                      - uses: ./.github/actions/setup
                      - uses: docker://alpine:3.20
                  call:
                    uses: ./.github/workflows/release.yml
                """
            )
        ]
    )

    let options: Options

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        // Steps carry their reference parsed when the model was built.
        var references: [(uses: Located<String>, reference: ActionReference)] = file.jobs.compactMap { job in
            job.uses.map { ($0, ActionReference($0.value)) }
        }
        for (_, step) in file.allSteps {
            if let uses = step.uses, let reference = step.usesReference { references.append((uses, reference)) }
        }
        references.sort { $0.uses.position < $1.uses.position }
        var findings: [Finding] = []
        for (uses, reference) in references {
            guard case .repository = reference, !reference.isPinnedToCommit, !isAllowed(reference) else { continue }
            findings.append(
                context.finding(
                    in: file,
                    at: uses.position,
                    .unpinned(uses.value.trimmingWhitespace(), hasRef: reference.ref != nil),
                    severity: reference.isFirstParty ? .low : nil
                )
            )
        }
        return findings
    }

    /// Whether an `allow` pattern matches `owner/repo` or `owner/repo/path`.
    func isAllowed(_ reference: ActionReference) -> Bool {
        guard let slug = reference.repositorySlug, let name = reference.actionName else { return false }
        return options.allow.contains { pattern in
            let lowered = pattern.lowercased()
            return Self.glob(lowered, matches: slug) || Self.glob(lowered, matches: name)
        }
    }

    /// A minimal glob: `*` matches any run of characters, everything else itself.
    static func glob(_ pattern: String, matches text: String) -> Bool {
        let pattern = Array(pattern)
        let text = Array(text)
        var p = 0
        var t = 0
        var star: Int?
        var resume = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == text[t] {
                p += 1
                t += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p
                resume = t
                p += 1
            } else if let star {
                p = star + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}

extension String {
    fileprivate static func unpinned(_ uses: String, hasRef: Bool) -> String {
        (hasRef ? "" : "`\(uses)` has no ref at all; ")
            + "pin `\(uses)` to a full commit SHA (keep the tag in a trailing comment); run "
            + "`slipway audit --fix --pin-map FILE` with a map of SHAs"
    }
}
