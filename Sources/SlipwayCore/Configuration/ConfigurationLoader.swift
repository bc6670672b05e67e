/// Finds and reads `slipway.yml`, rejecting unknown keys and wrong types with their locations.
public struct ConfigurationLoader: Sendable {
    private let fileSystem: any FileSystem

    /// Creates a loader over `fileSystem`.
    public init(fileSystem: any FileSystem) {
        self.fileSystem = fileSystem
    }

    /// The nearest config file at or above `directory`, stopping at the repository root (a `.git` entry).
    public func discover(from directory: String) -> String? {
        var current = PathUtilities.normalize(directory)
        if !current.hasPrefix("/") {
            current = PathUtilities.join(fileSystem.currentDirectory, current)
        }
        while true {
            for name in SlipwayConfiguration.fileNames {
                let candidate = PathUtilities.join(current, name)
                if case .file = fileSystem.itemKind(at: candidate) { return candidate }
            }
            if fileSystem.exists(PathUtilities.join(current, ".git")) || current == "/" { return nil }
            current = PathUtilities.directory(of: current)
        }
    }

    /// Reads and validates the file at `path`; `displayPath` is how errors name it.
    public func load(path: String, displayPath: String? = nil) throws -> SlipwayConfiguration {
        let shownPath = displayPath ?? path
        let bytes = try fileSystem.readFile(at: path)
        let root: YAMLNode
        do {
            root = try YAMLLoader.load(bytes: bytes, path: shownPath)
        } catch {
            throw ConfigurationError.yaml(error)
        }
        return try Self.parse(root, path: shownPath)
    }

    /// Parses an already-loaded YAML tree.
    public static func parse(_ root: YAMLNode, path: String) throws(ConfigurationError) -> SlipwayConfiguration {
        let reader = ConfigurationReader(path: path)
        if root.scalar?.isNull == true { return SlipwayConfiguration(path: path) }
        let mapping = try reader.mapping(root, key: "slipway.yml")
        try reader.checkKeys(
            mapping,
            allowed: ["version", "audit", "versioning", "scan", "ledger", "secrets"],
            section: "the top level"
        )
        var configuration = SlipwayConfiguration(path: path)
        if let version = mapping.entry("version") {
            let value = try reader.int(version.value, key: "version")
            if value > SlipwayConfiguration.highestSupportedVersion || value < 1 {
                throw .unsupportedVersion(
                    location: reader.location(version.value),
                    found: value,
                    highest: SlipwayConfiguration.highestSupportedVersion
                )
            }
            configuration.version = value
        }
        if let audit = mapping["audit"], audit.scalar?.isNull != true {
            configuration.audit = try reader.auditSettings(audit)
        }
        if let versioning = mapping["versioning"], versioning.scalar?.isNull != true {
            _ = try reader.mapping(versioning, key: "versioning")
            configuration.versioning = versioning
        }
        if let scan = mapping["scan"], scan.scalar?.isNull != true {
            _ = try reader.mapping(scan, key: "scan")
            configuration.scan = scan
        }
        if let ledger = mapping["ledger"], ledger.scalar?.isNull != true {
            configuration.ledger = ledger
        }
        if let secrets = mapping["secrets"], secrets.scalar?.isNull != true {
            _ = try reader.mapping(secrets, key: "secrets")
            configuration.secrets = secrets
        }
        return configuration
    }
}

extension ConfigurationReader {
    /// The node as a severity name (`info` … `critical`).
    public func severity(_ node: YAMLNode, key: String) throws(ConfigurationError) -> Severity {
        let text = try string(node, key: key)
        guard let severity = Severity(rawValue: text.lowercased()) else {
            throw .invalidValue(
                key: key,
                location: location(node),
                value: text,
                allowed: Severity.allCases.map(\.rawValue)
            )
        }
        return severity
    }

    func auditSettings(_ node: YAMLNode) throws(ConfigurationError) -> AuditSettings {
        let mapping = try mapping(node, key: "audit")
        try checkKeys(mapping, allowed: ["fail-on", "rules", "ignore", "exclude", "catalogue"], section: "audit")
        var settings = AuditSettings()
        if let failOn = mapping["fail-on"] { settings.failOn = try severity(failOn, key: "fail-on") }
        if let exclude = mapping["exclude"] { settings.exclude = try strings(exclude, key: "exclude") }
        if let catalogue = mapping["catalogue"] {
            _ = try self.mapping(catalogue, key: "catalogue")
            settings.catalogue = catalogue
        }
        if let rules = mapping["rules"], rules.scalar?.isNull != true {
            for entry in try self.mapping(rules, key: "rules").entries {
                settings.rules.append(try ruleSetting(entry))
            }
        }
        if let ignores = mapping["ignore"], ignores.scalar?.isNull != true {
            guard let sequence = ignores.sequence else {
                throw .wrongType(
                    key: "ignore",
                    location: location(ignores),
                    expected: "a list of {rule, path, reason, expires}",
                    found: ignores.kindName
                )
            }
            for item in sequence.items { settings.ignores.append(try ignoreEntry(item)) }
        }
        return settings
    }

    func ruleSetting(_ entry: YAMLEntry) throws(ConfigurationError) -> RuleSettingEntry {
        let id = entry.key.value
        let key = "rules.\(id)"
        switch entry.value {
        case .scalar(let scalar):
            if scalar.value == "off" || scalar.bool == false {
                return RuleSettingEntry(id: id, location: location(entry.key), severity: .some(nil), options: nil)
            }
            if scalar.value == "on" || scalar.bool == true {
                return RuleSettingEntry(id: id, location: location(entry.key), severity: nil, options: nil)
            }
            guard let severity = Severity(rawValue: scalar.value.lowercased()) else {
                throw .invalidValue(
                    key: key,
                    location: location(entry.value),
                    value: scalar.value,
                    allowed: ["off"] + Severity.allCases.map(\.rawValue)
                )
            }
            return RuleSettingEntry(id: id, location: location(entry.key), severity: severity, options: nil)
        case .mapping(var mapping):
            var resolved: Severity?? = nil
            if let value = mapping["severity"] {
                if value.string == "off" {
                    resolved = .some(nil)
                } else {
                    resolved = .some(try severity(value, key: "\(key).severity"))
                }
                mapping.entries.removeAll { $0.key.value == "severity" }
            }
            return RuleSettingEntry(
                id: id,
                location: location(entry.key),
                severity: resolved,
                options: mapping.entries.isEmpty ? nil : mapping
            )
        case .sequence:
            throw .wrongType(
                key: key,
                location: location(entry.value),
                expected: "off, a severity, or a mapping of options",
                found: "sequence"
            )
        }
    }

    func ignoreEntry(_ node: YAMLNode) throws(ConfigurationError) -> IgnoreEntry {
        let mapping = try mapping(node, key: "ignore[]")
        try checkKeys(mapping, allowed: ["rule", "path", "reason", "expires"], section: "an ignore entry")
        guard let rule = mapping["rule"] else { throw .missingKey(key: "rule", location: location(node)) }
        guard let reason = mapping["reason"], let reasonText = reason.string, !reasonText.isEmpty else {
            throw .missingKey(key: "reason", location: location(node))
        }
        var expires: CalendarDate?
        if let value = mapping["expires"] {
            let text = try string(value, key: "expires")
            guard let date = CalendarDate(text) else {
                throw .invalidDate(key: "expires", location: location(value), value: text)
            }
            expires = date
        }
        return IgnoreEntry(
            rule: try string(rule, key: "rule"),
            path: try mapping["path"].map { node throws(ConfigurationError) in try string(node, key: "path") },
            reason: reasonText,
            expires: expires,
            location: location(node)
        )
    }
}
