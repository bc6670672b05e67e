import SlipwayCore

/// Decides which workflows are release or deploy pipelines, so enterprise-gap rules never fire on plain CI.
///
/// A workflow is a release workflow when it deploys or publishes (catalogue capabilities `deploy`, `publish`), runs
/// on `release` events or tag pushes, or is started by hand or by a caller (`workflow_dispatch`, `workflow_call`)
/// and its file name says release, deploy, publish, cd or delivery.
enum ReleaseWorkflowDetector {
    /// File-name words that mark a manually started or reusable workflow as a release workflow.
    static let releaseNameWords = ["release", "deploy", "publish", "delivery"]
    /// File-name tokens that must match whole (`cd.yml`, `ci-cd.yml`, but not `cdk-synth.yml`).
    static let releaseNameTokens: Set<String> = ["cd", "cicd"]

    /// Actions that publish a static site to GitHub Pages: documentation, not a release of the product.
    static let siteDeployActions: Set<String> = [
        "actions/deploy-pages", "peaceiris/actions-gh-pages", "jamesives/github-pages-deploy-action",
        "crazy-max/ghaction-github-pages",
    ]

    /// Events of pull-request previews and merge-queue checks; a workflow started only by these (and by hand) is
    /// a preview or an integration test, not a release.
    static let pullRequestEvents: Set<String> = ["pull_request", "pull_request_target", "merge_group"]

    /// Why `file` counts as a release workflow (for messages), or `nil` when it does not.
    static func releaseReason(_ file: WorkflowFile, facts: FileFacts) -> String? {
        if facts.isReleaseReasonDecided { return facts.releaseReason }
        guard let workflow = file.workflow, !isPullRequestPreview(workflow) else { return nil }
        if let match = deployMatches(facts).first { return "deploys (`\(safeEvidence(match.evidence))`)" }
        if let match = facts.matches(of: "publish").first { return "publishes (`\(safeEvidence(match.evidence))`)" }
        if workflow.isTriggered(by: "release") { return "runs on `release` events" }
        if let push = workflow.trigger("push"), push.configuration?.mapping?["tags"] != nil {
            return "runs on tag pushes"
        }
        let manual = workflow.isTriggered(by: "workflow_dispatch") || workflow.isTriggered(by: "workflow_call")
        if manual, hasReleaseName(file.path) { return "is a release workflow by its name" }
        return nil
    }

    /// Whether the workflow runs only for pull requests or the merge queue (plus, optionally, by hand), and not
    /// when a pull request is merged (`types: [closed]`, a common publish-on-merge pattern).
    static func isPullRequestPreview(_ workflow: Workflow) -> Bool {
        let events = Set(workflow.triggers.map(\.event))
        guard !events.isDisjoint(with: pullRequestEvents),
            events.isSubset(of: pullRequestEvents.union(["workflow_dispatch"]))
        else { return false }
        let onMerge = workflow.triggers.contains { trigger in
            guard pullRequestEvents.contains(trigger.event) else { return false }
            switch trigger.configuration?.mapping?["types"] {
            case .scalar(let scalar): return scalar.value == "closed"
            case .sequence(let sequence): return sequence.items.contains { $0.string == "closed" }
            default: return false
            }
        }
        return !onMerge
    }

    /// Deploy matches, without GitHub Pages site deploys.
    static func deployMatches(_ facts: FileFacts) -> [CapabilityMatch] {
        facts.matches(of: "deploy").filter { !isSiteDeploy($0) }
    }

    /// Whether a deploy match publishes a static site to GitHub Pages (`actions/deploy-pages`, `mkdocs gh-deploy`).
    static func isSiteDeploy(_ match: CapabilityMatch) -> Bool {
        if let name = ActionReference(match.evidence).actionName, siteDeployActions.contains(name) { return true }
        let words = match.evidence.splitASCII(" ")
        return words.contains("gh-deploy") || words.contains("gh-pages")
    }

    /// Whether `step` deploys (a non-site deploy match).
    static func isDeployStep(_ job: Job?, _ step: Step, facts: FileFacts) -> Bool {
        match(of: "deploy", job: job, step: step, facts: facts) != nil
    }

    /// Evidence text safe to print: values after secret-looking flags and long opaque words are redacted to their
    /// first four characters.
    static func safeEvidence(_ evidence: String) -> String {
        var previous = ""
        let words = evidence.splitASCII(" ").map { word -> String in
            defer { previous = word.lowercased() }
            let text = String(word)
            if text.containsBytes("${{") { return text }
            let afterSecretFlag =
                ["token", "password", "secret", "key", "auth"].contains { previous.contains($0) }
                && previous.hasPrefix("-")
            let opaque = text.count >= 24 && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
            let inlineSecret =
                text.hasPrefix("-") && text.contains("=")
                && ["token", "password", "secret", "key"].contains { text.lowercased().contains($0) }
            if afterSecretFlag || opaque || inlineSecret {
                return String(text.prefix(4)) + "…"
            }
            return text
        }
        return words.joined(separator: " ")
    }

    /// Whether `file` is a release or deploy workflow.
    static func isReleaseWorkflow(_ file: WorkflowFile, facts: FileFacts) -> Bool {
        releaseReason(file, facts: facts) != nil
    }

    /// Whether the file name (without directories and extension) names a release pipeline.
    static func hasReleaseName(_ path: String) -> Bool {
        let base = String(path.splitASCII("/").last ?? Substring(path)).lowercased()
        let stem = base.splitASCII(".").first.map(String.init) ?? base
        if releaseNameWords.contains(where: { stem.contains($0) }) { return true }
        let tokens = stem.split { !$0.isLetter && !$0.isNumber }.map(String.init)
        return tokens.contains { releaseNameTokens.contains($0) }
    }

    /// Steps that deploy (capability `deploy`, GitHub Pages site deploys excluded), in document order, with jobs.
    static func deploySteps(_ file: WorkflowFile, facts: FileFacts) -> [(job: Job, step: Step)] {
        file.jobs.flatMap { job in
            job.steps.filter { isDeployStep(job, $0, facts: facts) }.map { (job: job, step: $0) }
        }
    }

    /// Steps that publish (capability `publish`), in document order, with their jobs.
    static func publishSteps(_ file: WorkflowFile, facts: FileFacts) -> [(job: Job, step: Step)] {
        steps(of: "publish", in: file, facts: facts)
    }

    /// Steps of workflow jobs that provide `capability`, in document order.
    static func steps(of capability: String, in file: WorkflowFile, facts: FileFacts) -> [(job: Job, step: Step)] {
        var result: [(job: Job, step: Step)] = []
        for job in file.jobs {
            for step in job.steps where facts.capabilities(job: job, step: step).contains(capability) {
                result.append((job, step))
            }
        }
        return result
    }

    /// Jobs that run deploy steps (reusable-workflow calls are excluded: they cannot set `environment:`).
    static func deployJobs(_ file: WorkflowFile, facts: FileFacts) -> [Job] {
        file.jobs.filter { job in job.steps.contains { isDeployStep(job, $0, facts: facts) } }
    }

    /// The first catalogue match of `capability` in `step` (the exact `uses:` value or command position).
    static func match(
        of capability: String,
        job: Job?,
        step: Step,
        facts: FileFacts
    ) -> CapabilityMatch? {
        facts.matches(of: capability).first { match in
            match.jobId == job?.id.value && match.stepIndex == step.index
                && (capability != "deploy" || !isSiteDeploy(match))
        }
    }

    /// Where file-level gaps are reported: the `jobs:` key, else the first line.
    static func defaultPosition(_ file: WorkflowFile) -> SourcePosition {
        file.workflow?.jobsKeyPosition ?? SourcePosition(line: 1, column: 1)
    }

    /// A short name for messages: the workflow's `name:`, else its file name.
    static func displayName(_ file: WorkflowFile) -> String {
        if let name = file.workflow?.name?.value, !name.isEmpty { return name }
        return String(file.path.splitASCII("/").last ?? Substring(file.path))
    }

    /// Jobs that `job` needs, directly or transitively.
    static func ancestors(of job: Job, in file: WorkflowFile) -> [Job] {
        var result: [Job] = []
        var seen: Set<String> = [job.id.value]
        var queue = job.needs
        while let id = queue.popLast() {
            guard seen.insert(id).inserted, let needed = file.workflow?.job(id) else { continue }
            result.append(needed)
            queue += needed.needs
        }
        return result
    }

    /// Jobs that need `job`, directly or transitively.
    static func descendants(of job: Job, in file: WorkflowFile) -> [Job] {
        var result: [Job] = []
        var seen: Set<String> = [job.id.value]
        var frontier = [job.id.value]
        while let id = frontier.popLast() {
            for candidate in file.jobs where candidate.needs.contains(id) && seen.insert(candidate.id.value).inserted {
                result.append(candidate)
                frontier.append(candidate.id.value)
            }
        }
        return result
    }
}
