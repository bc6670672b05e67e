/// A SARIF 2.1.0 rule (reportingDescriptor), as every Slipway analysis describes its checks.
public struct SARIFRule: Sendable, Hashable {
    public var id: String
    /// A PascalCase name without spaces.
    public var name: String
    public var summary: String
    public var fullDescription: String
    /// Help shown by code-scanning consumers, in plain text and Markdown.
    public var helpText: String
    public var helpMarkdown: String
    public var helpURI: String
    public var defaultSeverity: Severity
    public var isEnabledByDefault: Bool
    /// Unique tags; `security` marks alerts for GitHub code scanning.
    public var tags: [String]
    public var precision: Confidence
    /// Sets `security-severity` (GitHub's 0.0–10.0 scale) when the rule is a security check.
    public var securitySeverity: String?

    /// Creates a rule descriptor.
    public init(
        id: String,
        name: String,
        summary: String,
        fullDescription: String,
        helpText: String? = nil,
        helpMarkdown: String? = nil,
        helpURI: String,
        defaultSeverity: Severity,
        isEnabledByDefault: Bool = true,
        tags: [String],
        precision: Confidence = .high,
        securitySeverity: String? = nil
    ) {
        self.id = id
        self.name = name
        self.summary = summary
        self.fullDescription = fullDescription
        self.helpText = helpText ?? "\(summary)\n\n\(fullDescription)"
        self.helpMarkdown = helpMarkdown ?? fullDescription
        self.helpURI = helpURI
        self.defaultSeverity = defaultSeverity
        self.isEnabledByDefault = isEnabledByDefault
        self.tags = tags
        self.precision = precision
        self.securitySeverity = securitySeverity
    }
}

/// One SARIF result: a finding of a rule at a location.
public struct SARIFFinding: Sendable, Hashable {
    public var ruleId: String
    public var severity: Severity
    public var message: String
    public var location: SourceLocation?
    /// Further locations with a message each (for example the caller chain of a reusable workflow).
    public var relatedLocations: [Diagnostic.Note]
    /// A stable identity across runs (`partialFingerprints["slipway/v1"]`).
    public var fingerprint: String
    /// Extra result properties (`area`, `package`, …); `severity` is always added.
    public var properties: [String: JSONValue]

    /// Creates a result.
    public init(
        ruleId: String,
        severity: Severity,
        message: String,
        location: SourceLocation?,
        relatedLocations: [Diagnostic.Note] = [],
        fingerprint: String,
        properties: [String: JSONValue] = [:]
    ) {
        self.ruleId = ruleId
        self.severity = severity
        self.message = message
        self.location = location
        self.relatedLocations = relatedLocations
        self.fingerprint = fingerprint
        self.properties = properties
    }
}

/// Renders SARIF 2.1.0 logs (one run of the `slipway` driver), shared by `audit`, `scan deps` and `scan licenses`.
public enum SARIFLog {
    /// The log as sorted-key JSON; `diagnostics` become tool execution notifications.
    public static func render(
        toolVersion: String,
        rules: [SARIFRule],
        findings: [SARIFFinding],
        diagnostics: [Diagnostic] = [],
        executionSuccessful: Bool = true
    ) throws -> String {
        let rules = rules.sorted { $0.id < $1.id }
        let ruleIndex = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let results = findings.map { finding in
            var properties = finding.properties
            properties["severity"] = .string(finding.severity.rawValue)
            return SARIF.Result(
                ruleId: finding.ruleId,
                ruleIndex: ruleIndex[finding.ruleId],
                level: finding.severity.sarifLevel,
                message: SARIF.Message(text: finding.message),
                locations: finding.location.map { [SARIF.Location($0)] } ?? [],
                relatedLocations: finding.relatedLocations.enumerated().compactMap { index, note in
                    note.location.map { SARIF.Location($0, id: index + 1, message: note.message) }
                }.nilIfEmpty,
                partialFingerprints: ["slipway/v1": finding.fingerprint],
                properties: properties
            )
        }
        let notifications = diagnostics.map { diagnostic in
            SARIF.Notification(
                level: diagnostic.level == .note ? "note" : diagnostic.level.rawValue,
                message: SARIF.Message(text: diagnostic.message),
                locations: diagnostic.location.map { [SARIF.Location($0)] }
            )
        }
        let log = SARIF.Log(
            schema: "https://json.schemastore.org/sarif-2.1.0.json",
            version: "2.1.0",
            runs: [
                SARIF.Run(
                    tool: SARIF.Tool(
                        driver: SARIF.Driver(
                            name: "slipway",
                            version: toolVersion,
                            informationUri: "https://github.com/slipway-dev/slipway",
                            rules: rules.map(SARIF.ReportingDescriptor.init)
                        )
                    ),
                    results: results,
                    invocations: [
                        SARIF.Invocation(
                            executionSuccessful: executionSuccessful,
                            toolExecutionNotifications: notifications.nilIfEmpty
                        )
                    ]
                )
            ]
        )
        return try JSONOutput.string(log)
    }
}

extension SARIF.ReportingDescriptor {
    init(_ rule: SARIFRule) {
        id = rule.id
        name = rule.name
        shortDescription = SARIF.Message(text: rule.summary)
        fullDescription = SARIF.Message(text: rule.fullDescription)
        help = SARIF.MultiformatMessage(text: rule.helpText, markdown: rule.helpMarkdown)
        helpUri = rule.helpURI
        defaultConfiguration = SARIF.Configuration(
            level: rule.defaultSeverity.sarifLevel,
            enabled: rule.isEnabledByDefault
        )
        properties = SARIF.RuleProperties(
            tags: rule.tags,
            precision: rule.precision.rawValue,
            securitySeverity: rule.securitySeverity
        )
    }
}

/// The subset of the SARIF 2.1.0 object model Slipway writes, as Codable structs.
enum SARIF {
    struct Log: Encodable {
        var schema: String
        var version: String
        var runs: [Run]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version
            case runs
        }
    }

    struct Run: Encodable {
        var tool: Tool
        var results: [Result]
        var invocations: [Invocation]
    }

    struct Tool: Encodable {
        var driver: Driver
    }

    struct Driver: Encodable {
        var name: String
        var version: String
        var informationUri: String
        var rules: [ReportingDescriptor]
    }

    struct ReportingDescriptor: Encodable {
        var id: String
        var name: String
        var shortDescription: Message
        var fullDescription: Message
        var help: MultiformatMessage
        var helpUri: String
        var defaultConfiguration: Configuration
        var properties: RuleProperties
    }

    struct Configuration: Encodable {
        var level: String
        var enabled: Bool
    }

    struct RuleProperties: Encodable {
        var tags: [String]
        var precision: String
        var securitySeverity: String?

        enum CodingKeys: String, CodingKey {
            case tags
            case precision
            case securitySeverity = "security-severity"
        }
    }

    struct Message: Encodable {
        var text: String
    }

    struct MultiformatMessage: Encodable {
        var text: String
        var markdown: String
    }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int?
        var level: String
        var message: Message
        var locations: [Location]
        var relatedLocations: [Location]?
        var partialFingerprints: [String: String]
        var properties: [String: JSONValue]
    }

    struct Location: Encodable {
        var id: Int?
        var physicalLocation: PhysicalLocation
        var message: Message?

        init(_ location: SourceLocation, id: Int? = nil, message: String? = nil) {
            self.id = id
            self.message = message.map(Message.init)
            physicalLocation = PhysicalLocation(
                artifactLocation: ArtifactLocation(uri: SARIF.uri(location.path), uriBaseId: "%SRCROOT%"),
                region: Region(
                    startLine: max(1, location.line),
                    startColumn: max(1, location.column),
                    endLine: location.endLine,
                    endColumn: location.endColumn
                )
            )
        }
    }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }

    struct ArtifactLocation: Encodable {
        var uri: String
        var uriBaseId: String?
    }

    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
        var endLine: Int?
        var endColumn: Int?
    }

    struct Invocation: Encodable {
        var executionSuccessful: Bool
        var toolExecutionNotifications: [Notification]?
    }

    struct Notification: Encodable {
        var level: String
        var message: Message
        var locations: [Location]?
    }

    /// Percent-encodes a relative path for a SARIF URI reference.
    static func uri(_ path: String) -> String {
        var result = ""
        for byte in path.utf8 {
            let character = Character(Unicode.Scalar(byte))
            if character.isASCII, character.isLetter || character.isNumber || "-._~/".contains(character) {
                result.append(character)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }
}

extension Array {
    fileprivate var nilIfEmpty: [Element]? { isEmpty ? nil : self }
}
