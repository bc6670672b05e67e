import Crypto
import Foundation
import Ledger
import Signing
import SlipwayCore
import SlipwayTestSupport
import Testing

@testable import slipway

/// The release commands record their events in the ledger (`--ledger` or `ledger:` in slipway.yml), and
/// `slipway ledger bundle` turns a release's events into an auditor's evidence bundle that third-party tools check.
@Suite struct LedgerRecordingTests {
    /// A temporary directory with a minisign key pair, an artifact and a Python lockfile.
    struct Workspace {
        let root: String
        let secretKey: MinisignSecretKey

        init() throws {
            root =
                FileManager.default.temporaryDirectory.appendingPathComponent(
                    "slipway-ledger-recording-\(UUID().uuidString)"
                ).path
            try FileManager.default.createDirectory(atPath: root + "/app", withIntermediateDirectories: true)
            secretKey = MinisignSecretKey.generate()
            _ = try write(try secretKey.fileText(password: nil), "ledger.key")
            _ = try write(secretKey.publicKey.fileText, "ledger.pub")
            _ = try write("release artifact bytes\n", "app.tar.gz")
            _ = try write("requests==2.31.0\nurllib3==2.0.7\n", "app/requirements.txt")
        }

        subscript(name: String) -> String { root + "/" + name }
        var ledger: String { self["ledger"] }

        @discardableResult
        func write(_ text: String, _ name: String) throws -> String {
            try text.write(toFile: self[name], atomically: true, encoding: .utf8)
            return self[name]
        }

        /// The environment of a release run: actor, repository, run, the release version and the signing key.
        func environment(run: String = "7", version: String? = "1.4.0") throws -> [String: String] {
            var environment = [
                "GITHUB_ACTOR": "release-bot", "GITHUB_REPOSITORY": "acme/shop", "GITHUB_SHA": "abc123",
                "GITHUB_SERVER_URL": "https://github.com", "GITHUB_RUN_ID": run,
                SigningKeySource.secretKeyVariable: try String(contentsOfFile: self["ledger.key"], encoding: .utf8),
            ]
            environment["SLIPWAY_RELEASE_VERSION"] = version
            return environment
        }

        func events() async throws -> [LedgerEvent] {
            try await Ledger(store: DirectoryLedgerStore(path: ledger)).events().events.map(\.event)
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    static func sha256(_ path: String) throws -> String {
        "sha256:" + Hex.encode(Array(SHA256.hash(data: try Data(contentsOf: URL(fileURLWithPath: path)))))
    }

    @Test("sign records artifact.signed with the artifact's and the signature's digests, signed by a checkpoint")
    func signRecords() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let run = try await CommandHarness.run(
            ["sign", workspace["app.tar.gz"], "--ledger", workspace.ledger],
            environment: try workspace.environment()
        )
        #expect(run.status == .success, "\(run.errors)")
        #expect(run.errors.contains("recorded artifact.signed at ledger index 0"))
        #expect(run.errors.contains("checkpoint signed"))
        let events = try await workspace.events()
        #expect(events.count == 1)
        let event = try #require(events.first)
        #expect(event.kind == .artifactSigned)
        #expect(event.actor == "release-bot")
        #expect(event.subject == EventSubject(project: "shop", version: "1.4.0"))
        #expect(event.source.commit == "abc123")
        #expect(event.source.runURL == "https://github.com/acme/shop/actions/runs/7")
        #expect(
            event.inputs == [
                EventDigest(name: workspace["app.tar.gz"], digest: try Self.sha256(workspace["app.tar.gz"]))
            ]
        )
        #expect(
            event.outputs == [
                EventDigest(
                    name: workspace["app.tar.gz.minisig"],
                    digest: try Self.sha256(workspace["app.tar.gz.minisig"])
                )
            ]
        )
        #expect(event.result == "success")
        let verify = try await CommandHarness.run([
            "ledger", "verify", "--ledger", workspace.ledger, "--key", workspace["ledger.pub"],
        ])
        #expect(verify.status == .success, "\(verify.output)\(verify.errors)")
    }

    @Test("sbom and scans record their events; a failing scan records 'fail' and still fails")
    func supplyChainRecords() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let environment = try workspace.environment()
        let sbom = try await CommandHarness.run(
            [
                "sbom", workspace["app"], "--output", workspace["sbom.json"], "--component-version", "1.4.0",
                "--ledger", workspace.ledger,
            ],
            environment: environment
        )
        #expect(sbom.status == .success, "\(sbom.errors)")
        try workspace.write(
            "aws_secret_access_key = \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEZ\"\n",
            "app/settings.py"
        )
        try workspace.write(
            "token = \"ghp_" + "R2d2C3poR2d2C3poR2d2C3poR2d2C3po" + "0mWZ4Y\"\n",
            "app/token.txt"
        )
        let secrets = try await CommandHarness.run(
            [
                "scan", "secrets", workspace["app"], "--format", "json", "--output", workspace["secrets.json"],
                "--ledger", workspace.ledger,
            ],
            environment: environment
        )
        let events = try await workspace.events()
        #expect(events.map(\.kind) == [.sbomGenerated, .scanCompleted])
        let generated = try #require(events.first)
        #expect(generated.subject.version == "1.4.0")
        #expect(
            generated.inputs == [
                EventDigest(
                    name: workspace["app/requirements.txt"],
                    digest: try Self.sha256(workspace["app/requirements.txt"])
                )
            ]
        )
        #expect(
            generated.outputs == [
                EventDigest(name: workspace["sbom.json"], digest: try Self.sha256(workspace["sbom.json"]))
            ]
        )
        let scan = try #require(events.last)
        #expect(scan.details?.member("scanner") == .string("secrets"))
        let reportDigest = try Self.sha256(workspace["secrets.json"])
        #expect(scan.outputs.first?.digest == reportDigest)
        // A failing scan is recorded as such, and the exit status stays the scan's own.
        #expect(secrets.status == .findings)
        #expect(scan.result == "fail")
        #expect(secrets.errors.contains("recorded scan.completed at ledger index 1"))
    }

    @Test("ledger: in slipway.yml turns recording on, record: false and --no-ledger turn it off")
    func configuration() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let environment = try workspace.environment()
        let config = try workspace.write("ledger:\n  path: ledger\n", "slipway.yml")
        let scan = ["scan", "licenses", workspace["app"], "--config", config, "--format", "json"]
        #expect(try await CommandHarness.run(scan, environment: environment).errors.contains("recorded scan.completed"))
        #expect(try await workspace.events().count == 1)
        _ = try await CommandHarness.run(scan + ["--no-ledger"], environment: environment)
        #expect(try await workspace.events().count == 1)
        try workspace.write("ledger:\n  path: ledger\n  record: false\n", "slipway.yml")
        _ = try await CommandHarness.run(scan, environment: environment)
        #expect(try await workspace.events().count == 1)
        try workspace.write("ledger:\n  path: ledger\n  recrod: false\n", "slipway.yml")
        let typo = try await CommandHarness.run(scan, environment: environment)
        #expect(typo.status == .inputError)
        #expect(typo.errors.contains("record"))
    }

    @Test("a ledger that cannot take the event fails the step after its output is written, saying how to recover")
    func unusableLedger() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let notADirectory = try workspace.write("not a ledger", "ledger-file")
        let run = try await CommandHarness.run(
            ["sign", workspace["app.tar.gz"], "--ledger", notADirectory],
            environment: try workspace.environment()
        )
        #expect(run.status == .inputError)
        #expect(FileManager.default.fileExists(atPath: workspace["app.tar.gz.minisig"]))
        #expect(run.errors.contains("artifact.signed event was not recorded"))
        #expect(run.errors.contains("slipway ledger append --kind artifact.signed"))
        // The secret key (its base64 line, given through SLIPWAY_SECRET_KEY) is never printed.
        let keyLine = try #require(
            try String(contentsOfFile: workspace["ledger.key"], encoding: .utf8).split(separator: "\n").last
        )
        #expect(!run.errors.contains(keyLine) && !run.output.contains(keyLine), "the key must never be printed")
    }

    @Test("version records version.computed with the new version when it releases", .tags(.process))
    func versionRecords() async throws {
        let root = try await VersionCommandTests.releasedRepository()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let ledger = root + "/.ledger"
        let dryRun = try await VersionCommandTests.run(["version", "--path", root, "--dry-run", "--ledger", ledger])
        #expect(dryRun.status == .success)
        #expect(!FileManager.default.fileExists(atPath: ledger), "a dry run records nothing")
        let run = try await VersionCommandTests.run(
            ["version", "--path", root, "--ledger", ledger],
            environment: ["GITHUB_ACTOR": "release-bot"]
        )
        #expect(run.status == .success, "\(run.errors)")
        let events = try await Ledger(store: DirectoryLedgerStore(path: ledger)).events().events.map(\.event)
        let event = try #require(events.first)
        #expect(events.count == 1)
        #expect(event.kind == .versionComputed)
        #expect(event.subject.version == "1.1.0")
        #expect(event.details?.member("previousVersion") == .string("1.0.0"))
        #expect(event.details?.member("tag") == .string("v1.1.0"))
    }

    @Test("bundle: the release's events, proofs against the signed checkpoint, files; tar and sha256sum accept it")
    func bundle() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let release = try workspace.environment()
        _ = try await CommandHarness.run(
            ["sbom", workspace["app"], "--output", workspace["sbom.json"], "--ledger", workspace.ledger],
            environment: release
        )
        _ = try await CommandHarness.run(
            ["sign", workspace["app.tar.gz"], "--ledger", workspace.ledger],
            environment: release
        )
        // Another release's event, and a version-less event of the same run (kept), of another run (left out).
        _ = try await CommandHarness.run(
            ["sign", workspace["app.tar.gz"], "--ledger", workspace.ledger],
            environment: try workspace.environment(run: "8", version: "1.3.9")
        )
        for (run, name) in [("7", "same-run"), ("9", "other-run")] {
            var environment = try workspace.environment(run: run, version: nil)
            environment["SLIPWAY_RELEASE_VERSION"] = nil
            let appended = try await CommandHarness.run(
                ["ledger", "append", "--ledger", workspace.ledger, "--kind", "gate.evaluated", "--result", name],
                environment: environment
            )
            #expect(appended.status == .success, "\(appended.errors)")
        }
        // Sign the latest size so every bundled event is covered by the checkpoint.
        _ = try await CommandHarness.run(
            ["ledger", "append", "--ledger", workspace.ledger, "--json", try workspace.write("[]", "empty.json")],
            environment: release
        )
        let tarFile = workspace["evidence.tar"]
        let bundled = try await CommandHarness.run(
            [
                "ledger", "bundle", "1.4.0", "--ledger", workspace.ledger, "--output", tarFile, "--key",
                workspace["ledger.pub"], "--root", workspace.root,
            ],
            environment: release
        )
        #expect(bundled.status == .success, "\(bundled.errors)")
        #expect(bundled.output.contains("3 event(s), 4 file(s), proofs against the checkpoint at size 5"))

        // GNU tar reads it, and sha256sum checks every member.
        let extracted = workspace["extracted"]
        try FileManager.default.createDirectory(atPath: extracted, withIntermediateDirectories: true)
        _ = try await TestProcess.run(["tar", "-xf", tarFile, "-C", extracted], in: workspace.root)
        let directory = extracted + "/evidence-1.4.0"
        let sums = try await TestProcess.run(["sha256sum", "-c", "SHA256SUMS"], in: directory)
        #expect(sums.contains("manifest.json: OK"))
        #expect(sums.contains("files/app.tar.gz: OK"))

        let manifest = try JSONDecoder().decode(
            EvidenceBundleManifest.self,
            from: Data(contentsOf: URL(fileURLWithPath: directory + "/manifest.json"))
        )
        #expect(manifest.events.map(\.index) == [0, 1, 3])
        #expect(manifest.events.map(\.kind) == ["sbom.generated", "artifact.signed", "gate.evaluated"])
        #expect(manifest.events.allSatisfy { $0.coveredByCheckpoint })
        #expect(
            Set(manifest.files.map(\.path)) == [
                "files/requirements.txt", "files/sbom.json", "files/app.tar.gz", "files/app.tar.gz.minisig",
            ]
        )
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: directory + "/files/app.tar.gz"))
                == Data("release artifact bytes\n".utf8)
        )
        let lines = try String(contentsOfFile: directory + "/events.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 3)

        // Every proof verifies without the ledger against the signed checkpoint.
        for event in manifest.events {
            let check = try await CommandHarness.run(
                ["ledger", "verify-proof", directory + "/" + event.proof, "--key", workspace["ledger.pub"]]
            )
            #expect(check.status == .success, "\(event.proof): \(check.errors)")
        }

        // The same ledger and clock give the same bytes.
        let again = workspace["again.tar"]
        _ = try await CommandHarness.run(
            ["ledger", "bundle", "1.4.0", "--ledger", workspace.ledger, "--output", again, "--root", workspace.root],
            environment: release
        )
        #expect(FileManager.default.contents(atPath: again) == FileManager.default.contents(atPath: tarFile))
    }

    @Test("bundle: an unknown version, a changed file and a missing checkpoint are reported")
    func bundleProblems() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        var unsigned = try workspace.environment()
        unsigned[SigningKeySource.secretKeyVariable] = nil
        _ = try await CommandHarness.run(
            ["sign", workspace["app.tar.gz"], "--secret-key", workspace["ledger.key"], "--ledger", workspace.ledger],
            environment: unsigned
        )
        try workspace.write("tampered\n", "app.tar.gz")
        let unknown = try await CommandHarness.run(
            ["ledger", "bundle", "9.9.9", "--ledger", workspace.ledger, "--output", workspace["x.tar"]]
        )
        #expect(unknown.status == .inputError)
        #expect(unknown.errors.contains("no events for version 9.9.9"))
        #expect(!FileManager.default.fileExists(atPath: workspace["x.tar"]))

        let run = try await CommandHarness.run(
            ["ledger", "bundle", "1.4.0", "--ledger", workspace.ledger, "--output", workspace["x.tar"], "--root", "/"]
        )
        #expect(run.status == .success, "\(run.errors)")
        #expect(run.errors.contains("no signed checkpoint"))
        #expect(run.errors.contains("1 referenced file(s) not included"))
        let listing = try await TestProcess.run(
            ["tar", "-xOf", workspace["x.tar"], "evidence-1.4.0/manifest.json"],
            in: workspace.root
        )
        let manifest = try JSONDecoder().decode(EvidenceBundleManifest.self, from: Data(listing.utf8))
        #expect(manifest.checkpointSize == nil)
        #expect(manifest.files.map { $0.path } == ["files/app.tar.gz.minisig"])
        #expect(manifest.missingFiles.first?.reason.contains("no longer has the recorded digest") == true)
    }
}

extension JSONValue {
    /// The member `name` of an object, else `nil`.
    fileprivate func member(_ name: String) -> JSONValue? {
        if case .object(let members) = self { return members[name] }
        return nil
    }
}
