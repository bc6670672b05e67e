import SlipwayCore

/// Finds build caches restored in workflows that publish or release what they build.
struct CachePoisoningRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "cache-poisoning",
        name: "Cache Poisoning",
        area: .security,
        severity: .high,
        confidence: .medium,
        summary: "A release or publishing job restores a GitHub Actions cache, which lower-privileged runs can poison.",
        rationale: """
            Caches are shared across a repository's workflows on the same branch scope: a job that anyone can \
            trigger on the default branch (an `issue_comment` bot, a `pull_request_target` job, a compromised test \
            dependency) can save a cache entry that a release job later restores. Poisoned dependencies or \
            compiler caches then end up inside the published package, image or binary.

            Do not restore caches in jobs that build release artifacts: set `cache: false` (or remove the cache \
            step) in workflows triggered by `release` or tag pushes and in jobs that publish. Build speed matters \
            less than the integrity of what you ship.
            """,
        fixBefore: """
            on:
              push:
                tags: ['v*']
            jobs:
              release:
                steps:
                  - uses: actions/setup-node@v4
                    with:
                      cache: npm
                  - run: npm publish
            """,
        fixAfter: """
            on:
              push:
                tags: ['v*']
            jobs:
              release:
                steps:
                  - uses: actions/setup-node@v4
                  - run: npm publish
            """,
        triggeringExamples: [
            RuleExample(
                """
                on:
                  push:
                    tags: ['v*']
                jobs:
                  release:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - uses: ↓actions/setup-node@v4
                        with:
                          node-version: 22
                          cache: npm
                      - uses: ↓Swatinem/rust-cache@v2
                      - run: npm ci && npm run build
                """
            ),
            RuleExample(
                """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: ↓actions/cache@v4
                        with:
                          path: ~/.npm
                          key: npm-${{ hashFiles('package-lock.json') }}
                      - run: npm ci && npm run build
                  publish:
                    needs: build
                    runs-on: ubuntu-latest
                    steps:
                      - run: npm publish
                """
            ),
        ],
        nonTriggeringExamples: [
            RuleExample(
                """
                on:
                  push:
                    tags: ['v*']
                jobs:
                  release:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/setup-node@v4
                        with:
                          node-version: 22
                      - uses: actions/setup-go@v5
                        with:
                          cache: false
                      - run: npm publish
                """
            ),
            RuleExample(
                """
                on: pull_request
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/setup-node@v4
                        with:
                          cache: npm
                      - run: npm test
                """
            ),
        ]
    )

    init(options: NoOptions) {}

    /// Actions that publish or release what the job built.
    static let publishingActions: Set<String> = [
        "pypa/gh-action-pypi-publish", "softprops/action-gh-release", "goreleaser/goreleaser-action",
        "rubygems/release-gem", "jreleaser/release-action", "ncipollo/release-action", "actions/create-release",
        "js-devtools/npm-publish", "redhat-actions/push-to-registry", "svenstaro/upload-release-action",
        "crazy-max/ghaction-chocolatey", "cloudflare/wrangler-action", "peaceiris/actions-gh-pages",
        "actions/deploy-pages",
    ]

    /// Command prefixes that publish (the first word is the command).
    static let publishingCommands: [[String]] = [
        ["npm", "publish"], ["yarn", "publish"], ["yarn", "npm", "publish"], ["pnpm", "publish"],
        ["twine", "upload"], ["cargo", "publish"], ["docker", "push"], ["gh", "release"], ["poetry", "publish"],
        ["uv", "publish"], ["gem", "push"], ["mvn", "deploy"], ["goreleaser"], ["dotnet", "nuget", "push"],
        ["flit", "publish"], ["hatch", "publish"], ["vsce", "publish"], ["ovsx", "publish"], ["lerna", "publish"],
        ["changeset", "publish"], ["semantic-release"], ["jreleaser"],
    ]

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        guard let workflow = file.workflow else { return [] }
        let releaseTrigger = Self.releaseTrigger(workflow)
        // Jobs that publish, and every job they depend on (whose outputs and artifacts they ship).
        var publishing: [String: String] = [:]
        for job in workflow.jobs {
            guard let evidence = Self.publishEvidence(job: job, context: context) else { continue }
            var queue = [job.id.value]
            while let id = queue.popLast() {
                guard publishing[id] == nil else { continue }
                publishing[id] = evidence
                queue += workflow.job(id)?.needs ?? []
            }
        }
        var findings: [Finding] = []
        for job in workflow.jobs {
            guard let reason = releaseTrigger ?? publishing[job.id.value] else { continue }
            for step in job.steps {
                guard let uses = step.uses, let cache = Self.cacheKind(step) else { continue }
                findings.append(
                    context.finding(in: file, at: uses.position, .poisonable(cache, job: job.id.value, reason: reason))
                )
            }
        }
        return findings
    }

    /// Why the workflow as a whole is a release workflow (`release` event, tag pushes).
    static func releaseTrigger(_ workflow: Workflow) -> String? {
        if workflow.isTriggered(by: "release") { return "the workflow runs on `release`" }
        if let push = workflow.trigger("push")?.configuration?.mapping {
            if push["tags"] != nil { return "the workflow runs on tag pushes" }
        }
        return nil
    }

    /// What in the job publishes, if anything.
    static func publishEvidence(job: Job, context: RuleContext) -> String? {
        if let uses = job.uses, let name = ActionReference(uses.value).actionName,
            context.catalogue.capabilities(forAction: name).contains("publish")
        {
            return "job '\(job.id.value)' publishes with `\(uses.value)`"
        }
        for step in job.steps {
            if let name = step.actionName {
                let pushesImage =
                    name == "docker/build-push-action" && step.input("push").map { $0.value != "false" } ?? false
                if pushesImage || publishingActions.contains(name)
                    || context.facts.capabilities(job: job, step: step).contains("publish")
                {
                    return "job '\(job.id.value)' publishes with `\(step.uses?.value ?? name)`"
                }
            }
            for command in context.facts.commands(job: job, step: step)
            where Self.matchesAny(command.words, publishingCommands) {
                return "job '\(job.id.value)' runs `\(command.words.prefix(3).joined(separator: " "))`"
            }
        }
        return nil
    }

    /// `prefixes.contains { matches(words, $0) }`, deriving the command name once instead of once per prefix.
    static func matchesAny(_ words: [String], _ prefixes: [[String]]) -> Bool {
        guard let first = words.first else { return false }
        let name = String(first.splitASCII("/").last ?? Substring(first))
        return prefixes.contains { prefix in
            guard words.count >= prefix.count, name == prefix[0] else { return false }
            for index in 1..<prefix.count where words[index] != prefix[index] { return false }
            return true
        }
    }

    static func matches(_ words: [String], _ prefix: [String]) -> Bool {
        guard words.count >= prefix.count, let first = words.first else { return false }
        let name = String(first.split(separator: "/").last ?? Substring(first))
        return name == prefix[0] && Array(words[1..<prefix.count]) == Array(prefix.dropFirst())
    }

    /// The kind of cache a step restores, or `nil` when it restores none.
    static func cacheKind(_ step: Step) -> String? {
        guard let name = step.actionName else { return nil }
        let cache = step.input("cache")
        switch name {
        case "actions/cache", "actions/cache/restore":
            return InjectionRuleSupport.isTrue(step.input("lookup-only")) ? nil : "`\(name)`"
        case "actions/setup-node", "actions/setup-python", "actions/setup-java", "graalvm/setup-graalvm":
            guard let cache, !cache.isNull, !cache.value.isEmpty, enabled(cache) else { return nil }
            return "`\(name)` with `cache: \(cache.value)`"
        case "actions/setup-go":
            if let cache { return enabled(cache) ? "`\(name)` with `cache: \(cache.value)`" : nil }
            // Caching is on by default from v4.
            let version = step.usesReference.flatMap(InjectionRuleSupport.majorVersion(of:))
            return (version ?? 4) >= 4 ? "`\(name)` (caches by default)" : nil
        case "actions/setup-dotnet":
            return enabled(cache) && InjectionRuleSupport.isTrue(cache) ? "`\(name)` with `cache: true`" : nil
        case "astral-sh/setup-uv":
            return InjectionRuleSupport.isTrue(step.input("enable-cache")) ? "`\(name)` with `enable-cache`" : nil
        case "ruby/setup-ruby":
            return InjectionRuleSupport.isTrue(step.input("bundler-cache")) ? "`\(name)` with `bundler-cache`" : nil
        case "swatinem/rust-cache":
            return InjectionRuleSupport.isTrue(step.input("lookup-only")) ? nil : "`Swatinem/rust-cache`"
        case "gradle/actions/setup-gradle", "gradle/gradle-build-action":
            return InjectionRuleSupport.isTrue(step.input("cache-disabled")) ? nil : "`\(name)` (caches by default)"
        case "mozilla-actions/sccache-action":
            return "`\(name)`"
        default:
            return nil
        }
    }

    /// Whether a cache input enables caching: not `false`, and not an expression that gates on the ref or event
    /// (the usual way to turn caching off for releases).
    static func enabled(_ scalar: YAMLScalar?) -> Bool {
        guard let scalar else { return true }
        if InjectionRuleSupport.isFalse(scalar) { return false }
        if scalar.value.containsBytes("${{") {
            let gated = ["github.ref", "github.event_name", "startswith(", "github.ref_type"]
            return !gated.contains { scalar.value.lowercased().contains($0) }
        }
        return true
    }
}

extension String {
    fileprivate static func poisonable(_ cache: String, job: String, reason: String) -> String {
        "job '\(job)' restores a cache (\(cache)) and \(reason); a poisoned cache entry would ship in the release, "
            + "so disable caching in this job"
    }
}
