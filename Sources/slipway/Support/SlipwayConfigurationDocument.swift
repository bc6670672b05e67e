import Ledger
import SlipwayCore
import SupplyChain
import Versioning
import WorkflowAudit

/// The whole `slipway.yml` schema and sample, assembled from the sections each domain target describes.
enum SlipwayConfigurationDocument {
    /// The JSON Schema published as `docs/slipway.schema.json`.
    static func schemaJSON() throws -> String {
        try JSONOutput.string(
            ConfigurationSchemaDocument.make(sections: [
                "audit": ConfigurationSchema.auditSection(),
                "versioning": VersioningSettings.schema,
                "scan": ScanSettings.schema,
                "ledger": LedgerSettings.schema,
                "secrets": RequiredSecrets.schema,
            ])
        )
    }

    /// A sample `slipway.yml` with every section.
    static let sample =
        "version: 1\n" + ConfigurationSchema.auditSample + "\n" + VersioningSettings.sample + "\n"
        + ScanSettings.sample + "\n" + LedgerSettings.sample + "\n" + RequiredSecrets.sample
}
