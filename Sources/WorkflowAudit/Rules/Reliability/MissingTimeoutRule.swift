import SlipwayCore

/// Finds jobs without `timeout-minutes`, which otherwise run for up to six hours.
struct MissingTimeoutRule: AuditRule {
    struct Options: RuleOptions {
        /// Largest acceptable timeout, in minutes.
        var maximumMinutes: Int = 360

        init() {}

        enum CodingKeys: String, CodingKey {
            case maximumMinutes = "maximum-minutes"
        }
    }

    static let metadata = RuleMetadata(
        id: "missing-timeout",
        name: "Missing Timeout",
        area: .reliability,
        severity: .low,
        summary: "A job has no `timeout-minutes`, so a hung step holds a runner for six hours.",
        rationale: """
            Without `timeout-minutes`, GitHub cancels a job only after 360 minutes. A hung deploy or a waiting \
            prompt then blocks the release queue and burns runner minutes. Set a timeout a little above the job's \
            normal duration.
            """,
        fixBefore: """
            jobs:
              deploy:
                runs-on: ubuntu-latest
            """,
        fixAfter: """
            jobs:
              deploy:
                runs-on: ubuntu-latest
                timeout-minutes: 30
            """,
        triggeringExamples: [
            RuleExample(
                """
                on: push
                jobs:
                  ↓build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: make
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
                    timeout-minutes: 20
                    steps:
                      - run: make
                  call:
                    uses: ./.github/workflows/reusable.yml
                """
            )
        ]
    )

    let options: Options

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for job in file.jobs where !job.isReusableWorkflowCall {
            guard let timeout = job.timeoutMinutes else {
                let fix = MissingTimeoutRule.insertTimeoutFix(job: job, file: file)
                findings.append(
                    context.finding(
                        in: file,
                        at: job.id.position,
                        "job '\(job.id.value)' has no `timeout-minutes`; set one a little above its normal duration",
                        fix: fix
                    )
                )
                continue
            }
            if let minutes = timeout.value.scalar?.number, minutes > Double(options.maximumMinutes) {
                findings.append(
                    context.finding(
                        in: file,
                        at: timeout.value.position,
                        "job '\(job.id.value)' allows \(Int(minutes)) minutes, over the \(options.maximumMinutes)-minute limit"
                    )
                )
            }
        }
        return findings
    }

    /// Inserts `timeout-minutes: 30` as the job's first key, at the job's indentation.
    static func insertTimeoutFix(job: Job, file: WorkflowFile) -> Fix? {
        guard !job.node.isFlow, let first = job.node.entries.first else { return nil }
        let line = first.key.position.line
        guard first.key.position.line > job.id.position.line else { return nil }
        let indentation = file.source.indentation(ofLine: line)
        let offset = file.source.lineStarts[line - 1]
        return Fix(
            summary: "add `timeout-minutes: 30` to job '\(job.id.value)'",
            edits: [.insert("\(indentation)timeout-minutes: 30\n", at: offset)]
        )
    }
}
