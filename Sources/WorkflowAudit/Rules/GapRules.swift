extension RuleRegistry {
    /// Enterprise-gap rules: what a release pipeline lacks per area (alphabetical).
    static let gapRules: [any AuditRule.Type] = [
        MissingArtifactSigningRule.self,
        MissingAuditTrailRule.self,
        MissingComplianceCheckRule.self,
        MissingConcurrencyRule.self,
        MissingFailureHandlingRule.self,
        MissingHealthCheckRule.self,
        MissingMetricsRule.self,
        MissingNotificationRule.self,
        MissingProvenanceRule.self,
        MissingRetryRule.self,
        MissingRollbackRule.self,
        MissingSBOMRule.self,
        MissingSecretScanRule.self,
        MissingStepSummaryRule.self,
        MissingVulnerabilityScanRule.self,
        UnprotectedDeploymentRule.self,
        UnvalidatedEnvironmentInputRule.self,
    ]
}
