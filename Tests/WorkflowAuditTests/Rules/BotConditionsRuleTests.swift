import SlipwayCore
import Testing

@testable import WorkflowAudit

/// How the bot check decides whether a condition authorises a bot.
@Suite struct BotConditionsRuleTests {
    static func check(_ text: String) throws -> (String?, Bool) {
        BotConditionsRule.botCheck(in: try ExpressionParser.parse(text), dominating: true)
    }

    @Test("a comparison alone or under || decides the condition; under && it is one of several checks")
    func dominance() throws {
        #expect(try Self.check("github.actor == 'dependabot[bot]'") == ("github.actor", true))
        #expect(try Self.check("'dependabot[bot]' == github.actor || github.actor == 'x'") == ("github.actor", true))
        #expect(try Self.check("success() && github.triggering_actor == 'renovate[bot]'").1 == false)
        #expect(try Self.check("github.actor_id == 49699333").0 == "github.actor_id")
    }

    @Test("negations, inequalities and the pull request author are not bot authorisations")
    func notAuthorisations() throws {
        #expect(try Self.check("github.actor != 'dependabot[bot]'").0 == nil)
        #expect(try Self.check("!(github.actor == 'dependabot[bot]')").0 == nil)
        #expect(try Self.check("github.event.pull_request.user.login == 'dependabot[bot]'").0 == nil)
        #expect(try Self.check("github.actor == 'octocat'").0 == nil)
    }
}
