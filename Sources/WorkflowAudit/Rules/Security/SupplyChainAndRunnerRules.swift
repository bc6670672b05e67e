extension RuleRegistry {
    /// Security and hygiene rules about runners, images, downloads, credentials and deprecated features
    /// (alphabetical).
    static let supplyChainAndRunnerRules: [any AuditRule.Type] = []
}
