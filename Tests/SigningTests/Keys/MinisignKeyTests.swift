import Crypto
import Signing
import SlipwayCore
import SlipwayTestSupport
import Testing

@Suite struct MinisignKeyTests {
    static let examplePublicKey = """
        untrusted comment: minisign public key B3FEA945BA34992A
        RWQqmTS6Ran+s87QBte35WnVHxM1+pxq0zDUqYHpFOetXTUwAd+VmS+p

        """

    @Test("reads minisign's public key file and prints its key id as minisign does")
    func readsPublicKeyFile() throws {
        let key = try MinisignPublicKey(fileText: Self.examplePublicKey)
        #expect(key.keyIDHex == "B3FEA945BA34992A")
        #expect(key.keyID == [0x2A, 0x99, 0x34, 0xBA, 0x45, 0xA9, 0xFE, 0xB3])
        #expect(key.base64 == "RWQqmTS6Ran+s87QBte35WnVHxM1+pxq0zDUqYHpFOetXTUwAd+VmS+p")
        #expect(key.fileText == Self.examplePublicKey)
        #expect(try MinisignPublicKey(base64: key.base64) == key)
    }

    @Test(
        "rejects malformed public keys with the reason",
        arguments: [
            ("", "empty"),
            ("RWQqmTS6Ran+s87QBte35WnVHxM1+pxq0zDUqYHpFOetXTUwAd+VmS+p\n", "must start with"),
            ("untrusted comment: x\n", "line is missing"),
            ("untrusted comment: x\n!!!\n", "not valid base64"),
            ("untrusted comment: x\nRWQqmTS6Ran+sw==\n", "is 10 bytes"),
            ("untrusted comment: x\nUkQqmTS6Ran+s87QBte35WnVHxM1+pxq0zDUqYHpFOetXTUwAd+VmS+p\n", "'RD'"),
        ]
    )
    func rejectsMalformedPublicKeys(text: String, reason: String) {
        #expect {
            _ = try MinisignPublicKey(fileText: text, source: "k.pub")
        } throws: { error in
            "\(error)".contains(reason) && "\(error)".hasPrefix("k.pub")
        }
    }

    @Test("an encrypted secret key round-trips, and the wrong password is named as such")
    func encryptedRoundTrip() throws {
        let key = MinisignSecretKey.generate()
        let text = try key.fileText(password: "correct horse", parameters: .interactive)
        #expect(text.hasPrefix("untrusted comment: minisign encrypted secret key\n"))
        #expect(MinisignSecretKey.isEncrypted(fileText: text) == true)
        let loaded = try MinisignSecretKey.parse(fileText: text, password: "correct horse")
        #expect(loaded.keyID == key.keyID)
        #expect(loaded.signingKey.rawRepresentation == key.signingKey.rawRepresentation)
        #expect(throws: SigningError.wrongPassword(source: "sk")) {
            _ = try MinisignSecretKey.parse(fileText: text, password: "wrong", source: "sk")
        }
        #expect(throws: SigningError.passwordRequired(source: "sk")) {
            _ = try MinisignSecretKey.parse(fileText: text, password: nil, source: "sk")
        }
    }

    @Test("an unencrypted secret key has KDF 0x0000 and loads without a password")
    func unencryptedRoundTrip() throws {
        let key = MinisignSecretKey.generate()
        let text = try key.fileText(password: nil, comment: "ci key")
        #expect(text.hasPrefix("untrusted comment: ci key\n"))
        #expect(MinisignSecretKey.isEncrypted(fileText: text) == false)
        let loaded = try MinisignSecretKey.parse(fileText: text, password: "ignored")
        #expect(loaded.publicKey == key.publicKey)
    }

    @Test("libsodium's opslimit/memlimit map to scrypt N, r, p as minisign's do")
    func scryptCosts() {
        #expect(ScryptParameters.minisignDefault.costs == (20, 8, 1))
        #expect(ScryptParameters.interactive.costs == (14, 8, 1))
        // opslimit below memlimit / 32 takes the other branch.
        #expect(ScryptParameters(opsLimit: 1 << 20, memLimit: 1 << 30).costs == (15, 8, 1))
    }

    @Test("a secret key whose body was altered is rejected, never half-loaded")
    func alteredSecretKey() throws {
        let key = MinisignSecretKey.generate()
        let text = try key.fileText(password: nil)
        var lines = text.split(separator: "\n").map(String.init)
        var bytes = Array(lines[1].utf8)
        bytes[100] = bytes[100] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        lines[1] = String(decoding: bytes, as: UTF8.self)
        #expect(throws: SigningError.self) {
            _ = try MinisignSecretKey.parse(fileText: lines.joined(separator: "\n"), password: nil)
        }
    }

    @Test("SLIPWAY_SECRET_KEY is used when --secret-key is absent; neither is an error that says what to set")
    func keySourceResolution() throws {
        let key = MinisignSecretKey.generate()
        let text = try key.fileText(password: "pw", parameters: .interactive)
        let environment = ["SLIPWAY_SECRET_KEY": text, "SLIPWAY_KEY_PASSWORD": "pw"]
        let source = try SigningKeySource.resolve(secretKeyPath: nil, environment: environment)
        #expect(source == .environment(variable: "SLIPWAY_SECRET_KEY"))
        let password = try SigningPassword.resolve(
            passwordFile: nil,
            environment: environment,
            fileSystem: InMemoryFileSystem(),
            prompt: nil
        )
        let loaded = try source.load(fileSystem: InMemoryFileSystem(), environment: environment) { password }
        #expect(loaded.publicKey == key.publicKey)
        #expect(throws: SigningError.noSecretKey) {
            _ = try SigningKeySource.resolve(secretKeyPath: nil, environment: [:])
        }
        #expect(SigningError.noSecretKey.description.contains("SLIPWAY_SECRET_KEY"))
    }

    @Test("errors never contain the secret key text or the password")
    func errorsDoNotLeakSecrets() throws {
        let key = MinisignSecretKey.generate()
        let text = try key.fileText(password: "hunter2-secret", parameters: .interactive)
        let secretLine = String(text.split(separator: "\n")[1])
        do {
            _ = try MinisignSecretKey.parse(fileText: text, password: "bad-guess", source: "$SLIPWAY_SECRET_KEY")
            Issue.record("a wrong password was accepted")
        } catch {
            let message = "\(error)"
            #expect(message.contains("$SLIPWAY_SECRET_KEY"))
            #expect(!message.contains(secretLine))
            #expect(!message.contains("hunter2"))
            #expect(!message.contains("bad-guess"))
        }
    }
}
