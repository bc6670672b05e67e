import SlipwayCore

/// The audited files that run together with one workflow: the workflows that call it (up to the outermost
/// caller) and every local reusable workflow or action those callers reach.
///
/// A capability anywhere in that set closes a gap: a caller that scans before calling a reusable deploy
/// workflow covers it, and so does a sibling reusable workflow. The call graph comes from
/// `ProjectIndex.callers`, so no file models beyond the audited one are needed.
struct ReleasePipeline {
    let file: WorkflowFile
    let facts: FileFacts
    let project: ProjectIndex
    /// Paths of every file in the pipeline, the audited file first.
    let paths: [String]

    /// The pipeline of `file`.
    init(_ file: WorkflowFile, context: RuleContext) {
        self.file = file
        facts = context.facts
        project = context.project
        // The project's call graph; for this file also the audited files its `uses: ./…` name (an action's
        // directory resolves to its action.yml).
        let projectCallees = context.project.calleesByCaller
        var ownCallees = projectCallees[file.path] ?? []
        for callee in ProjectIndex.localCallees(of: file) {
            for candidate in Self.candidates(callee.path) where context.project.facts[candidate] != nil {
                ownCallees.append(candidate)
            }
        }
        func callees(of path: String) -> [String] { path == file.path ? ownCallees : projectCallees[path] ?? [] }
        var roots: [String] = []
        var seen: Set<String> = []
        var queue = [file.path]
        while let path = queue.popLast() {
            guard seen.insert(path).inserted else { continue }
            let parents = Set((context.project.callers[path] ?? []).map(\.path))
            if parents.isEmpty { roots.append(path) }
            queue += parents.sorted()
        }
        if roots.isEmpty { roots = [file.path] }
        var members: [String] = [file.path]
        var visited: Set<String> = [file.path]
        var frontier = roots + Array(seen)
        while let path = frontier.popLast() {
            if visited.insert(path).inserted { members.append(path) }
            for callee in callees(of: path) where !visited.contains(callee) { frontier.append(callee) }
        }
        paths = members
    }

    static func candidates(_ path: String) -> [String] {
        [path, path + "/action.yml", path + "/action.yaml"]
    }

    /// The facts of one pipeline member (the audited file's own facts for itself).
    func facts(of path: String) -> FileFacts? {
        path == file.path ? facts : project.facts[path]
    }

    /// Whether any file of the pipeline provides `capability`.
    func provides(_ capability: String) -> Bool {
        provider(of: capability) != nil
    }

    /// The first pipeline file that provides `capability`.
    func provider(of capability: String) -> String? {
        paths.first { facts(of: $0)?.has(capability) == true }
    }

    /// Another audited file outside this pipeline that provides `capability`, such as a pull-request CI workflow.
    func elsewhere(_ capability: String) -> String? {
        let members = Set(paths)
        return project.pathsByCapability[capability]?.first { !members.contains($0) }
    }

    /// Whether the file hands its release to local reusable workflows.
    ///
    /// That is when it neither deploys nor publishes itself but a workflow it calls does; file-level gaps are then
    /// reported on the callee only.
    var delegatesRelease: Bool {
        guard !facts.has("deploy"), !facts.has("publish") else { return false }
        return paths.dropFirst().contains { path in
            guard isTransitiveCallee(path), let calleeFacts = project.facts[path] else { return false }
            return calleeFacts.has("deploy") || calleeFacts.has("publish")
        }
    }

    private func isTransitiveCallee(_ path: String) -> Bool {
        var seen: Set<String> = []
        var queue = [path]
        while let current = queue.popLast() {
            guard seen.insert(current).inserted else { continue }
            let parents = (project.callers[current] ?? []).map(\.path)
            if parents.contains(file.path) { return true }
            queue += parents
        }
        return false
    }

    /// Whether file-level gap rules should report on `file`: a release workflow that does not delegate.
    static func shouldReportFileGaps(_ file: WorkflowFile, context: RuleContext) -> ReleasePipeline? {
        guard ReleaseWorkflowDetector.isReleaseWorkflow(file, facts: context.facts) else { return nil }
        let pipeline = ReleasePipeline(file, context: context)
        return pipeline.delegatesRelease ? nil : pipeline
    }

    /// A message suffix naming another workflow that has the capability outside the release pipeline.
    func elsewhereNote(_ capability: String) -> String {
        guard let path = elsewhere(capability) else { return "" }
        let name = path.splitASCII("/").last.map(String.init) ?? path
        return " (`\(name)` has one, but it does not run as part of this release)"
    }
}
