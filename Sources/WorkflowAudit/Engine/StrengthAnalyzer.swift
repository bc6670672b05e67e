import SlipwayCore

/// Lists what the audited workflows do well, so the report reads like a current-state review.
enum StrengthAnalyzer {
    /// Capabilities that count as a strength when present anywhere, with their area and wording.
    static let capabilityStrengths: [(capability: String, id: String, area: Area, message: String)] = [
        ("vulnerability-scan", "vulnerability-scanning", .security, "dependencies are scanned for vulnerabilities"),
        ("secret-scan", "secret-scanning", .security, "the repository is scanned for leaked secrets"),
        ("sbom", "sbom-generation", .security, "an SBOM is generated"),
        ("compliance-check", "compliance-checks", .security, "license or policy compliance is checked"),
        ("sast", "static-analysis", .security, "code or workflows are statically analysed"),
        ("retry", "retries", .reliability, "network-bound steps are retried"),
        ("rollback", "rollback", .reliability, "deployments can roll back"),
        ("health-check", "health-checks", .reliability, "deployments are verified by health checks or smoke tests"),
        ("notification", "notifications", .observability, "the team is notified of release outcomes"),
        ("metrics", "metrics", .observability, "pipeline metrics are recorded"),
        ("audit-trail", "audit-trail", .observability, "releases leave a record (attestation, release or ledger)"),
        ("artifact-signing", "artifact-signing", .enterprise, "artifacts are signed"),
        ("provenance", "provenance", .enterprise, "build provenance is attested"),
        ("approval", "approval-workflow", .enterprise, "deployments wait for an approval step"),
        (
            "environment-validation", "environment-validation", .enterprise,
            "target environments are validated before deploy"
        ),
        ("version-management", "version-management", .enterprise, "versions and changelogs are managed by a tool"),
        ("issue-tracker", "issue-tracker-integration", .observability, "releases are linked to the issue tracker"),
    ]

    static let qualityCapabilities: [(String, String)] = [
        ("lint", "lint"), ("format-check", "format check"), ("type-check", "type check"), ("test", "tests"),
        ("cdk-synth", "CDK synth"), ("build", "build"),
    ]

    static func strengths(files: [String: WorkflowFile], index: ProjectIndex) -> [Strength] {
        var result: [Strength] = []
        let ordered = files.values.sorted { $0.path < $1.path }
        let workflows = ordered.filter { $0.workflow != nil }
        func firstMatch(_ capability: String) -> SourceLocation? {
            for file in ordered {
                if let match = index.facts[file.path]?.matches(of: capability).first {
                    return file.location(match.position)
                }
            }
            return nil
        }
        if let reusable = workflows.first(where: { $0.workflow?.isTriggered(by: "workflow_call") == true }),
            let trigger = reusable.workflow?.trigger("workflow_call")
        {
            result.append(
                Strength(
                    id: "reusable-workflow",
                    area: .enterprise,
                    message: "the release workflow is reusable (`workflow_call`), so teams share one pipeline",
                    location: reusable.location(trigger.position)
                )
            )
        }
        let gates = qualityCapabilities.filter { firstMatch($0.0) != nil }.map(\.1)
        if !gates.isEmpty, let location = firstMatch(qualityCapabilities.first { gates.contains($0.1) }?.0 ?? "") {
            result.append(
                Strength(
                    id: "quality-gates",
                    area: .reliability,
                    message: "quality gates run before release: \(gates.joined(separator: ", "))",
                    location: location
                )
            )
        }
        var environments: [String: SourceLocation] = [:]
        for file in workflows {
            for job in file.jobs {
                if let name = job.environmentName, !name.value.containsBytes("${{") {
                    environments[name.value] = environments[name.value] ?? file.location(name.position)
                }
            }
            for job in file.jobs where job.isReusableWorkflowCall {
                for entry in job.with?.entries ?? [] where entry.key.value.lowercased().contains("env") {
                    if let value = entry.value.string, !value.containsBytes("${{") {
                        environments[value] = environments[value] ?? file.location(entry.value.position)
                    }
                }
            }
            for input in file.workflow?.inputs ?? []
            where input.type == "choice" && input.name.value.lowercased().contains("env") {
                for option in input.options {
                    environments[option] = environments[option] ?? file.location(input.name.position)
                }
            }
        }
        if let first = environments.values.sorted().first {
            let names = environments.keys.sorted()
            let message =
                names.count > 1
                ? "several deployment environments are targeted: \(names.joined(separator: ", "))"
                : "deployments use the GitHub environment '\(names[0])'"
            result.append(Strength(id: "deployment-environments", area: .enterprise, message: message, location: first))
        }
        for entry in capabilityStrengths {
            if let location = firstMatch(entry.capability) {
                result.append(Strength(id: entry.id, area: entry.area, message: entry.message, location: location))
            }
        }
        let references = ordered.flatMap { file in
            file.allSteps.compactMap { $0.step.usesReference }
                + file.jobs.compactMap(\.usesReference)
        }
        let remote = references.filter { if case .repository = $0 { return true } else { return false } }
        if !remote.isEmpty, remote.allSatisfy(\.isPinnedToCommit) {
            result.append(
                Strength(id: "pinned-actions", area: .security, message: "every action is pinned to a full commit SHA")
            )
        }
        let restrictive = workflows.filter { file in
            guard let permissions = file.workflow?.permissions else { return false }
            return permissions.writeScopes.isEmpty
        }
        if !workflows.isEmpty, restrictive.count == workflows.count {
            result.append(
                Strength(
                    id: "least-privilege",
                    area: .security,
                    message: "every workflow sets read-only top-level `permissions` and grants writes per job"
                )
            )
        }
        for file in workflows {
            let grantsIdToken = ([file.workflow?.permissions] + file.jobs.map(\.permissions)).contains {
                $0?.level(of: "id-token") == "write"
            }
            if grantsIdToken, index.facts[file.path]?.has("cloud-oidc-auth") == true {
                result.append(
                    Strength(
                        id: "oidc-cloud-auth",
                        area: .security,
                        message: "cloud credentials come from OIDC (`id-token: write`), not long-lived secrets",
                        location: file.location(file.workflow?.onKeyPosition ?? SourcePosition(line: 1, column: 1))
                    )
                )
                break
            }
        }
        let runnableJobs = workflows.flatMap { $0.jobs.filter { !$0.isReusableWorkflowCall } }
        if !runnableJobs.isEmpty, runnableJobs.allSatisfy({ $0.timeoutMinutes != nil }) {
            result.append(Strength(id: "job-timeouts", area: .reliability, message: "every job sets `timeout-minutes`"))
        }
        if let file = workflows.first(where: {
            $0.workflow?.concurrency != nil || $0.jobs.contains { $0.concurrency != nil }
        }) {
            result.append(
                Strength(
                    id: "concurrency-control",
                    area: .enterprise,
                    message: "runs are serialised with `concurrency`",
                    location: file.location(
                        file.workflow?.concurrency?.key.position ?? file.jobs.first { $0.concurrency != nil }?
                            .concurrency?.key.position ?? SourcePosition(line: 1, column: 1)
                    )
                )
            )
        }
        return result.sorted { ($0.area, $0.id) < ($1.area, $1.id) }
    }
}
