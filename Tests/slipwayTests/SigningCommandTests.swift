import ArgumentParser
import Foundation
import SlipwayCore
import SlipwayTestSupport
import Testing

@testable import slipway

/// `slipway keygen`, `sign`, `verify` and `checksums`, run in-process against a temporary directory.
@Suite struct SigningCommandTests {
    final class Directory: Sendable {
        let path: String

        init() throws {
            path =
                FileManager.default.temporaryDirectory
                .appendingPathComponent("slipway-signcli-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(atPath: path) }

        subscript(_ name: String) -> String { path + "/" + name }

        func write(_ text: String, to name: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: self[name]))
        }

        func read(_ name: String) throws -> String { try String(contentsOfFile: self[name], encoding: .utf8) }
    }

    /// An unencrypted key pair in `directory` (key.pub, key.key).
    static func keyPair(in directory: Directory) async throws {
        let run = try await CommandHarness.run([
            "keygen", "--public-key", directory["key.pub"], "--secret-key", directory["key.key"], "--unencrypted",
        ])
        try #require(run.status == .success, "\(run.errors)")
    }

    @Test("keygen writes minisign key files, the secret one 0600, and never overwrites without --force")
    func keygen() async throws {
        let directory = try Directory()
        try await Self.keyPair(in: directory)
        let pub = try directory.read("key.pub")
        #expect(pub.hasPrefix("untrusted comment: minisign public key "))
        #expect(pub.split(separator: "\n")[1].hasPrefix("RW"))
        let attributes = try FileManager.default.attributesOfItem(atPath: directory["key.key"])
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let secret = try directory.read("key.key")
        let again = try await CommandHarness.run([
            "keygen", "--public-key", directory["key.pub"], "--secret-key", directory["key.key"], "--unencrypted",
        ])
        #expect(again.status == .inputError)
        #expect(again.errors.contains("--force"))
        #expect(try directory.read("key.key") == secret)
        let forced = try await CommandHarness.run([
            "keygen", "--public-key", directory["key.pub"], "--secret-key", directory["key.key"], "--unencrypted",
            "--force",
        ])
        #expect(forced.status == .success)
        #expect(try directory.read("key.key") != secret)
        let secretLine = String(try directory.read("key.key").split(separator: "\n")[1])
        #expect(!forced.output.contains(secretLine) && !forced.errors.contains(secretLine))
    }

    @Test("keygen refuses to write an encrypted key without a password and says how to give one")
    func keygenNeedsPassword() async throws {
        let directory = try Directory()
        let run = try await CommandHarness.run([
            "keygen", "--public-key", directory["k.pub"], "--secret-key", directory["k.key"],
        ])
        #expect(run.status == .inputError)
        #expect(run.errors.contains("SLIPWAY_KEY_PASSWORD") && run.errors.contains("--unencrypted"))
        #expect(!FileManager.default.fileExists(atPath: directory["k.key"]))
    }

    @Test("an encrypted key from SLIPWAY_KEY_PASSWORD signs via SLIPWAY_SECRET_KEY and a password file")
    func encryptedKeyFromEnvironment() async throws {
        let directory = try Directory()
        let made = try await CommandHarness.run(
            [
                "keygen", "--public-key", directory["k.pub"], "--secret-key", directory["k.key"], "--kdf-cost",
                "interactive", "--comment", "release key",
            ],
            environment: ["SLIPWAY_KEY_PASSWORD": "s3cret pass"]
        )
        try #require(made.status == .success, "\(made.errors)")
        #expect(try directory.read("k.key").hasPrefix("untrusted comment: release key\n"))
        try directory.write("artifact", to: "a.txt")
        try directory.write("s3cret pass\n", to: "password")
        let signed = try await CommandHarness.run(
            ["sign", directory["a.txt"], "--password-file", directory["password"]],
            environment: ["SLIPWAY_SECRET_KEY": try directory.read("k.key")]
        )
        #expect(signed.status == .success, "\(signed.errors)")
        let wrong = try await CommandHarness.run(
            ["sign", directory["a.txt"], "--secret-key", directory["k.key"]],
            environment: ["SLIPWAY_KEY_PASSWORD": "guess"]
        )
        #expect(wrong.status == .inputError)
        #expect(wrong.errors.contains("wrong password") && !wrong.errors.contains("guess"))
        let verified = try await CommandHarness.run(["verify", directory["a.txt"], "--key", directory["k.pub"]])
        #expect(verified.status == .success, "\(verified.errors)")
    }

    @Test("sign then verify: exit 0 prints the trusted comment, with the timestamp from the injected clock")
    func signAndVerify() async throws {
        let directory = try Directory()
        // A key whose base64 string contains "/" (about half of them do), so --key STRING is not taken for a path.
        for _ in 0..<40 {
            try? FileManager.default.removeItem(atPath: directory["key.pub"])
            try? FileManager.default.removeItem(atPath: directory["key.key"])
            try await Self.keyPair(in: directory)
            if try directory.read("key.pub").split(separator: "\n")[1].contains("/") { break }
        }
        try directory.write("release bytes", to: "app.tar.gz")
        let signed = try await CommandHarness.run([
            "sign", directory["app.tar.gz"], "--secret-key", directory["key.key"],
        ])
        #expect(signed.status == .success, "\(signed.errors)")
        let signature = try directory.read("app.tar.gz.minisig")
        #expect(signature.contains("trusted comment: timestamp:1795000000\tfile:app.tar.gz\thashed\n"))
        let verified = try await CommandHarness.run(["verify", directory["app.tar.gz"], "--key", directory["key.pub"]])
        #expect(verified.status == .success)
        #expect(verified.output == "timestamp:1795000000\tfile:app.tar.gz\thashed\n")
        let base64 = String(try directory.read("key.pub").split(separator: "\n")[1])
        let inline = try await CommandHarness.run([
            "verify", directory["app.tar.gz"], "--sig", directory["app.tar.gz.minisig"], "--key", base64,
            "--require-prehash",
        ])
        #expect(inline.status == .success, "\(inline.errors)")
    }

    @Test("verify: a changed file or trusted comment is exit 1 with the reason; a broken signature file is exit 2")
    func verifyRejections() async throws {
        let directory = try Directory()
        try await Self.keyPair(in: directory)
        try directory.write("release bytes", to: "app")
        _ = try await CommandHarness.run([
            "sign", directory["app"], "--secret-key", directory["key.key"], "--legacy", "--trusted-comment", "v1.2.3",
        ])
        let good = try directory.read("app.minisig")
        let legacy = try await CommandHarness.run([
            "verify", directory["app"], "--key", directory["key.pub"], "--require-prehash",
        ])
        #expect(legacy.status == .findings)
        #expect(legacy.errors.contains("legacy"))

        try directory.write("release bytes!", to: "app")
        let changedFile = try await CommandHarness.run(["verify", directory["app"], "--key", directory["key.pub"]])
        #expect(changedFile.status == .findings)
        #expect(changedFile.errors.contains("does not match the signature"))
        #expect(changedFile.output.isEmpty)

        try directory.write("release bytes", to: "app")
        try directory.write(good.replacingOccurrences(of: "v1.2.3", with: "v9.9.9"), to: "app.minisig")
        let changedComment = try await CommandHarness.run(["verify", directory["app"], "--key", directory["key.pub"]])
        #expect(changedComment.status == .findings)
        #expect(changedComment.errors.contains("trusted comment"))

        try directory.write(String(good.prefix(60)), to: "app.minisig")
        let truncated = try await CommandHarness.run(["verify", directory["app"], "--key", directory["key.pub"]])
        #expect(truncated.status == .inputError)
        #expect(truncated.errors.contains(directory["app.minisig"] + ":2: error:"))

        let noKey = try await CommandHarness.run(["verify", directory["app"], "--key", directory["absent.pub"]])
        #expect(noKey.status == .inputError)
    }

    /// `minisign` on PATH or under /usr/bin, for the interop tests.
    static let minisign = ["/usr/bin/minisign", "/usr/local/bin/minisign"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// Runs `executable` with `input` on stdin; returns its exit status.
    static func run(_ executable: String, _ arguments: [String], input: String = "") throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test(
        "minisign -S signs with keys from slipway keygen (encrypted and not), and slipway verify accepts the result",
        .enabled(if: minisign != nil, "minisign not installed (apt-get install minisign)")
    )
    func minisignSignsWithOurKeys() async throws {
        let minisign = try #require(Self.minisign)
        let directory = try Directory()
        try directory.write("artifact", to: "a.bin")
        for encrypted in [true, false] {
            var arguments = [
                "keygen", "--public-key", directory["k.pub"], "--secret-key", directory["k.key"], "--force",
            ]
            arguments += encrypted ? ["--kdf-cost", "interactive"] : ["--unencrypted"]
            let made = try await CommandHarness.run(arguments, environment: ["SLIPWAY_KEY_PASSWORD": "pw 123"])
            try #require(made.status == .success, "\(made.errors)")
            let status = try Self.run(
                minisign,
                ["-S", "-s", directory["k.key"], "-m", directory["a.bin"], "-t", "by minisign"],
                input: encrypted ? "pw 123\n" : ""
            )
            #expect(status == 0, "minisign -S with a slipway key (encrypted: \(encrypted))")
            let verified = try await CommandHarness.run([
                "verify", directory["a.bin"], "--key", directory["k.pub"], "--require-prehash",
            ])
            #expect(verified.status == .success, "\(verified.errors)")
            #expect(verified.output == "by minisign\n")
        }
    }

    @Test(
        "slipway verify accepts the shared minisign examples and rejects the tampered ones",
        .enabled(
            if: FileManager.default.fileExists(atPath: Corpus.sharedRoot + "/conformance/examples/minisign.pub"),
            "../shared/conformance/examples not present"
        )
    )
    func sharedMinisignExamples() async throws {
        let examples = Corpus.sharedRoot + "/conformance/examples/"
        for name in ["valid-minisign.txt", "valid-minisign-legacy.txt"] {
            let run = try await CommandHarness.run(["verify", examples + name, "--key", examples + "minisign.pub"])
            #expect(run.status == .success, "\(name): \(run.errors)")
        }
        let legacy = try await CommandHarness.run([
            "verify", examples + "valid-minisign-legacy.txt", "--key", examples + "minisign.pub", "--require-prehash",
        ])
        #expect(legacy.status == .findings)
        for name in ["invalid-minisign.txt", "invalid-minisign-comment.txt"] {
            let run = try await CommandHarness.run(["verify", examples + name, "--key", examples + "minisign.pub"])
            #expect(run.status == .findings, "\(name) should be rejected")
            #expect(run.errors.contains("signature rejected"))
        }
    }

    @Test("sign without any key says to pass --secret-key or set SLIPWAY_SECRET_KEY")
    func signWithoutKey() async throws {
        let directory = try Directory()
        try directory.write("x", to: "x")
        let run = try await CommandHarness.run(["sign", directory["x"]])
        #expect(run.status == .inputError)
        #expect(run.errors.contains("--secret-key") && run.errors.contains("SLIPWAY_SECRET_KEY"))
    }

    @Test("checksums writes SHA256SUMS that sha256sum -c accepts and --verify reports each file")
    func checksums() async throws {
        let directory = try Directory()
        try directory.write("one", to: "one.tar.gz")
        try directory.write("two", to: "two words.zip")
        let written = try await CommandHarness.run([
            "checksums", directory["one.tar.gz"], directory["two words.zip"], "--output", directory["SHA256SUMS"],
        ])
        #expect(written.status == .success, "\(written.errors)")
        let sums = try directory.read("SHA256SUMS")
        #expect(sums.split(separator: "\n").count == 2)
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/sha256sum") {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
            process.arguments = ["--strict", "--quiet", "-c", directory["SHA256SUMS"]]
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        let ok = try await CommandHarness.run(["checksums", "--verify", directory["SHA256SUMS"]])
        #expect(ok.status == .success)
        #expect(ok.output.contains("one.tar.gz: OK"))

        try directory.write("changed", to: "one.tar.gz")
        try FileManager.default.removeItem(atPath: directory["two words.zip"])
        let bad = try await CommandHarness.run(["checksums", "--verify", directory["SHA256SUMS"]])
        #expect(bad.status == .findings)
        #expect(bad.output.contains("one.tar.gz: FAILED\n"))
        #expect(bad.output.contains("two words.zip: FAILED open or read"))
        #expect(bad.errors.contains("2 of 2"))

        try directory.write(sums + "garbage line\n", to: "BROKEN")
        let malformed = try await CommandHarness.run(["checksums", "--verify", directory["BROKEN"]])
        #expect(malformed.status == .inputError)
        #expect(malformed.errors.contains(directory["BROKEN"] + ":3: error: malformed checksum line"))
    }

    @Test("checksums --tag --algorithm sha512 writes BSD lines")
    func taggedSHA512() async throws {
        let directory = try Directory()
        try directory.write("abc", to: "abc")
        let run = try await CommandHarness.run(["checksums", directory["abc"], "--algorithm", "sha512", "--tag"])
        #expect(run.output.hasPrefix("SHA512 (\(directory["abc"])) = ddaf35a193617aba"))
    }

    @Test(
        "conflicting checksums options are usage errors",
        arguments: [["checksums"], ["checksums", "a", "--verify", "S"], ["checksums", "--verify", "S", "--tag"]]
    )
    func checksumsUsage(arguments: [String]) {
        #expect(throws: (any Error).self) {
            var command = try Slipway.parseAsRoot(arguments)
            try command.validate()
        }
    }
}
