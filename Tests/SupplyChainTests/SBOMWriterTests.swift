import Foundation
import SlipwayCore
import SupplyChain
import Testing

@Suite struct SBOMWriterTests {
    static let components = [
        Component(
            ecosystem: .npm,
            name: "@babel/core",
            version: "7.24.0",
            scope: .development,
            hashes: [ComponentHash(algorithm: "SHA-512", hex: String(repeating: "ab", count: 64))],
            isDirect: true,
            dependencies: ["pkg:npm/debug@4.3.4"]
        ),
        Component(ecosystem: .npm, name: "debug", version: "4.3.4", scope: .runtime, isDirect: false),
        Component(ecosystem: .npm, name: "debug", version: "4.3.4", scope: .development, isDirect: false),
        Component(
            ecosystem: .pypi,
            name: "Requests",
            version: "2.31.0",
            scope: .runtime,
            isDirect: true,
            license: "Apache-2.0"
        ),
    ]

    static func input(_ components: [Component] = components) -> SBOMInput {
        SBOMInput(
            name: "demo",
            version: "1.2.0",
            components: components,
            timestamp: 1_700_000_000,
            toolVersion: "0.1.0"
        )
    }

    @Test("CycloneDX 1.6: merged components, purls, scopes, hashes, graph and a content-derived serial number")
    func cycloneDX() throws {
        let text = try CycloneDXWriter.write(Self.input())
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(document["specVersion"] as? String == "1.6")
        let serial = try #require(document["serialNumber"] as? String)
        #expect(
            serial.range(
                of: "^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
                options: .regularExpression
            ) != nil
        )
        let metadata = try #require(document["metadata"] as? [String: Any])
        #expect(metadata["timestamp"] as? String == "2023-11-14T22:13:20Z")
        let components = try #require(document["components"] as? [[String: Any]])
        #expect(
            components.map { $0["purl"] as? String } == [
                "pkg:npm/%40babel/core@7.24.0", "pkg:npm/debug@4.3.4", "pkg:pypi/requests@2.31.0",
            ]
        )
        #expect(components[0]["group"] as? String == "@babel" && components[0]["name"] as? String == "core")
        #expect(components[1]["scope"] as? String == "required")
        #expect(components[0]["scope"] as? String == "optional")
        let dependencies = try #require(document["dependencies"] as? [[String: Any]])
        #expect(
            dependencies.first { $0["ref"] as? String == "pkg:npm/%40babel/core@7.24.0" }?["dependsOn"] as? [String]
                == ["pkg:npm/debug@4.3.4"]
        )
        #expect(try CycloneDXWriter.write(Self.input(), specVersion: .v15).contains("\"specVersion\" : \"1.5\""))
    }

    @Test("licenses: SPDX (or unambiguous) text becomes a canonical expression, anything else a named license")
    func licenses() throws {
        let components = [
            Component(ecosystem: .npm, name: "a", version: "1.0.0", license: "(mit OR Apache-2.0)"),
            Component(ecosystem: .npm, name: "b", version: "1.0.0", license: "Apache License, Version 2.0"),
            Component(ecosystem: .npm, name: "c", version: "1.0.0", license: "MIT/X11"),
        ]
        let text = try CycloneDXWriter.write(Self.input(components))
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let licenses = try #require(document["components"] as? [[String: Any]]).map {
            $0["licenses"] as? [[String: Any]]
        }
        #expect(licenses[0]?.first?["expression"] as? String == "MIT OR Apache-2.0")
        #expect(licenses[1]?.first?["expression"] as? String == "Apache-2.0")
        #expect((licenses[2]?.first?["license"] as? [String: String])?["name"] == "MIT/X11")
    }

    @Test("identical input gives byte-identical output, whatever the component order")
    func deterministic() throws {
        let forward = try CycloneDXWriter.write(Self.input())
        let backward = try CycloneDXWriter.write(Self.input(Self.components.reversed()))
        #expect(forward == backward)
        #expect(try SPDXWriter.write(Self.input()) == SPDXWriter.write(Self.input(Self.components.reversed())))
        var changed = Self.components
        changed[1].version = "4.3.5"
        #expect(try CycloneDXWriter.write(Self.input(changed)) != forward)
    }

    @Test("SPDX 2.3: packages with purl references and checksums, DESCRIBES and DEPENDS_ON relationships")
    func spdx() throws {
        let text = try SPDXWriter.write(Self.input())
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(document["spdxVersion"] as? String == "SPDX-2.3")
        let packages = try #require(document["packages"] as? [[String: Any]])
        #expect(packages.count == 4)
        let babel = try #require(packages.first { $0["name"] as? String == "@babel/core" })
        #expect((babel["checksums"] as? [[String: String]])?.first?["algorithm"] == "SHA512")
        let relationships = try #require(document["relationships"] as? [[String: String]])
        #expect(relationships.contains { $0["relationshipType"] == "DESCRIBES" })
        #expect(relationships.filter { $0["relationshipType"] == "DEPENDS_ON" }.count == 3)
        #expect((document["documentNamespace"] as? String)?.hasPrefix("https://slipway.dev/spdxdocs/demo-") == true)
    }
}
