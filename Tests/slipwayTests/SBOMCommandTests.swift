import ArgumentParser
import Foundation
import Logging
import SlipwayCore
import SlipwayTestSupport
import Testing

@testable import slipway

@Suite struct SBOMCommandTests {
    static let packageLock = """
        {
          "name": "demo",
          "version": "1.0.0",
          "lockfileVersion": 3,
          "packages": {
            "": {"name": "demo", "version": "1.0.0", "dependencies": {"ms": "^2.1.3"}},
            "node_modules/ms": {
              "version": "2.1.3",
              "resolved": "https://registry.npmjs.org/ms/-/ms-2.1.3.tgz",
              "integrity": "sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA=="
            }
          }
        }
        """

    static func run(
        _ arguments: [String],
        environment: [String: String] = [:]
    ) async throws -> (slipway.ExitStatus, String, String) {
        let run = try await CommandHarness.run(
            arguments,
            environment: environment,
            wallClock: .live(environment: environment)
        )
        return (run.status, run.output, run.errors)
    }

    @Test("writes a reproducible CycloneDX SBOM honouring SOURCE_DATE_EPOCH; a broken lockfile is located and exits 2")
    func sbom() async throws {
        let root = try AuditCommandTests.temporaryRepository([
            "web/package-lock.json": Self.packageLock,
            "broken/Cargo.lock": "[[package]]\nname = \"x\"\nversion = \n",
        ])
        let (status, output, errors) = try await Self.run(
            ["sbom", root + "/web", "--name", "demo", "--component-version", "1.0.0"],
            environment: ["SOURCE_DATE_EPOCH": "1700000000"]
        )
        #expect(status == slipway.ExitStatus.success)
        #expect(output.contains("\"timestamp\" : \"2023-11-14T22:13:20Z\""))
        #expect(output.contains("\"purl\" : \"pkg:npm/ms@2.1.3\""))
        #expect(output.contains("\"alg\" : \"SHA-512\""))
        #expect(errors.contains("1 component(s) from 1 lockfile(s)"))
        let again = try await Self.run(
            ["sbom", root + "/web", "--name", "demo", "--component-version", "1.0.0"],
            environment: ["SOURCE_DATE_EPOCH": "1700000000"]
        )
        #expect(again.1 == output)
        let (brokenStatus, _, brokenErrors) = try await Self.run([
            "sbom", root, "--format", "spdx", "--output", root + "/sbom.spdx.json",
        ])
        #expect(brokenStatus == slipway.ExitStatus.inputError)
        #expect(brokenErrors.contains("broken/Cargo.lock:3:"))
        #expect(try String(contentsOfFile: root + "/sbom.spdx.json", encoding: .utf8).contains("pkg:npm/ms@2.1.3"))
    }

    @Test("the component under release is named from the manifest unless --name says otherwise; a broken one warns")
    func componentIdentity() async throws {
        let root = try AuditCommandTests.temporaryRepository([
            "web/package-lock.json": Self.packageLock,
            "web/package.json": #"{"name": "@acme/web", "version": "4.5.6"}"#,
            "api/requirements.txt": "requests==2.32.3\n",
            "api/pyproject.toml": "[project]\nname = \"acme-api\"\nversion = \"0.2.0\"\n",
            "tool/Cargo.lock": "version = 3\n",
            "tool/Cargo.toml": "[package]\nname = \"tool\"\nversion = \n",
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        func component(_ output: String) throws -> [String: Any] {
            let document = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
            let metadata = try #require(document["metadata"] as? [String: Any])
            return try #require(metadata["component"] as? [String: Any])
        }
        let web = try await Self.run(["sbom", root + "/web"])
        #expect(try component(web.1)["name"] as? String == "@acme/web")
        #expect(try component(web.1)["version"] as? String == "4.5.6")
        let spdx = try await Self.run(["sbom", root + "/api", "--format", "spdx"])
        #expect(spdx.1.contains(#""name" : "acme-api""#) && spdx.1.contains(#""versionInfo" : "0.2.0""#))
        let named = try await Self.run(["sbom", root + "/web", "--name", "portal"])
        #expect(try component(named.1)["name"] as? String == "portal")
        #expect(try component(named.1)["version"] as? String == "4.5.6")
        let broken = try await Self.run(["sbom", root + "/tool"])
        #expect(broken.0 == slipway.ExitStatus.success)
        #expect(try component(broken.1)["name"] as? String == "tool")
        #expect(try component(broken.1)["version"] == nil)
        #expect(broken.2.contains("tool/Cargo.toml:3:"))
        #expect(broken.2.contains("warning: cannot read the project's name: not valid TOML"))
    }

    @Test("a path that does not exist is an error, not an empty SBOM; a directory without lockfiles warns")
    func missingPath() async throws {
        let root = try AuditCommandTests.temporaryRepository([:])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let run = try await Self.run(["sbom", root + "/typo", "--output", root + "/sbom.json"])
        #expect(run.0 == slipway.ExitStatus.inputError)
        #expect(run.2.contains(root + "/typo: error: no such file or directory"))
        #expect(!FileManager.default.fileExists(atPath: root + "/sbom.json"))
        let empty = try await Self.run(["sbom", root, "--output", root + "/sbom.json"])
        #expect(empty.0 == slipway.ExitStatus.success)
        #expect(empty.2.contains(root + ": warning: no lockfiles found"))
        #expect(FileManager.default.fileExists(atPath: root + "/sbom.json"))
    }
}
