import ArgumentParser
import Foundation
import Ledger
import Signing
import SlipwayCore
import SlipwayTestSupport
import Testing

@testable import slipway

/// `slipway ledger …` run in-process against temporary ledgers and minisign keys.
@Suite struct LedgerCommandTests {
    /// A temporary directory with an unencrypted minisign key pair (`ledger.key`, `ledger.pub`) in it.
    struct Workspace {
        let root: String
        let secretKey: MinisignSecretKey
        var ledger: String { root + "/ledger" }
        var key: String { root + "/ledger.key" }
        var pub: String { root + "/ledger.pub" }

        init() throws {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent(
                "slipway-ledger-cli-\(UUID().uuidString)"
            )
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            root = url.path
            secretKey = MinisignSecretKey.generate()
            try secretKey.fileText(password: nil).write(toFile: root + "/ledger.key", atomically: true, encoding: .utf8)
            try secretKey.publicKey.fileText.write(toFile: root + "/ledger.pub", atomically: true, encoding: .utf8)
        }

        func write(_ text: String, _ name: String) throws -> String {
            try text.write(toFile: root + "/" + name, atomically: true, encoding: .utf8)
            return root + "/" + name
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }

        /// Appends `count` deployment events (numbered from `start`), signed.
        func appendDeployments(_ start: Int, _ count: Int, environment: String = "production") async throws {
            let lines = (start..<(start + count)).map {
                #"{"kind":"deployment.succeeded","subject":{"project":"shop","version":"1.\#($0).0","environment":"\#(environment)"},"details":{"n":\#($0)}}"#
            }
            let file = try write(lines.joined(separator: "\n"), "batch-\(start).jsonl")
            let run = try await CommandHarness.run(
                ["ledger", "append", "--ledger", ledger, "--json", file, "--secret-key", key],
                environment: ["GITHUB_ACTOR": "octocat", "GITHUB_REPOSITORY": "acme/shop"]
            )
            #expect(run.status == .success, "\(run.errors)")
        }
    }

    @Test("append signs a checkpoint, show lists and filters, verify passes with the public key")
    func appendShowVerify() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try await workspace.appendDeployments(0, 3)
        try await workspace.appendDeployments(3, 2, environment: "staging")
        let approval = try await CommandHarness.run(
            [
                "ledger", "append", "--ledger", workspace.ledger, "--kind", "approval.granted", "--version", "1.4.0",
                "--environment", "production", "--secret-key", workspace.key,
            ],
            environment: ["GITHUB_ACTOR": "reviewer"]
        )
        #expect(approval.status == .success)
        #expect(approval.output.hasPrefix("appended 1 event(s) at index 5; tree size 6, root "))
        #expect(approval.errors.contains("signed checkpoint"))

        let all = try await CommandHarness.run(["ledger", "show", "--ledger", workspace.ledger])
        #expect(all.status == .success)
        #expect(all.output.split(separator: "\n").count == 7)
        #expect(all.output.contains("2026-11-18T11:06:40Z  approval.granted      reviewer"))

        let filtered = try await CommandHarness.run([
            "ledger", "query", "--ledger", workspace.ledger, "--kind", "deployment.succeeded", "--environment",
            "staging", "--format", "jsonl",
        ])
        let lines = filtered.output.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.hasPrefix(#"{"event":{"actor":"octocat","details":{"n":3}"#) == true)
        #expect(lines.first?.hasSuffix(#""index":3}"#) == true)
        let byActor = try await CommandHarness.run([
            "ledger", "show", "--ledger", workspace.ledger, "--actor", "reviewer", "--version", "1.4.0", "--format",
            "jsonl",
        ])
        #expect(byActor.output.split(separator: "\n").count == 1)
        let byTime = try await CommandHarness.run([
            "ledger", "show", "--ledger", workspace.ledger, "--since", "2026-11-19T00:00:00Z", "--format", "jsonl",
        ])
        #expect(byTime.output.isEmpty)

        let verify = try await CommandHarness.run([
            "ledger", "verify", "--ledger", workspace.ledger, "--key", workspace.pub,
        ])
        #expect(verify.status == .success, "\(verify.output)\(verify.errors)")
        #expect(verify.output.contains("verified 6 entries of github.com/acme/shop/ledger"))
        #expect(verify.output.contains("3 signed checkpoint(s), the latest at size 6"))
    }

    @Test("verify exits 1 and names the first bad index after tampering, and a stranger's key is refused")
    func verifyDetectsTampering() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try await workspace.appendDeployments(0, 4)
        let segment = workspace.ledger + "/segments/00000000000000000000.jsonl"
        var text = try String(contentsOfFile: segment, encoding: .utf8)
        text = text.replacingOccurrences(of: #""n":2"#, with: #""n":9"#)
        try text.write(toFile: segment, atomically: true, encoding: .utf8)
        let verify = try await CommandHarness.run([
            "ledger", "verify", "--ledger", workspace.ledger, "--key", workspace.pub, "--format", "json",
        ])
        #expect(verify.status == .findings)
        #expect(verify.output.contains(#""firstBadIndex" : 2"#))

        let other = try Workspace()
        defer { other.remove() }
        try await other.appendDeployments(0, 1)
        let stranger = try await CommandHarness.run([
            "ledger", "verify", "--ledger", other.ledger, "--key", workspace.pub,
        ])
        #expect(stranger.status == .findings)
        #expect(stranger.output.contains("no signature is from a trusted key"))
        let noKey = try await CommandHarness.run(["ledger", "verify", "--ledger", other.ledger])
        #expect(noKey.status == .inputError)
    }

    @Test("a checkpoint kept from an earlier run catches a rollback that also removed the later checkpoints")
    func keptCheckpoint() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try await workspace.appendDeployments(0, 2)
        let snapshot = workspace.root + "/snapshot"
        try FileManager.default.copyItem(atPath: workspace.ledger, toPath: snapshot)
        try await workspace.appendDeployments(2, 2)
        let kept = workspace.root + "/kept.note"
        try FileManager.default.copyItem(
            atPath: workspace.ledger + "/checkpoints/00000000000000000004.note",
            toPath: kept
        )
        // Roll the whole directory back to size 2.
        try FileManager.default.removeItem(atPath: workspace.ledger)
        try FileManager.default.moveItem(atPath: snapshot, toPath: workspace.ledger)
        let blind = try await CommandHarness.run([
            "ledger", "verify", "--ledger", workspace.ledger, "--key", workspace.pub,
        ])
        #expect(blind.status == .success)
        let audited = try await CommandHarness.run([
            "ledger", "verify", "--ledger", workspace.ledger, "--key", workspace.pub, "--checkpoint", kept,
        ])
        #expect(audited.status == .findings)
        #expect(audited.output.contains("first bad index 2"))
        #expect(audited.output.contains("rolled back"))
    }

    @Test("SLIPWAY_SECRET_KEY holding the key text signs like --secret-key")
    func secretKeyFromEnvironment() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let keyText = try String(contentsOfFile: workspace.key, encoding: .utf8)
        let run = try await CommandHarness.run(
            ["ledger", "append", "--ledger", workspace.ledger, "--kind", "artifact.signed"],
            environment: ["GITHUB_ACTOR": "ci", "SLIPWAY_SECRET_KEY": keyText]
        )
        #expect(run.status == .success, "\(run.errors)")
        #expect(!run.output.contains(keyText) && !run.errors.contains(keyText))
        let verify = try await CommandHarness.run([
            "ledger", "verify", "--ledger", workspace.ledger, "--key", workspace.pub,
        ])
        #expect(verify.status == .success)
    }

    @Test("prove and consistency write proofs that verify-proof accepts, and rejects when altered")
    func proofs() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try await workspace.appendDeployments(0, 5)
        try await workspace.appendDeployments(5, 6)
        let prove = try await CommandHarness.run([
            "ledger", "prove", "--ledger", workspace.ledger, "--index", "3", "--output", workspace.root + "/proof.json",
        ])
        #expect(prove.status == .success, "\(prove.errors)")
        let proof = try String(contentsOfFile: workspace.root + "/proof.json", encoding: .utf8)
        #expect(proof.contains(#""treeSize" : 11"#))
        #expect(
            proof.contains(#""checkpoint" : "github.com\/acme\/shop\/ledger\n11\n"#)
                || proof.contains("\"checkpoint\" : \"github.com/acme/shop/ledger\\n11\\n")
        )
        let ok = try await CommandHarness.run([
            "ledger", "verify-proof", workspace.root + "/proof.json", "--key", workspace.pub,
        ])
        #expect(ok.status == .success, "\(ok.output)\(ok.errors)")
        #expect(ok.output == "verified: entry 3 is in github.com/acme/shop/ledger at tree size 11\n")

        let altered = proof.replacingOccurrences(of: #"\"n\":3"#, with: #"\"n\":4"#)
        #expect(altered != proof)
        let alteredPath = try workspace.write(altered, "altered.json")
        let bad = try await CommandHarness.run(["ledger", "verify-proof", alteredPath, "--key", workspace.pub])
        #expect(bad.status == .findings)
        #expect(bad.output.contains("'entry' does not hash to 'leafHash'"))

        let consistency = try await CommandHarness.run([
            "ledger", "consistency", "--ledger", workspace.ledger, "--from", "5", "--to", "11", "--output",
            workspace.root + "/consistency.json",
        ])
        #expect(consistency.status == .success)
        let checked = try await CommandHarness.run([
            "ledger", "verify-proof", workspace.root + "/consistency.json", "--key", workspace.pub,
        ])
        #expect(checked.status == .success, "\(checked.output)\(checked.errors)")
        #expect(checked.output == "verified: github.com/acme/shop/ledger at size 11 extends size 5\n")
        let otherKey = try Workspace()
        defer { otherKey.remove() }
        let wrongKey = try await CommandHarness.run([
            "ledger", "verify-proof", workspace.root + "/consistency.json", "--key", otherKey.pub,
        ])
        #expect(wrongKey.status == .findings)
    }

    @Test("export writes the exact hashed bytes as JSON Lines, and CSV with a header")
    func export() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        try await workspace.appendDeployments(0, 3)
        let jsonl = try await CommandHarness.run(["ledger", "export", "--ledger", workspace.ledger])
        let lines = jsonl.output.split(separator: "\n").map { Array($0.utf8) }
        #expect(lines.count == 3)
        let tree = MerkleTree(entries: lines)
        let verify = try await CommandHarness.run([
            "ledger", "verify", "--ledger", workspace.ledger, "--key", workspace.pub, "--format", "json",
        ])
        #expect(verify.output.contains(Hex.encode(try tree.rootHash())))
        let csv = try await CommandHarness.run(["ledger", "export", "--ledger", workspace.ledger, "--format", "csv"])
        let rows = csv.output.components(separatedBy: "\r\n")
        #expect(rows.first == LedgerCSV.columns.joined(separator: ","))
        #expect(
            rows[1].hasPrefix("0,2026-11-18T11:06:40Z,deployment.succeeded,octocat,shop,1.0.0,production,acme/shop,")
        )
        #expect(rows[1].contains(#""{""n"":0}""#))
    }

    @Test("ledger: in slipway.yml gives the path and the public key")
    func configuration() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let config = try workspace.write(
            "version: 1\nledger:\n  path: ledger\n  origin: example.com/shop\n  public-key: ledger.pub\n",
            "slipway.yml"
        )
        let append = try await CommandHarness.run(
            ["ledger", "append", "--config", config, "--kind", "gate.evaluated", "--secret-key", workspace.key],
            environment: ["GITHUB_ACTOR": "bot"]
        )
        #expect(append.status == .success, "\(append.errors)")
        #expect(FileManager.default.fileExists(atPath: workspace.ledger + "/checkpoints/00000000000000000001.note"))
        let verify = try await CommandHarness.run(["ledger", "verify", "--config", config])
        #expect(verify.status == .success, "\(verify.output)\(verify.errors)")
        #expect(verify.output.contains("of example.com/shop"))
        let bad = try workspace.write("version: 1\nledger:\n  paht: x\n", "bad.yml")
        let refused = try await CommandHarness.run(["ledger", "show", "--config", bad])
        #expect(refused.status == .inputError)
        #expect(refused.errors.contains("paht"))
    }

    @Test("an empty batch with a key signs the current size; without a key it is refused")
    func signCurrentSize() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let unsigned = try await CommandHarness.run(
            ["ledger", "append", "--ledger", workspace.ledger, "--kind", "scan.completed", "--result", "pass"],
            environment: ["GITHUB_ACTOR": "bot"]
        )
        #expect(unsigned.status == .success)
        #expect(unsigned.errors.contains("no checkpoint signed"))
        let before = try await CommandHarness.run([
            "ledger", "verify", "--ledger", workspace.ledger, "--key", workspace.pub,
        ])
        #expect(before.status == .findings)
        #expect(before.output.contains("no signed checkpoint covers the log"))
        let empty = try workspace.write("[]", "empty.json")
        let refused = try await CommandHarness.run(["ledger", "append", "--ledger", workspace.ledger, "--json", empty])
        #expect(refused.status == .inputError)
        let signed = try await CommandHarness.run([
            "ledger", "append", "--ledger", workspace.ledger, "--json", empty, "--secret-key", workspace.key,
        ])
        #expect(signed.status == .success, "\(signed.errors)")
        let after = try await CommandHarness.run([
            "ledger", "verify", "--ledger", workspace.ledger, "--key", workspace.pub,
        ])
        #expect(after.status == .success, "\(after.output)")
    }

    @Test("docs/ledger.md documents every known kind and every ledger subcommand")
    func documentation() throws {
        let text = try String(contentsOfFile: Corpus.packageRoot + "/docs/ledger.md", encoding: .utf8)
        for kind in EventKind.known { #expect(text.contains("`\(kind.rawValue)`"), "\(kind) undocumented") }
        for command in Slipway.LedgerCommand.configuration.subcommands {
            let name = command.configuration.commandName ?? ""
            #expect(text.contains("slipway ledger \(name)"), "\(name) undocumented")
        }
    }

    @Test("bad event input is refused with the file, line and column, and nothing is appended")
    func badInput() async throws {
        let workspace = try Workspace()
        defer { workspace.remove() }
        let file = try workspace.write("{\"kind\":\"a.b\",\n \"actor\":\"x\",\"time\":1}\n", "bad.json")
        let run = try await CommandHarness.run(["ledger", "append", "--ledger", workspace.ledger, "--json", file])
        #expect(run.status == .inputError)
        #expect(run.errors == "\(file): error: event 1: field 'time': expected a string\n")
        let syntax = try workspace.write("{\"kind\":\"a.b\",\n \"actor\": }\n", "syntax.json")
        let broken = try await CommandHarness.run(["ledger", "append", "--ledger", workspace.ledger, "--json", syntax])
        #expect(broken.errors == "\(syntax):2:11: error: unexpected character; expected a value\n")
        #expect(!FileManager.default.fileExists(atPath: workspace.ledger + "/head.json"))
    }
}
