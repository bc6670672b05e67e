/// Every built-in rule.
///
/// Adding a rule means adding it to the alphabetical list of its group.
public enum RuleRegistry {
    /// All rules the engine knows, in a stable order (groups, then alphabetical within each group).
    public static let all: [any AuditRule.Type] = core + injectionAndTriggerRules + supplyChainAndRunnerRules + gapRules

    /// Rules that came with the engine.
    static let core: [any AuditRule.Type] = [
        ExpiredIgnoreRule.self,
        InvalidSuppressionRule.self,
        MissingTimeoutRule.self,
        TemplateInjectionRule.self,
        UnusedSuppressionRule.self,
    ]

    /// The rule with `id` (or a deprecated alias of it).
    public static func rule(withId id: String) -> (any AuditRule.Type)? {
        all.first { $0.metadata.id == id || $0.metadata.deprecatedAliases.contains(id) }
    }
}
