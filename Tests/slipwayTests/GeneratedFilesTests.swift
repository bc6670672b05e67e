import SlipwayCore
import SlipwayTestSupport
import Testing

@testable import slipway

/// `docs/slipway.schema.json` is assembled from every section's schema; this keeps the published file in sync.
@Suite struct ConfigurationSchemaFileTests {
    @Test("docs/slipway.schema.json matches the configuration sections and rule options")
    func configurationSchema() throws {
        try GeneratedFile.check(try SlipwayConfigurationDocument.schemaJSON(), against: "docs/slipway.schema.json")
    }

    @Test("the sample configuration loads without errors")
    func sampleLoads() throws {
        let node = try YAMLLoader.load(SlipwayConfigurationDocument.sample, path: "slipway.yml")
        let configuration = try ConfigurationLoader.parse(node, path: "slipway.yml")
        #expect(configuration.versioning != nil)
        #expect(configuration.audit.rules.contains { $0.id == "missing-timeout" })
    }
}
