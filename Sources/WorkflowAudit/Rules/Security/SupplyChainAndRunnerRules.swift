extension RuleRegistry {
    /// Security and hygiene rules about runners, images, downloads, credentials and deprecated features
    /// (alphabetical).
    static let supplyChainAndRunnerRules: [any AuditRule.Type] = [
        CurlPipeShellRule.self,
        DeprecatedActionVersionRule.self,
        DeprecatedWorkflowCommandRule.self,
        ExpressionSyntaxErrorRule.self,
        HardcodedCredentialsRule.self,
        InsecureCommandsRule.self,
        LongLivedCloudCredentialsRule.self,
        PublishWithoutTrustedPublishingRule.self,
        SelfHostedRunnerRule.self,
        UnpinnedImageRule.self,
        UnpinnedToolInstallRule.self,
    ]
}
