import SlipwayCore
import Testing

@testable import WorkflowAudit

/// The `allow` option's patterns.
@Suite struct UnpinnedUsesRuleTests {
    static func rule(allowing patterns: [String]) -> UnpinnedUsesRule {
        var options = UnpinnedUsesRule.Options()
        options.allow = patterns
        return UnpinnedUsesRule(options: options)
    }

    @Test("owner/* and owner/repo patterns allow tags, case-insensitively, for actions and reusable workflows")
    func allowPatterns() {
        let rule = Self.rule(allowing: ["My-Org/*", "codecov/codecov-action"])
        #expect(rule.isAllowed(ActionReference("my-org/workflows/.github/workflows/release.yml@v1")))
        #expect(rule.isAllowed(ActionReference("Codecov/codecov-action@v4")))
        #expect(!rule.isAllowed(ActionReference("codecov/other@v4")))
        #expect(!rule.isAllowed(ActionReference("my-organisation/x@v1")))
    }

    @Test("the glob matches * across any run of characters")
    func glob() {
        #expect(UnpinnedUsesRule.glob("a*c", matches: "abbbc"))
        #expect(UnpinnedUsesRule.glob("*", matches: ""))
        #expect(!UnpinnedUsesRule.glob("a*c", matches: "abd"))
    }
}
