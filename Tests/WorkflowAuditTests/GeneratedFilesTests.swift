import SlipwayCore
import SlipwayTestSupport
import Testing

@testable import WorkflowAudit

/// `docs/rules.md` and `docs/slipway.schema.json` are generated from the code; these tests keep them in sync.
///
/// Run with `SLIPWAY_RECORD=1` to rewrite them.
@Suite struct GeneratedFilesTests {
    static func check(
        _ generated: String,
        against relativePath: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let path = Corpus.packageRoot + "/" + relativePath
        let fileSystem = LocalFileSystem()
        let existing = try? fileSystem.readText(at: path)
        if ProcessEnvironment.value("SLIPWAY_RECORD") == "1" || existing == nil {
            try fileSystem.writeTextAtomically(generated, to: path)
            if existing == nil {
                Issue.record("\(relativePath) was missing and has been written", sourceLocation: sourceLocation)
            }
            return
        }
        #expect(
            existing == generated,
            "\(relativePath) is stale; run `SLIPWAY_RECORD=1 swift test --filter GeneratedFilesTests`",
            sourceLocation: sourceLocation
        )
    }

    @Test("docs/rules.md matches the rule metadata")
    func rulesDocumentation() throws {
        try Self.check(RuleCatalog.markdown(), against: "docs/rules.md")
    }

    @Test("docs/slipway.schema.json matches the configuration shape and rule options")
    func configurationSchema() throws {
        try Self.check(try ConfigurationSchema.json(), against: "docs/slipway.schema.json")
    }

    @Test("every registered rule is documented in docs/rules.md")
    func everyRuleDocumented() {
        let markdown = RuleCatalog.markdown()
        for rule in RuleRegistry.all {
            #expect(markdown.contains("## \(rule.metadata.id)\n"), "\(rule.metadata.id) missing from docs")
        }
    }
}
