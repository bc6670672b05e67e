import SlipwayCore
import SlipwayTestSupport
import Testing

@testable import WorkflowAudit

/// Multi-file and configuration cases of the enterprise-gap rules that metadata examples cannot express.
@Suite struct GapRulesTests {
    static let gapIds = RuleRegistry.gapRules.map { $0.metadata.id }

    static let reusableDeploy = """
        on:
          workflow_call:
            inputs:
              environment:
                type: string
                required: true
        jobs:
          deploy:
            runs-on: ubuntu-latest
            environment: ${{ inputs.environment }}
            steps:
              - run: npx cdk deploy --context env=${{ inputs.environment }}
        """

    static let caller = """
        on:
          push:
            branches: [main]
        jobs:
          scan:
            runs-on: ubuntu-latest
            steps:
              - run: osv-scanner scan source --recursive .
          dev:
            needs: scan
            uses: ./.github/workflows/_deploy.yml
            with:
              environment: dev
        """

    /// All gap findings for `files`, as "path:line [rule]".
    static func gapFindings(_ files: [String: String]) async throws -> [Finding] {
        var all: [Finding] = []
        for id in gapIds { all += try await RuleHarness.findings(ruleId: id, files: files) }
        return all
    }

    @Test("a scan in the calling workflow closes the gap of the reusable deploy workflow")
    func callerCapabilityCounts() async throws {
        let files = [".github/workflows/_deploy.yml": Self.reusableDeploy, ".github/workflows/main.yml": Self.caller]
        let findings = try await RuleHarness.findings(ruleId: "missing-vulnerability-scan", files: files)
        #expect(findings.isEmpty, "\(findings.map(\.message))")
        let sbom = try await RuleHarness.findings(ruleId: "missing-sbom", files: files)
        #expect(sbom.map(\.location.path) == [".github/workflows/_deploy.yml"])
    }

    @Test("a caller that only delegates its release to a local reusable workflow gets no file-level gaps")
    func delegatingCallerIsQuiet() async throws {
        let caller = """
            name: Deploy
            on: workflow_dispatch
            jobs:
              prod:
                uses: ./.github/workflows/release.yml
                with:
                  environment: prod
            """
        let files = [".github/workflows/release.yml": Self.reusableDeploy, ".github/workflows/deploy.yml": caller]
        let findings = try await Self.gapFindings(files)
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy { $0.location.path == ".github/workflows/release.yml" })
    }

    @Test("plain CI and pull-request preview deploys get no gap findings")
    func nonReleaseWorkflowsAreQuiet() async throws {
        let ci = """
            on: [push, pull_request]
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - run: npm ci && npm run lint && npm test
                  - run: npx cdk synth
            """
        let preview = """
            on:
              pull_request:
                types: [opened, synchronize]
            jobs:
              preview:
                runs-on: ubuntu-latest
                steps:
                  - run: npx vercel deploy --token "$VERCEL_TOKEN"
            """
        let pages = """
            on:
              push:
                branches: [main]
            jobs:
              docs:
                runs-on: ubuntu-latest
                steps:
                  - run: mkdocs build
                  - uses: actions/deploy-pages@v4
            """
        let findings = try await Self.gapFindings([
            ".github/workflows/ci.yml": ci,
            ".github/workflows/preview.yml": preview,
            ".github/workflows/docs.yml": pages,
        ])
        #expect(findings.isEmpty, "\(findings.map { "\($0.location) [\($0.ruleId)]" })")
    }

    @Test("dependency installs are checked for retries only with include-installs")
    func retryIncludeInstalls() async throws {
        let workflow = """
            on:
              workflow_call:
            jobs:
              deploy:
                runs-on: ubuntu-latest
                environment: prod
                steps:
                  - run: npm ci
                  - uses: nick-fields/retry@v3
                    with:
                      max_attempts: 3
                      timeout_minutes: 20
                      command: npx cdk deploy --context env=prod
            """
        let files = [".github/workflows/release.yml": workflow]
        #expect(try await RuleHarness.findings(ruleId: "missing-retry", files: files).isEmpty)
        let root = try YAMLLoader.load(
            "version: 1\naudit:\n  rules:\n    missing-retry:\n      include-installs: true\n",
            path: "slipway.yml"
        )
        let configuration = try ConfigurationLoader.parse(root, path: "slipway.yml")
        let findings = try await RuleHarness.findings(
            ruleId: "missing-retry",
            files: files,
            configuration: configuration
        )
        #expect(findings.map(\.location.line) == [8])
    }

    @Test("a GitHub release without files is not an artifact to sign")
    func releaseNotesOnly() async throws {
        let workflow = """
            on:
              push:
                tags: ["v*"]
            jobs:
              release:
                runs-on: ubuntu-latest
                steps:
                  - run: gh release create "$TAG" --title "$TAG" --generate-notes 2> err.txt
                  - run: gh release create ${{ github.ref_name }} --notes-file CHANGELOG.md --draft
            """
        let files = [".github/workflows/release.yml": workflow]
        #expect(try await RuleHarness.findings(ruleId: "missing-artifact-signing", files: files).isEmpty)
    }

    @Test("the sample release pipeline reads like a current-state review")
    func samplePipeline() async throws {
        let fileSystem = LocalFileSystem()
        let base = Corpus.packageRoot + "/examples/release-pipeline/.github/workflows/"
        var files: [String: String] = [:]
        for name in ["release.yml", "deploy.yml"] {
            guard let bytes = try? fileSystem.readFile(at: base + name) else { return }
            files[".github/workflows/" + name] = String(decoding: bytes, as: UTF8.self)
        }
        let findings = try await Self.gapFindings(files)
        let ids = Set(findings.map(\.ruleId))
        for expected in [
            "missing-vulnerability-scan", "missing-secret-scan", "missing-sbom", "missing-notification",
            "missing-health-check", "missing-rollback", "unprotected-deployment", "missing-concurrency",
            "unvalidated-environment-input", "missing-provenance", "missing-failure-handling",
        ] {
            #expect(ids.contains(expected), "\(expected) missing from \(ids.sorted())")
        }
        #expect(findings.allSatisfy { $0.location.path == ".github/workflows/release.yml" })
    }
}
