public import SlipwayCore

/// The `scan.secrets:` section of `slipway.yml`: which rules run, what is allowed, limits and the baseline.
public struct SecretScanSettings: Sendable {
    /// Fail (exit 1) on findings at or above this severity.
    public var failOn: Severity = .low
    /// Built-in rule ids turned off.
    public var disabledRules: [String] = []
    /// Path globs never scanned (`**/testdata/**`, `*.pem`, `docs/examples/`).
    public var allowPaths: [String] = []
    /// Regular expressions; a secret matching one is not reported.
    public var allowSecrets: [String] = []
    /// Extra placeholder words (case-insensitive); a secret containing one is not reported.
    public var stopwords: [String] = []
    /// Files larger than this many bytes are skipped with a note.
    public var maxFileSize: Int = SecretScanSettings.defaultMaxFileSize
    /// The baseline file of accepted fingerprints, relative to the configuration file.
    public var baseline: String?
    /// A gitleaks TOML configuration whose `[[rules]]` are added, relative to the configuration file.
    public var gitleaksConfig: String?

    /// 10 MiB.
    public static let defaultMaxFileSize = 10 * 1024 * 1024

    /// The keys of the `secrets:` mapping.
    public static let keys = [
        "fail-on", "disable", "allow-paths", "allow-secrets", "stopwords", "max-file-size", "baseline",
        "gitleaks-config",
    ]

    /// Defaults: every rule, no allow-lists, 10 MiB, fail on low and above.
    public init() {}

    /// Decodes the `scan.secrets:` mapping; unknown keys, unknown rule ids and invalid patterns are located errors.
    ///
    /// - Throws: ``ConfigurationError`` at the first problem.
    public static func decode(
        _ node: YAMLNode,
        reader: ConfigurationReader
    ) throws(ConfigurationError) -> SecretScanSettings {
        let mapping = try reader.mapping(node, key: "scan.secrets")
        try reader.checkKeys(mapping, allowed: keys, section: "scan.secrets")
        var settings = SecretScanSettings()
        if let value = mapping["fail-on"] { settings.failOn = try reader.severity(value, key: "scan.secrets.fail-on") }
        if let value = mapping["disable"], value.scalar?.isNull != true {
            let known = SecretRuleCatalog.builtIn.map(\.id)
            let items = value.scalar != nil ? [value] : try reader.sequence(value, key: "scan.secrets.disable").items
            for item in items {
                let id = try reader.string(item, key: "scan.secrets.disable")
                guard known.contains(id) else {
                    throw .unknownRule(
                        id: id,
                        location: reader.location(item),
                        suggestion: EditDistance.suggestion(for: id, among: known)
                    )
                }
                settings.disabledRules.append(id)
            }
        }
        if let value = mapping["allow-paths"], value.scalar?.isNull != true {
            settings.allowPaths = try reader.strings(value, key: "scan.secrets.allow-paths")
        }
        if let value = mapping["allow-secrets"], value.scalar?.isNull != true {
            let items =
                value.scalar != nil ? [value] : try reader.sequence(value, key: "scan.secrets.allow-secrets").items
            for item in items {
                let text = try reader.string(item, key: "scan.secrets.allow-secrets")
                do {
                    _ = try CompiledPattern(text)
                } catch {
                    throw .wrongType(
                        key: "scan.secrets.allow-secrets",
                        location: reader.location(item),
                        expected: "a regular expression (\(error))",
                        found: "'\(text)'"
                    )
                }
                settings.allowSecrets.append(text)
            }
        }
        if let value = mapping["stopwords"], value.scalar?.isNull != true {
            settings.stopwords = try reader.strings(value, key: "scan.secrets.stopwords")
        }
        if let value = mapping["max-file-size"] {
            let size = try reader.int(value, key: "scan.secrets.max-file-size")
            guard size > 0 else {
                throw .wrongType(
                    key: "scan.secrets.max-file-size",
                    location: reader.location(value),
                    expected: "a positive number of bytes",
                    found: "\(size)"
                )
            }
            settings.maxFileSize = size
        }
        if let value = mapping["baseline"] {
            settings.baseline = try reader.string(value, key: "scan.secrets.baseline")
        }
        if let value = mapping["gitleaks-config"] {
            settings.gitleaksConfig = try reader.string(value, key: "scan.secrets.gitleaks-config")
        }
        return settings
    }

    /// The JSON Schema of the `secrets:` mapping (inside `scan:`).
    public static var schema: JSONValue {
        .object([
            "type": .string("object"),
            "description": .string("Secret scanning for `slipway scan secrets`; see docs/secrets.md."),
            "additionalProperties": .bool(false),
            "properties": .object([
                "fail-on": .object([
                    "description": .string("Fail (exit 1) on findings at or above this severity."),
                    "enum": .array(Severity.allCases.map { .string($0.rawValue) }),
                    "default": .string("low"),
                ]),
                "disable": .object([
                    "description": .string("Built-in rule ids to turn off."),
                    "type": .string("array"),
                    "items": .object(["enum": .array(SecretRuleCatalog.builtIn.map { .string($0.id) })]),
                ]),
                "allow-paths": .object([
                    "description": .string("Path globs (relative to the scanned directory) that are never scanned."),
                    "type": .string("array"), "items": .object(["type": .string("string")]),
                ]),
                "allow-secrets": .object([
                    "description": .string("Regular expressions; a secret matching one is not reported."),
                    "type": .string("array"), "items": .object(["type": .string("string")]),
                ]),
                "stopwords": .object([
                    "description": .string("Placeholder words; a secret containing one is not reported."),
                    "type": .string("array"), "items": .object(["type": .string("string")]),
                ]),
                "max-file-size": .object([
                    "description": .string("Files larger than this many bytes are skipped with a note."),
                    "type": .string("integer"), "minimum": .number(1),
                    "default": .number(Double(defaultMaxFileSize)),
                ]),
                "baseline": .object([
                    "description": .string("Baseline file of accepted fingerprints (relative to slipway.yml)."),
                    "type": .string("string"),
                ]),
                "gitleaks-config": .object([
                    "description": .string("A gitleaks TOML configuration whose [[rules]] are added."),
                    "type": .string("string"),
                ]),
            ]),
        ])
    }

    /// A commented sample of the `secrets:` mapping's content (without the `secrets:` key, unindented).
    public static let sample = """
        # Fail on findings at or above: info, low, medium, high or critical.
        fail-on: low
        # Built-in rules to turn off (see docs/secrets.md for the ids).
        disable: [stripe-publishable-key]
        # Never scanned: path globs relative to the scanned directory.
        allow-paths: ["**/testdata/**", "docs/examples/*.md"]
        # A secret matching one of these regular expressions is not reported.
        allow-secrets: ["^AKIA[A-Z0-9]{12}TEST$"]
        # A secret containing one of these words (any case) is not reported.
        stopwords: [not-a-secret]
        # Larger files are skipped with a note (bytes).
        max-file-size: 10485760
        # Accepted findings (fingerprints only), written by --write-baseline.
        baseline: .slipway/secrets-baseline.json

        """
}
