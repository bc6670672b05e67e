import SlipwayCore

/// Renders rule metadata for `--list-rules`, `--explain` and `docs/rules.md`, all from the same source.
public enum RuleCatalog {
    struct Entry: Encodable {
        var id: String
        var name: String
        var area: String
        var severity: String
        var confidence: String
        var enabledByDefault: Bool
        var summary: String
        var helpUri: String
        var options: [String: JSONValue]
    }

    static func entries(_ registry: [any AuditRule.Type]) -> [Entry] {
        registry.map { rule in
            let metadata = rule.metadata
            return Entry(
                id: metadata.id,
                name: metadata.name,
                area: metadata.area.rawValue,
                severity: metadata.severity.rawValue,
                confidence: metadata.confidence.rawValue,
                enabledByDefault: metadata.isEnabledByDefault,
                summary: metadata.summary,
                helpUri: metadata.helpURI,
                options: RuleResolver.optionDefaults(of: rule)
            )
        }
        .sorted { ($0.area, $0.id) < ($1.area, $1.id) }
    }

    /// The rule list as a table (text) or JSON.
    public static func list(format: ReportFormat, registry: [any AuditRule.Type] = RuleRegistry.all) throws -> String {
        let rules = entries(registry)
        if format == .json { return try JSONOutput.string(rules) }
        let width = rules.map(\.id.count).max() ?? 10
        var out = ""
        for rule in rules {
            out +=
                "\(rule.id.padding(to: width))  \(rule.area.padding(to: 13))  \(rule.severity.padding(to: 8))  \(rule.summary)\n"
        }
        out += "\n\(rules.count) rules; `slipway audit --explain ID` shows one in full.\n"
        return out
    }

    /// One rule in full, or `nil` for an unknown id.
    public static func explain(_ id: String) -> String? {
        guard let rule = RuleRegistry.rule(withId: id) else { return nil }
        return section(rule, headingLevel: 1)
    }

    /// `docs/rules.md`.
    public static func markdown(registry: [any AuditRule.Type] = RuleRegistry.all) -> String {
        var out = """
            # Audit rules

            Generated from the rule metadata by `swift test` (`GeneratedFilesTests`); do not edit by hand.
            Every rule can be turned off or re-graded in `slipway.yml` (`audit.rules.<id>: off|info|low|medium|high|critical`)
            and silenced inline with `# slipway: ignore[<id>] - <reason>`.


            """
        for area in Area.allCases {
            let rules = registry.filter { $0.metadata.area == area }.sorted { $0.metadata.id < $1.metadata.id }
            guard !rules.isEmpty else { continue }
            out += "## \(area.title)\n\n| Rule | Severity | Summary |\n|---|---|---|\n"
            for rule in rules {
                out +=
                    "| [`\(rule.metadata.id)`](#\(rule.metadata.id)) | \(rule.metadata.severity.rawValue) | \(rule.metadata.summary.replacingAll("|", with: "\\|")) |\n"
            }
            out += "\n"
        }
        for rule in registry.sorted(by: { $0.metadata.id < $1.metadata.id }) {
            out += section(rule, headingLevel: 2) + "\n"
        }
        return out
    }

    static func section(_ rule: any AuditRule.Type, headingLevel: Int) -> String {
        let metadata = rule.metadata
        let hashes = String(repeating: "#", count: headingLevel)
        var out = "\(hashes) \(metadata.id)\n\n"
        out +=
            "**\(metadata.name)** · area: \(metadata.area.rawValue) · default severity: \(metadata.severity.rawValue)"
        out += " · confidence: \(metadata.confidence.rawValue)"
        out += metadata.isEnabledByDefault ? "\n\n" : " · off by default\n\n"
        out += "\(metadata.summary)\n\n\(metadata.rationale)\n\n"
        let options = RuleResolver.optionDefaults(of: rule)
        if !options.isEmpty {
            out += "Options (under `audit.rules.\(metadata.id)`):\n\n"
            for key in options.keys.sorted() {
                let value = (try? JSONOutput.string(options[key], pretty: false).trimmingWhitespace()) ?? ""
                out += "- `\(key)`: default `\(value)`\n"
            }
            out += "\n"
        }
        out += "Fix — before:\n\n```yaml\n\(metadata.fixBefore)\n```\n\nafter:\n\n```yaml\n\(metadata.fixAfter)\n```\n"
        if let example = metadata.triggeringExamples.first {
            out += "\nTriggers (`↓` marks the finding):\n\n```yaml\n\(example.yaml)\n```\n"
        }
        if let example = metadata.nonTriggeringExamples.first {
            out += "\nDoes not trigger:\n\n```yaml\n\(example.yaml)\n```\n"
        }
        return out
    }
}
