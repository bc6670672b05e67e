import Foundation
import Signing
import SlipwayCore
import SlipwayTestSupport
import Testing

/// The real `minisign` binary and the shared `validate minisign` check, in both directions.
enum Interop {
    static let validate = Corpus.sharedRoot + "/conformance/validate"
    static var hasValidate: Bool { Tool.exists(validate) && minisign != nil }
    static let minisign = Tool.find("minisign")
}

@Suite(.tags(.process))
struct MinisignInteropTests {
    static let payload = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }

    @Test(
        "validate minisign accepts our prehashed and legacy signatures (prehash required for ED)",
        .enabled(if: Interop.hasValidate, "../shared/conformance/validate or minisign not available")
    )
    func validateAcceptsOurSignatures() throws {
        let directory = try TemporaryDirectory()
        let key = MinisignSecretKey.generate()
        let file = try directory.write(Self.payload, to: "app.tar.gz")
        let pub = try directory.write(key.publicKey.fileText, to: "key.pub")
        for algorithm in [MinisignSignatureAlgorithm.prehashed, .legacy] {
            let signature = try Minisign.sign(
                fileAt: file,
                fileSystem: LocalFileSystem(),
                secretKey: key,
                algorithm: algorithm,
                trustedComment: Minisign.defaultTrustedComment(
                    fileName: "app.tar.gz",
                    timestamp: 1_700_000_000,
                    algorithm: algorithm
                )
            )
            let sig = try directory.write(signature.text, to: "app.tar.gz.\(algorithm.rawValue).minisig")
            let environment = algorithm == .prehashed ? ["MINISIGN_REQUIRE_PREHASH": "1"] : [:]
            let result = try Tool.run(Interop.validate, ["minisign", file, sig, pub], environment: environment)
            #expect(result.status == 0, "\(algorithm): \(result.output) \(result.errors)")
            let inline = try Tool.run(Interop.validate, ["minisign", file, sig, key.publicKey.base64])
            #expect(inline.status == 0, "base64 key: \(inline.errors)")
        }
        // And minisign rejects what we reject: a changed file.
        let signature = try Minisign.sign(
            fileAt: file,
            fileSystem: LocalFileSystem(),
            secretKey: key,
            trustedComment: "t"
        )
        let sig = try directory.write(signature.text, to: "changed.minisig")
        let changed = try directory.write(Self.payload + [0], to: "changed.bin")
        #expect(try Tool.run(Interop.validate, ["minisign", changed, sig, pub]).status != 0)
    }

    @Test(
        "minisign signs with keys we wrote (encrypted and unencrypted), and we verify its signatures",
        .enabled(if: Interop.minisign != nil, "minisign not installed (apt-get install minisign)")
    )
    func minisignUsesOurKeys() throws {
        let minisign = try #require(Interop.minisign)
        let directory = try TemporaryDirectory()
        let file = try directory.write(Self.payload, to: "artifact.bin")
        let fileSystem = LocalFileSystem()
        for encrypted in [false, true] {
            let key = MinisignSecretKey.generate()
            let name = encrypted ? "enc" : "plain"
            let secretKey = try directory.write(
                try key.fileText(password: encrypted ? "pässword 1" : nil, parameters: .interactive),
                to: "\(name).key"
            )
            let sig = directory.path + "/\(name).minisig"
            for legacy in [false, true] {
                var arguments = ["-S", "-s", secretKey, "-m", file, "-x", sig, "-t", "made by minisign"]
                if !encrypted { arguments.insert("-W", at: 1) }
                if legacy { arguments.insert("-l", at: 1) }
                let result = try Tool.run(minisign, arguments, input: encrypted ? "pässword 1\n" : nil)
                try #require(result.status == 0, "minisign -S: \(result.output) \(result.errors)")
                let signature = try MinisignSignature(text: try fileSystem.readText(at: sig), path: sig)
                #expect(signature.algorithm == (legacy ? .legacy : .prehashed))
                let comment = try Minisign.verify(
                    signature,
                    fileAt: file,
                    fileSystem: fileSystem,
                    publicKey: key.publicKey
                )
                #expect(comment == "made by minisign")
            }
        }
    }

    @Test(
        "keys minisign generates (scrypt at its 1 GiB default) load here and sign what minisign verifies",
        .tags(.slow),
        .enabled(if: Interop.minisign != nil, "minisign not installed (apt-get install minisign)")
    )
    func minisignGeneratedKeys() throws {
        let minisign = try #require(Interop.minisign)
        let directory = try TemporaryDirectory()
        let pub = directory.path + "/m.pub"
        let sec = directory.path + "/m.key"
        let generated = try Tool.run(minisign, ["-G", "-p", pub, "-s", sec], input: "pw\npw\n")
        try #require(generated.status == 0, "minisign -G: \(generated.errors)")
        let fileSystem = LocalFileSystem()
        let key = try MinisignSecretKey.parse(fileText: try fileSystem.readText(at: sec), password: "pw")
        let publicKey = try MinisignPublicKey(fileText: try fileSystem.readText(at: pub))
        #expect(key.publicKey == publicKey)
        let file = try directory.write(Self.payload, to: "a.bin")
        let signature = try Minisign.sign(fileAt: file, fileSystem: fileSystem, secretKey: key, trustedComment: "ok")
        let sig = try directory.write(signature.text, to: "a.bin.minisig")
        let verified = try Tool.run(minisign, ["-V", "-H", "-p", pub, "-m", file, "-x", sig])
        #expect(verified.status == 0, "minisign -V: \(verified.errors)")
        #expect(verified.output.contains("Trusted comment: ok"))
    }
}

extension Tag {
    @Tag static var process: Self
    @Tag static var slow: Self
}
