import SlipwayCore

/// Writes the exceptions of a scan as a VEX document, so consumers of the SBOM see which known vulnerabilities
/// were assessed, by whom, and why they are accepted.
///
/// An exception with a `justification` says `not_affected` (CycloneDX `analysis.state`, OpenVEX `status`); one
/// without says the risk is accepted (CycloneDX `exploitable` with response `will_not_fix`, OpenVEX `affected` with
/// the reason as action statement).
public enum VEXWriter {
    /// The VEX formats Slipway writes.
    public enum Format: String, Sendable, CaseIterable {
        case cyclonedx
        case openvex
    }

    /// The document for the excepted findings of `report`; `timestamp` in seconds since 1970 (honour
    /// `SOURCE_DATE_EPOCH`), `product` the component under release.
    public static func write(
        _ report: VulnerabilityReport,
        format: Format,
        product: String,
        timestamp: Int,
        toolVersion: String
    ) throws -> String {
        switch format {
        case .cyclonedx: try cycloneDX(report, product: product, timestamp: timestamp, toolVersion: toolVersion)
        case .openvex: try openVEX(report, product: product, timestamp: timestamp, toolVersion: toolVersion)
        }
    }

    static func detail(_ exception: VulnerabilityException?) -> String {
        guard let exception else { return "" }
        return "\(exception.reason) (owner: \(exception.owner); exception expires \(exception.expires))"
    }

    static func cycloneDX(
        _ report: VulnerabilityReport,
        product: String,
        timestamp: Int,
        toolVersion: String
    ) throws -> String {
        struct Document: Encodable {
            var bomFormat = "CycloneDX"
            var specVersion = "1.6"
            var serialNumber: String
            var version = 1
            var metadata: Metadata
            var components: [Component]
            var vulnerabilities: [Vulnerability]
        }
        struct Metadata: Encodable {
            var timestamp: String
            var tools: Tools
            var component: Component
        }
        struct Tools: Encodable { var components: [Component] }
        struct Component: Encodable {
            var type: String
            var bomRef: String?
            var name: String
            var version: String?
            var purl: String?

            enum CodingKeys: String, CodingKey {
                case type, name, version, purl
                case bomRef = "bom-ref"
            }
        }
        struct Source: Encodable {
            var name: String
            var url: String?
        }
        struct Reference: Encodable {
            var id: String
            var source: Source
        }
        struct Rating: Encodable {
            var score: Double?
            var severity: String
            var method: String?
            var vector: String?
        }
        struct Analysis: Encodable {
            var state: String
            var justification: String?
            var response: [String]?
            var detail: String
        }
        struct Affects: Encodable { var ref: String }
        struct Vulnerability: Encodable {
            var bomRef: String
            var id: String
            var source: Source
            var references: [Reference]?
            var ratings: [Rating]
            var description: String?
            var analysis: Analysis
            var affects: [Affects]

            enum CodingKeys: String, CodingKey {
                case id, source, references, ratings, description, analysis, affects
                case bomRef = "bom-ref"
            }
        }
        var components: [String: Component] = [:]
        var vulnerabilities: [Vulnerability] = []
        for finding in report.excepted {
            components[finding.component.purl] = Component(
                type: "library",
                bomRef: finding.component.purl,
                name: finding.component.name,
                version: finding.component.version,
                purl: finding.component.purl
            )
            let justification = finding.exception?.justification
            let method: String? =
                finding.severity.vector.map { vector in
                    vector.hasPrefix("CVSS:4") ? "CVSSv4" : vector.hasPrefix("CVSS:3.1") ? "CVSSv31" : "CVSSv3"
                }
            vulnerabilities.append(
                Vulnerability(
                    bomRef: "vex:\(finding.id):\(finding.component.purl)",
                    id: finding.id,
                    source: Source(name: "OSV", url: "https://osv.dev/vulnerability/\(finding.id)"),
                    references: finding.aliases.isEmpty
                        ? nil
                        : finding.aliases.map {
                            Reference(id: $0, source: Source(name: "OSV", url: "https://osv.dev/vulnerability/\($0)"))
                        },
                    ratings: [
                        Rating(
                            score: finding.severity.score,
                            severity: finding.severity.level == .info ? "info" : finding.severity.level.rawValue,
                            method: method,
                            vector: finding.severity.vector
                        )
                    ],
                    description: finding.summary,
                    analysis: Analysis(
                        state: justification == nil ? "exploitable" : "not_affected",
                        justification: justification?.rawValue,
                        response: justification == nil ? ["will_not_fix"] : nil,
                        detail: detail(finding.exception)
                    ),
                    affects: [Affects(ref: finding.component.purl)]
                )
            )
        }
        let content = vulnerabilities.map { "\($0.id) \($0.affects[0].ref) \($0.analysis.state)" }.joined(
            separator: "\n"
        )
        let document = Document(
            serialNumber: "urn:uuid:" + ContentIdentifier.uuid(for: "vex\n\(product)\n\(content)"),
            metadata: Metadata(
                timestamp: CalendarDate.rfc3339(secondsSince1970: timestamp),
                tools: Tools(components: [Component(type: "application", name: "slipway", version: toolVersion)]),
                component: Component(type: "application", bomRef: "root:\(product)", name: product)
            ),
            components: components.keys.sorted().compactMap { components[$0] },
            vulnerabilities: vulnerabilities
        )
        return try JSONOutput.string(document)
    }

    static func openVEX(
        _ report: VulnerabilityReport,
        product: String,
        timestamp: Int,
        toolVersion: String
    ) throws -> String {
        struct Document: Encodable {
            var context = "https://openvex.dev/ns/v0.2.0"
            var id: String
            var author: String
            var timestamp: String
            var version = 1
            var tooling: String
            var statements: [Statement]

            enum CodingKeys: String, CodingKey {
                case id = "@id"
                case context = "@context"
                case author, timestamp, version, tooling, statements
            }
        }
        struct Vulnerability: Encodable {
            var name: String
            var aliases: [String]?
        }
        struct Product: Encodable {
            var id: String

            enum CodingKeys: String, CodingKey { case id = "@id" }
        }
        struct Statement: Encodable {
            var vulnerability: Vulnerability
            var products: [Product]
            var status: String
            var justification: String?
            var impactStatement: String?
            var actionStatement: String?

            enum CodingKeys: String, CodingKey {
                case vulnerability, products, status, justification
                case impactStatement = "impact_statement"
                case actionStatement = "action_statement"
            }
        }
        let statements = report.excepted.map { finding in
            let justification = finding.exception?.justification
            return Statement(
                vulnerability: Vulnerability(
                    name: finding.id,
                    aliases: finding.aliases.isEmpty ? nil : finding.aliases
                ),
                products: [Product(id: finding.component.purl)],
                status: justification == nil ? "affected" : "not_affected",
                justification: justification?.openVEX,
                impactStatement: justification == nil ? nil : detail(finding.exception),
                actionStatement: justification == nil ? "Risk accepted: " + detail(finding.exception) : nil
            )
        }
        let content = statements.map { "\($0.vulnerability.name) \($0.products[0].id) \($0.status)" }
        let owners = Set(report.excepted.compactMap { $0.exception?.owner }).sorted()
        let document = Document(
            id: "https://slipway.dev/vex/" + ContentIdentifier.uuid(for: "openvex\n\(product)\n" + content.joined()),
            author: owners.isEmpty ? "slipway" : owners.joined(separator: ", "),
            timestamp: CalendarDate.rfc3339(secondsSince1970: timestamp),
            tooling: "slipway \(toolVersion)",
            statements: statements
        )
        return try JSONOutput.string(document)
    }
}
