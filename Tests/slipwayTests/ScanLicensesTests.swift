import ArgumentParser
import Foundation
import Logging
import SlipwayCore
import SlipwayTestSupport
import Testing

@testable import slipway

/// Runs `slipway scan licenses` in-process over an in-memory project and captures its output.
@Suite struct ScanLicensesTests {
    typealias Run = CommandRun

    /// 2026-03-01T12:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_772_366_400)

    static func run(
        _ arguments: [String],
        fileSystem: any FileSystem,
        environment: [String: String] = [:]
    ) async throws -> Run {
        try await CommandHarness.run(
            arguments,
            environment: environment,
            wallClock: .fixed(now),
            fileSystem: fileSystem
        )
    }

    static let composerLock = """
        {
          "packages": [
            { "name": "acme/free", "version": "1.0.0", "license": ["MIT"] },
            { "name": "acme/copyleft", "version": "2.0.0", "license": ["GPL-3.0-only"] }
          ]
        }
        """

    static func project(config: String? = nil, extra: [String: String] = [:]) -> InMemoryFileSystem {
        var files = [
            "proj/.git/HEAD": "ref: refs/heads/main\n",
            "proj/composer.lock": composerLock,
            "proj/node_modules/ms/package.json": #"{"name": "ms", "version": "2.1.3", "license": "MIT License"}"#,
        ]
        if let config { files["proj/slipway.yml"] = config }
        for (path, text) in extra { files[path] = text }
        return InMemoryFileSystem(files: files)
    }

    static let denyGPL = """
        version: 1
        scan:
          licenses:
            allow: [MIT]
            deny: [GPL-3.0-only]
        """

    @Test("no policy: every known license is accepted, exit 0, the table lists lockfile and installed packages")
    func cleanRun() async throws {
        let run = try await Self.run(["scan", "licenses", "proj"], fileSystem: Self.project())
        #expect(run.status == .success)
        #expect(run.output.contains("acme/copyleft  2.0.0    GPL-3.0-only"))
        #expect(run.output.contains("MIT (from \"MIT License\")"))
        #expect(run.output.hasSuffix("3 package(s) (3 allowed); 0 finding(s)\n"))
        #expect(run.errors.isEmpty)
    }

    @Test("a denied license found through the discovered slipway.yml exits 1; --fail-on critical lets it pass")
    func findingsFailTheRun() async throws {
        let fileSystem = Self.project(config: Self.denyGPL)
        let run = try await Self.run(["scan", "licenses", "proj"], fileSystem: fileSystem)
        #expect(run.status == .findings)
        #expect(
            run.output.contains(
                "composer.lock:4:5: high: acme/copyleft@2.0.0 is licensed under GPL-3.0-only, and every choice includes "
                    + "a denied license (GPL-3.0-only)"
            )
        )
        let lenient = try await Self.run(["scan", "licenses", "proj", "--fail-on", "critical"], fileSystem: fileSystem)
        #expect(lenient.status == .success)
    }

    @Test("an expired exception fails the run whatever --fail-on says, and says so")
    func expiredException() async throws {
        let config = """
            scan:
              licenses:
                exceptions:
                  - package: acme/free
                    reason: legacy
                    owner: php-team
                    expires: 2026-02-28
            """
        let run = try await Self.run(
            ["scan", "licenses", "proj", "--fail-on", "critical"],
            fileSystem: Self.project(config: config)
        )
        #expect(run.status == .findings)
        #expect(
            run.output.contains("proj/slipway.yml:4:9: high: the license exception for acme/free expired on 2026-02-28")
        )
        #expect(run.output.contains("1 expired exception(s) fail the run"))
    }

    @Test("an invalid policy is a configuration error at file:line:column, exit 2")
    func configurationError() async throws {
        let config = """
            scan:
              licenses:
                allow: [MIT, Apache-2]
            """
        let run = try await Self.run(["scan", "licenses", "proj"], fileSystem: Self.project(config: config))
        #expect(run.status == .inputError)
        #expect(
            run.errors.hasPrefix(
                "proj/slipway.yml:3:18: error: 'scan.licenses.allow' must be an SPDX license expression"
            )
        )
        #expect(run.output.isEmpty)
        let typo = try await Self.run(
            ["scan", "licenses", "proj", "--config", "proj/other.yml"],
            fileSystem: Self.project(extra: ["proj/other.yml": "scan:\n  licenses:\n    deny_list: [MIT]\n"])
        )
        #expect(typo.status == .inputError)
        #expect(typo.errors.contains("proj/other.yml:3:5: error: unknown key 'deny_list' in scan.licenses"))
    }

    @Test("an unreadable lockfile, a missing path or nothing to scan exits 2")
    func inputErrors() async throws {
        let broken = try await Self.run(
            ["scan", "licenses", "proj"],
            fileSystem: Self.project(extra: ["proj/rust/Cargo.lock": "[[package]]\nname = \"x\"\nversion = \n"])
        )
        #expect(broken.status == .inputError)
        #expect(broken.output.contains("rust/Cargo.lock:3:"))
        let missing = try await Self.run(
            ["scan", "licenses", "proj", "--metadata", "nowhere/site-packages"],
            fileSystem: Self.project()
        )
        #expect(missing.status == .inputError)
        #expect(missing.errors.contains("nowhere/site-packages: error: no such file or directory"))
        let empty = try await Self.run(
            ["scan", "licenses", "docs"],
            fileSystem: InMemoryFileSystem(files: ["/work/docs/README.md": "# docs\n"])
        )
        #expect(empty.status == .inputError)
        #expect(empty.errors.contains("docs: error: no lockfiles"))
        #expect(empty.output.isEmpty)
    }

    @Test("JSON goes to --output with diagnostics and the summary on stderr; --metadata adds installed packages")
    func jsonOutput() async throws {
        let fileSystem = Self.project(extra: [
            "venv/site-packages/requests-2.31.0.dist-info/METADATA":
                "Name: requests\nVersion: 2.31.0\nLicense-Expression: Apache-2.0\n",
            "cargo/registry/src/index.crates.io-1/serde-1.0.200/Cargo.toml":
                "[package]\nname = \"serde\"\nversion = \"1.0.200\"\nlicense = \"MIT/Apache-2.0\"\n",
        ])
        let run = try await Self.run(
            [
                "scan", "licenses", "proj", "--metadata", "venv/site-packages", "cargo/registry/src/index.crates.io-1",
                "--format", "json", "--output", "out.json",
            ],
            fileSystem: fileSystem
        )
        #expect(run.status == .success)
        #expect(run.output.isEmpty)
        #expect(run.errors == "5 package(s) (5 allowed); 0 finding(s)\n")
        let json = try #require(fileSystem.text(at: "out.json"))
        #expect(json.contains("\"purl\" : \"pkg:pypi/requests@2.31.0\""))
        #expect(json.contains("\"path\" : \"venv/site-packages/requests-2.31.0.dist-info/METADATA\""))
        // Cargo's legacy `/` is OR.
        #expect(json.contains("\"expression\" : \"MIT OR Apache-2.0\""))
    }

    @Test("under GitHub Actions: annotations after the table and a Markdown step summary")
    func gitHubActions() async throws {
        let fileSystem = Self.project(config: Self.denyGPL)
        let run = try await Self.run(
            ["scan", "licenses", "proj"],
            fileSystem: fileSystem,
            environment: ["GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": "/tmp/summary.md"]
        )
        #expect(run.status == .findings)
        #expect(
            run.output.contains(
                "::error file=composer.lock,line=4,col=5,title=license-denied%3A pkg%3Acomposer/acme/copyleft@2.0.0::"
            )
        )
        let summary = try #require(fileSystem.text(at: "/tmp/summary.md"))
        #expect(summary.hasPrefix("## License scan\n"))
        #expect(summary.contains("| high | `license-denied` | `pkg:composer/acme/copyleft@2.0.0` |"))
        let sarif = try await Self.run(
            ["scan", "licenses", "proj", "--format", "sarif"],
            fileSystem: fileSystem,
            environment: ["GITHUB_ACTIONS": "true"]
        )
        // stdout stays valid SARIF; the annotations go to stderr.
        #expect(sarif.output.hasPrefix("{"))
        #expect(sarif.errors.contains("::error file=composer.lock"))
    }

    @Test("the help shows the policy sample nested under scan: and licenses:")
    func help() {
        let help = Slipway.ScanLicenses.helpMessage()
        #expect(help.contains("scan:\n  licenses:\n    # Accepted licenses"))
        #expect(help.contains("license-exception-expired"))
    }

    @Test("docs/licenses.md shows the current policy sample and every rule id")
    func documentation() throws {
        let docs = try LocalFileSystem().readText(at: Corpus.packageRoot + "/docs/licenses.md")
        #expect(docs.contains("```yaml\n" + Slipway.ScanLicenses.policySample + "\n```"))
        let rules = [
            "license-denied", "license-not-allowed", "license-unknown", "license-expression-invalid",
            "license-exception-expired",
        ]
        for rule in rules { #expect(docs.contains("<a id=\"\(rule)\"></a>`\(rule)`"), "\(rule)") }
    }

    static let validator = Corpus.sharedRoot + "/conformance/validate"

    @Test(
        "the SARIF output passes the OASIS SARIF 2.1.0 schema (third-party validator)",
        .tags(.process),
        .enabled(if: FileManager.default.isExecutableFile(atPath: validator), "conformance validator not present")
    )
    func sarifConforms() async throws {
        let root = try AuditCommandTests.temporaryRepository([
            "composer.lock": Self.composerLock,
            "slipway.yml": Self.denyGPL
                + "\n    unknown: deny\n    exceptions:\n      - {package: x, reason: r, owner: o, expires: 2020-01-01}\n",
            "node_modules/odd/package.json": #"{"name": "odd", "version": "1.0.0", "license": "MIT OR"}"#,
        ])
        let output = root + "/licenses.sarif"
        let run = try await Self.runOnDisk(["scan", "licenses", root, "--format", "sarif", "--output", output])
        #expect(run.status == .findings)
        let result = try await FoundationProcessRunner().run(
            ProcessRequest([Self.validator, "sarif", output], timeout: .seconds(300))
        )
        #expect(result.status == 0, "\(result.outputText)\(result.errorText)")
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(text.contains("\"ruleId\" : \"license-exception-expired\""))
        #expect(text.contains("\"ruleId\" : \"license-expression-invalid\""))
    }

    private static func runOnDisk(_ arguments: [String]) async throws -> Run {
        try await run(arguments, fileSystem: LocalFileSystem())
    }
}
