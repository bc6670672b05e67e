public import SlipwayCore

/// standard-version's `.versionrc` keys (also accepted under `versioning:` in `slipway.yml`), checked strictly.
public struct VersioningSettings: Sendable, Equatable {
    /// One entry of `types`: a commit type, its changelog section, and whether it is hidden.
    public struct TypeSetting: Sendable, Equatable {
        public var type: String
        public var section: String?
        public var hidden: Bool

        /// Creates a type setting.
        public init(type: String, section: String? = nil, hidden: Bool = false) {
            self.type = type
            self.section = section
            self.hidden = hidden
        }
    }

    /// One entry of `bumpFiles`/`packageFiles`: a file, and optionally an updater type or a regex.
    public struct BumpFile: Sendable, Equatable {
        public var filename: String
        /// `json`, `plain-text`, … as in standard-version; `nil` means "by file name".
        public var type: String?
        /// A regular expression whose first capture group is the version (custom updater).
        public var pattern: String?

        /// Creates a bump-file setting.
        public init(filename: String, type: String? = nil, pattern: String? = nil) {
            self.filename = filename
            self.type = type
            self.pattern = pattern
        }
    }

    /// Which lifecycle steps to skip.
    public struct Skip: Sendable, Equatable {
        public var bump = false
        public var changelog = false
        public var commit = false
        public var tag = false

        /// Skips nothing.
        public init() {}
    }

    public var types: [TypeSetting]?
    public var header: String?
    public var commitUrlFormat: String?
    public var compareUrlFormat: String?
    public var issueUrlFormat: String?
    public var userUrlFormat: String?
    public var releaseCommitMessageFormat: String?
    public var issuePrefixes: [String]?
    public var tagPrefix: String?
    public var bumpFiles: [BumpFile]?
    public var packageFiles: [BumpFile]?
    public var skip = Skip()
    /// Jira-style project keys (`ABC` in `ABC-123`) collected per release.
    public var issueKeys: [String]?
    /// `standard-version` (`###` for patch releases) or `commit-and-tag-version` (always `##`).
    public var changelogLayout: String?
    /// Where the settings came from, for messages.
    public var source: String?

    /// No settings: every default applies.
    public init() {}

    /// The keys standard-version understands plus Slipway's additions.
    public static let keys = [
        "types", "header", "commitUrlFormat", "compareUrlFormat", "issueUrlFormat", "userUrlFormat",
        "releaseCommitMessageFormat", "issuePrefixes", "tagPrefix", "bumpFiles", "packageFiles", "skip",
        "issueKeys", "changelogLayout",
    ]

    /// Keys standard-version accepts that only make sense for its Node implementation; read and ignored.
    public static let ignoredKeys = ["scripts", "preset", "infile", "silent", "sign", "noVerify", "dryRun"]

    /// Decodes settings from a `.versionrc`/`.versionrc.json` document (JSON, read as YAML to keep positions) or
    /// the `versioning:` section of `slipway.yml`.
    public static func decode(_ node: YAMLNode, path: String) throws(ConfigurationError) -> VersioningSettings {
        let reader = ConfigurationReader(path: path)
        let mapping = try reader.mapping(node, key: "versioning")
        var settings = VersioningSettings()
        settings.source = path
        for entry in mapping.entries {
            let key = entry.key.value
            let value = entry.value
            switch key {
            case "types":
                settings.types = try reader.sequence(value, key: key).items.map { item throws(ConfigurationError) in
                    let fields = try reader.mapping(item, key: "types[]")
                    try reader.checkKeys(fields, allowed: ["type", "section", "hidden"], section: "a types entry")
                    guard let type = fields["type"] else {
                        throw .missingKey(key: "type", location: reader.location(item))
                    }
                    return TypeSetting(
                        type: try reader.string(type, key: "type"),
                        section: try reader.optional(fields, "section", reader.string),
                        hidden: try reader.optional(fields, "hidden", reader.bool) ?? false
                    )
                }
            case "header": settings.header = try reader.string(value, key: key)
            case "commitUrlFormat": settings.commitUrlFormat = try reader.string(value, key: key)
            case "compareUrlFormat": settings.compareUrlFormat = try reader.string(value, key: key)
            case "issueUrlFormat": settings.issueUrlFormat = try reader.string(value, key: key)
            case "userUrlFormat": settings.userUrlFormat = try reader.string(value, key: key)
            case "releaseCommitMessageFormat": settings.releaseCommitMessageFormat = try reader.string(value, key: key)
            case "issuePrefixes": settings.issuePrefixes = try reader.strings(value, key: key)
            case "issueKeys": settings.issueKeys = try reader.strings(value, key: key)
            case "tagPrefix": settings.tagPrefix = try reader.string(value, key: key)
            case "changelogLayout":
                let layout = try reader.string(value, key: key)
                let allowed = ["standard-version", "commit-and-tag-version"]
                guard allowed.contains(layout) else {
                    throw .invalidValue(key: key, location: reader.location(value), value: layout, allowed: allowed)
                }
                settings.changelogLayout = layout
            case "bumpFiles": settings.bumpFiles = try reader.bumpFiles(value, key: key)
            case "packageFiles": settings.packageFiles = try reader.bumpFiles(value, key: key)
            case "skip":
                let fields = try reader.mapping(value, key: key)
                try reader.checkKeys(fields, allowed: ["bump", "changelog", "commit", "tag"], section: "skip")
                settings.skip.bump =
                    try reader.optional(fields, "bump", reader.bool) ?? false
                settings.skip.changelog =
                    try reader.optional(fields, "changelog", reader.bool) ?? false
                settings.skip.commit =
                    try reader.optional(fields, "commit", reader.bool) ?? false
                settings.skip.tag =
                    try reader.optional(fields, "tag", reader.bool)
                    ?? false
            default:
                if ignoredKeys.contains(key) { continue }
                throw .unknownKey(
                    key: key,
                    location: reader.location(entry.key),
                    suggestion: EditDistance.suggestion(for: key, among: keys),
                    section: "the versioning settings"
                )
            }
        }
        return settings
    }
}

extension ConfigurationReader {
    fileprivate func bumpFiles(
        _ node: YAMLNode,
        key: String
    ) throws(ConfigurationError) -> [VersioningSettings.BumpFile] {
        var result: [VersioningSettings.BumpFile] = []
        for item in try sequence(node, key: key).items {
            if let name = item.string {
                result.append(VersioningSettings.BumpFile(filename: name))
                continue
            }
            let fields = try mapping(item, key: "\(key)[]")
            try checkKeys(fields, allowed: ["filename", "type", "updater", "pattern"], section: "a \(key) entry")
            guard let filename = fields["filename"] else {
                throw .missingKey(key: "filename", location: location(item))
            }
            if let updater = fields["updater"] {
                throw .invalidValue(
                    key: "updater",
                    location: location(updater),
                    value: updater.string ?? updater.kindName,
                    allowed: ["(JavaScript updaters are not supported; use `pattern` with one capture group)"]
                )
            }
            result.append(
                VersioningSettings.BumpFile(
                    filename: try string(filename, key: "filename"),
                    type: try optional(fields, "type", string),
                    pattern: try optional(fields, "pattern", string)
                )
            )
        }
        return result
    }
}

/// Finds the versioning settings of a repository: `versioning:` in `slipway.yml`, else `.versionrc` or
/// `.versionrc.json`, else the defaults.
public enum VersioningSettingsLoader {
    /// File names read, in order (`.versionrc` is JSON, as standard-version reads it).
    public static let fileNames = [".versionrc", ".versionrc.json"]

    /// The settings for the repository at `root`.
    public static func load(
        root: String,
        configuration: SlipwayConfiguration,
        fileSystem: any FileSystem
    ) throws -> VersioningSettings {
        if let node = configuration.versioning {
            return try VersioningSettings.decode(node, path: configuration.path ?? "slipway.yml")
        }
        // Errors name the file as found from the current directory (`services/api/.versionrc.json:3:5`), so that
        // `--path` or a configuration elsewhere still points at the right file.
        for name in fileNames {
            let path = PathUtilities.join(root, name)
            guard case .file = fileSystem.itemKind(at: path) else { continue }
            let node: YAMLNode
            do {
                node = try YAMLLoader.load(bytes: try fileSystem.readFile(at: path), path: path)
            } catch let error as YAMLLoadError {
                throw ConfigurationError.yaml(error)
            }
            return try VersioningSettings.decode(node, path: path)
        }
        for name in [".versionrc.js", ".versionrc.cjs"] where fileSystem.exists(PathUtilities.join(root, name)) {
            throw ConfigurationError.invalidValue(
                key: name,
                location: SourceLocation(path: PathUtilities.join(root, name), line: 1, column: 1),
                value: "JavaScript configuration",
                allowed: [".versionrc.json with the same keys", "versioning: in slipway.yml"]
            )
        }
        return VersioningSettings()
    }
}

extension VersioningSettings {
    /// The JSON Schema of the `versioning:` section (the same keys as `.versionrc`).
    public static var schema: JSONValue {
        let string: JSONValue = .object(["type": .string("string")])
        let strings: JSONValue = .object(["type": .string("array"), "items": string])
        let bumpFile: JSONValue = .object([
            "oneOf": .array([
                string,
                .object([
                    "type": .string("object"),
                    "additionalProperties": .bool(false),
                    "required": .array([.string("filename")]),
                    "properties": .object(["filename": string, "type": string, "pattern": string]),
                ]),
            ])
        ])
        let flag: JSONValue = .object(["type": .string("boolean")])
        var properties: [String: JSONValue] = [
            "types": .object([
                "type": .string("array"),
                "items": .object([
                    "type": .string("object"),
                    "additionalProperties": .bool(false),
                    "required": .array([.string("type")]),
                    "properties": .object(["type": string, "section": string, "hidden": flag]),
                ]),
            ]),
            "issuePrefixes": strings,
            "issueKeys": strings,
            "bumpFiles": .object(["type": .string("array"), "items": bumpFile]),
            "packageFiles": .object(["type": .string("array"), "items": bumpFile]),
            "skip": .object([
                "type": .string("object"),
                "additionalProperties": .bool(false),
                "properties": .object(["bump": flag, "changelog": flag, "commit": flag, "tag": flag]),
            ]),
            "changelogLayout": .object([
                "enum": .array([.string("standard-version"), .string("commit-and-tag-version")])
            ]),
        ]
        for key in [
            "header", "commitUrlFormat", "compareUrlFormat", "issueUrlFormat", "userUrlFormat",
            "releaseCommitMessageFormat", "tagPrefix",
        ] {
            properties[key] = string
        }
        for key in ignoredKeys { properties[key] = .object(["description": .string("Accepted and ignored.")]) }
        return .object([
            "description": .string("standard-version's .versionrc keys; see docs/versioning.md."),
            "type": .string("object"),
            "additionalProperties": .bool(false),
            "properties": .object(properties),
        ])
    }

    /// A sample `versioning:` section.
    public static let sample = """
        versioning:
          tagPrefix: v
          issueKeys: [PLAT, OPS]
          bumpFiles: [package.json, VERSION]
          types:
            - {type: feat, section: Features}
            - {type: fix, section: Bug Fixes}
            - {type: perf, section: Performance}
            - {type: chore, hidden: true}
        """
}
