import SlipwayCore

/// The parts of a gitleaks TOML configuration slipway understands.
///
/// Those are `[[rules]]` (id, description, regex, keywords, secretGroup, entropy, path, allowlist/allowlists) and
/// the global `[allowlist]`/`[[allowlists]]` (paths, regexes, stopwords). Go RE2 patterns are compiled as Swift regular expressions; one that does not compile is an
/// error at its line and column.
public struct GitleaksConfiguration: Sendable {
    /// A custom rule with its own allowlist and path restriction.
    public struct CustomRule: Sendable {
        public let rule: SecretRule
        let pathPattern: CompiledPattern?
        let allowPaths: [CompiledPattern]
        let allowSecrets: [CompiledPattern]
        let stopwords: [String]
    }

    public private(set) var rules: [CustomRule] = []
    let allowPaths: [CompiledPattern]
    let allowSecrets: [CompiledPattern]
    let stopwords: [String]

    /// Whether a finding of `ruleID` in `path` stands after the rule's `path` and allowlist paths.
    func applies(ruleID: String, path: String) -> Bool {
        guard let rule = rules.first(where: { $0.rule.id == ruleID }) else { return true }
        if let pattern = rule.pathPattern, !pattern.occurs(in: path) { return false }
        return !rule.allowPaths.contains { $0.occurs(in: path) }
    }

    /// Parses the TOML text of the file at `path` (used in messages).
    ///
    /// - Throws: ``SecretScanError/gitleaks(path:line:column:reason:)`` at the first problem.
    public static func parse(_ text: String, path: String) throws(SecretScanError) -> GitleaksConfiguration {
        let document: TOMLTable
        do {
            document = try TOMLParser.parse(text)
        } catch {
            throw .gitleaks(path: path, line: error.position.line, column: error.position.column, reason: error.reason)
        }
        let reader = Reader(path: path)
        var globalPaths: [CompiledPattern] = []
        var globalSecrets: [CompiledPattern] = []
        var globalStopwords: [String] = []
        for allowlist in try reader.allowlists(document, single: "allowlist", multiple: "allowlists") {
            globalPaths += try reader.patterns(allowlist, "paths")
            globalSecrets += try reader.patterns(allowlist, "regexes")
            globalStopwords += try reader.strings(allowlist, "stopwords")
        }
        var configuration = GitleaksConfiguration(
            allowPaths: globalPaths,
            allowSecrets: globalSecrets,
            stopwords: globalStopwords
        )
        guard let rulesNode = document["rules"] else { return configuration }
        guard let items = rulesNode.array else {
            throw reader.error(rulesNode, "`rules` must be an array of tables ([[rules]])")
        }
        let builtIn = Set(SecretRuleCatalog.builtIn.map(\.id))
        var seen = Set<String>()
        for item in items {
            guard let table = item.table else { throw reader.error(item, "each [[rules]] entry must be a table") }
            guard let idNode = table["id"], let id = idNode.string, !id.isEmpty else {
                throw reader.error(item, "a [[rules]] entry needs an `id`")
            }
            guard !builtIn.contains(id), seen.insert(id).inserted else {
                throw reader.error(idNode, "rule id '\(id)' is already defined; give custom rules their own ids")
            }
            guard let regexNode = table["regex"], let source = regexNode.string else {
                let position = table["path"] ?? idNode
                throw reader.error(
                    position,
                    "rule '\(id)' has no `regex`; path-only gitleaks rules are not supported"
                )
            }
            let pattern = try reader.compile(source, at: regexNode)
            var group = 0
            if let groupNode = table["secretGroup"] {
                guard let value = groupNode.integer, value >= 0 else {
                    throw reader.error(groupNode, "`secretGroup` must be a non-negative integer")
                }
                group = value
            }
            var entropy: Double?
            if let entropyNode = table["entropy"] {
                switch entropyNode.value {
                case .float(let value): entropy = value
                case .integer(let value): entropy = Double(value)
                default: throw reader.error(entropyNode, "`entropy` must be a number")
                }
            }
            let keywords = try reader.strings(table, "keywords").map { $0.lowercased() }
            let rule = SecretRule(
                id: id,
                description: table["description"]?.string ?? "Custom rule \(id)",
                severity: .high,
                keywords: keywords,
                matcher: .line(pattern, group: group),
                minimumEntropy: entropy
            )
            var allowPaths: [CompiledPattern] = []
            var allowSecrets: [CompiledPattern] = []
            var stopwords: [String] = []
            for allowlist in try reader.allowlists(table, single: "allowlist", multiple: "allowlists") {
                allowPaths += try reader.patterns(allowlist, "paths")
                allowSecrets += try reader.patterns(allowlist, "regexes")
                stopwords += try reader.strings(allowlist, "stopwords")
            }
            let pathPattern = try table["path"].map { node throws(SecretScanError) in
                guard let text = node.string else { throw reader.error(node, "`path` must be a string") }
                return try reader.compile(text, at: node)
            }
            configuration.rules.append(
                CustomRule(
                    rule: rule,
                    pathPattern: pathPattern,
                    allowPaths: allowPaths,
                    allowSecrets: allowSecrets,
                    stopwords: stopwords
                )
            )
        }
        return configuration
    }

    private struct Reader {
        let path: String

        func error(_ node: TOMLNode, _ reason: String) -> SecretScanError {
            .gitleaks(path: path, line: node.position.line, column: node.position.column, reason: reason)
        }

        func compile(_ source: String, at node: TOMLNode) throws(SecretScanError) -> CompiledPattern {
            do {
                return try CompiledPattern(source)
            } catch {
                throw self.error(
                    node,
                    "regular expression not supported by Swift Regex (\(error)); rewrite the construct or drop it"
                )
            }
        }

        func strings(_ table: TOMLTable, _ key: String) throws(SecretScanError) -> [String] {
            guard let node = table[key] else { return [] }
            guard let items = node.array else { throw error(node, "`\(key)` must be an array of strings") }
            var result: [String] = []
            for item in items {
                guard let text = item.string else { throw error(item, "`\(key)` must be an array of strings") }
                result.append(text)
            }
            return result
        }

        func patterns(_ table: TOMLTable, _ key: String) throws(SecretScanError) -> [CompiledPattern] {
            guard let node = table[key], let items = node.array else {
                if let node = table[key] { throw error(node, "`\(key)` must be an array of strings") }
                return []
            }
            var result: [CompiledPattern] = []
            for item in items {
                guard let text = item.string else { throw error(item, "`\(key)` must be an array of strings") }
                result.append(try compile(text, at: item))
            }
            return result
        }

        /// `[allowlist]` (a table) and `[[allowlists]]` (an array of tables).
        func allowlists(_ table: TOMLTable, single: String, multiple: String) throws(SecretScanError) -> [TOMLTable] {
            var result: [TOMLTable] = []
            if let node = table[single] {
                guard let inner = node.table else { throw error(node, "`\(single)` must be a table") }
                result.append(inner)
            }
            if let node = table[multiple] {
                guard let items = node.array else { throw error(node, "`\(multiple)` must be an array of tables") }
                for item in items {
                    guard let inner = item.table else { throw error(item, "`\(multiple)` must be an array of tables") }
                    result.append(inner)
                }
            }
            return result
        }
    }
}
