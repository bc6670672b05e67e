import SlipwayCore
import Testing

@testable import WorkflowAudit

/// Audits in-memory YAML with a chosen set of rules, through the real engine (suppressions included).
enum RuleHarness {
    /// Findings of `ruleId` when `files` are audited as a repository.
    static func findings(
        ruleId: String,
        files: [String: String],
        configuration: SlipwayConfiguration = SlipwayConfiguration()
    ) async throws -> [Finding] {
        let fileSystem = InMemoryFileSystem(files: files, currentDirectory: "/repo")
        let engine = AuditEngine(fileSystem: fileSystem)
        let request = AuditRequest(
            paths: ["/repo"],
            configuration: configuration,
            today: CalendarDate("2026-11-25")!,
            onlyRules: []
        )
        let report = try await engine.run(request)
        return report.findings.filter { $0.ruleId == ruleId }
    }

    /// Findings of `ruleId` for one example.
    static func findings(ruleId: String, example: RuleExample, yaml: String) async throws -> [Finding] {
        try await findings(ruleId: ruleId, files: [example.path: yaml])
    }
}
