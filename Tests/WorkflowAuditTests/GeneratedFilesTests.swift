import SlipwayCore
import SlipwayTestSupport
import Testing

@testable import WorkflowAudit

/// `docs/rules.md` is generated from the rule metadata; these tests keep it in sync.
///
/// Run with `SLIPWAY_RECORD=1` to rewrite it.
@Suite struct GeneratedFilesTests {
    @Test("docs/rules.md matches the rule metadata")
    func rulesDocumentation() throws {
        try GeneratedFile.check(RuleCatalog.markdown(), against: "docs/rules.md")
    }

    @Test("every registered rule is documented in docs/rules.md")
    func everyRuleDocumented() {
        let markdown = RuleCatalog.markdown()
        for rule in RuleRegistry.all {
            #expect(markdown.contains("## \(rule.metadata.id)\n"), "\(rule.metadata.id) missing from docs")
        }
    }
}
