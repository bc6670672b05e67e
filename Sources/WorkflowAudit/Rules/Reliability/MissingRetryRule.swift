import SlipwayCore

/// Finds network-bound deploy and publish steps that fail the release on the first transient error.
struct MissingRetryRule: AuditRule {
    struct Options: RuleOptions {
        /// Also flag dependency installs (`npm ci`, `pip install`…), which are usually retried by the tool itself.
        var includeInstalls: Bool = false

        init() {}

        enum CodingKeys: String, CodingKey {
            case includeInstalls = "include-installs"
        }
    }

    static let metadata = RuleMetadata(
        id: "missing-retry",
        name: "Missing Retry",
        area: .reliability,
        severity: .low,
        confidence: .medium,
        summary: "A network-bound deploy or publish step is not retried, so one transient error fails the release.",
        rationale: """
            Deploys and publishes talk to cloud APIs and registries that throttle and time out now and then. \
            Without a retry, a single `Rate exceeded` or connection reset fails the whole release and someone has \
            to re-run it by hand. Wrap the command in `nick-fields/retry`, use `slipway deploy --retries 3`, or \
            retry in the script (`for i in 1 2 3; do … && break; sleep 10; done`). Only retry operations that are \
            safe to repeat: `cdk deploy` and `terraform apply` are; for registry publishes, skip versions that \
            already exist. Set `include-installs: true` to also check dependency installs.
            """,
        fixBefore: """
            - run: npx cdk deploy --context env=prod
            """,
        fixAfter: """
            - uses: nick-fields/retry@v3
              with:
                max_attempts: 3
                timeout_minutes: 30
                command: npx cdk deploy --context env=prod
            """,
        triggeringExamples: [
            RuleExample(
                """
                on:
                  workflow_call:
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    environment: prod
                    steps:
                      - uses: actions/checkout@v4
                      - run: npm ci
                      - run: |
                          npx cdk synth
                          ↓npx cdk deploy --context env=prod --require-approval never
                """
            ),
            RuleExample(
                """
                on:
                  push:
                    tags: ["v*"]
                jobs:
                  publish:
                    runs-on: ubuntu-latest
                    steps:
                      - run: ↓npm publish --access public
                """
            ),
        ],
        nonTriggeringExamples: [
            RuleExample(
                """
                on:
                  workflow_call:
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    environment: prod
                    steps:
                      - run: npm ci
                      - uses: nick-fields/retry@v3
                        with:
                          max_attempts: 3
                          timeout_minutes: 30
                          command: npx cdk deploy --context env=prod
                      - run: |
                          for i in 1 2 3; do
                            terraform apply -auto-approve tfplan && break
                            sleep 15
                          done
                """
            )
        ]
    )

    let options: Options

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        guard ReleaseWorkflowDetector.isReleaseWorkflow(file, facts: context.facts) else { return [] }
        var capabilities = ["deploy", "publish"]
        if options.includeInstalls { capabilities.append("dependency-install") }
        var findings: [Finding] = []
        for job in file.jobs {
            for step in job.steps {
                let provided = context.facts.capabilities(job: job, step: step)
                guard !provided.contains("retry"), !Self.scriptRetries(step.run?.value) else { continue }
                let match = context.facts.matches.first { match in
                    match.jobId == job.id.value && match.stepIndex == step.index
                        && capabilities.contains(match.capability) && !ReleaseWorkflowDetector.isSiteDeploy(match)
                }
                guard let match else { continue }
                findings.append(
                    context.finding(
                        in: file,
                        at: match.position,
                        .missingRetry(
                            step: step.label,
                            job: job.id.value,
                            evidence: ReleaseWorkflowDetector.safeEvidence(match.evidence),
                            capability: match.capability
                        )
                    )
                )
            }
        }
        return findings
    }

    /// Whether a script retries by itself: a `retry` helper or `--retry` flag, an `until … do` loop, or a counted
    /// `for` loop (`for i in 1 2 3`, `for i in {1..5}`, `for i in $(seq 3)`) or an `attempt` counter.
    static func scriptRetries(_ script: String?) -> Bool {
        guard let script else { return false }
        let text = script.lowercased()
        if text.containsBytes("retry") || text.containsBytes("attempt") { return true }
        // The word checks below need `until` or `for`.
        guard text.containsBytes("until") || text.containsBytes("for") else { return false }
        let words = text.splitASCII { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == UInt8(ascii: ";") }
            .map(String.init)
        if words.contains("until"), words.contains("do") { return true }
        for (index, word) in words.enumerated() where word == "for" && index + 3 < words.count {
            guard words[index + 2] == "in" else { continue }
            let first = words[index + 3]
            if first == "1" || first.hasPrefix("{1..") || first.hasPrefix("$(seq") || first.hasPrefix("`seq") {
                return true
            }
        }
        return false
    }
}

extension String {
    fileprivate static func missingRetry(step: String, job: String, evidence: String, capability: String) -> String {
        let verb = capability == "publish" ? "publishes" : capability == "deploy" ? "deploys" : "installs"
        return "step '\(step)' in job '\(job)' \(verb) with `\(evidence)` without a retry, so one transient "
            + "network or API error fails the release; wrap it in nick-fields/retry or `slipway deploy --retries 3`, "
            + "or retry in the script"
    }
}
