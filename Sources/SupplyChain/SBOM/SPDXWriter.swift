import SlipwayCore

/// Writes SPDX 2.3 JSON from components, byte-stable for the same input.
public enum SPDXWriter {
    /// The document as pretty-printed JSON with sorted keys.
    public static func write(_ input: SBOMInput) throws -> String {
        var writer = JSONWriter(capacity: 1024 + 1024 * input.components.count)
        document(input).write(to: &writer)
        return writer.finish()
    }

    /// The same document through `JSONOutput` (Foundation's `JSONEncoder` over the `Encodable` model): the
    /// reference `write` is tested against, byte for byte.
    package static func writeThroughEncoder(_ input: SBOMInput) throws -> String {
        try JSONOutput.string(document(input))
    }

    /// The document model; `write` serialises it with `JSONWriter`, exactly as `JSONOutput` would encode it.
    static func document(_ input: SBOMInput) -> Document {
        let components = input.mergedComponents
        let content = ContentIdentifier.canonicalContent(input, components: components)
        var identifiers: [String: String] = [:]
        for component in components {
            identifiers[component.purl] =
                "SPDXRef-Package-" + String(ContentIdentifier.sha256(component.purl).prefix(16))
        }
        let rootIdentifier = "SPDXRef-Root"
        var packages = [
            Document.Package(
                spdxID: rootIdentifier,
                name: input.name,
                versionInfo: input.version,
                downloadLocation: "NOASSERTION",
                filesAnalyzed: false,
                licenseConcluded: "NOASSERTION",
                licenseDeclared: "NOASSERTION",
                copyrightText: "NOASSERTION",
                primaryPackagePurpose: "APPLICATION",
                checksums: nil,
                externalRefs: nil
            )
        ]
        var relationships = [
            Document.Relationship(
                spdxElementId: "SPDXRef-DOCUMENT",
                relationshipType: "DESCRIBES",
                relatedSpdxElement: rootIdentifier
            )
        ]
        for component in components {
            guard let identifier = identifiers[component.purl] else { continue }
            let checksums = component.hashes.compactMap { hash -> Document.Checksum? in
                guard let algorithm = Self.algorithms[hash.algorithm], hash.hex.isAllHexDigits else {
                    return nil
                }
                return Document.Checksum(algorithm: algorithm, checksumValue: hash.hex)
            }
            packages.append(
                Document.Package(
                    spdxID: identifier,
                    name: component.name,
                    versionInfo: component.version,
                    downloadLocation: "NOASSERTION",
                    filesAnalyzed: false,
                    licenseConcluded: "NOASSERTION",
                    licenseDeclared: "NOASSERTION",
                    copyrightText: "NOASSERTION",
                    primaryPackagePurpose: "LIBRARY",
                    checksums: checksums.isEmpty ? nil : checksums,
                    externalRefs: [
                        Document.ExternalReference(
                            referenceCategory: "PACKAGE-MANAGER",
                            referenceType: "purl",
                            referenceLocator: component.purl
                        )
                    ]
                )
            )
            if component.isDirect != false {
                relationships.append(
                    Document.Relationship(
                        spdxElementId: rootIdentifier,
                        relationshipType: "DEPENDS_ON",
                        relatedSpdxElement: identifier
                    )
                )
            }
            for dependency in component.dependencies {
                guard let target = identifiers[dependency] else { continue }
                relationships.append(
                    Document.Relationship(
                        spdxElementId: identifier,
                        relationshipType: "DEPENDS_ON",
                        relatedSpdxElement: target
                    )
                )
            }
        }
        return Document(
            spdxVersion: "SPDX-2.3",
            dataLicense: "CC0-1.0",
            spdxID: "SPDXRef-DOCUMENT",
            name: input.name + (input.version.map { "-" + $0 } ?? ""),
            documentNamespace:
                "https://slipway.dev/spdxdocs/\(Self.sanitize(input.name))-\(ContentIdentifier.uuid(for: content))",
            creationInfo: Document.CreationInfo(
                created: CalendarDate.rfc3339(secondsSince1970: input.timestamp),
                creators: ["Tool: slipway-\(input.toolVersion)"]
            ),
            packages: packages,
            relationships: relationships
        )
    }

    /// CycloneDX-style names → SPDX checksum algorithm names.
    static let algorithms: [String: String] = [
        "SHA-1": "SHA1", "SHA-256": "SHA256", "SHA-384": "SHA384", "SHA-512": "SHA512", "MD5": "MD5",
        "SHA3-256": "SHA3-256", "SHA3-384": "SHA3-384", "SHA3-512": "SHA3-512", "BLAKE2b-256": "BLAKE2b-256",
        "BLAKE2b-384": "BLAKE2b-384", "BLAKE2b-512": "BLAKE2b-512", "BLAKE3": "BLAKE3",
    ]

    static func sanitize(_ text: String) -> String {
        String(text.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "-" })
    }

    /// The subset of the SPDX 2.3 JSON model Slipway writes.
    struct Document: Encodable {
        var spdxVersion: String
        var dataLicense: String
        var spdxID: String
        var name: String
        var documentNamespace: String
        var creationInfo: CreationInfo
        var packages: [Package]
        var relationships: [Relationship]

        enum CodingKeys: String, CodingKey {
            case spdxVersion
            case dataLicense
            case spdxID = "SPDXID"
            case name
            case documentNamespace
            case creationInfo
            case packages
            case relationships
        }

        struct CreationInfo: Encodable {
            var created: String
            var creators: [String]
        }

        struct Package: Encodable {
            var spdxID: String
            var name: String
            var versionInfo: String?
            var downloadLocation: String
            var filesAnalyzed: Bool
            var licenseConcluded: String
            var licenseDeclared: String
            var copyrightText: String
            var primaryPackagePurpose: String
            var checksums: [Checksum]?
            var externalRefs: [ExternalReference]?

            enum CodingKeys: String, CodingKey {
                case spdxID = "SPDXID"
                case name
                case versionInfo
                case downloadLocation
                case filesAnalyzed
                case licenseConcluded
                case licenseDeclared
                case copyrightText
                case primaryPackagePurpose
                case checksums
                case externalRefs
            }
        }

        struct Checksum: Encodable {
            var algorithm: String
            var checksumValue: String
        }

        struct ExternalReference: Encodable {
            var referenceCategory: String
            var referenceType: String
            var referenceLocator: String
        }

        struct Relationship: Encodable {
            var spdxElementId: String
            var relationshipType: String
            var relatedSpdxElement: String
        }
    }
}

extension SPDXWriter.Document {
    /// Writes the document with its keys in sorted order, as `JSONOutput` encodes it.
    func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.field("SPDXID", spdxID)
            writer.key("creationInfo")
            writer.object { writer in
                writer.field("created", creationInfo.created)
                writer.field("creators", creationInfo.creators)
            }
            writer.field("dataLicense", dataLicense)
            writer.field("documentNamespace", documentNamespace)
            writer.field("name", name)
            writer.key("packages")
            writer.array(packages) { writer, package in
                writer.object { writer in
                    writer.field("SPDXID", package.spdxID)
                    if let checksums = package.checksums {
                        writer.key("checksums")
                        writer.array(checksums) { writer, checksum in
                            writer.object { writer in
                                writer.field("algorithm", checksum.algorithm)
                                writer.field("checksumValue", checksum.checksumValue)
                            }
                        }
                    }
                    writer.field("copyrightText", package.copyrightText)
                    writer.field("downloadLocation", package.downloadLocation)
                    if let references = package.externalRefs {
                        writer.key("externalRefs")
                        writer.array(references) { writer, reference in
                            writer.object { writer in
                                writer.field("referenceCategory", reference.referenceCategory)
                                writer.field("referenceLocator", reference.referenceLocator)
                                writer.field("referenceType", reference.referenceType)
                            }
                        }
                    }
                    writer.field("filesAnalyzed", package.filesAnalyzed)
                    writer.field("licenseConcluded", package.licenseConcluded)
                    writer.field("licenseDeclared", package.licenseDeclared)
                    writer.field("name", package.name)
                    writer.field("primaryPackagePurpose", package.primaryPackagePurpose)
                    writer.field("versionInfo", package.versionInfo)
                }
            }
            writer.key("relationships")
            writer.array(relationships) { writer, relationship in
                writer.object { writer in
                    writer.field("relatedSpdxElement", relationship.relatedSpdxElement)
                    writer.field("relationshipType", relationship.relationshipType)
                    writer.field("spdxElementId", relationship.spdxElementId)
                }
            }
            writer.field("spdxVersion", spdxVersion)
        }
    }
}
