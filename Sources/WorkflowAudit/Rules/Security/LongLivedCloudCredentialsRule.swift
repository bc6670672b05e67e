import SlipwayCore

/// Finds long-lived cloud keys (AWS access keys, GCP service-account JSON, Azure client secrets) where OIDC works.
struct LongLivedCloudCredentialsRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "long-lived-cloud-credentials",
        name: "Long-Lived Cloud Credentials",
        area: .security,
        severity: .medium,
        confidence: .high,
        summary: "A job authenticates to AWS, Google Cloud or Azure with a stored long-lived key instead of OIDC.",
        rationale: """
            Access keys, service-account JSON keys and client secrets stored as repository secrets never expire: \
            anyone who exfiltrates one (a malicious dependency, a leaked log, a compromised runner) can use it \
            from anywhere until someone notices and rotates it. All three clouds accept GitHub's OIDC token \
            instead: grant `permissions: id-token: write` and exchange the token for short-lived credentials \
            scoped to this repository, branch or environment — `role-to-assume` for \
            `aws-actions/configure-aws-credentials`, `workload_identity_provider` for `google-github-actions/auth`, \
            and `client-id`/`tenant-id`/`subscription-id` (federated credentials) for `azure/login`. Then delete \
            the stored key.
            """,
        fixBefore: """
            - uses: aws-actions/configure-aws-credentials@v4
              with:
                aws-access-key-id: ${{ secrets.AWS_ACCESS_KEY_ID }}
                aws-secret-access-key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}
                aws-region: eu-west-1
            """,
        fixAfter: """
            permissions:
              id-token: write
              contents: read
            steps:
              - uses: aws-actions/configure-aws-credentials@v4
                with:
                  role-to-assume: arn:aws:iam::123456789012:role/deploy
                  aws-region: eu-west-1
            """,
        triggeringExamples: [
            RuleExample(
                """
                on: push
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: aws-actions/configure-aws-credentials@v4
                        with:
                          ↓aws-access-key-id: ${{ secrets.AWS_ACCESS_KEY_ID }}
                          aws-secret-access-key: ${{ secrets.AWS_SECRET_ACCESS_KEY }}
                          aws-region: eu-west-1
                      - uses: google-github-actions/auth@v2
                        with:
                          ↓credentials_json: ${{ secrets.GCP_SA_KEY }}
                      - uses: azure/login@v2
                        with:
                          ↓creds: ${{ secrets.AZURE_CREDENTIALS }}
                """
            ),
            RuleExample(
                """
                on: push
                env:
                  ↓AWS_ACCESS_KEY_ID: ${{ secrets.AWS_ACCESS_KEY_ID }}
                  AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}
                jobs:
                  sync:
                    runs-on: ubuntu-latest
                    steps:
                      - run: aws s3 sync dist s3://bucket
                """
            ),
        ],
        nonTriggeringExamples: [
            RuleExample(
                """
                on: push
                permissions:
                  id-token: write
                  contents: read
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    env:
                      AWS_ACCESS_KEY_ID: test
                      AWS_SECRET_ACCESS_KEY: test
                    steps:
                      - uses: aws-actions/configure-aws-credentials@v4
                        with:
                          role-to-assume: arn:aws:iam::123456789012:role/deploy
                          aws-region: eu-west-1
                      - uses: google-github-actions/auth@v2
                        with:
                          workload_identity_provider: projects/1/locations/global/workloadIdentityPools/gh/providers/gh
                          service_account: deploy@project.iam.gserviceaccount.com
                      - uses: azure/login@v2
                        with:
                          client-id: ${{ secrets.AZURE_CLIENT_ID }}
                          tenant-id: ${{ secrets.AZURE_TENANT_ID }}
                          subscription-id: ${{ secrets.AZURE_SUBSCRIPTION_ID }}
                """
            )
        ]
    )

    /// Inputs that carry a long-lived key, per action.
    static let keyInputs: [String: (cloud: String, inputs: [String])] = [
        "aws-actions/configure-aws-credentials": ("AWS", ["aws-access-key-id", "aws-secret-access-key"]),
        "google-github-actions/auth": ("Google Cloud", ["credentials_json"]),
        "google-github-actions/setup-gcloud": ("Google Cloud", ["service_account_key"]),
        "azure/login": ("Azure", ["creds"]),
    ]

    /// Environment variables that carry a long-lived key.
    static let keyVariables: [String: String] = [
        "AWS_ACCESS_KEY_ID": "AWS", "AWS_SECRET_ACCESS_KEY": "AWS", "GOOGLE_CREDENTIALS": "Google Cloud",
        "GOOGLE_APPLICATION_CREDENTIALS_JSON": "Google Cloud", "GCP_SA_KEY": "Google Cloud",
        "AZURE_CLIENT_SECRET": "Azure", "ARM_CLIENT_SECRET": "Azure",
    ]

    init(options: NoOptions) {}

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for (job, step) in file.allSteps {
            guard let name = step.actionName, let (cloud, inputs) = Self.keyInputs[name] else { continue }
            let used = step.with?.entries.first { entry in
                inputs.contains(entry.key.value) && entry.value.string.map { !$0.trimmingWhitespace().isEmpty } == true
            }
            guard let used else { continue }
            let owner = "step '\(step.label)'" + (job.map { " in job '\($0.id.value)'" } ?? "")
            findings.append(
                context.finding(in: file, at: used.key.position, .input(used.key.value, owner: owner, cloud: cloud))
            )
        }
        for (scope, mapping) in SupplyChainSupport.environmentBlocks(in: file) {
            let used = mapping.entries.first { entry in
                Self.keyVariables[entry.key.value] != nil && SupplyChainSupport.readsSecret(entry.value.string)
            }
            guard let used, let cloud = Self.keyVariables[used.key.value] else { continue }
            findings.append(
                context.finding(in: file, at: used.key.position, .variable(used.key.value, scope: scope, cloud: cloud))
            )
        }
        return findings
    }
}

extension String {
    fileprivate static func advice(_ cloud: String) -> String {
        switch cloud {
        case "AWS":
            "grant `permissions: id-token: write` and use `aws-actions/configure-aws-credentials` with "
                + "`role-to-assume` (OIDC), then delete the access key"
        case "Google Cloud":
            "grant `permissions: id-token: write` and use `google-github-actions/auth` with "
                + "`workload_identity_provider` (workload identity federation), then delete the key"
        default:
            "grant `permissions: id-token: write` and use `azure/login` with `client-id`, `tenant-id` and "
                + "`subscription-id` (federated credential), then delete the client secret"
        }
    }

    fileprivate static func input(_ name: String, owner: String, cloud: String) -> String {
        "\(owner) authenticates to \(cloud) with a long-lived key (`\(name)`); " + advice(cloud)
    }

    fileprivate static func variable(_ name: String, scope: String, cloud: String) -> String {
        "`\(name)` in \(scope) gives \(cloud) a long-lived key from secrets; " + advice(cloud)
    }
}
