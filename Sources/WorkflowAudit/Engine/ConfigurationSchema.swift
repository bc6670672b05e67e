import Foundation
import SlipwayCore

/// The JSON Schema of `slipway.yml`, generated from the configuration shape and the rule registry, and a sample.
public enum ConfigurationSchema {
    /// The schema as pretty-printed JSON (kept in `docs/slipway.schema.json` by a test).
    public static func json(registry: [any AuditRule.Type] = RuleRegistry.all) throws -> String {
        try JSONOutput.string(schema(registry: registry))
    }

    static func schema(registry: [any AuditRule.Type]) -> JSONValue {
        let severities = JSONValue.array(Severity.allCases.map { .string($0.rawValue) })
        var ruleProperties: [String: JSONValue] = [:]
        for rule in registry {
            let metadata = rule.metadata
            var optionProperties: [String: JSONValue] = [
                "severity": .object([
                    "enum": .array([.string("off")] + severitiesList), "description": .string("Severity, or off."),
                ])
            ]
            for (key, value) in RuleResolver.optionDefaults(of: rule) {
                optionProperties[key] = .object(["type": .string(value.jsonType), "default": value])
            }
            ruleProperties[metadata.id] = .object([
                "description": .string(
                    "\(metadata.name) (\(metadata.area.rawValue), default \(metadata.severity.rawValue)): \(metadata.summary)"
                ),
                "oneOf": .array([
                    .object(["enum": .array([.string("off"), .string("on")] + severitiesList)]),
                    .object(["type": .string("boolean")]),
                    .object([
                        "type": .string("object"),
                        "additionalProperties": .bool(false),
                        "properties": .object(optionProperties),
                    ]),
                ]),
            ])
        }
        let capability: JSONValue = .object([
            "type": .string("object"),
            "additionalProperties": .bool(false),
            "properties": .object([
                "title": .object(["type": .string("string")]),
                "actions": .object(["type": .string("array"), "items": .object(["type": .string("string")])]),
                "commands": .object([
                    "type": .string("array"),
                    "items": .object([
                        "oneOf": .array([
                            .object(["type": .string("string")]),
                            .object(["type": .string("array"), "items": .object(["type": .string("string")])]),
                        ])
                    ]),
                ]),
            ]),
        ])
        return .object([
            "$schema": .string("https://json-schema.org/draft/2020-12/schema"),
            "$id": .string("https://github.com/slipway-dev/slipway/docs/slipway.schema.json"),
            "title": .string("slipway.yml"),
            "description": .string("Project configuration for Slipway. Unknown keys are errors."),
            "type": .string("object"),
            "additionalProperties": .bool(false),
            "properties": .object([
                "version": .object([
                    "type": .string("integer"),
                    "minimum": .number(1),
                    "maximum": .number(Double(SlipwayConfiguration.highestSupportedVersion)),
                ]),
                "audit": .object([
                    "type": .string("object"),
                    "additionalProperties": .bool(false),
                    "properties": .object([
                        "fail-on": .object(["enum": severities, "default": .string("high")]),
                        "exclude": .object([
                            "description": .string(
                                "Path globs, relative to the repository root, that are not audited."
                            ),
                            "type": .string("array"),
                            "items": .object(["type": .string("string")]),
                        ]),
                        "rules": .object([
                            "type": .string("object"),
                            "additionalProperties": .bool(false),
                            "properties": .object(ruleProperties),
                        ]),
                        "ignore": .object([
                            "type": .string("array"),
                            "items": .object([
                                "type": .string("object"),
                                "additionalProperties": .bool(false),
                                "required": .array([.string("rule"), .string("reason")]),
                                "properties": .object([
                                    "rule": .object(["type": .string("string")]),
                                    "path": .object(["type": .string("string"), "description": .string("Path glob.")]),
                                    "reason": .object(["type": .string("string"), "minLength": .number(1)]),
                                    "expires": .object(["type": .string("string"), "format": .string("date")]),
                                ]),
                            ]),
                        ]),
                        "catalogue": .object([
                            "type": .string("object"),
                            "additionalProperties": .bool(false),
                            "properties": .object([
                                "capabilities": .object(["type": .string("object"), "additionalProperties": capability])
                            ]),
                        ]),
                    ]),
                ]),
            ]),
        ])
    }

    private static var severitiesList: [JSONValue] { Severity.allCases.map { .string($0.rawValue) } }

    /// A sample `slipway.yml` showing every section.
    public static let sample = """
        version: 1
        audit:
          fail-on: high                 # exit 1 on findings at or above this severity
          exclude:
            - .github/workflows/experimental-*.yml
          rules:
            missing-metrics: off        # turn a rule off
            unpinned-uses: critical     # or change its severity
            missing-timeout:            # or set its options
              severity: medium
              maximum-minutes: 120
          ignore:
            - rule: missing-sbom
              path: .github/workflows/release.yml
              reason: SBOM generation lands with PLAT-142
              expires: 2027-03-31
          catalogue:                    # teach the audit about in-house tools
            capabilities:
              deploy:
                commands: [["acme-deploy"]]
        """
}

/// A JSON value for documents built in code (schemas), encoded with sorted keys like every Slipway output.
enum JSONValue: Sendable, Hashable, Codable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])
    case null

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .number(let value):
            if value == value.rounded(), abs(value) < 1e15 {
                try container.encode(Int(value))
            } else {
                try container.encode(value)
            }
        case .bool(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }

    /// The JSON Schema `type` of this value.
    var jsonType: String {
        switch self {
        case .string: "string"
        case .number(let value): value == value.rounded() ? "integer" : "number"
        case .bool: "boolean"
        case .array: "array"
        case .object: "object"
        case .null: "null"
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }
}
