import SlipwayCore

/// Finds actions on major versions that GitHub has retired, that stopped working, or that are archived.
struct DeprecatedActionVersionRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "deprecated-action-version",
        name: "Deprecated Action Version",
        area: .reliability,
        severity: .medium,
        confidence: .high,
        summary: "A step uses an action version that runs on a retired runtime, no longer works, or is archived.",
        rationale: """
            Actions declare the Node.js runtime they run on. GitHub has retired Node 12 and Node 16 and forces \
            those actions onto a newer runtime, which they were never tested with, and prints a deprecation \
            warning on every run; some versions have stopped working altogether because the service behind them \
            was shut down (`actions/upload-artifact`/`download-artifact` v1–v3 since 2025-01-30, \
            `actions/cache` v1–v2 and pinned v3.0–v3.3/v4.0–v4.1 since 2025-03-01). Archived actions such as \
            `actions/create-release` get no fixes at all. Upgrade to the current major version (and let \
            Dependabot's `github-actions` ecosystem keep it current), or replace archived actions.
            """,
        fixBefore: """
            - uses: actions/checkout@v3
            - uses: actions/upload-artifact@v3
            """,
        fixAfter: """
            - uses: actions/checkout@v4
            - uses: actions/upload-artifact@v4
            """,
        triggeringExamples: [
            RuleExample(
                """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: ↓actions/checkout@v3
                      - uses: ↓actions/setup-python@v4.7.1
                      - uses: ↓actions/upload-artifact@f8e7d6c5b4a39281706f5e4d3c2b1a0f9e8d7c6b # v3.1.3
                        with:
                          name: dist
                          path: dist
                      - uses: ↓actions/create-release@v1
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
                      - uses: actions/checkout@v4
                      - uses: actions/setup-python@v5
                      - uses: actions/cache@v4.2.0
                      - uses: actions/upload-artifact@b4b15b8c7c6ac21ea08fcf65892d2ee8f75cf882 # v4.4.3
                        with:
                          name: dist
                          path: dist
                      - uses: actions/checkout@main
                """
            )
        ]
    )

    /// Why a version is deprecated and how bad it is.
    struct Deprecation: Sendable {
        var majors: ClosedRange<Int>
        var reason: String
        var severity: Severity
        var upgrade: String
    }

    static let node12 = "runs on Node.js 12, which GitHub has retired"
    static let node16 = "runs on Node.js 16, which GitHub has retired"
    static let artifactShutdown = "stopped working on 2025-01-30, when GitHub shut down the artifact service it uses"

    /// Deprecated major versions per action (lowercased `owner/repo`).
    static let table: [String: [Deprecation]] = [
        "actions/checkout": [
            Deprecation(majors: 1...2, reason: node12, severity: .medium, upgrade: "v4"),
            Deprecation(majors: 3...3, reason: node16, severity: .medium, upgrade: "v4"),
        ],
        "actions/setup-node": [
            Deprecation(majors: 1...2, reason: node12, severity: .medium, upgrade: "v4"),
            Deprecation(majors: 3...3, reason: node16, severity: .medium, upgrade: "v4"),
        ],
        "actions/setup-python": [
            Deprecation(majors: 1...2, reason: node12, severity: .medium, upgrade: "v5"),
            Deprecation(majors: 3...4, reason: node16, severity: .medium, upgrade: "v5"),
        ],
        "actions/setup-java": [
            Deprecation(majors: 1...2, reason: node12, severity: .medium, upgrade: "v4"),
            Deprecation(majors: 3...3, reason: node16, severity: .medium, upgrade: "v4"),
        ],
        "actions/setup-go": [
            Deprecation(majors: 1...2, reason: node12, severity: .medium, upgrade: "v5"),
            Deprecation(majors: 3...3, reason: node16, severity: .medium, upgrade: "v5"),
        ],
        "actions/setup-dotnet": [
            Deprecation(majors: 1...1, reason: node12, severity: .medium, upgrade: "v4"),
            Deprecation(majors: 2...3, reason: node16, severity: .medium, upgrade: "v4"),
        ],
        "actions/github-script": [
            Deprecation(majors: 1...5, reason: node12, severity: .medium, upgrade: "v7"),
            Deprecation(majors: 6...6, reason: node16, severity: .medium, upgrade: "v7"),
        ],
        "actions/cache": [
            Deprecation(
                majors: 1...2,
                reason: "stopped working on 2025-03-01, when GitHub moved to the new cache service",
                severity: .high,
                upgrade: "v4"
            ),
            Deprecation(majors: 3...3, reason: node16, severity: .medium, upgrade: "v4"),
        ],
        "actions/upload-artifact": [
            Deprecation(majors: 1...3, reason: artifactShutdown, severity: .high, upgrade: "v4")
        ],
        "actions/download-artifact": [
            Deprecation(majors: 1...3, reason: artifactShutdown, severity: .high, upgrade: "v4")
        ],
        "actions/upload-pages-artifact": [
            Deprecation(
                majors: 1...2,
                reason: "is built on `actions/upload-artifact@v3`, which stopped working on 2025-01-30",
                severity: .high,
                upgrade: "v3"
            )
        ],
        "actions/create-release": [
            Deprecation(
                majors: 0...Int.max,
                reason: "is archived and unmaintained",
                severity: .medium,
                upgrade: "`gh release create` or `softprops/action-gh-release`"
            )
        ],
        "actions/upload-release-asset": [
            Deprecation(
                majors: 0...Int.max,
                reason: "is archived and unmaintained",
                severity: .medium,
                upgrade: "`gh release upload` or `softprops/action-gh-release`"
            )
        ],
        "actions/labeler": [Deprecation(majors: 1...4, reason: node16, severity: .medium, upgrade: "v5")],
        "docker/build-push-action": [
            Deprecation(majors: 1...4, reason: "runs on a retired Node.js runtime", severity: .medium, upgrade: "v6")
        ],
        "docker/login-action": [
            Deprecation(majors: 1...1, reason: node12, severity: .medium, upgrade: "v3"),
            Deprecation(majors: 2...2, reason: node16, severity: .medium, upgrade: "v3"),
        ],
        "docker/setup-buildx-action": [
            Deprecation(majors: 1...1, reason: node12, severity: .medium, upgrade: "v3"),
            Deprecation(majors: 2...2, reason: node16, severity: .medium, upgrade: "v3"),
        ],
        "docker/setup-qemu-action": [
            Deprecation(majors: 1...1, reason: node12, severity: .medium, upgrade: "v3"),
            Deprecation(majors: 2...2, reason: node16, severity: .medium, upgrade: "v3"),
        ],
        "docker/metadata-action": [
            Deprecation(majors: 1...3, reason: node12, severity: .medium, upgrade: "v5"),
            Deprecation(majors: 4...4, reason: node16, severity: .medium, upgrade: "v5"),
        ],
        "github/codeql-action": [
            Deprecation(majors: 1...2, reason: "is deprecated and no longer updated", severity: .medium, upgrade: "v3")
        ],
    ]

    init(options: NoOptions) {}

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for (job, step) in file.allSteps {
            guard let uses = step.uses, let reference = step.usesReference, let slug = reference.repositorySlug,
                let deprecations = Self.table[slug], let ref = reference.ref
            else { continue }
            let archived = deprecations.contains { $0.majors.upperBound == Int.max }
            let version: Version?
            if reference.isPinnedToCommit {
                version = Self.versionComment(onLine: uses.position.line, in: file.source)
            } else {
                version = Version(ref)
            }
            let deprecation: Deprecation?
            if archived {
                deprecation = deprecations.first
            } else if let version {
                deprecation =
                    deprecations.first { $0.majors.contains(version.major) }
                    ?? Self.brokenCache(slug: slug, version: version)
            } else {
                deprecation = nil
            }
            guard var deprecation else { continue }
            if slug == "actions/cache", let version, version.major == 3, let minor = version.minor, minor < 4 {
                deprecation = Self.brokenCacheDeprecation
            }
            let owner = "step '\(step.label)'" + (job.map { " in job '\($0.id.value)'" } ?? "")
            let label = version.map { "\(slug)@\($0.text)" } ?? "\(slug)"
            findings.append(
                context.finding(
                    in: file,
                    at: uses.position,
                    .deprecated(label, deprecation: deprecation, owner: owner),
                    severity: deprecation.severity
                )
            )
        }
        return findings
    }

    static let brokenCacheDeprecation = Deprecation(
        majors: 3...4,
        reason: "stopped working on 2025-03-01, when GitHub moved to the new cache service (fixed in v3.4 and v4.2)",
        severity: .high,
        upgrade: "v4"
    )

    /// `actions/cache` v4.0 and v4.1 pinned exactly stopped working with the old cache service.
    private static func brokenCache(slug: String, version: Version) -> Deprecation? {
        guard slug == "actions/cache", version.major == 4, let minor = version.minor, minor < 2 else { return nil }
        return brokenCacheDeprecation
    }

    /// A version such as `v3`, `v3.1` or `3.1.0`.
    struct Version: Sendable, Hashable {
        var major: Int
        var minor: Int?
        var text: String

        init?(_ text: String) {
            var rest = Substring(text.trimmingWhitespace())
            if rest.hasPrefix("v") || rest.hasPrefix("V") { rest = rest.dropFirst() }
            let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
            guard let first = parts.first, let major = Int(first) else { return nil }
            guard parts.dropFirst().allSatisfy({ Int($0) != nil }) else { return nil }
            self.major = major
            self.minor = parts.count > 1 ? Int(parts[1]) : nil
            self.text = text.trimmingWhitespace()
        }
    }

    /// The version in a trailing comment such as `# v3.1.0` or `# tag=v3.1.0`, for SHA-pinned actions.
    static func versionComment(onLine line: Int, in source: SourceText) -> Version? {
        let text = source.line(line)
        guard text.containsBytes("#"), let hash = text.lastIndex(of: "#") else { return nil }
        let comment = text[text.index(after: hash)...]
        let tokens = comment.split { $0 == " " || $0 == "\t" || $0 == "=" || $0 == "@" || $0 == ":" }
        for token in tokens {
            let cleaned = token.trimmingCharacters(from: "(),;")
            if let version = Version(cleaned), cleaned.first == "v" || cleaned.contains(".") { return version }
        }
        return nil
    }
}

extension Substring {
    fileprivate func trimmingCharacters(from set: String) -> String {
        // Nothing to trim (the usual case): the text itself.
        guard let first, let last, set.contains(first) || set.contains(last) else { return String(self) }
        return String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}

extension String {
    fileprivate static func deprecated(
        _ label: String,
        deprecation: DeprecatedActionVersionRule.Deprecation,
        owner: String
    ) -> String {
        let upgrade =
            deprecation.upgrade.hasPrefix("v")
            ? "upgrade to \(deprecation.upgrade) or later" : "replace it with \(deprecation.upgrade)"
        return "`\(label)` in \(owner) \(deprecation.reason); \(upgrade)"
    }
}
