import Foundation
import Signing
import SlipwayCore
import SlipwayTestSupport
import Testing

@Suite struct DSSEEnvelopeTests {
    /// A fixed Ed25519 seed so signatures are reproducible.
    static let seed: [UInt8] = Array(0..<32)

    static func signer(keyID: String = "E0B1C2D3A4F50617") throws -> Ed25519DSSESigner {
        try Ed25519DSSESigner(rawPrivateKey: seed, keyID: keyID)
    }

    @Test("PAE is the DSSE v1 known answer: lengths in ASCII decimal, single spaces")
    func preAuthenticationEncodingKnownAnswer() {
        let encoded = DSSE.preAuthenticationEncoding(
            payloadType: "http://example.com/HelloWorld",
            payload: Array("hello world".utf8)
        )
        #expect(String(decoding: encoded, as: UTF8.self) == "DSSEv1 29 http://example.com/HelloWorld 11 hello world")
        #expect(
            String(decoding: DSSE.preAuthenticationEncoding(payloadType: "", payload: []), as: UTF8.self)
                == "DSSEv1 0  0 "
        )
    }

    @Test("PAE lengths count bytes, not characters")
    func preAuthenticationEncodingCountsBytes() {
        let encoded = DSSE.preAuthenticationEncoding(payloadType: "t/é", payload: [0xff, 0x00, 0x20])
        #expect(encoded == Array("DSSEv1 4 t/é 3 ".utf8) + [0xff, 0x00, 0x20])
    }

    @Test("an Ed25519 envelope is one compact sorted-key line, byte-stable, and parses back to itself")
    func ed25519EnvelopeRoundTrip() throws {
        let payload = Array(#"{"a":1}"#.utf8)
        let first = try DSSEEnvelope.signing(
            payload: payload,
            payloadType: DSSE.inTotoPayloadType,
            signers: [Self.signer()]
        )
        let second = try DSSEEnvelope.signing(
            payload: payload,
            payloadType: DSSE.inTotoPayloadType,
            signers: [Self.signer()]
        )
        let line = try first.jsonLine()
        #expect(try line == second.jsonLine())
        #expect(!line.contains("\n") && !line.contains(" "))
        #expect(
            line.hasPrefix(
                #"{"payload":"eyJhIjoxfQ==","payloadType":"application/vnd.in-toto+json","signatures":[{"keyid":"E0B1C2D3A4F50617","sig":""#
            )
        )
        let parsed = try DSSEEnvelope.parse(line)
        #expect(parsed == first)
        #expect(parsed.signatures[0].bytes.count == 64)
        let check = parsed.checkSignatures(with: [try Self.signer().verifier])
        #expect(check.isVerified)
        #expect(check.refusals.isEmpty)
    }

    @Test("Ed25519 and ECDSA P-256 (DER) signatures sit in one envelope; each key verifies its own")
    func multipleSignatures() throws {
        let ecdsa = P256DSSESigner.generate()
        let envelope = try DSSEEnvelope.signing(
            payload: Array("body".utf8),
            payloadType: "text/plain",
            signers: [Self.signer(), ecdsa]
        )
        #expect(envelope.signatures.count == 2)
        #expect(envelope.signatures[1].bytes.first == 0x30, "ECDSA signatures are DER SEQUENCEs")
        #expect(envelope.signatures[1].keyID.count == 64)
        let byECDSA = envelope.checkSignatures(with: [ecdsa.verifier])
        #expect(byECDSA.verifiedBy == [ecdsa.verifier.keyDescription])
        #expect(byECDSA.refusals.count == 1)
        let byBoth = envelope.checkSignatures(with: [try Self.signer().verifier, ecdsa.verifier])
        #expect(byBoth.verifiedBy.count == 2 && byBoth.refusals.isEmpty)
        // The PEM public key loads back to a verifier with the same key id.
        let loaded = try DSSEKeyLoader.verifier(fileText: ecdsa.publicKeyPEM, path: "ecdsa.pub.pem")
        #expect(loaded.keyID == ecdsa.keyID)
        #expect(envelope.checkSignatures(with: [loaded]).isVerified)
    }

    @Test("a signature relabelled with another keyid is refused by a key that has an id")
    func keyIDIsBound() throws {
        var envelope = try DSSEEnvelope.signing(payload: [1, 2, 3], payloadType: "x", signers: [Self.signer()])
        envelope.signatures[0].keyID = "0000000000000000"
        let check = envelope.checkSignatures(with: [try Self.signer().verifier])
        #expect(!check.isVerified)
        #expect(check.refusals.first?.contains("keyid does not match") == true)
        // A bare Ed25519 key (no intrinsic id) treats the keyid as a hint.
        let bare = try Ed25519DSSEVerifier(rawPublicKey: try Self.signer().publicKeyBytes, keyID: nil)
        #expect(envelope.checkSignatures(with: [bare]).isVerified)
    }

    @Test("parse accepts URL-safe and unpadded base64 and reports missing or malformed fields")
    func parseErrors() throws {
        let envelope = try DSSEEnvelope.parse(#"{"payload":"-_8","payloadType":"t","signatures":[{"sig":"AA"}]}"#)
        #expect(envelope.payload == [0xfb, 0xff])
        #expect(envelope.signatures == [DSSEEnvelope.Signature(keyID: "", bytes: [0])])
        #expect(throws: DSSEError.missingField("payload")) {
            try DSSEEnvelope.parse(#"{"payloadType":"t","signatures":[]}"#)
        }
        #expect(throws: DSSEError.noSignatures) {
            try DSSEEnvelope.parse(#"{"payload":"","payloadType":"t","signatures":[]}"#)
        }
        #expect(throws: DSSEError.invalidBase64(field: "signatures[0].sig")) {
            try DSSEEnvelope.parse(#"{"payload":"","payloadType":"t","signatures":[{"sig":"!!"}]}"#)
        }
        #expect(throws: DSSEError.wrongType(field: "payloadType", expected: "a string")) {
            try DSSEEnvelope.parse(#"{"payload":"","payloadType":1,"signatures":[{"sig":""}]}"#)
        }
        #expect(throws: DSSEError.notAnObject) { try DSSEEnvelope.parse("[]") }
        do {
            _ = try DSSEEnvelope.parse(#"{"payload":"abc","payloadT"#)
            Issue.record("a truncated envelope parsed")
        } catch {
            guard case .notJSON = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect("\(error)".contains("truncated"))
        }
    }

    @Test("canonical JSON sorts keys by UTF-8 bytes, escapes only what JSON requires, writes integers plainly")
    func canonicalJSON() throws {
        let value = JSONValue.object([
            "b": .array([.number(1), .number(-2.5), .bool(true), .null]),
            "_a": .string("q\"\\\n\u{01}/é"),
            "B": .object([:]),
        ])
        #expect(try CanonicalJSON.string(value) == #"{"B":{},"_a":"q\"\\\n\u0001/é","b":[1,-2.5,true,null]}"#)
    }

    @Test("key files: the example Ed25519 PEM and hex load the same key; private keys and junk are refused")
    func keyLoading() throws {
        let pem = """
            -----BEGIN PUBLIC KEY-----
            MCowBQYDK2VwAyEA3ej6a59r/HkRLEIdk9D5aTv9uERQp+GOC+RY2LE5kX4=
            -----END PUBLIC KEY-----
            """
        let fromPEM = try DSSEKeyLoader.verifier(fileText: pem, path: "k.pem")
        let fromHex = try DSSEKeyLoader.verifier(
            fileText: "dde8fa6b9f6bfc79112c421d93d0f9693bfdb84450a7e18e0be458d8b139917e\n",
            path: "k.hex"
        )
        #expect(fromPEM.keyID == nil && fromHex.keyID == nil)
        #expect(fromPEM.keyDescription == fromHex.keyDescription)
        let privatePEM = P256DSSESigner.generate().privateKeyPEM
        do {
            _ = try DSSEKeyLoader.verifier(fileText: privatePEM, path: "secret.pem")
            Issue.record("a private key was accepted as a public key")
        } catch {
            #expect("\(error)".contains("secret.pem") && "\(error)".contains("PRIVATE KEY"))
            let body = privatePEM.split(separator: "\n")[1]
            #expect(!"\(error)".contains(body), "the error must not quote key material")
        }
        #expect(throws: ProvenanceError.self) { try DSSEKeyLoader.verifier(fileText: "hello", path: "x") }
        #expect(throws: ProvenanceError.self) { try DSSEKeyLoader.ecdsaSigner(pemText: pem, path: "x") }
        let signer = try DSSEKeyLoader.ecdsaSigner(pemText: privatePEM, path: "secret.pem")
        #expect(signer.publicKeyPEM.contains("BEGIN PUBLIC KEY"))
    }

    @Test("a minisign public key file loads with its key id as minisign prints it")
    func minisignPublicKey() throws {
        let signer = try Self.signer(keyID: "1122334455667788")
        // "Ed" + key id little-endian + public key.
        let keyIDBytes: [UInt8] = [0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11]
        let line = Data(Array("Ed".utf8) + keyIDBytes + signer.publicKeyBytes).base64EncodedString()
        let verifier = try DSSEKeyLoader.verifier(
            fileText: "untrusted comment: minisign public key 1122334455667788\n\(line)\n",
            path: "k.pub"
        )
        #expect(verifier.keyID == "1122334455667788")
        let envelope = try DSSEEnvelope.signing(payload: [1], payloadType: "t", signers: [signer])
        #expect(envelope.checkSignatures(with: [verifier]).isVerified)
    }
}
