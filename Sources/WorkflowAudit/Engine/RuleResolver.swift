import Foundation
public import SlipwayCore

/// Turns the registry plus `audit.rules` settings into the configured rules the engine runs.
public enum RuleResolver {
    /// The configured rules, in registry order; unknown ids and bad options throw with their locations.
    public static func resolve(
        settings: AuditSettings,
        configurationPath: String,
        registry: [any AuditRule.Type] = RuleRegistry.all
    ) throws -> [ConfiguredRule] {
        var byId: [String: RuleSettingEntry] = [:]
        let ids = registry.map { $0.metadata.id }
        let aliases = Dictionary(
            registry.flatMap { rule in rule.metadata.deprecatedAliases.map { ($0, rule.metadata.id) } },
            uniquingKeysWith: { first, _ in first }
        )
        for entry in settings.rules {
            let id = aliases[entry.id] ?? entry.id
            guard ids.contains(id) else {
                throw ConfigurationError.unknownRule(
                    id: entry.id,
                    location: entry.location,
                    suggestion: EditDistance.suggestion(for: entry.id, among: ids)
                )
            }
            byId[id] = entry
        }
        var result: [ConfiguredRule] = []
        for ruleType in registry {
            let entry = byId[ruleType.metadata.id]
            if entry?.isOff == true { continue }
            if entry == nil, !ruleType.metadata.isEnabledByDefault { continue }
            result.append(try configure(ruleType, entry: entry, path: configurationPath))
        }
        return result
    }

    private static func configure<Rule: AuditRule>(
        _ ruleType: Rule.Type,
        entry: RuleSettingEntry?,
        path: String
    ) throws -> ConfiguredRule {
        var options = Rule.Options()
        if let mapping = entry?.options {
            options = try YAMLValueDecoding.decode(
                Rule.Options.self,
                from: mapping,
                ruleId: Rule.metadata.id,
                path: path
            )
        }
        var severity: Severity?
        if case .some(.some(let value)) = entry?.severity { severity = value }
        return ConfiguredRule(ruleType, options: options, severity: severity)
    }

    /// The option keys of a rule with their default values (for the schema and docs).
    static func optionDefaults(of ruleType: any AuditRule.Type) -> [String: JSONValue] {
        func defaults<Rule: AuditRule>(_ type: Rule.Type) -> [String: JSONValue] {
            guard let data = try? JSONEncoder().encode(Rule.Options()),
                let object = try? JSONDecoder().decode([String: JSONValue].self, from: data)
            else { return [:] }
            return object
        }
        return defaults(ruleType)
    }
}
