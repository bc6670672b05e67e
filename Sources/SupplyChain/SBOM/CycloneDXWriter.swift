import SlipwayCore

/// Writes CycloneDX JSON (1.6 by default, 1.5 on request) from components, byte-stable for the same input.
public enum CycloneDXWriter {
    /// Spec versions Slipway writes.
    public enum SpecVersion: String, Sendable, CaseIterable {
        case v15 = "1.5"
        case v16 = "1.6"
    }

    /// The document as pretty-printed JSON with sorted keys.
    public static func write(_ input: SBOMInput, specVersion: SpecVersion = .v16) throws -> String {
        var writer = JSONWriter(capacity: 1024 + 640 * input.components.count)
        document(input, specVersion: specVersion).write(to: &writer)
        return writer.finish()
    }

    /// The same document through `JSONOutput` (Foundation's `JSONEncoder` over the `Encodable` model): the
    /// reference `write` is tested against, byte for byte.
    package static func writeThroughEncoder(_ input: SBOMInput, specVersion: SpecVersion = .v16) throws -> String {
        try JSONOutput.string(document(input, specVersion: specVersion))
    }

    /// The document model; `write` serialises it with `JSONWriter`, exactly as `JSONOutput` would encode it.
    static func document(_ input: SBOMInput, specVersion: SpecVersion) -> Document {
        let components = input.mergedComponents
        let known = Set(components.map(\.purl))
        let rootReference = "root:" + input.name
        let root = Document.Component(
            type: "application",
            bomRef: rootReference,
            name: input.name,
            group: nil,
            version: input.version,
            purl: nil,
            scope: nil,
            hashes: nil,
            licenses: nil
        )
        let direct = components.filter { $0.isDirect != false }.map(\.purl)
        var dependencies = [Document.Dependency(ref: rootReference, dependsOn: direct)]
        for component in components {
            dependencies.append(
                Document.Dependency(ref: component.purl, dependsOn: component.dependencies.filter(known.contains))
            )
        }
        return Document(
            bomFormat: "CycloneDX",
            specVersion: specVersion.rawValue,
            serialNumber: "urn:uuid:"
                + ContentIdentifier.uuid(for: ContentIdentifier.canonicalContent(input, components: components)),
            version: 1,
            metadata: Document.Metadata(
                timestamp: CalendarDate.rfc3339(secondsSince1970: input.timestamp),
                tools: Document.Tools(
                    components: [
                        Document.Tool(type: "application", name: "slipway", version: input.toolVersion)
                    ]
                ),
                component: root
            ),
            components: components.map(Self.component),
            dependencies: dependencies
        )
    }

    /// A declared license as CycloneDX wants it: a valid SPDX expression in canonical form, else the raw text.
    static func license(_ declared: String, ecosystem: Ecosystem) -> Document.License {
        if let expression = LicenseNormalizer.resolve(declared, ecosystem: ecosystem).expression {
            return Document.License(expression: expression.description)
        }
        return Document.License(license: .init(name: declared))
    }

    static func component(_ component: Component) -> Document.Component {
        let purl = PackageURL(ecosystem: component.ecosystem, name: component.name, version: component.version)
        let scope: String? =
            switch component.scope {
            case .runtime: "required"
            case .optional, .development: "optional"
            case nil: nil
            }
        let hashes = component.hashes.compactMap { hash -> Document.Hash? in
            guard Self.algorithms.contains(hash.algorithm), !hash.hex.isEmpty, hash.hex.isAllHexDigits else {
                return nil
            }
            return Document.Hash(alg: hash.algorithm, content: hash.hex)
        }
        return Document.Component(
            type: "library",
            bomRef: component.purl,
            name: purl.name,
            group: purl.namespace,
            version: component.version,
            purl: component.purl,
            scope: scope,
            hashes: hashes.isEmpty ? nil : hashes,
            licenses: component.license.map { [Self.license($0, ecosystem: component.ecosystem)] }
        )
    }

    /// Hash algorithm names CycloneDX accepts.
    static let algorithms: Set<String> = [
        "MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512", "SHA3-256", "SHA3-384", "SHA3-512", "BLAKE2b-256",
        "BLAKE2b-384", "BLAKE2b-512", "BLAKE3",
    ]

    /// The subset of the CycloneDX object model Slipway writes.
    struct Document: Encodable {
        var bomFormat: String
        var specVersion: String
        var serialNumber: String
        var version: Int
        var metadata: Metadata
        var components: [Component]
        var dependencies: [Dependency]

        struct Metadata: Encodable {
            var timestamp: String
            var tools: Tools
            var component: Component
        }

        struct Tools: Encodable {
            var components: [Tool]
        }

        struct Tool: Encodable {
            var type: String
            var name: String
            var version: String
        }

        struct Component: Encodable {
            var type: String
            var bomRef: String
            var name: String
            var group: String?
            var version: String?
            var purl: String?
            var scope: String?
            var hashes: [Hash]?
            var licenses: [License]?

            enum CodingKeys: String, CodingKey {
                case type
                case bomRef = "bom-ref"
                case name
                case group
                case version
                case purl
                case scope
                case hashes
                case licenses
            }
        }

        struct Hash: Encodable {
            var alg: String
            var content: String
        }

        /// Either an SPDX `expression`, or a `license` with the declared text as its name when it is not SPDX.
        struct License: Encodable {
            struct Named: Encodable { var name: String }
            var expression: String?
            var license: Named?
        }

        struct Dependency: Encodable {
            var ref: String
            var dependsOn: [String]
        }
    }
}

extension CycloneDXWriter.Document {
    /// Writes the document with its keys in sorted order, as `JSONOutput` encodes it.
    func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.field("bomFormat", bomFormat)
            writer.key("components")
            writer.array(components) { $1.write(to: &$0) }
            writer.key("dependencies")
            writer.array(dependencies) { writer, dependency in
                writer.object { writer in
                    writer.field("dependsOn", dependency.dependsOn)
                    writer.field("ref", dependency.ref)
                }
            }
            writer.key("metadata")
            writer.object { writer in
                writer.key("component")
                metadata.component.write(to: &writer)
                writer.field("timestamp", metadata.timestamp)
                writer.key("tools")
                writer.object { writer in
                    writer.key("components")
                    writer.array(metadata.tools.components) { writer, tool in
                        writer.object { writer in
                            writer.field("name", tool.name)
                            writer.field("type", tool.type)
                            writer.field("version", tool.version)
                        }
                    }
                }
            }
            writer.field("serialNumber", serialNumber)
            writer.field("specVersion", specVersion)
            writer.field("version", version)
        }
    }
}

extension CycloneDXWriter.Document.Component {
    func write(to writer: inout JSONWriter) {
        writer.object { writer in
            writer.field("bom-ref", bomRef)
            writer.field("group", group)
            if let hashes {
                writer.key("hashes")
                writer.array(hashes) { writer, hash in
                    writer.object { writer in
                        writer.field("alg", hash.alg)
                        writer.field("content", hash.content)
                    }
                }
            }
            if let licenses {
                writer.key("licenses")
                writer.array(licenses) { writer, license in
                    writer.object { writer in
                        writer.field("expression", license.expression)
                        if let named = license.license {
                            writer.key("license")
                            writer.object { $0.field("name", named.name) }
                        }
                    }
                }
            }
            writer.field("name", name)
            writer.field("purl", purl)
            writer.field("scope", scope)
            writer.field("type", type)
            writer.field("version", version)
        }
    }
}
