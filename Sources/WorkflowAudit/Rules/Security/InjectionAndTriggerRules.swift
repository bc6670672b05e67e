extension RuleRegistry {
    /// Security rules about injection, triggers, permissions, credentials and secrets (alphabetical).
    static let injectionAndTriggerRules: [any AuditRule.Type] = [
        ArtipackedRule.self,
        BotConditionsRule.self,
        CachePoisoningRule.self,
        DangerousTriggerRule.self,
        ExcessivePermissionsRule.self,
        GitHubEnvInjectionRule.self,
        MissingPermissionsRule.self,
        OverprovisionedSecretsRule.self,
        SecretsInheritRule.self,
        SecretsInRunRule.self,
        UnpinnedUsesRule.self,
        UnsoundContainsRule.self,
    ]
}
