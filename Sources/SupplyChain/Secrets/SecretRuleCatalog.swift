import SlipwayCore

/// The built-in secret rules: one table entry per provider format, plus the private-key, URL-password and generic
/// keyword rules.
public enum SecretRuleCatalog {
    /// Every built-in rule, in documentation order.
    public static let builtIn: [SecretRule] = providerRules + structuralRules

    /// The rule with `id`, if built in.
    public static func rule(id: String) -> SecretRule? { builtIn.first { $0.id == id } }

    /// A token whose keyword is its literal prefix: the pattern is tried right at the keyword.
    private static func prefixed(
        _ id: String,
        _ description: String,
        _ severity: Severity,
        _ keywords: [String],
        _ pattern: String,
        group: Int = 0,
        span: Int = 512,
        entropy: Double? = nil,
        validator: SecretValidator? = nil
    ) -> SecretRule {
        SecretRule(
            id: id,
            description: description,
            severity: severity,
            keywords: keywords,
            matcher: .anchored(.builtIn(pattern), group: group, span: span),
            minimumEntropy: entropy,
            validator: validator
        )
    }

    /// A secret recognised by the words around it: the pattern is searched in a window around the keyword.
    private static func contextual(
        _ id: String,
        _ description: String,
        _ severity: Severity,
        _ keywords: [String],
        _ pattern: String,
        group: Int = 1,
        before: Int = 120,
        after: Int = 200,
        entropy: Double? = nil,
        validator: SecretValidator? = nil
    ) -> SecretRule {
        SecretRule(
            id: id,
            description: description,
            severity: severity,
            keywords: keywords,
            matcher: .context(.builtIn(pattern), group: group, before: before, after: after),
            minimumEntropy: entropy,
            validator: validator
        )
    }

    /// `key = value`, `key: value`, `"key": "value"`, `key := value`, `key => value` with optional quotes.
    private static let assignment = #"["'`]?\s*(?::=|=>|=|:)\s*["'`]?"#

    private static let providerRules: [SecretRule] = [
        prefixed(
            "aws-access-key-id",
            "AWS access key id (long-term AKIA, temporary ASIA)",
            .critical,
            ["akia", "asia", "abia", "acca"],
            "(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])",
            validator: .notAWSExample
        ),
        contextual(
            "aws-secret-access-key",
            "AWS secret access key assigned to an AWS secret-key name",
            .critical,
            ["aws_secret", "aws-secret", "awssecret", "secret_access_key", "secretaccesskey", "secret-access-key"],
            "(?i:secret)[A-Za-z0-9_.-]{0,24}" + assignment + "([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])",
            before: 60,
            entropy: 4.0
        ),
        prefixed(
            "github-pat",
            "GitHub personal access token (classic), CRC32 checksum verified",
            .critical,
            ["ghp_"],
            "ghp_[A-Za-z0-9]{36}(?![A-Za-z0-9])",
            validator: .base62Checksum
        ),
        prefixed(
            "github-oauth-token",
            "GitHub OAuth access token, CRC32 checksum verified",
            .high,
            ["gho_"],
            "gho_[A-Za-z0-9]{36}(?![A-Za-z0-9])",
            validator: .base62Checksum
        ),
        prefixed(
            "github-user-to-server-token",
            "GitHub App user-to-server token, CRC32 checksum verified",
            .high,
            ["ghu_"],
            "ghu_[A-Za-z0-9]{36}(?![A-Za-z0-9])",
            validator: .base62Checksum
        ),
        prefixed(
            "github-app-installation-token",
            "GitHub App installation (server-to-server) token, CRC32 checksum verified",
            .high,
            ["ghs_"],
            "ghs_[A-Za-z0-9]{36}(?![A-Za-z0-9])",
            validator: .base62Checksum
        ),
        prefixed(
            "github-refresh-token",
            "GitHub App refresh token, CRC32 checksum verified",
            .high,
            ["ghr_"],
            "ghr_[A-Za-z0-9]{36}(?![A-Za-z0-9])",
            validator: .base62Checksum
        ),
        prefixed(
            "github-fine-grained-pat",
            "GitHub fine-grained personal access token",
            .critical,
            ["github_pat_"],
            "github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9])"
        ),
        prefixed(
            "gitlab-pat",
            "GitLab personal, project or group access token",
            .critical,
            ["glpat-"],
            "glpat-[A-Za-z0-9_.-]{20,80}(?![A-Za-z0-9_-])"
        ),
        prefixed(
            "gitlab-runner-token",
            "GitLab runner authentication token",
            .high,
            ["glrt-"],
            "glrt-[A-Za-z0-9_.-]{20,80}(?![A-Za-z0-9_-])"
        ),
        prefixed(
            "gitlab-deploy-token",
            "GitLab deploy token",
            .high,
            ["gldt-"],
            "gldt-[A-Za-z0-9_.-]{20,80}(?![A-Za-z0-9_-])"
        ),
        prefixed(
            "gitlab-pipeline-trigger-token",
            "GitLab pipeline trigger token",
            .high,
            ["glptt-"],
            "glptt-[A-Za-z0-9_.-]{20,80}(?![A-Za-z0-9_-])"
        ),
        prefixed(
            "gitlab-runner-registration-token",
            "GitLab runner registration token (legacy)",
            .high,
            ["gr1348941"],
            "GR1348941[A-Za-z0-9_-]{20,40}(?![A-Za-z0-9_-])"
        ),
        prefixed(
            "gitlab-oauth-app-secret",
            "GitLab OAuth application secret",
            .high,
            ["gloas-"],
            "gloas-[A-Za-z0-9_-]{64}(?![A-Za-z0-9_-])"
        ),
        prefixed(
            "slack-bot-token",
            "Slack bot token",
            .high,
            ["xoxb-"],
            "xoxb-[0-9]{8,14}-[0-9]{8,14}-[A-Za-z0-9]{20,40}(?![A-Za-z0-9])"
        ),
        prefixed(
            "slack-user-token",
            "Slack user token",
            .high,
            ["xoxp-"],
            "xoxp-[0-9]{8,14}-[0-9]{8,14}-[0-9]{8,14}-[A-Za-z0-9]{28,40}(?![A-Za-z0-9])"
        ),
        prefixed(
            "slack-workspace-token",
            "Slack workspace access or refresh token (xoxa, xoxr)",
            .high,
            ["xoxa-", "xoxr-"],
            "xox[ar]-(?:[0-9]+-)*[A-Za-z0-9]{20,160}(?![A-Za-z0-9-])",
            entropy: 3.0
        ),
        prefixed(
            "slack-app-token",
            "Slack app-level token",
            .high,
            ["xapp-"],
            "xapp-[0-9]-[A-Z0-9]{8,14}-[0-9]{10,14}-[a-f0-9]{32,80}(?![A-Za-z0-9])"
        ),
        prefixed(
            "slack-webhook-url",
            "Slack incoming webhook or workflow trigger URL",
            .medium,
            ["hooks.slack.com/"],
            "hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/_-]{30,160}"
        ),
        prefixed(
            "stripe-secret-key",
            "Stripe live secret key",
            .critical,
            ["sk_live_"],
            "sk_live_[A-Za-z0-9]{20,120}(?![A-Za-z0-9])"
        ),
        prefixed(
            "stripe-restricted-key",
            "Stripe live restricted key",
            .high,
            ["rk_live_"],
            "rk_live_[A-Za-z0-9]{20,120}(?![A-Za-z0-9])"
        ),
        prefixed(
            "stripe-publishable-key",
            "Stripe live publishable key (public by design; review where it goes)",
            .low,
            ["pk_live_"],
            "pk_live_[A-Za-z0-9]{20,120}(?![A-Za-z0-9])"
        ),
        prefixed(
            "stripe-webhook-secret",
            "Stripe webhook signing secret",
            .high,
            ["whsec_"],
            "whsec_[A-Za-z0-9+/=]{32,80}(?![A-Za-z0-9+/=])",
            entropy: 3.5
        ),
        prefixed(
            "google-api-key",
            "Google API key",
            .high,
            ["aiza"],
            "AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])"
        ),
        SecretRule(
            id: "gcp-service-account-key",
            description: "Google Cloud service-account key file (JSON with a private key)",
            severity: .critical,
            keywords: ["service_account"],
            matcher: .serviceAccount
        ),
        prefixed(
            "azure-storage-account-key",
            "Azure storage account key in a connection string",
            .critical,
            ["accountkey="],
            "(?i:AccountKey)=([A-Za-z0-9+/]{86}==)",
            group: 1
        ),
        contextual(
            "azure-sas-token",
            "Azure shared access signature (the sig= of a URL or connection string with sv=)",
            .high,
            ["sv=20"],
            "[?&;]sig=([A-Za-z0-9%+/]{40,120}(?:%3[Dd]|=){0,2})",
            before: 400,
            after: 600
        ),
        contextual(
            "azure-ad-client-secret",
            "Microsoft Entra ID (Azure AD) application client secret",
            .critical,
            ["q~"],
            "([A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])",
            before: 8,
            after: 40,
            entropy: 3.5
        ),
        prefixed(
            "npm-access-token",
            "npm access token, CRC32 checksum verified",
            .critical,
            ["npm_"],
            "npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])",
            validator: .base62Checksum
        ),
        prefixed(
            "pypi-upload-token",
            "PyPI upload token",
            .critical,
            ["pypi-ageichlwas5vcmc"],
            "pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,400}(?![A-Za-z0-9_-])"
        ),
        prefixed(
            "dockerhub-pat",
            "Docker Hub personal access token",
            .high,
            ["dckr_pat_"],
            "dckr_pat_[A-Za-z0-9_-]{27}(?![A-Za-z0-9_-])"
        ),
        contextual(
            "twilio-api-key",
            "Twilio API key SID near the word twilio",
            .high,
            ["twilio"],
            "(SK[0-9a-fA-F]{32})(?![A-Za-z0-9])",
            before: 80,
            after: 120
        ),
        prefixed(
            "sendgrid-api-key",
            "SendGrid API key",
            .high,
            ["sg."],
            "SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])"
        ),
        prefixed(
            "mailgun-api-key",
            "Mailgun private API key",
            .high,
            ["key-"],
            "key-[0-9a-f]{32}(?![A-Za-z0-9])",
            entropy: 3.0
        ),
        prefixed(
            "shopify-access-token",
            "Shopify Admin API, custom or private app access token",
            .high,
            ["shpat_", "shpca_", "shppa_"],
            "shp(?:at|ca|pa)_[a-fA-F0-9]{32}(?![A-Za-z0-9])"
        ),
        prefixed(
            "shopify-shared-secret",
            "Shopify app shared secret",
            .high,
            ["shpss_"],
            "shpss_[a-fA-F0-9]{32}(?![A-Za-z0-9])"
        ),
        contextual(
            "heroku-api-key",
            "Heroku API key (a UUID assigned to a Heroku name)",
            .high,
            ["heroku"],
            "(?i:heroku)[A-Za-z0-9_.-]{0,30}" + assignment
                + "([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?![A-Za-z0-9-])",
            before: 40
        ),
        prefixed(
            "digitalocean-token",
            "DigitalOcean personal access, OAuth or refresh token",
            .high,
            ["dop_v1_", "doo_v1_", "dor_v1_"],
            "do[opr]_v1_[a-f0-9]{64}(?![A-Za-z0-9])"
        ),
        contextual(
            "datadog-api-key",
            "Datadog API or application key assigned to a Datadog name",
            .high,
            ["datadog", "dd_api", "dd-api", "dd_app", "dd-app"],
            "(?i:datadog|dd)[A-Za-z0-9_.-]{0,24}(?i:api|app)[_-]?(?i:key)" + assignment
                + "([a-f0-9]{32}(?:[a-f0-9]{8})?)(?![A-Za-z0-9])",
            before: 40,
            entropy: 3.0
        ),
        prefixed(
            "new-relic-api-key",
            "New Relic user API, insert or browser key",
            .high,
            ["nrak-", "nrii-", "nrjs-"],
            "NR(?:AK-[A-Z0-9]{27}|II-[A-Za-z0-9_-]{32}|JS-[a-f0-9]{19})(?![A-Za-z0-9])"
        ),
        prefixed(
            "atlassian-api-token",
            "Atlassian (Jira, Confluence) API token",
            .high,
            ["atatt3"],
            "ATATT3[A-Za-z0-9_=-]{100,300}(?![A-Za-z0-9_=-])"
        ),
        contextual(
            "okta-api-token",
            "Okta API token assigned to an Okta name",
            .high,
            ["okta"],
            "(?i:okta)[A-Za-z0-9_.-]{0,30}" + assignment + "(00[A-Za-z0-9_-]{40})(?![A-Za-z0-9_-])",
            before: 40
        ),
        prefixed(
            "vault-token",
            "HashiCorp Vault service or batch token",
            .critical,
            ["hvs.", "hvb."],
            "hv[sb]\\.[A-Za-z0-9_-]{90,300}(?![A-Za-z0-9_-])"
        ),
        contextual(
            "terraform-cloud-token",
            "HashiCorp Terraform Cloud / Enterprise API token",
            .critical,
            [".atlasv1."],
            "([A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70})(?![A-Za-z0-9_=-])",
            before: 20,
            after: 90
        ),
        prefixed(
            "databricks-token",
            "Databricks personal access token",
            .high,
            ["dapi"],
            "dapi[a-f0-9]{32}(?:-[0-9])?(?![A-Za-z0-9])",
            entropy: 3.0
        ),
        contextual(
            "discord-bot-token",
            "Discord bot token near the word discord",
            .high,
            ["discord"],
            "([MNO][A-Za-z0-9_-]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38})(?![A-Za-z0-9_-])",
            before: 60,
            after: 160
        ),
        prefixed(
            "discord-webhook-url",
            "Discord webhook URL",
            .medium,
            ["discord.com/api/webhooks/", "discordapp.com/api/webhooks/"],
            "discord(?:app)?\\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,68}(?![A-Za-z0-9_-])"
        ),
        contextual(
            "telegram-bot-token",
            "Telegram bot token",
            .high,
            [":aa"],
            "([0-9]{8,10}:AA[A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])",
            before: 12,
            after: 40
        ),
        contextual(
            "openai-api-key",
            "OpenAI API key (user, project, service-account or admin)",
            .critical,
            ["t3blbkfj"],
            "(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,160}T3BlbkFJ[A-Za-z0-9_-]{20,160})(?![A-Za-z0-9_-])",
            before: 200,
            after: 200
        ),
        prefixed(
            "anthropic-api-key",
            "Anthropic API or admin key",
            .critical,
            ["sk-ant-"],
            "sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{80,100}AA(?![A-Za-z0-9_-])"
        ),
        prefixed(
            "huggingface-token",
            "Hugging Face access token",
            .high,
            ["hf_"],
            "hf_[A-Za-z]{34}(?![A-Za-z0-9])",
            entropy: 3.5
        ),
        prefixed(
            "age-secret-key",
            "age encryption secret key",
            .critical,
            ["age-secret-key-1"],
            "AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}(?![A-Za-z0-9])"
        ),
        prefixed(
            "pulumi-access-token",
            "Pulumi access token",
            .high,
            ["pul-"],
            "pul-[a-f0-9]{40}(?![A-Za-z0-9])"
        ),
        prefixed(
            "rubygems-api-key",
            "RubyGems API key",
            .high,
            ["rubygems_"],
            "rubygems_[a-f0-9]{48}(?![A-Za-z0-9])"
        ),
        prefixed(
            "grafana-service-account-token",
            "Grafana service account token",
            .high,
            ["glsa_"],
            "glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}(?![A-Za-z0-9])"
        ),
        prefixed(
            "linear-api-key",
            "Linear API key",
            .high,
            ["lin_api_"],
            "lin_api_[A-Za-z0-9]{40}(?![A-Za-z0-9])"
        ),
        prefixed(
            "postman-api-key",
            "Postman API key",
            .high,
            ["pmak-"],
            "PMAK-[a-f0-9]{24}-[a-f0-9]{34}(?![A-Za-z0-9])"
        ),
        prefixed(
            "doppler-token",
            "Doppler personal, service, CLI or service-account token",
            .high,
            ["dp.pt.", "dp.st.", "dp.ct.", "dp.sa."],
            "dp\\.(?:pt|st|ct|sa)\\.[A-Za-z0-9]{40,44}(?![A-Za-z0-9])"
        ),
        prefixed(
            "alibaba-access-key-id",
            "Alibaba Cloud AccessKey id",
            .high,
            ["ltai"],
            "LTAI[A-Za-z0-9]{20}(?![A-Za-z0-9])",
            entropy: 3.5
        ),
        prefixed(
            "square-access-token",
            "Square access token or OAuth secret",
            .high,
            ["sq0atp-", "sq0csp-"],
            "sq0(?:atp-[A-Za-z0-9_-]{22}|csp-[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])"
        ),
        prefixed(
            "buildkite-api-token",
            "Buildkite user API access token",
            .high,
            ["bkua_"],
            "bkua_[a-f0-9]{40}(?![A-Za-z0-9])"
        ),
    ]

    private static let structuralRules: [SecretRule] = [
        SecretRule(
            id: "private-key",
            description: "Private key block (RSA, EC, DSA, OpenSSH, PGP, PKCS#8, encrypted or not)",
            severity: .critical,
            keywords: ["private key"],
            matcher: .privateKey
        ),
        prefixed(
            "jwt",
            "JSON Web Token (the header decodes to JSON with an alg)",
            .medium,
            ["eyj"],
            "eyJ[A-Za-z0-9_-]{10,2000}\\.eyJ[A-Za-z0-9_-]{5,8000}\\.[A-Za-z0-9_-]{10,2000}(?![A-Za-z0-9_-])",
            span: 12_288,
            validator: .jwtHeader
        ),
        SecretRule(
            id: "url-password",
            description: "Password in a URL (scheme://user:password@host)",
            severity: .high,
            keywords: ["://"],
            matcher: .urlPassword
        ),
        SecretRule(
            id: "generic-secret",
            description:
                "A value assigned to a secret-like name (password, secret, token, api_key, …) that looks random",
            severity: .medium,
            keywords: GenericSecretMatcher.keywords,
            matcher: .generic,
            minimumEntropy: GenericSecretMatcher.minimumEntropy
        ),
    ]
}
