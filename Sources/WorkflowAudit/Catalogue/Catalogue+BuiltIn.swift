extension Catalogue {
    /// The catalogue bundled with Slipway, compiled in as Swift values so the binary has no resource bundle to
    /// lose and nothing to decode at start-up (decoding it as JSON cost more than parsing a workflow).
    ///
    /// Edit here; `docs/catalogue.md` describes this data and a test keeps its counts in step.
    public static let builtIn = Catalogue(
        version: 1,
        capabilities: [
            "vulnerability-scan": Capability(
                title: "Vulnerability scanning",
                actions: [
                    "aquasecurity/trivy-action", "anchore/scan-action", "google/osv-scanner-action",
                    "google/osv-scanner", "golang/govulncheck-action", "actions/dependency-review-action",
                    "pypa/gh-action-pip-audit", "rustsec/audit-check", "actions-rs/audit-check",
                    "embarkstudios/cargo-deny-action", "docker/scout-action",
                    "dependency-check/dependency-check_action", "sonatype/actions/evaluate",
                    "sonatype-nexus-community/nancy-github-action", "sonatype-nexus-community/iq-github-action",
                    "jfrog/frogbot", "snyk/actions/node", "snyk/actions/python", "snyk/actions/python-3.10",
                    "snyk/actions/python-3.11", "snyk/actions/python-3.12", "snyk/actions/golang",
                    "snyk/actions/docker", "snyk/actions/maven", "snyk/actions/maven-3-jdk-11",
                    "snyk/actions/maven-3-jdk-17", "snyk/actions/maven-3-jdk-21", "snyk/actions/gradle",
                    "snyk/actions/gradle-jdk11", "snyk/actions/gradle-jdk17", "snyk/actions/gradle-jdk21",
                    "snyk/actions/dotnet", "snyk/actions/php", "snyk/actions/ruby", "snyk/actions/scala",
                    "snyk/actions/cocoapods", "snyk/actions/swift",
                ],
                commands: [
                    ["osv-scanner"], ["trivy"], ["grype"], ["snyk", "test"], ["snyk", "monitor"], ["npm", "audit"],
                    ["yarn", "audit"], ["pnpm", "audit"], ["bun", "audit"], ["audit-ci"], ["retire"], ["pip-audit"],
                    ["safety", "check"], ["safety", "scan"], ["cargo", "audit"],
                    ["cargo", "deny", "check", "advisories"], ["govulncheck"], ["nancy", "sleuth"], ["bundle-audit"],
                    ["bundler-audit"], ["bundle", "exec", "bundle-audit"], ["bundle", "exec", "bundler-audit"],
                    ["composer", "audit"], ["mix", "deps.audit"], ["dotnet", "list", "package", "--vulnerable"],
                    ["dependency-check"], ["dependency-check.sh"], ["mvn", "dependency-check:*"],
                    ["mvn", "org.owasp:dependency-check-maven:*"], ["mvnw", "dependency-check:*"],
                    ["mvnw", "org.owasp:dependency-check-maven:*"], ["gradle", "dependencyCheck*"],
                    ["gradlew", "dependencyCheck*"], ["docker", "scout", "cves"], ["jf", "audit"], ["jf", "scan"],
                    ["jfrog", "audit"], ["mend", "dep"], ["mend", "sca"], ["mend", "image"], ["ggshield", "sca"],
                    ["slipway", "scan", "deps"],
                ]
            ),
            "secret-scan": Capability(
                title: "Secret scanning",
                actions: [
                    "gitleaks/gitleaks-action", "zricethezav/gitleaks-action", "trufflesecurity/trufflehog",
                    "edplato/trufflehog-actions-scan", "gitguardian/ggshield-action", "gitguardian/gg-shield-action",
                    "gitguardian/ggshield/actions/secret", "reviewdog/action-detect-secrets",
                ],
                commands: [
                    ["gitleaks"], ["trufflehog"], ["detect-secrets"], ["detect-secrets-hook"], ["ggshield", "secret"],
                    ["talisman"], ["git-secrets", "--scan*"], ["git", "secrets", "--scan*"], ["noseyparker", "scan"],
                    ["secretlint"], ["ripsecrets"], ["slipway", "scan", "secrets"],
                ]
            ),
            "sbom": Capability(
                title: "SBOM generation",
                actions: [
                    "anchore/sbom-action", "advanced-security/sbom-generator-action",
                    "cyclonedx/gh-gomod-generate-sbom", "cyclonedx/gh-node-module-generatebom",
                    "cyclonedx/gh-python-generate-sbom", "cyclonedx/gh-dotnet-generate-sbom",
                ],
                commands: [
                    ["syft"], ["cdxgen"], ["cyclonedx-npm"], ["cyclonedx-py"], ["cyclonedx-bom"], ["cyclonedx-gomod"],
                    ["cargo", "cyclonedx"], ["cargo", "sbom"], ["dotnet", "CycloneDX"], ["mvn", "cyclonedx:*"],
                    ["mvn", "org.cyclonedx:*"], ["mvnw", "cyclonedx:*"], ["mvnw", "org.cyclonedx:*"],
                    ["gradle", "cyclonedxBom"], ["gradlew", "cyclonedxBom"], ["npm", "sbom"],
                    ["swift", "build", "--sbom-spec*"], ["trivy", "--format", "cyclonedx"],
                    ["trivy", "--format", "spdx*"], ["trivy", "--format=cyclonedx"], ["trivy", "--format=spdx*"],
                    ["trivy", "-f", "cyclonedx"], ["trivy", "-f", "spdx*"], ["docker", "sbom"],
                    ["docker", "scout", "sbom"], ["docker", "buildx", "--sbom*"], ["sbom-tool", "generate"],
                    ["spdx-sbom-generator"], ["bom", "generate"], ["slipway", "sbom"],
                ]
            ),
            "compliance-check": Capability(
                title: "License and policy compliance",
                actions: [
                    "fossas/fossa-action", "fossa-contrib/fossa-action", "bridgecrewio/checkov-action",
                    "aquasecurity/tfsec-action", "checkmarx/kics-github-action", "tenable/terrascan-action",
                    "stelligent/cfn_nag", "snyk/actions/iac", "embarkstudios/cargo-deny-action",
                    "apache/skywalking-eyes", "fsfe/reuse-action", "oss-review-toolkit/ort-ci-github-action",
                    "ossf/scorecard-action", "revanite-io/osps-baseline-action",
                ],
                commands: [
                    ["license-checker"], ["license-checker-rseidelsohn"], ["licensee"], ["license_finder"],
                    ["go-licenses", "check"], ["pip-licenses"], ["cargo", "deny", "check"], ["reuse", "lint"],
                    ["scancode"], ["addlicense", "-check"], ["fossa", "analyze"], ["fossa", "test"],
                    ["ort", "evaluate"], ["conftest"], ["opa", "eval"], ["checkov"], ["cfn_nag_scan"], ["cfn_nag"],
                    ["tfsec"], ["kics", "scan"], ["terrascan", "scan"], ["trivy", "config"], ["snyk", "iac"],
                    ["ggshield", "iac"], ["slipway", "scan", "licenses"], ["slipway", "gate"],
                ]
            ),
            "sast": Capability(
                title: "Static application security testing",
                actions: [
                    "github/codeql-action/init", "github/codeql-action/analyze", "returntocorp/semgrep-action",
                    "semgrep/semgrep-action", "zizmorcore/zizmor-action", "securego/gosec", "pycqa/bandit-action",
                    "sonarsource/sonarqube-scan-action", "sonarsource/sonarcloud-github-action",
                    "checkmarx/ast-github-action", "bearer/bearer-action", "boostsecurityio/poutine-action",
                    "microsoft/security-devops-action", "jenkins-infra/jenkins-security-scan",
                    "raven-actions/actionlint", "reviewdog/action-actionlint",
                ],
                commands: [
                    ["codeql", "database", "analyze"], ["semgrep"], ["opengrep"], ["bandit"], ["gosec"], ["brakeman"],
                    ["bundle", "exec", "brakeman"], ["njsscan"], ["psalm", "--taint-analysis"], ["snyk", "code"],
                    ["bearer", "scan"], ["sonar-scanner"], ["zizmor"], ["poutine"], ["actionlint"],
                    ["slipway", "audit"],
                ]
            ),
            "retry": Capability(
                title: "Retries",
                actions: [
                    "nick-fields/retry", "nick-invision/retry", "wandalen/wretry.action",
                ],
                commands: [
                    ["retry"], ["slipway", "deploy"],
                ]
            ),
            "rollback": Capability(
                title: "Rollback",
                actions: [],
                commands: [
                    ["helm", "rollback"], ["helm", "upgrade", "--atomic"], ["helm", "install", "--atomic"],
                    ["helm", "upgrade", "--rollback-on-failure"], ["kubectl", "rollout", "undo"],
                    ["kubectl", "argo", "rollouts", "undo"], ["kubectl", "argo", "rollouts", "abort"],
                    ["argocd", "app", "rollback"], ["aws", "deploy", "stop-deployment"],
                    ["aws", "deploy", "create-deployment", "--auto-rollback-configuration*"],
                    ["aws", "cloudformation", "rollback-stack"], ["serverless", "rollback"], ["sls", "rollback"],
                    ["vercel", "rollback"], ["heroku", "rollback"], ["heroku", "releases:rollback"],
                    ["wrangler", "rollback"], ["cf", "rollback"], ["netlify", "api", "restoreSiteDeploy"],
                    ["slipway", "rollback"], ["slipway", "deploy", "--rollback*"],
                ]
            ),
            "health-check": Capability(
                title: "Health checks and smoke tests",
                actions: [
                    "jtalk/url-health-check-action", "nev7n/wait_for_response", "grafana/k6-action",
                    "grafana/run-k6-action",
                ],
                commands: [
                    ["curl", "--fail"], ["curl", "--fail-with-body"], ["curl", "-f"], ["curl", "-sf"], ["curl", "-fs"],
                    ["curl", "-w", "%{http_code}*"], ["curl", "--write-out", "%{http_code}*"], ["wget", "--spider"],
                    ["kubectl", "rollout", "status"], ["kubectl", "wait"], ["helm", "test"],
                    ["helm", "upgrade", "--wait"], ["helm", "install", "--wait"], ["aws", "cloudformation", "wait"],
                    ["aws", "ecs", "wait", "services-stable"], ["aws", "deploy", "wait", "deployment-successful"],
                    ["npm", "run", "smoke*"], ["npm", "run", "test:e2e*"], ["npm", "run", "e2e*"], ["yarn", "smoke*"],
                    ["pnpm", "smoke*"], ["make", "smoke*"], ["playwright", "test"], ["k6", "run"],
                    ["slipway", "health*"], ["slipway", "verify-deploy"],
                ]
            ),
            "notification": Capability(
                title: "Notifications",
                actions: [
                    "slackapi/slack-github-action", "8398a7/action-slack", "rtcamp/action-slack-notify",
                    "act10ns/slack", "ravsamhq/notify-slack-action", "voxmedia/github-action-slack-notify-build",
                    "lazy-actions/slatify", "edge/simple-slack-notify", "pullreminders/slack-action",
                    "alexander-smolyakov/notify-slack-action-fork",
                    "dbt-labs/dbt-release/.github/workflows/slack-post-notification.yml",
                    "jdcargile/ms-teams-notification", "skitionek/notify-microsoft-teams",
                    "aliencube/microsoft-teams-actions", "toko-bifrost/ms-teams-deploy-card",
                    "ilshidur/action-discord", "sarisia/actions-status-discord", "rjstone/discord-webhook-notify",
                    "tsickert/discord-webhook", "appleboy/discord-action", "appleboy/telegram-action",
                    "dawidd6/action-send-mail", "mattermost/action-mattermost-notify",
                    "zulip/github-actions-zulip/send-message", "pagerduty/pagerduty-change-events-action",
                    "entle/action-pagerduty-alert",
                ],
                commands: [
                    ["apprise"], ["slipway", "notify"],
                ]
            ),
            "step-summary": Capability(
                title: "Job summaries",
                actions: [
                    "test-summary/action", "dorny/test-reporter", "mikepenz/action-junit-report",
                    "enricomi/publish-unit-test-result-action", "phoenix-actions/test-reporting",
                ],
                commands: [
                    ["slipway", "audit"]
                ]
            ),
            "metrics": Capability(
                title: "Pipeline metrics",
                actions: [
                    "masci/datadog", "honeycombio/gha-buildevents", "inception-health/otel-export-trace-action",
                    "inception-health/otel-upload-test-artifact-action", "corentinmusard/otel-cicd-action",
                    "runforesight/workflow-telemetry-action", "catchpoint/workflow-telemetry-action",
                ],
                commands: [
                    ["datadog-ci", "metric"], ["datadog-ci", "measure"], ["datadog-ci", "dora"],
                    ["datadog-ci", "deployment"], ["aws", "cloudwatch", "put-metric-data"], ["buildevents"],
                    ["otel-cli"], ["slipway", "metrics*"],
                ]
            ),
            "audit-trail": Capability(
                title: "Release audit trail",
                actions: [
                    "actions/attest-build-provenance", "actions/attest", "actions/attest-sbom",
                    "softprops/action-gh-release", "ncipollo/release-action",
                ],
                commands: [
                    ["cosign", "attest"], ["cosign", "attest-blob"], ["witness", "run"], ["rekor-cli", "upload"],
                    ["gh", "release", "create"], ["slipway", "attest"], ["slipway", "ledger*"],
                ]
            ),
            "artifact-signing": Capability(
                title: "Artifact signing",
                actions: [
                    "actions/attest-build-provenance", "actions/attest", "actions/attest-sbom",
                    "sigstore/gh-action-sigstore-python", "dlemstra/code-sign-action", "azure/trusted-signing-action",
                    "signpath/github-action-submit-signing-request",
                ],
                commands: [
                    ["cosign", "sign"], ["cosign", "sign-blob"], ["sigstore", "sign"], ["gpg", "--detach-sign"],
                    ["gpg", "--detach-sig"], ["gpg", "-b"], ["gpg", "-ab"], ["gpg", "--clearsign"],
                    ["gpg2", "--detach-sign"], ["gpg2", "-b"], ["minisign", "-S"], ["minisign", "-Sm"],
                    ["signify", "-S"], ["notation", "sign"], ["jarsigner"], ["codesign", "--sign"], ["codesign", "-s"],
                    ["signtool", "sign"], ["azuresigntool", "sign"], ["osslsigncode", "sign"], ["apksigner", "sign"],
                    ["nuget", "sign"], ["dotnet", "nuget", "sign"], ["rpmsign", "--addsign"], ["rpm", "--addsign"],
                    ["openssl", "dgst", "-sign"], ["ssh-keygen", "-Y", "sign"], ["slipway", "sign"],
                ]
            ),
            "provenance": Capability(
                title: "Build provenance",
                actions: [
                    "actions/attest-build-provenance", "actions/attest", "slsa-framework/slsa-github-generator",
                    "philips-labs/slsa-provenance-action", "pypa/gh-action-pypi-publish",
                ],
                commands: [
                    ["npm", "publish", "--provenance"], ["cosign", "attest"], ["witness", "run"], ["in-toto-run"],
                    ["docker", "buildx", "--provenance*"], ["slipway", "attest"],
                ]
            ),
            "deploy": Capability(
                title: "Deployment",
                actions: [
                    "aws-actions/amazon-ecs-deploy-task-definition", "aws-actions/aws-cloudformation-github-deploy",
                    "azure/webapps-deploy", "azure/k8s-deploy", "azure/functions-action", "azure/arm-deploy",
                    "azure/static-web-apps-deploy", "azure/container-apps-deploy-action",
                    "google-github-actions/deploy-cloudrun", "google-github-actions/deploy-appengine",
                    "google-github-actions/deploy-cloud-functions", "peaceiris/actions-gh-pages",
                    "jamesives/github-pages-deploy-action", "crazy-max/ghaction-github-pages", "actions/deploy-pages",
                    "amondnet/vercel-action", "nwtgck/actions-netlify", "cloudflare/wrangler-action",
                    "cloudflare/pages-action", "firebaseextended/action-hosting-deploy", "akhileshns/heroku-deploy",
                    "einaregilsson/beanstalk-deploy", "serverless/github-action", "digitalocean/app_action",
                    "dokku/github-action", "hashicorp/tfc-workflows-github/actions/apply-run",
                    "dflook/terraform-apply", "burnett01/rsync-deployments", "easingthemes/ssh-deploy",
                    "samkirkland/ftp-deploy-action",
                ],
                commands: [
                    ["cdk", "deploy"], ["cdktf", "deploy"], ["terraform", "apply"], ["tofu", "apply"],
                    ["terragrunt", "apply"], ["pulumi", "up"], ["helm", "upgrade"], ["helm", "install"],
                    ["helmfile", "apply"], ["helmfile", "sync"], ["kubectl", "apply"], ["kubectl", "set", "image"],
                    ["kubectl", "rollout", "restart"], ["skaffold", "run"], ["skaffold", "deploy"],
                    ["argocd", "app", "sync"], ["aws", "cloudformation", "deploy"],
                    ["aws", "cloudformation", "create-stack"], ["aws", "cloudformation", "update-stack"],
                    ["aws", "cloudformation", "execute-change-set"], ["aws", "deploy", "create-deployment"],
                    ["aws", "ecs", "update-service"], ["aws", "ecs", "deploy"],
                    ["aws", "lambda", "update-function-code"], ["aws", "s3", "sync"],
                    ["aws", "amplify", "start-deployment"], ["aws", "apprunner", "start-deployment"],
                    ["aws", "elasticbeanstalk", "update-environment"], ["sam", "deploy"], ["serverless", "deploy"],
                    ["sls", "deploy"], ["copilot", "deploy"], ["eb", "deploy"], ["gcloud", "deploy"],
                    ["az", "deployment", "create"], ["az", "webapp", "deploy"],
                    ["az", "webapp", "deployment", "source", "config-zip"],
                    ["az", "functionapp", "deployment", "source", "config-zip"], ["az", "containerapp", "update"],
                    ["az", "containerapp", "up"], ["func", "azure", "functionapp", "publish"], ["flyctl", "deploy"],
                    ["fly", "deploy"], ["vercel", "deploy"], ["vercel", "--prod"], ["netlify", "deploy"],
                    ["firebase", "deploy"], ["wrangler", "deploy"], ["wrangler", "publish"],
                    ["heroku", "container:release"], ["git", "push", "heroku*"], ["git", "push", "dokku*"],
                    ["railway", "up"], ["kamal", "deploy"], ["cap", "deploy"], ["bundle", "exec", "cap", "deploy"],
                    ["cf", "push"], ["nomad", "job", "run"], ["doctl", "apps", "create-deployment"],
                    ["mkdocs", "gh-deploy"], ["gh-pages"], ["ansible-playbook"], ["npm", "run", "deploy*"],
                    ["yarn", "deploy*"], ["pnpm", "run", "deploy*"], ["bun", "run", "deploy*"], ["make", "deploy*"],
                    ["slipway", "deploy"],
                ]
            ),
            "publish": Capability(
                title: "Package and release publishing",
                actions: [
                    "pypa/gh-action-pypi-publish", "docker/build-push-action", "depot/build-push-action",
                    "redhat-actions/push-to-registry", "mr-smithers-excellent/docker-build-push",
                    "elgohr/publish-docker-github-action", "softprops/action-gh-release", "ncipollo/release-action",
                    "actions/create-release", "svenstaro/upload-release-action", "taiki-e/upload-rust-binary-action",
                    "goreleaser/goreleaser-action", "js-devtools/npm-publish", "changesets/action",
                    "rubygems/release-gem", "cycjimmy/semantic-release-action", "codfish/semantic-release-action",
                    "haaleo/publish-vscode-extension", "mislav/bump-homebrew-formula-action",
                    "dawidd6/action-homebrew-bump-formula", "spring-io/artifactory-deploy-action",
                    "bazel-contrib/publish-to-bcr", "dbt-labs/dbt-release/.github/workflows/pypi-release.yml",
                    "dbt-labs/dbt-release/.github/workflows/github-release.yml",
                    "dbt-labs/dbt-release/.github/workflows/release-docker.yml",
                ],
                commands: [
                    ["npm", "publish"], ["pnpm", "publish"], ["yarn", "publish"], ["yarn", "npm", "publish"],
                    ["bun", "publish"], ["lerna", "publish"], ["changeset", "publish"], ["semantic-release"],
                    ["release-it"], ["publib*"], ["jsr", "publish"], ["deno", "publish"], ["vsce", "publish"],
                    ["ovsx", "publish"], ["twine", "upload"], ["poetry", "publish"], ["uv", "publish"],
                    ["flit", "publish"], ["hatch", "publish"], ["pdm", "publish"], ["maturin", "publish"],
                    ["maturin", "upload"], ["cargo", "publish"], ["gem", "push"], ["mvn", "deploy"],
                    ["mvnw", "deploy"], ["gradle", "publish*"], ["gradlew", "publish*"], ["sbt", "publish*"],
                    ["jreleaser", "full-release"], ["jreleaser", "release"], ["dotnet", "nuget", "push"],
                    ["nuget", "push"], ["pod", "trunk", "push"], ["dart", "pub", "publish"],
                    ["flutter", "pub", "publish"], ["mix", "hex.publish"], ["swift", "package-registry", "publish"],
                    ["docker", "push"], ["docker", "buildx", "--push"], ["podman", "push"], ["buildah", "push"],
                    ["crane", "push"], ["oras", "push"], ["ko", "publish"], ["helm", "push"], ["flux", "push"],
                    ["jf", "rt", "upload"], ["jfrog", "rt", "upload"], ["goreleaser", "release"],
                    ["gh", "release", "create"],
                ]
            ),
            "dependency-install": Capability(
                title: "Dependency installation",
                actions: [
                    "ramsey/composer-install", "php-actions/composer", "bahmutov/npm-install",
                    "awalsh128/cache-apt-pkgs-action",
                ],
                commands: [
                    ["npm", "ci"], ["npm", "install"], ["npm", "i"], ["yarn", "install"], ["pnpm", "install"],
                    ["pnpm", "i"], ["bun", "install"], ["deno", "install"], ["pip", "install"], ["pip3", "install"],
                    ["uv", "pip", "install"], ["uv", "sync"], ["pipenv", "install"], ["pipenv", "sync"],
                    ["poetry", "install"], ["pdm", "install"], ["pdm", "sync"], ["pipx", "install"],
                    ["conda", "install"], ["bundle", "install"], ["gem", "install"], ["composer", "install"],
                    ["composer", "update"], ["go", "mod", "download"], ["cargo", "fetch"], ["cargo", "install"],
                    ["cargo", "binstall"], ["apt-get", "install"], ["apt", "install"], ["yum", "install"],
                    ["dnf", "install"], ["apk", "add"], ["brew", "install"], ["choco", "install"],
                    ["mvn", "dependency:resolve"], ["mvn", "dependency:go-offline"], ["mvnw", "dependency:resolve"],
                    ["mvnw", "dependency:go-offline"], ["gradle", "dependencies"], ["gradlew", "dependencies"],
                    ["dotnet", "restore"], ["nuget", "restore"], ["swift", "package", "resolve"], ["pod", "install"],
                    ["carthage", "bootstrap"], ["mix", "deps.get"], ["dart", "pub", "get"], ["flutter", "pub", "get"],
                    ["helm", "dependency", "update"], ["helm", "dependency", "build"], ["terraform", "init"],
                ]
            ),
            "approval": Capability(
                title: "Manual approval",
                actions: [
                    "trstringer/manual-approval", "ekeel/approval-action",
                ],
                commands: [
                    ["slipway", "gate"], ["slipway", "approve*"],
                ]
            ),
            "environment-validation": Capability(
                title: "Environment validation",
                actions: [
                    "dflook/terraform-plan", "dflook/terraform-validate", "dflook/terraform-check",
                ],
                commands: [
                    ["cdk", "diff"], ["cdktf", "diff"], ["terraform", "plan"], ["terraform", "validate"],
                    ["tofu", "plan"], ["tofu", "validate"], ["terragrunt", "plan"], ["pulumi", "preview"],
                    ["aws", "sts", "get-caller-identity"], ["aws", "cloudformation", "validate-template"],
                    ["aws", "cloudformation", "create-change-set"], ["sam", "validate"], ["cfn-lint"],
                    ["az", "deployment", "what-if"], ["az", "deployment", "validate"], ["kubectl", "diff"],
                    ["kubectl", "apply", "--dry-run*"], ["kubeconform"], ["kubeval"], ["helm", "lint"],
                    ["helm", "diff"], ["slipway", "env*"], ["slipway", "gate"],
                ]
            ),
            "lint": Capability(
                title: "Linting",
                actions: [
                    "golangci/golangci-lint-action", "github/super-linter", "super-linter/super-linter",
                    "ludeeus/action-shellcheck", "hadolint/hadolint-action", "davidanson/markdownlint-cli2-action",
                    "ibiqlik/action-yamllint", "raven-actions/actionlint", "reviewdog/action-actionlint",
                    "devops-actions/actionlint", "reviewdog/action-eslint", "reviewdog/action-shellcheck",
                    "reviewdog/action-hadolint", "reviewdog/action-tflint", "wearerequired/lint-action",
                    "pre-commit/action", "trunk-io/trunk-action", "astral-sh/ruff-action", "chartboost/ruff-action",
                    "norio-nomura/action-swiftlint", "crate-ci/typos", "wagoid/commitlint-github-action",
                    "swiftlang/github-workflows/.github/workflows/soundness.yml",
                ],
                commands: [
                    ["eslint"], ["oxlint"], ["biome", "lint"], ["biome", "check"], ["biome", "ci"], ["stylelint"],
                    ["npm", "run", "lint*"], ["yarn", "lint*"], ["pnpm", "lint*"], ["bun", "run", "lint*"],
                    ["yarn", "eslint"], ["pnpm", "eslint"], ["ruff", "check"], ["flake8"], ["pylint"], ["pycodestyle"],
                    ["golangci-lint"], ["staticcheck"], ["revive"], ["cargo", "clippy"], ["rubocop"],
                    ["bundle", "exec", "rubocop"], ["standardrb"], ["swiftlint"], ["swift", "format", "lint"],
                    ["swift-format", "lint"], ["ktlint"], ["detekt"], ["phpcs"], ["mix", "credo"], ["deno", "lint"],
                    ["shellcheck"], ["hadolint"], ["markdownlint"], ["markdownlint-cli2"], ["yamllint"],
                    ["actionlint"], ["tflint"], ["buf", "lint"], ["clang-tidy"], ["commitlint"],
                    ["editorconfig-checker"], ["typos"], ["pre-commit", "run"], ["tox", "-e", "lint*"],
                    ["nox", "-s", "lint*"], ["make", "lint*"],
                ]
            ),
            "format-check": Capability(
                title: "Format checks",
                actions: [
                    "psf/black", "dprint/check", "dflook/terraform-fmt-check", "jidicula/clang-format-action",
                    "swiftlang/github-workflows/.github/workflows/soundness.yml",
                ],
                commands: [
                    ["prettier", "--check"], ["prettier", "-c"], ["prettier", "--list-different"], ["prettier", "-l"],
                    ["yarn", "prettier", "--check"], ["pnpm", "prettier", "--check"], ["npm", "run", "format*"],
                    ["yarn", "format*"], ["pnpm", "format*"], ["bun", "run", "format*"], ["biome", "format"],
                    ["biome", "ci"], ["dprint", "check"], ["deno", "fmt", "--check"], ["black", "--check"],
                    ["ruff", "format", "--check"], ["isort", "--check*"], ["isort", "-c"], ["cargo", "fmt", "--check"],
                    ["rustfmt", "--check"], ["gofmt", "-l"], ["gofmt", "-d"], ["goimports", "-l"], ["gofumpt", "-l"],
                    ["swift", "format", "lint"], ["swift-format", "lint"], ["swiftformat", "--lint"],
                    ["check-swift-format.sh"], ["terraform", "fmt", "-check"], ["tofu", "fmt", "-check"],
                    ["clang-format", "--dry-run"], ["clang-format", "-n"], ["git", "clang-format", "--diff"],
                    ["dotnet", "format", "--verify-no-changes"], ["shfmt", "-d"], ["php-cs-fixer", "fix", "--dry-run"],
                    ["mix", "format", "--check-formatted"], ["mvn", "spotless:check"], ["mvnw", "spotless:check"],
                    ["gradle", "spotlessCheck"], ["gradlew", "spotlessCheck"], ["stylua", "--check"],
                    ["make", "format-check*"], ["make", "fmt-check*"],
                ]
            ),
            "type-check": Capability(
                title: "Type checking",
                actions: [],
                commands: [
                    ["tsc"], ["vue-tsc"], ["svelte-check"], ["npm", "run", "typecheck*"],
                    ["npm", "run", "type-check*"], ["npm", "run", "tsc*"], ["yarn", "typecheck*"],
                    ["yarn", "type-check*"], ["yarn", "tsc"], ["pnpm", "typecheck*"], ["pnpm", "type-check*"],
                    ["pnpm", "tsc"], ["bun", "run", "typecheck*"], ["mypy"], ["pyright"], ["basedpyright"], ["pytype"],
                    ["ty", "check"], ["flow", "check"], ["deno", "check"], ["go", "vet"], ["cargo", "check"],
                    ["phpstan"], ["psalm"], ["srb", "tc"], ["steep", "check"], ["make", "typecheck*"],
                ]
            ),
            "test": Capability(
                title: "Tests",
                actions: [
                    "cypress-io/github-action", "swiftlang/github-workflows/.github/workflows/swift_package_test.yml",
                    "apple/swift-nio/.github/workflows/unit_tests.yml", "vapor/ci/.github/workflows/run-unit-tests.yml",
                ],
                commands: [
                    ["npm", "test"], ["npm", "run", "test*"], ["npm", "run-script", "test*"], ["yarn", "test*"],
                    ["pnpm", "test*"], ["pnpm", "run", "test*"], ["bun", "test"], ["bun", "run", "test*"],
                    ["deno", "test"], ["jest"], ["vitest"], ["mocha"], ["ava"], ["karma", "start"], ["cypress", "run"],
                    ["playwright", "test"], ["pytest"], ["py.test"], ["unittest"], ["tox"], ["nox"], ["go", "test"],
                    ["gotestsum"], ["ginkgo"], ["cargo", "test"], ["cargo", "nextest"], ["swift", "test"],
                    ["xcodebuild", "test"], ["mvn", "test"], ["mvn", "verify"], ["mvnw", "test"], ["mvnw", "verify"],
                    ["gradle", "test"], ["gradle", "check"], ["gradlew", "test"], ["gradlew", "check"],
                    ["sbt", "test"], ["dotnet", "test"], ["rspec"], ["bundle", "exec", "rspec"], ["rake", "test"],
                    ["rake", "spec"], ["bundle", "exec", "rake", "test"], ["bundle", "exec", "rake", "spec"],
                    ["phpunit"], ["simple-phpunit"], ["pest"], ["composer", "test"], ["mix", "test"], ["dart", "test"],
                    ["flutter", "test"], ["bazel", "test"], ["bazelisk", "test"], ["ctest"], ["turbo", "test*"],
                    ["lerna", "run", "test*"], ["make", "test*"], ["make", "check"],
                ]
            ),
            "cdk-synth": Capability(
                title: "CDK synthesis",
                actions: [],
                commands: [
                    ["cdk", "synth*"], ["cdktf", "synth"], ["npm", "run", "synth*"], ["yarn", "synth*"],
                    ["pnpm", "synth*"], ["bun", "run", "synth*"],
                ]
            ),
            "build": Capability(
                title: "Build",
                actions: [
                    "docker/build-push-action", "goreleaser/goreleaser-action", "pyo3/maturin-action",
                    "hynek/build-and-inspect-python-package", "taiki-e/upload-rust-binary-action",
                    "apple/swift-nio/.github/workflows/release_builds.yml",
                ],
                commands: [
                    ["npm", "run", "build*"], ["yarn", "build*"], ["pnpm", "build*"], ["pnpm", "run", "build*"],
                    ["bun", "run", "build*"], ["turbo", "build*"], ["nx", "build"], ["lerna", "run", "build*"],
                    ["vite", "build"], ["next", "build"], ["go", "build"], ["cargo", "build"], ["cross", "build"],
                    ["cargo", "deb"], ["swift", "build"], ["xcodebuild", "build"], ["xcodebuild", "archive"],
                    ["mvn", "package"], ["mvn", "install"], ["mvnw", "package"], ["mvnw", "install"],
                    ["gradle", "build"], ["gradle", "assemble*"], ["gradlew", "build"], ["gradlew", "assemble*"],
                    ["sbt", "package"], ["sbt", "assembly"], ["dotnet", "build"], ["dotnet", "publish"], ["msbuild"],
                    ["build"], ["pyproject-build"], ["poetry", "build"], ["uv", "build"], ["hatch", "build"],
                    ["flit", "build"], ["pdm", "build"], ["maturin", "build"], ["gem", "build"], ["npm", "pack"],
                    ["wasm-pack", "build"], ["goreleaser", "build"], ["docker", "build"],
                    ["docker", "buildx", "build"], ["bazel", "build"], ["bazelisk", "build"], ["cmake", "--build"],
                    ["meson", "compile"], ["zig", "build"], ["flutter", "build"], ["make", "build*"], ["make", "all"],
                    ["make", "dist*"], ["make", "package*"],
                ]
            ),
            "version-management": Capability(
                title: "Version management",
                actions: [
                    "googleapis/release-please-action", "google-github-actions/release-please-action",
                    "googlecloudplatform/release-please-action", "changesets/action",
                    "commitizen-tools/commitizen-action", "orhun/git-cliff-action", "mathieudutour/github-tag-action",
                    "anothrnick/github-tag-action", "paulhatch/semantic-version",
                    "gittools/actions/gitversion/execute", "release-drafter/release-drafter",
                    "mikepenz/release-changelog-builder-action", "tripss/conventional-changelog-action",
                    "rymndhng/release-on-push-action", "cycjimmy/semantic-release-action",
                    "codfish/semantic-release-action", "dbt-labs/dbt-release/.github/workflows/release-prep.yml",
                ],
                commands: [
                    ["standard-version"], ["commit-and-tag-version"], ["semantic-release"], ["release-please"],
                    ["release-it"], ["changeset", "version"], ["lerna", "version"], ["npm", "version"],
                    ["yarn", "version"], ["cz", "bump"], ["cog", "bump"], ["bump2version"], ["bumpversion"],
                    ["bump-my-version"], ["poetry", "version", "patch"], ["poetry", "version", "minor"],
                    ["poetry", "version", "major"], ["poetry", "version", "prerelease"], ["poetry", "version", "$*"],
                    ["uv", "version", "--bump*"], ["cargo", "release"], ["cargo", "set-version"],
                    ["mvn", "versions:set"], ["mvn", "release:prepare"], ["mvnw", "versions:set"],
                    ["mvnw", "release:prepare"], ["git", "cliff"], ["git-cliff"], ["gitversion"],
                    ["dotnet-gitversion"], ["auto", "shipit"], ["slipway", "version"],
                ]
            ),
            "issue-tracker": Capability(
                title: "Issue tracker integration",
                actions: [
                    "atlassian/gajira-login", "atlassian/gajira-create", "atlassian/gajira-transition",
                    "atlassian/gajira-comment", "atlassian/gajira-find-issue-key", "atlassian/gajira-cli",
                    "atlassian/gajira-todo", "dbt-labs/jira-actions", "actions-ecosystem/action-create-issue",
                    "jasonetco/create-an-issue", "peter-evans/create-issue-from-file",
                ],
                commands: [
                    ["jira"], ["acli", "jira"], ["gh", "issue", "create"], ["gh", "issue", "close"],
                    ["gh", "issue", "comment"], ["slipway", "jira*"],
                ]
            ),
            "cloud-oidc-auth": Capability(
                title: "Cloud authentication",
                actions: [
                    "aws-actions/configure-aws-credentials", "google-github-actions/auth", "azure/login",
                    "hashicorp/vault-action", "pulumi/auth-actions",
                ],
                commands: [
                    ["aws", "sts", "assume-role-with-web-identity"], ["az", "login", "--federated-token*"],
                    ["vault", "write", "auth/jwt/login"],
                ]
            ),
            "cache": Capability(
                title: "Caching",
                actions: [
                    "actions/cache", "actions/cache/restore", "actions/cache/save", "swatinem/rust-cache",
                    "mozilla-actions/sccache-action", "hendrikmuhs/ccache-action", "nix-community/cache-nix-action",
                    "cachix/cachix-action", "awalsh128/cache-apt-pkgs-action",
                ],
                commands: []
            ),
            "upload-artifact": Capability(
                title: "Artifact upload",
                actions: [
                    "actions/upload-artifact", "actions/upload-pages-artifact", "actions/upload-release-asset",
                    "svenstaro/upload-release-action", "taiki-e/upload-rust-binary-action",
                ],
                commands: [
                    ["gh", "release", "upload"], ["aws", "s3", "cp"], ["az", "storage", "blob", "upload"],
                ]
            ),
            "checkout": Capability(
                title: "Checkout",
                actions: [
                    "actions/checkout"
                ],
                commands: []
            ),
            "container-build": Capability(
                title: "Container image build",
                actions: [
                    "docker/build-push-action", "docker/bake-action", "depot/build-push-action",
                    "redhat-actions/buildah-build", "mr-smithers-excellent/docker-build-push",
                    "elgohr/publish-docker-github-action", "whoan/docker-build-with-cache-action",
                    "dbt-labs/dbt-release/.github/workflows/release-docker.yml",
                ],
                commands: [
                    ["docker", "build"], ["docker", "buildx", "build"], ["docker", "buildx", "bake"],
                    ["docker", "compose", "build"], ["podman", "build"], ["buildah", "bud"], ["buildah", "build"],
                    ["nerdctl", "build"], ["depot", "build"], ["ko", "build"], ["pack", "build"], ["apko", "build"],
                    ["executor", "--dockerfile*"], ["executor", "--destination*"],
                ]
            ),
        ]
    )
}
