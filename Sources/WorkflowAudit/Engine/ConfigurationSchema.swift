import Foundation
public import SlipwayCore

/// The JSON Schema of `slipway.yml`, generated from the configuration shape and the rule registry, and a sample.
public enum ConfigurationSchema {
    /// The JSON Schema of the `audit:` section, generated from the configuration shape and the rule registry.
    public static func auditSection(registry: [any AuditRule.Type] = RuleRegistry.all) -> JSONValue {
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
        ])
    }

    private static var severitiesList: [JSONValue] { Severity.allCases.map { .string($0.rawValue) } }

    /// A sample `audit:` section of `slipway.yml`.
    public static let auditSample = """
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
