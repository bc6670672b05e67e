import SlipwayCore
import Testing

@testable import WorkflowAudit

@Suite struct ExpressionSyntaxErrorRuleTests {
    func problem(_ text: String) -> String? {
        do {
            return ExpressionSyntaxErrorRule.problem(
                text: text,
                expression: try ExpressionParser.parse(text),
                error: nil
            )
        } catch {
            return ExpressionSyntaxErrorRule.problem(text: text, expression: nil, error: error)
        }
    }

    @Test(
        "valid real-world expressions pass",
        arguments: [
            "GitHub.event_name == 'push'", "fromJSON(needs.setup.outputs.matrix)[0].os",
            "case(github.ref == 'refs/heads/main', 'prod', 'dev')", "github.event.pull_request.labels.*.name",
            "format('{0}', 0x1F)", "steps['my-step'].outputs.value", "!cancelled() && needs.build.result != 'failure'",
            "join(matrix.*, '-')", "steps.test.outputs.count > -Infinity && NaN != +1.5",
        ]
    )
    func validExpressions(_ text: String) {
        #expect(problem(text) == nil)
    }

    @Test(
        "typos are reported",
        arguments: [
            "github.ref = 'main'", "secret.TOKEN", "startWith(github.ref, 'v')", "contains(github.ref)",
            "success(github.job)", "case(true, 'a')", "github.event.(", "True",
        ]
    )
    func invalidExpressions(_ text: String) {
        #expect(problem(text) != nil)
    }
}
