import Foundation
import Signing
import SlipwayCore
import SlipwayTestSupport
import Testing

@Suite struct MinisignTests {
    static let key = MinisignSecretKey.generate()
    static let message = Array("release artifact bytes\n".utf8)

    static func signed(_ algorithm: MinisignSignatureAlgorithm = .prehashed) throws -> MinisignSignature {
        try Minisign.sign(
            message: message,
            secretKey: key,
            algorithm: algorithm,
            trustedComment: "timestamp:1700000000\tfile:app.tar.gz\thashed"
        )
    }

    @Test("prehashed and legacy signatures round-trip through the .minisig text")
    func roundTrip() throws {
        for algorithm in [MinisignSignatureAlgorithm.prehashed, .legacy] {
            let signature = try Self.signed(algorithm)
            let reread = try MinisignSignature(text: signature.text, path: "x.minisig")
            #expect(reread == signature)
            #expect(reread.text.hasPrefix("untrusted comment: signature from minisign secret key\n"))
            #expect(signature.text.split(separator: "\n")[1].hasPrefix(algorithm == .prehashed ? "RU" : "RW"))
            let comment = try Minisign.verify(reread, message: Self.message, publicKey: Self.key.publicKey)
            #expect(comment == "timestamp:1700000000\tfile:app.tar.gz\thashed")
        }
    }

    @Test("the default trusted comment is minisign's tab-separated one")
    func defaultTrustedComment() {
        #expect(
            Minisign.defaultTrustedComment(fileName: "a.tgz", timestamp: 42, algorithm: .prehashed)
                == "timestamp:42\tfile:a.tgz\thashed"
        )
        #expect(
            Minisign.defaultTrustedComment(fileName: "a.tgz", timestamp: 42, algorithm: .legacy)
                == "timestamp:42\tfile:a.tgz"
        )
    }

    @Test("a file on disk signs by streaming and verifies; the digest matches the in-memory one")
    func fileSigning() throws {
        let directory = try TemporaryDirectory()
        let bytes = (0..<3_000_001).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let path = try directory.write(bytes, to: "big.bin")
        #expect(try Minisign.blake2b512(fileAt: path, fileSystem: LocalFileSystem()) == BLAKE2b.hash(bytes))
        let signature = try Minisign.sign(
            fileAt: path,
            fileSystem: LocalFileSystem(),
            secretKey: Self.key,
            trustedComment: "t"
        )
        #expect(try Minisign.verify(signature, message: bytes, publicKey: Self.key.publicKey) == "t")
    }

    @Test(
        "minisign's own example signatures verify; the tampered examples are rejected",
        .enabled(
            if: LocalFileSystem().exists(Corpus.sharedRoot + "/conformance/examples/minisign.pub"),
            "../shared/conformance/examples not present"
        )
    )
    func sharedExamples() throws {
        let examples = Corpus.sharedRoot + "/conformance/examples/"
        let fileSystem = LocalFileSystem()
        let publicKey = try MinisignPublicKey(fileText: try fileSystem.readText(at: examples + "minisign.pub"))
        for name in ["valid-minisign.txt", "valid-minisign-legacy.txt"] {
            let path = examples + name + ".minisig"
            let signature = try MinisignSignature(text: try fileSystem.readText(at: path), path: path)
            let comment = try Minisign.verify(
                signature,
                fileAt: examples + name,
                fileSystem: fileSystem,
                publicKey: publicKey
            )
            #expect(comment.hasPrefix("file:app-1.2.3-linux-x86_64.tar.gz"))
        }
        for name in ["invalid-minisign.txt", "invalid-minisign-comment.txt"] {
            let path = examples + name + ".minisig"
            let signature = try MinisignSignature(text: try fileSystem.readText(at: path), path: path)
            #expect(throws: MinisignVerificationFailure.self) {
                try Minisign.verify(signature, fileAt: examples + name, fileSystem: fileSystem, publicKey: publicKey)
            }
        }
    }

    @Test("comments with line breaks or control characters are refused before anything is signed")
    func multiLineComments() {
        #expect(throws: SigningError.self) {
            _ = try Minisign.sign(message: Self.message, secretKey: Self.key, trustedComment: "bell\u{07}")
        }
        #expect(throws: Never.self) {
            _ = try Minisign.sign(message: Self.message, secretKey: Self.key, trustedComment: "tab\tand ünïcode")
        }
        #expect(throws: SigningError.self) {
            _ = try Minisign.sign(message: Self.message, secretKey: Self.key, trustedComment: "a\nb")
        }
        #expect(throws: SigningError.self) {
            _ = try Minisign.sign(
                message: Self.message,
                secretKey: Self.key,
                trustedComment: "ok",
                untrustedComment: "x\r\ny"
            )
        }
    }
}

/// One change at a time to a good signature; each is rejected with its own reason.
@Suite struct MinisignTamperTests {
    static let key = MinisignTests.key
    static let message = MinisignTests.message

    /// Flips one base64 character of `line` (1-based) at `offset` into another valid one.
    static func flip(_ text: String, line: Int, offset: Int) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var bytes = Array(lines[line - 1].utf8)
        bytes[offset] = bytes[offset] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        lines[line - 1] = String(decoding: bytes, as: UTF8.self)
        return lines.joined(separator: "\n")
    }

    static func verdict(_ text: String, message: [UInt8] = message, key: MinisignPublicKey? = nil) -> String {
        do {
            let signature = try MinisignSignature(text: text, path: "s.minisig")
            try Minisign.verify(
                signature,
                message: message,
                publicKey: key ?? Self.key.publicKey,
                requirePrehash: false
            )
            return "accepted"
        } catch {
            return "\(error)"
        }
    }

    @Test("the untouched signature is accepted")
    func baseline() throws {
        #expect(Self.verdict(try MinisignTests.signed().text) == "accepted")
    }

    @Test("one byte of the file changed: the file signature fails")
    func fileByte() throws {
        var changed = Self.message
        changed[3] ^= 1
        #expect(
            Self.verdict(try MinisignTests.signed().text, message: changed).contains("does not match the signature")
        )
    }

    @Test("one byte of the signature changed: the file signature fails")
    func signatureByte() throws {
        // Characters 16... of line 2 encode the Ed25519 signature (after "ED" and the key id).
        let text = Self.flip(try MinisignTests.signed().text, line: 2, offset: 30)
        #expect(Self.verdict(text).contains("does not match the signature"))
    }

    @Test("the key id changed: named as a different key")
    func keyIDByte() throws {
        let text = Self.flip(try MinisignTests.signed().text, line: 2, offset: 5)
        #expect(Self.verdict(text).contains("made with key"))
    }

    @Test("the trusted comment changed: the global signature fails")
    func trustedComment() throws {
        let text = try MinisignTests.signed().text.replacingOccurrences(of: "app.tar.gz", with: "evil.tar.gz")
        #expect(Self.verdict(text).contains("trusted comment"))
    }

    @Test("one byte of the global signature changed: the global signature fails")
    func globalSignatureByte() throws {
        let text = Self.flip(try MinisignTests.signed().text, line: 4, offset: 10)
        #expect(Self.verdict(text).contains("trusted comment"))
    }

    @Test("another key with the same key id: the file signature fails")
    func wrongKey() throws {
        let other = MinisignSecretKey(keyID: Self.key.keyID, signingKey: MinisignSecretKey.generate().signingKey)
        #expect(Self.verdict(try MinisignTests.signed().text, key: other.publicKey).contains("does not match"))
    }

    @Test("a legacy signature is rejected when prehashing is required")
    func legacyRejected() throws {
        let signature = try MinisignTests.signed(.legacy)
        #expect(throws: MinisignVerificationFailure.legacySignatureRejected(path: "signature")) {
            try Minisign.verify(signature, message: Self.message, publicKey: Self.key.publicKey, requirePrehash: true)
        }
    }

    @Test(
        "malformed signature files are input errors naming the line",
        arguments: [
            (2, "the signature line is missing"),
            (3, "the trusted comment line is missing"),
            (4, "the global signature line is missing"),
        ]
    )
    func truncated(keepLines: Int, reason: String) throws {
        let lines = try MinisignTests.signed().text.split(separator: "\n").prefix(keepLines - 1)
        let verdict = Self.verdict(lines.joined(separator: "\n") + "\n")
        #expect(verdict.contains("s.minisig:\(keepLines): error:"))
        #expect(verdict.contains(reason))
    }

    @Test("bad base64, a short signature, a wrong prefix and an unknown algorithm each say so")
    func malformedLines() throws {
        let good = try MinisignTests.signed().text
        var lines = good.split(separator: "\n").map(String.init)
        let cases: [(Int, String, String)] = [
            (
                2, "RUQ***notbase64***",
                "s.minisig:2: error: not a minisign signature: the signature is not valid base64"
            ),
            (2, String(lines[1].prefix(40)), "s.minisig:2: error: not a minisign signature: the signature is 30 bytes"),
            (4, "%%%", "s.minisig:4: error: not a minisign signature: the global signature is not valid base64"),
            (
                3, "comment: x",
                "s.minisig:3: error: not a minisign signature: the line must start with 'trusted comment: '"
            ),
            (
                1, "hello",
                "s.minisig:1: error: not a minisign signature: the line must start with 'untrusted comment: '"
            ),
        ]
        for (line, replacement, expected) in cases {
            var changed = lines
            changed[line - 1] = replacement
            #expect(Self.verdict(changed.joined(separator: "\n")).hasPrefix(expected), "line \(line)")
        }
        // "XX" as the algorithm: base64 of "XX" + the rest.
        lines[1] = "WFg" + lines[1].dropFirst(3)
        #expect(Self.verdict(lines.joined(separator: "\n")).contains("unsupported signature algorithm 'XX'"))
    }
}
