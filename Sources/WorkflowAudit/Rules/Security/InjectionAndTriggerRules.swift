extension RuleRegistry {
    /// Security rules about injection, triggers, permissions, credentials and secrets (alphabetical).
    static let injectionAndTriggerRules: [any AuditRule.Type] = []
}
