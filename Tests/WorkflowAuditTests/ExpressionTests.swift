import SlipwayCore
import Testing

@testable import WorkflowAudit

@Suite struct ExpressionTests {
    @Test("parses property chains, calls, indexes and operators")
    func parsesGrammar() throws {
        let expression = try ExpressionParser.parse(
            "github.event_name == 'push' && (contains(github.event.pull_request.labels.*.name, 'ok') || !inputs.dry-run)"
        )
        #expect(expression.referencedPaths.contains("github.event.pull_request.labels.*.name"))
        #expect(expression.referencedPaths.contains("inputs.dry-run"))
        #expect(try ExpressionParser.parse("steps['build'].outputs.digest").contextPath == "steps.build.outputs.digest")
        #expect(throws: ExpressionSyntaxError.self) { try ExpressionParser.parse("github.event.") }
        #expect(throws: ExpressionSyntaxError.self) { try ExpressionParser.parse("'unterminated") }
    }

    @Test("value paths follow data flow: comparisons and contains() yield booleans")
    func valuePathsFollowDataFlow() throws {
        #expect(try ExpressionParser.parse("github.head_ref || 'main'").valuePaths == ["github.head_ref"])
        #expect(try ExpressionParser.parse("github.head_ref == 'main'").valuePaths.isEmpty)
        #expect(try ExpressionParser.parse("contains(github.event.issue.title, 'x')").valuePaths.isEmpty)
        #expect(
            try ExpressionParser.parse("format('{0}', github.event.issue.body)").valuePaths == [
                "github.event.issue.body"
            ]
        )
    }

    @Test("attacker-controlled contexts are classified")
    func classification() {
        #expect(ContextClassifier.isAttackerControlled("github.event.issue.title"))
        #expect(ContextClassifier.isAttackerControlled("github.event.commits.3.message"))
        #expect(ContextClassifier.isAttackerControlled("github.head_ref"))
        #expect(!ContextClassifier.isAttackerControlled("github.sha"))
        #expect(!ContextClassifier.isAttackerControlled("github.event.pull_request.number"))
        #expect(ContextClassifier.origin(of: "secrets.token") == .secret)
        #expect(ContextClassifier.origin(of: "steps.x.outputs.y") == .output)
    }

    @Test("expression positions are exact inside literal block scalars")
    func positionsInBlockScalars() throws {
        let text = """
            on: push
            jobs:
              a:
                runs-on: ubuntu-latest
                steps:
                  - run: |
                      echo one
                      echo "${{ github.sha }}" and ${{ github.ref }}
            """
        let file = try WorkflowParser.parse(text, path: "w.yml")
        let run = try #require(file.allSteps.first?.step.run)
        let occurrences = ExpressionScanner.occurrences(in: run, source: file.source)
        #expect(
            occurrences.map(\.position) == [SourcePosition(line: 8, column: 17), SourcePosition(line: 8, column: 40)]
        )
    }

    @Test("the shell tokenizer splits pipelines and strips wrappers")
    func shellTokenizer() {
        let commands = ShellTokenizer.commands(
            in: "FOO=1 sudo -E npx cdk deploy --all && curl -sSL https://x | sh\n# comment\necho 'a | b'"
        )
        #expect(
            commands.map(\.words) == [
                ["cdk", "deploy", "--all"], ["curl", "-sSL", "https://x"], ["sh"], ["echo", "a | b"],
            ]
        )
        #expect(commands[1].pipesToNext)
        #expect(commands[3].line == 2)
    }
}
