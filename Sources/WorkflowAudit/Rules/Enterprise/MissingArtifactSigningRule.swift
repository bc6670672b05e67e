import SlipwayCore

/// Finds release workflows that publish artifacts nobody can verify.
struct MissingArtifactSigningRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "missing-artifact-signing",
        name: "Missing Artifact Signing",
        area: .enterprise,
        severity: .medium,
        confidence: .medium,
        summary: "A release publishes packages, images or release assets without signing them.",
        rationale: """
            An unsigned artifact cannot be told apart from one an attacker uploaded with a stolen registry token. \
            Sign what you publish, keylessly through the workflow's OIDC identity: `slipway sign`, \
            `cosign sign-blob` / `cosign sign` for files and images, `actions/attest-build-provenance` (a signed \
            attestation), `npm publish --provenance`, or PyPI attestations (on by default in \
            `pypa/gh-action-pypi-publish`). Consumers can then verify the signature before use. Signing configured \
            inside a tool's own config (goreleaser `signs:`) is invisible here: suppress the finding with that \
            reason.
            """,
        fixBefore: """
            steps:
              - run: make dist
              - run: gh release upload "$TAG" dist/*
            """,
        fixAfter: """
            steps:
              - run: make dist
              - uses: sigstore/cosign-installer@v3
              - run: |
                  for file in dist/*; do
                    cosign sign-blob --yes --bundle "$file.sigstore.json" "$file"
                  done
              - run: gh release upload "$TAG" dist/*
            """,
        triggeringExamples: [
            RuleExample(
                """
                on:
                  push:
                    tags: ["v*"]
                jobs:
                  publish:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - run: npm ci
                      - run: ↓npm publish --access public
                """
            ),
            RuleExample(
                """
                on:
                  release:
                    types: [published]
                jobs:
                  assets:
                    runs-on: ubuntu-latest
                    steps:
                      - run: make dist
                      - run: ↓gh release upload "$TAG" dist/*
                        env:
                          TAG: ${{ github.event.release.tag_name }}
                          GH_TOKEN: ${{ github.token }}
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
                  assets:
                    runs-on: ubuntu-latest
                    permissions:
                      contents: write
                      id-token: write
                    steps:
                      - run: make dist
                      - uses: sigstore/cosign-installer@v3
                      - run: cosign sign-blob --yes --bundle dist/app.tar.gz.sigstore.json dist/app.tar.gz
                      - run: gh release upload "$TAG" dist/*
                        env:
                          TAG: ${{ github.event.release.tag_name }}
                          GH_TOKEN: ${{ github.token }}
                """
            ),
            RuleExample(
                """
                on:
                  workflow_call:
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    environment: prod
                    steps:
                      - run: npx cdk deploy --context env=prod
                """
            ),
        ]
    )

    init(options: NoOptions) {}

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        let facts = context.facts
        guard ReleaseWorkflowDetector.isReleaseWorkflow(file, facts: facts),
            let artifact = firstArtifact(in: file, facts: facts),
            ImplicitAttestation.evidence(in: file, facts: facts) == nil,
            !["artifact-signing", "provenance"].contains(where: ReleasePipeline(file, context: context).provides)
        else { return [] }
        return [context.finding(in: file, at: artifact.position, .unsigned(step: artifact.step, what: artifact.what))]
    }

    /// The first step that ships an artifact: a publish, a container push, or GitHub release assets.
    private func firstArtifact(
        in file: WorkflowFile,
        facts: FileFacts
    ) -> (position: SourcePosition, step: String, what: String)? {
        for job in file.jobs {
            for step in job.steps {
                let commands = facts.commands(job: job, step: step)
                if let match = ReleaseWorkflowDetector.match(of: "publish", job: job, step: step, facts: facts),
                    !Self.isReleaseWithoutAssets(match, commands: commands, run: step.run, source: file.source)
                {
                    return (match.position, step.label, "`\(ReleaseWorkflowDetector.safeEvidence(match.evidence))`")
                }
                if let uses = step.uses, let name = step.actionName {
                    if name == "docker/build-push-action", let push = step.input("push"), push.bool != false {
                        return (uses.position, step.label, "a container image")
                    }
                    if name == "softprops/action-gh-release", step.input("files") != nil {
                        return (uses.position, step.label, "release assets")
                    }
                }
                guard let run = step.run else { continue }
                for command in commands where Self.shipsArtifact(command) {
                    let position = FileFacts.position(of: command, in: run, source: file.source)
                    let what = command.name == "gh" ? "release assets" : "a container image"
                    return (position, step.label, what)
                }
            }
        }
        return nil
    }

    /// Whether a publish match is a `gh release create` that attaches no files (release notes only).
    static func isReleaseWithoutAssets(
        _ match: CapabilityMatch,
        commands: [ShellCommand],
        run: YAMLScalar?,
        source: SourceText
    ) -> Bool {
        guard let run,
            let original = commands.first(where: {
                FileFacts.position(of: $0, in: run, source: source) == match.position
            })
        else { return false }
        // Re-tokenise with each `${{ … }}` as one word, so an expression counts as one argument.
        let script = Self.replacingExpressions(in: run.value)
        let isReleaseCreate = { (command: ShellCommand) in
            command.name == "gh" && command.words.count > 2 && command.words[1] == "release"
                && command.words[2] == "create"
        }
        guard isReleaseCreate(original),
            let command = ShellTokenizer.commands(in: script).first(where: {
                $0.line == original.line && isReleaseCreate($0)
            })
        else { return false }
        let valued: Set<String> = [
            "-n", "--notes", "-t", "--title", "-F", "--notes-file", "--target", "--discussion-category",
            "--notes-start-tag", "-R", "--repo",
        ]
        var positional: [String] = []
        var skipNext = false
        for word in command.words.dropFirst(3) {
            if skipNext {
                skipNext = false
                continue
            }
            if Self.isRedirection(word) {
                skipNext = word.last == ">" || word.last == "<"
                continue
            }
            if word.hasPrefix("-") {
                skipNext = valued.contains(word) && !word.contains("=")
                continue
            }
            if !word.contains("[@]"), !word.contains("[*]") { positional.append(word) }
        }
        return positional.count <= 1
    }

    /// `text` with every `${{ … }}` replaced by the word `EXPR` and every `$( … )` by `SUBST`, so each counts as
    /// one argument.
    static func replacingExpressions(in text: String) -> String {
        let scalars = Array(replacingSubstitutions(in: text).unicodeScalars)
        let text = String(String.UnicodeScalarView(scalars))
        var result = String.UnicodeScalarView()
        var cursor = 0
        for span in ExpressionScanner.spans(in: text) {
            guard span.offset >= cursor else { continue }
            result.append(contentsOf: scalars[cursor..<span.offset])
            result.append(contentsOf: "EXPR".unicodeScalars)
            cursor = min(scalars.count, span.offset + span.raw.unicodeScalars.count)
        }
        result.append(contentsOf: scalars[cursor...])
        return String(result)
    }

    /// Whether a word is a shell redirection (`>`, `2>`, `2>&1`, `>file`).
    static func isRedirection(_ word: String) -> Bool {
        let trimmed = word.drop { $0.isNumber || $0 == "&" }
        return trimmed.hasPrefix(">") || trimmed.hasPrefix("<")
    }

    /// `text` with each `$( … )` command substitution (balanced parentheses) replaced by `SUBST`.
    static func replacingSubstitutions(in text: String) -> String {
        var result = ""
        var depth = 0
        var previous: Character = " "
        for character in text {
            if depth > 0 {
                if character == "(" { depth += 1 }
                if character == ")" { depth -= 1 }
            } else if previous == "$", character == "(" {
                result.removeLast()
                result += "SUBST"
                depth = 1
            } else {
                result.append(character)
            }
            previous = character
        }
        return result
    }

    /// `gh release upload`, `docker push`/`podman push`, and `docker buildx build --push`.
    static func shipsArtifact(_ command: ShellCommand) -> Bool {
        let words = command.words
        switch command.name {
        case "gh":
            return words.count > 2 && words[1] == "release" && words[2] == "upload"
        case "docker", "podman":
            if words.count > 1, words[1] == "push" { return true }
            return words.contains("build") && words.contains("--push")
        default:
            return false
        }
    }
}

extension String {
    fileprivate static func unsigned(step: String, what: String) -> String {
        "step '\(step)' ships \(what) but nothing in the release signs it; sign it keylessly with `slipway sign` "
            + "or `cosign sign-blob`/`cosign sign`, or attest it with actions/attest-build-provenance, so consumers "
            + "can verify where it came from"
    }
}
