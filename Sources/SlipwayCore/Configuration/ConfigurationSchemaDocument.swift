/// Assembles the JSON Schema of `slipway.yml` from the sections each domain target describes.
public enum ConfigurationSchemaDocument {
    /// The whole document: `version` plus `sections` (for example `audit`, `versioning`); unknown keys are errors.
    public static func make(sections: [String: JSONValue]) -> JSONValue {
        var properties = sections
        properties["version"] = .object([
            "type": .string("integer"),
            "minimum": .number(1),
            "maximum": .number(Double(SlipwayConfiguration.highestSupportedVersion)),
        ])
        return .object([
            "$schema": .string("https://json-schema.org/draft/2020-12/schema"),
            "$id": .string("https://github.com/slipway-dev/slipway/docs/slipway.schema.json"),
            "title": .string("slipway.yml"),
            "description": .string("Project configuration for Slipway. Unknown keys are errors."),
            "type": .string("object"),
            "additionalProperties": .bool(false),
            "properties": .object(properties),
        ])
    }
}
