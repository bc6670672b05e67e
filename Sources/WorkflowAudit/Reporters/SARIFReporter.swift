import SlipwayCore

/// SARIF 2.1.0 with rule metadata, fingerprints and regions, for GitHub code scanning and other consumers.
struct SARIFReporter: Reporter {
    static let id = "sarif"

    func render(_ report: AuditReport, options: ReportOptions) throws -> String {
        let rules = options.rules.sorted { $0.id < $1.id }
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        let results = report.findings.map { finding in
            SARIF.Result(
                ruleId: finding.ruleId,
                ruleIndex: ruleIndex[finding.ruleId],
                level: finding.severity.sarifLevel,
                message: SARIF.Message(text: finding.message),
                locations: [SARIF.Location(finding.location)],
                relatedLocations: finding.notes.enumerated().compactMap { index, note in
                    note.location.map { SARIF.Location($0, id: index + 1, message: note.message) }
                }.nilIfEmpty,
                partialFingerprints: ["slipway/v1": finding.fingerprint],
                properties: SARIF.ResultProperties(severity: finding.severity.rawValue, area: finding.area.rawValue)
            )
        }
        let notifications = report.diagnostics.map { diagnostic in
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
                            version: report.tool.version,
                            informationUri: "https://github.com/slipway-dev/slipway",
                            rules: rules.map(SARIF.ReportingDescriptor.init)
                        )
                    ),
                    results: results,
                    invocations: [
                        SARIF.Invocation(
                            executionSuccessful: !report.hasInputErrors,
                            toolExecutionNotifications: notifications.nilIfEmpty
                        )
                    ]
                )
            ]
        )
        return try JSONOutput.string(log)
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

        init(_ metadata: RuleMetadata) {
            id = metadata.id
            name = metadata.name.replacingAll(" ", with: "")
            shortDescription = Message(text: metadata.summary)
            fullDescription = Message(text: metadata.rationale)
            let fix = "Before:\n\n```yaml\n\(metadata.fixBefore)\n```\n\nAfter:\n\n```yaml\n\(metadata.fixAfter)\n```"
            help = MultiformatMessage(
                text: "\(metadata.summary)\n\n\(metadata.rationale)",
                markdown: "\(metadata.rationale)\n\n\(fix)"
            )
            helpUri = metadata.helpURI
            defaultConfiguration = Configuration(
                level: metadata.severity.sarifLevel,
                enabled: metadata.isEnabledByDefault
            )
            properties = RuleProperties(
                // Tags must be unique (the SARIF schema says so); "security" also marks alerts for code scanning.
                tags: metadata.area == .security ? ["security"] : [metadata.area.rawValue, "release-pipeline"],
                precision: metadata.confidence == .high ? "high" : metadata.confidence == .medium ? "medium" : "low",
                securitySeverity: metadata.area == .security ? metadata.severity.securitySeverityScore : nil
            )
        }
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
        var properties: ResultProperties
    }

    struct ResultProperties: Encodable {
        var severity: String
        var area: String
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
