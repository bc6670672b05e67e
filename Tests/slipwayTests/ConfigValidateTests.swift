import Foundation
import Testing

@testable import slipway

/// `slipway config validate`: every section of slipway.yml checked at once, each problem located.
@Suite struct ConfigValidateTests {
    @Test("the sample is valid; a file with a mistake in every section reports each, located, and exits 2")
    func validatesEverySection() async throws {
        let root = try AuditCommandTests.temporaryRepository([
            "slipway.yml": SlipwayConfigurationDocument.sample,
            "bad.yml": """
            version: 1
            audit:
              rules:
                template-injektion: off
            versioning:
              tagPrefx: v
            scan:
              deps:
                fail-on: severe
            ledger:
              pth: x
            """,
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let valid = try await CommandHarness.run(["config", "validate", root + "/slipway.yml"])
        #expect(valid.status == .success)
        #expect(valid.output == root + "/slipway.yml: valid (audit, versioning, scan, ledger, secrets)\n")
        let bad = try await CommandHarness.run(["config", "validate", root + "/bad.yml"])
        #expect(bad.status == .inputError)
        #expect(bad.output.isEmpty)
        let lines = bad.errors.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix(root + "/bad.yml:4:5: error: unknown rule id 'template-injektion'"))
        #expect(lines[1].hasPrefix(root + "/bad.yml:6:3: error: unknown key 'tagPrefx'"))
        #expect(lines[2].hasPrefix(root + "/bad.yml:9:14: error: 'severe' is not a valid value for 'fail-on'"))
        #expect(lines[3].hasPrefix(root + "/bad.yml:11:3: error: unknown key 'pth' in ledger"))
    }

    @Test("without a versioning section, the .versionrc beside the file is checked; a broken top level stops early")
    func versionrcAndTopLevel() async throws {
        let root = try AuditCommandTests.temporaryRepository([
            "slipway.yml": "version: 1\n",
            ".versionrc.json": "{\"tagPrefix\": \"v\", \"bumpFile\": []}",
            "top.yml": "version: 1\nfoo: 1\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let versionrc = try await CommandHarness.run(["config", "validate", root + "/slipway.yml"])
        #expect(versionrc.status == .inputError)
        #expect(versionrc.errors.contains(root + "/.versionrc.json:1:20: error: unknown key 'bumpFile'"))
        let top = try await CommandHarness.run(["config", "validate", root + "/top.yml"])
        #expect(top.status == .inputError)
        #expect(top.errors.contains(root + "/top.yml:2:1: error: unknown key 'foo' in the top level"))
    }
}
