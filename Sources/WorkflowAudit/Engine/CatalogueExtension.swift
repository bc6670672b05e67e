import Foundation
import SlipwayCore

/// Reads `audit.catalogue` from `slipway.yml` into a `Catalogue` to merge with the built-in one.
enum CatalogueExtension {
    static func decode(_ node: YAMLNode, path: String) throws -> Catalogue {
        guard let mapping = node.mapping else {
            throw AuditError.invalidCatalogue(
                location: SourceLocation(path: path, position: node.position),
                reason: "expected a mapping with `capabilities:`"
            )
        }
        for entry in mapping.entries where entry.key.value != "capabilities" {
            throw ConfigurationError.unknownKey(
                key: entry.key.value,
                location: SourceLocation(path: path, position: entry.key.position),
                suggestion: EditDistance.suggestion(for: entry.key.value, among: ["capabilities"]),
                section: "audit.catalogue"
            )
        }
        let capabilities = mapping["capabilities"]?.mapping?.entries ?? []
        var result: [String: Catalogue.Capability] = [:]
        for entry in capabilities {
            guard let definition = entry.value.mapping else {
                throw AuditError.invalidCatalogue(
                    location: SourceLocation(path: path, position: entry.value.position),
                    reason: "capability '\(entry.key.value)' must be a mapping with actions and commands"
                )
            }
            for key in definition.entries where !["title", "actions", "commands"].contains(key.key.value) {
                throw ConfigurationError.unknownKey(
                    key: key.key.value,
                    location: SourceLocation(path: path, position: key.key.position),
                    suggestion: EditDistance.suggestion(for: key.key.value, among: ["title", "actions", "commands"]),
                    section: "capability '\(entry.key.value)'"
                )
            }
            let actions = definition["actions"]?.sequence?.items.compactMap(\.string) ?? []
            var commands: [[String]] = []
            for item in definition["commands"]?.sequence?.items ?? [] {
                if let words = item.sequence?.items.compactMap(\.string) {
                    commands.append(words)
                } else if let text = item.string {
                    commands.append(text.split(separator: " ").map(String.init))
                }
            }
            result[entry.key.value] = Catalogue.Capability(
                title: definition["title"]?.string ?? entry.key.value,
                actions: actions.map { $0.lowercased() },
                commands: commands
            )
        }
        return Catalogue(capabilities: result)
    }
}
