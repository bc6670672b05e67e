import SlipwayCore

/// Finds package publishing with a stored registry token where the registry supports OIDC trusted publishing.
struct PublishWithoutTrustedPublishingRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "publish-without-trusted-publishing",
        name: "Publish Without Trusted Publishing",
        area: .security,
        severity: .medium,
        confidence: .high,
        summary: "A package is published with a long-lived registry token although the registry supports OIDC.",
        rationale: """
            PyPI, npm, crates.io and RubyGems.org accept GitHub's OIDC token in place of an API token ("trusted \
            publishing"): the registry trusts this repository's workflow (optionally a given environment) and \
            hands out a token that lives for minutes. A stored token instead works from anywhere until it is \
            revoked, so a leaked log, a malicious build dependency or a compromised maintainer machine can \
            publish malicious releases to all your users. Register the workflow as a trusted publisher on the \
            registry, grant `permissions: id-token: write` to the publishing job (ideally one that runs in a \
            protected environment), remove the token input or variable, and delete the token.
            """,
        fixBefore: """
            - uses: pypa/gh-action-pypi-publish@release/v1
              with:
                password: ${{ secrets.PYPI_API_TOKEN }}
            """,
        fixAfter: """
            permissions:
              id-token: write
            steps:
              - uses: pypa/gh-action-pypi-publish@release/v1
            """,
        triggeringExamples: [
            RuleExample(
                """
                on:
                  release:
                    types: [published]
                jobs:
                  pypi:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: ↓pypa/gh-action-pypi-publish@release/v1
                        with:
                          password: ${{ secrets.PYPI_API_TOKEN }}
                      - run: ↓twine upload dist/*
                        env:
                          TWINE_USERNAME: __token__
                          TWINE_PASSWORD: ${{ secrets.PYPI_TOKEN }}
                  npm:
                    runs-on: ubuntu-latest
                    steps:
                      - run: ↓npm publish --access public
                        env:
                          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}
                """
            ),
            RuleExample(
                """
                on:
                  push:
                    tags: ['v*']
                jobs:
                  crates:
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          cargo build --release
                          ↓cargo publish --locked
                        env:
                          CARGO_REGISTRY_TOKEN: ${{ secrets.CARGO_REGISTRY_TOKEN }}
                      - run: ↓gem push pkg/*.gem
                        env:
                          GEM_HOST_API_KEY: ${{ secrets.RUBYGEMS_API_KEY }}
                      - run: ↓uv publish --token "$PYPI_TOKEN"
                """
            ),
        ],
        nonTriggeringExamples: [
            RuleExample(
                """
                on:
                  release:
                    types: [published]
                jobs:
                  publish:
                    runs-on: ubuntu-latest
                    permissions:
                      id-token: write
                    steps:
                      - uses: pypa/gh-action-pypi-publish@release/v1
                      - run: uv publish
                      - run: npm publish --provenance --access public
                        env:
                          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}
                      - uses: rust-lang/crates-io-auth-action@v1
                        id: auth
                      - run: cargo publish
                        env:
                          CARGO_REGISTRY_TOKEN: ${{ steps.auth.outputs.token }}
                  github-packages:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/setup-node@v4
                        with:
                          registry-url: https://npm.pkg.github.com
                      - run: npm publish
                        env:
                          NODE_AUTH_TOKEN: ${{ secrets.GITHUB_TOKEN }}
                      - uses: pypa/gh-action-pypi-publish@release/v1
                        with:
                          repository-url: https://pypi.internal.example.com/simple
                          password: ${{ secrets.INTERNAL_INDEX_PASSWORD }}
                """
            )
        ]
    )

    /// The registries that support trusted publishing.
    enum Registry: String {
        case pypi = "PyPI"
        case npm
        case crates = "crates.io"
        case rubygems = "RubyGems.org"
    }

    init(options: NoOptions) {}

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for (job, step) in file.allSteps {
            // Built only for a finding (most steps have none).
            var owner: String { "step '\(step.label)'" + (job.map { " in job '\($0.id.value)'" } ?? "") }
            if step.actionName == "pypa/gh-action-pypi-publish", let uses = step.uses,
                let password = step.input("password"), !password.value.trimmingWhitespace().isEmpty,
                Self.isPublicIndex(step.input("repository-url")?.value ?? step.input("repository_url")?.value)
            {
                findings.append(context.finding(in: file, at: uses.position, .tokenPublish(owner: owner, .pypi)))
            }
            guard let run = step.run else { continue }
            let environment = SupplyChainSupport.environment(of: step, job: job, in: file)
            let jobSteps = job?.steps ?? file.action?.steps ?? []
            for command in context.facts.commands(job: job, step: step) {
                guard
                    let registry = Self.tokenPublish(
                        command,
                        script: run.value,
                        environment: environment,
                        job: job,
                        jobSteps: jobSteps,
                        file: file
                    )
                else { continue }
                let position = FileFacts.position(of: command, in: run, source: file.source)
                findings.append(context.finding(in: file, at: position, .tokenPublish(owner: owner, registry)))
            }
        }
        return findings
    }

    /// The registry `command` publishes to with a stored token, if it does.
    static func tokenPublish(
        _ command: ShellCommand,
        script: String,
        environment: [YAMLEntry],
        job: Job?,
        jobSteps: [Step],
        file: WorkflowFile
    ) -> Registry? {
        let words = command.words
        func has(_ variable: String) -> Bool {
            environment.contains { $0.key.value == variable && ($0.value.string?.isEmpty == false) }
        }
        func option(_ names: String...) -> String? {
            for (index, word) in words.enumerated() {
                for name in names {
                    if word == name { return index + 1 < words.count ? words[index + 1] : "" }
                    if name.hasPrefix("--"), word.hasPrefix(name + "=") {
                        return String(word.dropFirst(name.count + 1))
                    }
                }
            }
            return nil
        }
        let verb = Array(words.prefix(3))
        if verb.starts(with: ["twine", "upload"]) || words.contains("publib-pypi") {
            let usesPassword = option("-p", "--password") != nil || has("TWINE_PASSWORD")
            let index =
                option("--repository-url")
                ?? environment.first { $0.key.value == "TWINE_REPOSITORY_URL" }?
                .value.string
            return usesPassword && isPublicIndex(index) ? .pypi : nil
        }
        if verb.starts(with: ["uv", "publish"]) {
            let usesToken =
                option("-t", "--token", "-p", "--password") != nil || has("UV_PUBLISH_TOKEN")
                || has("UV_PUBLISH_PASSWORD")
            return usesToken && isPublicIndex(option("--publish-url")) ? .pypi : nil
        }
        let isNPM =
            verb.starts(with: ["npm", "publish"]) || verb.starts(with: ["pnpm", "publish"])
            || verb.starts(with: ["yarn", "npm", "publish"]) || words.contains("publib-npm")
        if isNPM {
            let token = environment.first { ["NODE_AUTH_TOKEN", "NPM_TOKEN"].contains($0.key.value) }?.value.string
            guard let token, SupplyChainSupport.readsSecret(token) else { return nil }
            let lowered = token.lowercased()
            guard !lowered.contains("github_token"), !lowered.contains("github.token") else { return nil }
            guard !words.contains("--provenance"), !has("NPM_CONFIG_PROVENANCE"),
                SupplyChainSupport.permission("id-token", job: job, in: file) != "write"
            else { return nil }
            let registries =
                [option("--registry")]
                + jobSteps.filter { $0.actionName == "actions/setup-node" }
                .map { $0.input("registry-url")?.value }
            guard registries.allSatisfy({ $0 == nil || $0?.contains("registry.npmjs.org") == true }) else { return nil }
            return .npm
        }
        if verb.starts(with: ["cargo", "publish"]) {
            guard !jobSteps.contains(where: { $0.actionName == "rust-lang/crates-io-auth-action" }) else { return nil }
            if let registry = option("--registry"), registry != "crates-io" { return nil }
            let token = environment.first { $0.key.value == "CARGO_REGISTRY_TOKEN" }?.value.string
            let usesToken = option("--token") != nil || SupplyChainSupport.readsSecret(token)
            return usesToken ? .crates : nil
        }
        if verb.starts(with: ["gem", "push"]) {
            let trusted = ["rubygems/release-gem", "rubygems/configure-rubygems-credentials"]
            guard !jobSteps.contains(where: { trusted.contains($0.actionName ?? "") }) else { return nil }
            if let host = option("--host"), !host.contains("rubygems.org") { return nil }
            return has("GEM_HOST_API_KEY") ? .rubygems : nil
        }
        return nil
    }

    /// Whether an index URL is PyPI or TestPyPI (or not given, which means PyPI).
    static func isPublicIndex(_ url: String?) -> Bool {
        guard let url, !url.trimmingWhitespace().isEmpty, !url.containsBytes("${{"), !url.hasPrefix("$") else {
            return true
        }
        return url.contains("pypi.org")
    }
}

extension String {
    fileprivate static func tokenPublish(
        owner: String,
        _ registry: PublishWithoutTrustedPublishingRule.Registry
    ) -> String {
        let how: String
        switch registry {
        case .pypi:
            how =
                "add this workflow as a trusted publisher on pypi.org, grant `id-token: write` and drop the token "
                + "(`pypa/gh-action-pypi-publish`, `uv publish` and twine ≥ 6.1 then use OIDC)"
        case .npm:
            how =
                "add this workflow as a trusted publisher on npmjs.com, grant `id-token: write`, publish with "
                + "npm ≥ 11.5.1 and remove `NODE_AUTH_TOKEN`"
        case .crates:
            how =
                "configure trusted publishing in the crate's settings on crates.io, grant `id-token: write` and get "
                + "a short-lived token from `rust-lang/crates-io-auth-action`"
        case .rubygems:
            how =
                "add this workflow as a trusted publisher on rubygems.org, grant `id-token: write` and publish with "
                + "`rubygems/release-gem` (or `rubygems/configure-rubygems-credentials`)"
        }
        return "\(owner) publishes to \(registry.rawValue) with a long-lived token, but \(registry.rawValue) supports "
            + "OIDC trusted publishing: " + how
    }
}
