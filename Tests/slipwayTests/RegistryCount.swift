import WorkflowAudit

enum WorkflowAuditRegistryCount {
    static var value: Int { RuleRegistry.all.count }
}
