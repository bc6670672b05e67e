/// Every built-in rule, alphabetical by type name. Adding a rule means adding it here.
public enum RuleRegistry {
    /// All rules the engine knows.
    public static let all: [any AuditRule.Type] = [
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
