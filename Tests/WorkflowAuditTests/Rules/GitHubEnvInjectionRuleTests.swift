import SlipwayCore
import Testing

@testable import WorkflowAudit

/// Positions and write forms the metadata examples do not cover.
@Suite struct GitHubEnvInjectionRuleTests {
    static let path = ".github/workflows/ci.yml"

    @Test("an indented write inside a shell block is reported at its own line and column")
    func indentedWrite() async throws {
        let yaml = """
            on: pull_request_target
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/download-artifact@v4
                  - run: |
                      if [ -f pr.txt ]; then
                        cat pr.txt | tee -a "${GITHUB_ENV}"
                      fi
                      echo "B=${{ github.event.pull_request.head.ref }}" >> $GITHUB_ENV
            """
        let findings = try await RuleHarness.findings(ruleId: "github-env-injection", files: [Self.path: yaml])
        let positions = findings.map { SourcePosition(line: $0.location.line, column: $0.location.column) }
        #expect(positions == [SourcePosition(line: 9, column: 34), SourcePosition(line: 11, column: 19)])
    }

    @Test("writes in an ordinary pull_request workflow without untrusted text are quiet")
    func ordinaryWrites() async throws {
        let yaml = """
            on: pull_request
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - run: |
                      echo "V=$(cat VERSION)" >> "$GITHUB_ENV"
                      echo "GITHUB_ENVIRONMENT_NAME=x" >> $GITHUB_ENVIRONMENT_FILE
            """
        let findings = try await RuleHarness.findings(ruleId: "github-env-injection", files: [Self.path: yaml])
        #expect(findings.isEmpty)
    }
}
