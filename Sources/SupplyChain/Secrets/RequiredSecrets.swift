public import SlipwayCore

/// The top-level `secrets:` section of `slipway.yml`: per environment, the secret names a deployment needs and
/// which of their values must be masked in logs.
///
/// ```yaml
/// secrets:
///   environments:
///     production:
///       required: [DEPLOY_TOKEN, SENTRY_DSN]
///       sensitive: [DEPLOY_TOKEN]
/// ```
public struct RequiredSecrets: Sendable, Equatable {
    /// One environment's declaration.
    public struct Environment: Sendable, Equatable {
        public var required: [String] = []
        public var sensitive: [String] = []
    }

    /// Environments by name.
    public var environments: [String: Environment] = [:]

    /// No environments.
    public init() {}

    /// Decodes the `secrets:` section.
    ///
    /// - Throws: ``ConfigurationError`` for unknown keys, wrong types and names that are not environment
    ///   variable names, at their location.
    public static func decode(_ configuration: SlipwayConfiguration) throws(ConfigurationError) -> RequiredSecrets {
        guard let node = configuration.secrets else { return RequiredSecrets() }
        let reader = ConfigurationReader(path: configuration.path ?? "slipway.yml")
        let mapping = try reader.mapping(node, key: "secrets")
        try reader.checkKeys(mapping, allowed: ["environments"], section: "secrets")
        var result = RequiredSecrets()
        guard let environments = mapping["environments"], environments.scalar?.isNull != true else { return result }
        for entry in try reader.mapping(environments, key: "secrets.environments").entries {
            let name = entry.key.value
            let section = "secrets.environments.\(name)"
            let fields = try reader.mapping(entry.value, key: section)
            try reader.checkKeys(fields, allowed: ["required", "sensitive"], section: section)
            var environment = Environment()
            for (key, target) in [("required", \Environment.required), ("sensitive", \Environment.sensitive)] {
                guard let value = fields[key], value.scalar?.isNull != true else { continue }
                let items = value.scalar != nil ? [value] : try reader.sequence(value, key: "\(section).\(key)").items
                for item in items {
                    let text = try reader.string(item, key: "\(section).\(key)")
                    guard isVariableName(text) else {
                        throw .wrongType(
                            key: "\(section).\(key)",
                            location: reader.location(item),
                            expected: "environment variable names (letters, digits and _, not starting with a digit)",
                            found: "'\(text)'"
                        )
                    }
                    environment[keyPath: target].append(text)
                }
            }
            result.environments[name] = environment
        }
        return result
    }

    private static func isVariableName(_ text: String) -> Bool {
        guard let first = text.utf8.first, !(first >= 48 && first <= 57) else { return false }
        return text.utf8.allSatisfy { ByteText.isAlphanumeric($0) || $0 == UInt8(ascii: "_") }
    }

    /// The result of checking one environment against the process environment.
    public struct Check: Sendable, Equatable {
        /// Required names that are unset or empty, in declaration order.
        public var missing: [String]
        /// Required names that are set.
        public var present: [String]
        /// `::add-mask::` commands for the sensitive values that are set (only under GitHub Actions).
        public var maskCommands: [String]
    }

    /// Checks `environment` (names only; values are only read to mask them).
    public func check(environment name: String, in processEnvironment: [String: String], gitHubActions: Bool) -> Check?
    {
        guard let declared = environments[name] else { return nil }
        var check = Check(missing: [], present: [], maskCommands: [])
        for variable in declared.required {
            if let value = processEnvironment[variable], !value.isEmpty {
                check.present.append(variable)
            } else {
                check.missing.append(variable)
            }
        }
        if gitHubActions {
            for variable in declared.sensitive {
                guard let value = processEnvironment[variable], !value.isEmpty else { continue }
                // A multi-line value is masked line by line, as GitHub matches masks per line.
                for line in value.split(whereSeparator: \.isNewline) where !line.isEmpty {
                    check.maskCommands.append("::add-mask::" + GitHubAnnotations.escapeData(String(line)))
                }
            }
        }
        return check
    }

    /// The JSON Schema of the `secrets:` section.
    public static var schema: JSONValue {
        let names: JSONValue = .object([
            "type": .string("array"),
            "items": .object(["type": .string("string"), "pattern": .string("^[A-Za-z_][A-Za-z0-9_]*$")]),
        ])
        return .object([
            "description": .string("Secrets each environment needs, for `slipway secrets check`; see docs/secrets.md."),
            "type": .string("object"),
            "additionalProperties": .bool(false),
            "properties": .object([
                "environments": .object([
                    "type": .string("object"),
                    "additionalProperties": .object([
                        "type": .string("object"),
                        "additionalProperties": .bool(false),
                        "properties": .object(["required": names, "sensitive": names]),
                    ]),
                ])
            ]),
        ])
    }

    /// A sample `secrets:` section.
    public static let sample = """
        secrets:
          # Names (never values) each deployment environment needs; `slipway secrets check --env NAME`
          # fails when one is unset. Values of sensitive names are masked in GitHub Actions logs.
          environments:
            production:
              required: [DEPLOY_TOKEN, SENTRY_DSN]
              sensitive: [DEPLOY_TOKEN]

        """
}
