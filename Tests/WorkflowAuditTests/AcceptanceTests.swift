import SlipwayCore
import SlipwayTestSupport
import Testing

@testable import WorkflowAudit

/// The acceptance cases that span the engine: the sample's strengths and areas, configuration
/// ignores with expiry, file-level suppressions, catalogue extensions and deploy detection.
@Suite struct AcceptanceTests {
    static let today = CalendarDate("2026-11-25")!

    static func audit(
        _ files: [String: String],
        configuration text: String? = nil
    ) async throws -> AuditReport {
        var configuration = SlipwayConfiguration()
        if let text {
            configuration = try ConfigurationLoader.parse(
                try YAMLLoader.load(text, path: "slipway.yml"),
                path: "slipway.yml"
            )
        }
        let fileSystem = InMemoryFileSystem(files: files, currentDirectory: "/repo")
        return try await AuditEngine(fileSystem: fileSystem).run(
            AuditRequest(paths: ["/repo"], configuration: configuration, today: today)
        )
    }

    @Test("the sample release pipeline lists its strengths and at least one finding in every area")
    func samplePipeline() async throws {
        let root = Corpus.packageRoot + "/examples/release-pipeline"
        let report = try await AuditEngine(fileSystem: LocalFileSystem()).run(
            AuditRequest(paths: [root], today: Self.today)
        )
        let strengths = Set(report.strengths.map(\.id))
        for expected in [
            "reusable-workflow", "quality-gates", "deployment-environments", "version-management",
            "issue-tracker-integration",
        ] {
            #expect(strengths.contains(expected), "missing strength \(expected): \(strengths.sorted())")
        }
        let environments = try #require(report.strengths.first { $0.id == "deployment-environments" })
        #expect(environments.message.contains("dev, prod, staging"))
        for area in Area.allCases {
            #expect(report.findings.contains { $0.area == area }, "no finding in \(area)")
            let summary = try #require(report.summary.areas.first { $0.area == area })
            #expect(summary.score < 100)
        }
        #expect(report.findings.contains { $0.ruleId == "template-injection" && $0.location.line == 96 })
        #expect(report.findings.contains { $0.ruleId == "unprotected-deployment" })
        #expect(report.diagnostics.isEmpty)
    }

    static let injectable = """
        on: issues
        permissions: {}
        jobs:
          triage:
            runs-on: ubuntu-latest
            timeout-minutes: 5
            steps:
              - run: echo "${{ github.event.issue.title }}"
        """

    @Test("a config ignore with a reason applies until it expires; then the finding returns and the expiry is reported")
    func configurationIgnoreExpires() async throws {
        let files = [".github/workflows/t.yml": Self.injectable]
        let live = try await Self.audit(
            files,
            configuration: """
                audit:
                  ignore:
                    - rule: template-injection
                      path: .github/workflows/*.yml
                      reason: titles are validated by the issue form
                      expires: 2026-12-31
                """
        )
        #expect(!live.findings.contains { $0.ruleId == "template-injection" })
        #expect(live.summary.suppressed == 1)
        let expired = try await Self.audit(
            files,
            configuration: """
                audit:
                  ignore:
                    - rule: template-injection
                      reason: titles are validated by the issue form
                      expires: 2026-01-31
                """
        )
        #expect(expired.findings.contains { $0.ruleId == "template-injection" })
        let expiry = try #require(expired.findings.first { $0.ruleId == "expired-ignore" })
        #expect(expiry.location == SourceLocation(path: "slipway.yml", line: 3, column: 7))
        #expect(expiry.message.contains("expired on 2026-01-31"))
    }

    @Test("a file-level suppression silences one rule in the whole file, and needs a reason")
    func fileLevelSuppression() async throws {
        let suppressed = try await Self.audit([
            ".github/workflows/t.yml":
                "# slipway: ignore-file[template-injection] - issue titles are sanitised upstream\n"
                + Self.injectable
        ])
        #expect(!suppressed.findings.contains { $0.ruleId == "template-injection" })
        let noReason = try await Self.audit([
            ".github/workflows/t.yml": "# slipway: ignore-file[template-injection]\n" + Self.injectable
        ])
        #expect(noReason.findings.contains { $0.ruleId == "template-injection" })
        #expect(noReason.findings.contains { $0.ruleId == "invalid-suppression" && $0.location.line == 1 })
    }

    @Test("the catalogue can be extended from slipway.yml, and unknown keys there are located errors")
    func catalogueExtension() async throws {
        let workflow = """
            on:
              push:
                tags: ['v*']
            permissions: {}
            jobs:
              deploy:
                runs-on: ubuntu-latest
                timeout-minutes: 10
                environment: prod
                steps:
                  - run: acme-scan --all
                  - run: acme-ship --to prod
            """
        let plain = try await Self.audit([".github/workflows/release.yml": workflow])
        #expect(plain.findings.contains { $0.ruleId == "missing-vulnerability-scan" })
        let extended = try await Self.audit(
            [".github/workflows/release.yml": workflow],
            configuration: """
                audit:
                  catalogue:
                    capabilities:
                      vulnerability-scan:
                        commands: [["acme-scan"]]
                """
        )
        #expect(!extended.findings.contains { $0.ruleId == "missing-vulnerability-scan" })
        await #expect(throws: ConfigurationError.self) {
            _ = try await Self.audit(
                [".github/workflows/release.yml": workflow],
                configuration: "audit:\n  catalogue:\n    capabilites: {}\n"
            )
        }
    }

    struct DeployCase: CustomTestStringConvertible, Sendable {
        let script: String
        var testDescription: String { script }
    }

    @Test(
        "deploy detection covers the common tools",
        arguments: [
            "npx cdk deploy --all --require-approval never", "terraform apply -auto-approve tfplan",
            "helm upgrade --install api ./chart", "kubectl apply -f k8s/",
            "aws cloudformation deploy --template-file t.yml",
            "serverless deploy --stage prod", "sam deploy --no-confirm-changeset", "sudo -E npm run deploy:prod",
        ].map(DeployCase.init)
    )
    func deployDetection(_ deployCase: DeployCase) throws {
        let yaml = "on: push\njobs:\n  d:\n    runs-on: x\n    steps:\n      - run: \(deployCase.script)\n"
        let file = try WorkflowParser.parse(yaml, path: "w.yml")
        let facts = FileFacts.compute(file, catalogue: .builtIn)
        #expect(facts.has("deploy"), "\(deployCase.script) not recognised as a deploy")
    }
}
