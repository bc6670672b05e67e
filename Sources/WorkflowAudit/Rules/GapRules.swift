extension RuleRegistry {
    /// Enterprise-gap rules: what a release pipeline lacks per area (alphabetical).
    static let gapRules: [any AuditRule.Type] = []
}
