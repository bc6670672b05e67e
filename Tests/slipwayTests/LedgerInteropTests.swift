import Foundation
import Ledger
import Signing
import SlipwayCore
import SlipwayTestSupport
import Testing

@testable import slipway

/// An independent RFC 6962 / signed-note check written in Python (hashlib, and `cryptography`'s Ed25519 from the
/// shared conformance virtualenv when it is installed) over what `slipway ledger export` and a checkpoint file
/// hold: the same root, the same key hint, a valid signature.
@Suite struct LedgerInteropTests {
    static let script = #"""
        import base64, hashlib, sys
        entries_path, note_path, pub_hex = sys.argv[1:4]
        leaves = [hashlib.sha256(b"\x00" + line.rstrip(b"\n")).digest() for line in open(entries_path, "rb")]
        def mth(items):
            if not items:
                return hashlib.sha256(b"").digest()
            if len(items) == 1:
                return items[0]
            k = 1
            while k * 2 < len(items):
                k *= 2
            return hashlib.sha256(b"\x01" + mth(items[:k]) + mth(items[k:])).digest()
        note = open(note_path, "rb").read().decode()
        text, _, signatures = note.rpartition("\n\n")
        text += "\n"
        origin, size, root = text.splitlines()[:3]
        assert int(size) == len(leaves), f"size {size} != {len(leaves)} entries"
        assert base64.b64decode(root) == mth(leaves), "root mismatch"
        print("root ok")
        line = signatures.strip().splitlines()[0]
        assert line.startswith("\u2014 "), line
        name, blob = line[2:].split(" ")
        blob = base64.b64decode(blob)
        pub = bytes.fromhex(pub_hex)
        hint = hashlib.sha256(name.encode() + b"\n\x01" + pub).digest()[:4]
        assert blob[:4] == hint, "key hint mismatch"
        print("hint ok")
        try:
            from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
        except ImportError:
            print("signature not checked: cryptography is not installed")
            sys.exit(0)
        Ed25519PublicKey.from_public_bytes(pub).verify(blob[4:], text.encode())
        print("signature ok")
        """#

    static let python: String? = {
        let venv = (ProcessEnvironment.value("HOME") ?? "/root") + "/.cache/conformance-venv/bin/python"
        for candidate in [venv, "/usr/bin/python3", "/usr/local/bin/python3"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return nil
    }()

    @Test(
        "Python's hashlib and cryptography agree with the exported entries and the signed checkpoint",
        .enabled(if: python != nil, "python3 is not installed")
    )
    func pythonAgrees() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "slipway-ledger-py-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let secret = MinisignSecretKey.generate()
        try secret.fileText(password: nil).write(toFile: root + "/k", atomically: true, encoding: .utf8)
        let events = (0..<13).map { #"{"kind":"scan.completed","details":{"n":\#($0),"text":"é\u0001\/"}}"# }
        try events.joined(separator: "\n").write(toFile: root + "/e.jsonl", atomically: true, encoding: .utf8)
        let append = try await CommandHarness.run(
            ["ledger", "append", "--ledger", root + "/l", "--json", root + "/e.jsonl", "--secret-key", root + "/k"],
            environment: ["GITHUB_ACTOR": "ci"]
        )
        #expect(append.status == .success, "\(append.errors)")
        let export = try await CommandHarness.run([
            "ledger", "export", "--ledger", root + "/l", "--output", root + "/export.jsonl",
        ])
        #expect(export.status == .success)
        let result = try await FoundationProcessRunner().run(
            ProcessRequest([
                Self.python ?? "python3", "-c", Self.script, root + "/export.jsonl",
                root + "/l/checkpoints/00000000000000000013.note",
                Hex.encode(secret.publicKey.payload.suffix(32)),
            ])
        )
        #expect(result.status == 0, "\(result.errorText)")
        #expect(result.outputText.contains("root ok\nhint ok\n"))
        if !result.outputText.contains("signature ok") {
            print("LedgerInteropTests: \(result.outputText.split(separator: "\n").last ?? "")")
        }
    }
}
