import Crypto
import Foundation
import Ledger
import Testing

/// Signed notes and checkpoints.
///
/// The known answers are golang.org/x/mod/sumdb/note's own test keys and signature
/// (`note_test.go`: TestNewVerifier, TestSign, TestOpen).
@Suite struct CheckpointTests {
    static let peterSigner = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
    static let peterVerifier = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
    static let enochVerifier = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop"
    static let text =
        "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
    static let signed =
        text + "\n"
        + "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"

    @Test("the key hint is SHA-256(name || \\n || 0x01 || key)[0..4], as the note spec's keys say")
    func keyHint() throws {
        let verifier = try Ed25519CheckpointVerifier(noteVerifierKey: Self.peterVerifier)
        #expect(verifier.keyHint == 0xc74f_20a3)
        #expect(verifier.noteVerifierKey == Self.peterVerifier)
        let signer = try Ed25519CheckpointSigner(noteSignerKey: Self.peterSigner)
        #expect(signer.keyHint == 0xc74f_20a3)
        #expect(signer.verifier.noteVerifierKey == Self.peterVerifier)
    }

    @Test("the reference signed note verifies with the reference key")
    func referenceNoteVerifies() throws {
        let note = try SignedNote(parsing: Self.signed)
        #expect(note.text == Self.text)
        let verified = try note.verify(with: [try Ed25519CheckpointVerifier(noteVerifierKey: Self.peterVerifier)])
        #expect(verified.map(\.keyName) == ["PeterNeumann+c74f20a3"])
    }

    #if os(Linux)
        // BoringSSL's Ed25519 is the deterministic RFC 8032 scheme; CryptoKit on Apple platforms randomises.
        @Test("signing the reference text reproduces the reference note byte for byte")
        func referenceSignature() throws {
            let signer = try Ed25519CheckpointSigner(noteSignerKey: Self.peterSigner)
            #expect(try SignedNote.sign(text: Self.text, with: signer).serialized == Self.signed)
        }
    #endif

    @Test("a note signed by an unknown key is a clear error naming the key")
    func unknownKey() throws {
        let note = try SignedNote(parsing: Self.signed)
        #expect(throws: CheckpointError.unknownKey(signatures: ["PeterNeumann+c74f20a3"])) {
            try note.verify(with: [try Ed25519CheckpointVerifier(noteVerifierKey: Self.enochVerifier)])
        }
    }

    @Test("an altered text fails the signature check")
    func alteredText() throws {
        var note = try SignedNote(parsing: Self.signed)
        note.text = note.text.replacingOccurrences(of: "cryptography", with: "blockchain")
        #expect(throws: CheckpointError.invalidSignature(key: "PeterNeumann+c74f20a3")) {
            try note.verify(with: [try Ed25519CheckpointVerifier(noteVerifierKey: Self.peterVerifier)])
        }
    }

    @Test("mangled verifier keys are refused")
    func mangledKeys() {
        for bad in [
            "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
            "PeterNeumann+c74f20a3+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
            "PeterNeumann+c74f20a3",
        ] {
            #expect(throws: CheckpointError.self) { try Ed25519CheckpointVerifier(noteVerifierKey: bad) }
        }
    }

    @Test("a checkpoint round-trips through a signed note in the transparency-dev layout")
    func checkpointNote() throws {
        let key = Curve25519.Signing.PrivateKey()
        let signer = try Ed25519CheckpointSigner(name: "example.com/ledger", privateKey: key)
        let root = MerkleTreeTests.roots[8]
        let checkpoint = Checkpoint(origin: "example.com/ledger", size: 8, rootHash: root)
        #expect(checkpoint.body == "example.com/ledger\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n")
        let note = try SignedNote.sign(text: checkpoint.body, with: signer)
        let serialized = note.serialized
        #expect(serialized.hasPrefix(checkpoint.body + "\n— example.com/ledger "))
        let parsed = try SignedNote(parsing: serialized)
        try parsed.verify(with: [signer.verifier])
        #expect(try Checkpoint(body: parsed.text) == checkpoint)
    }

    @Test(
        "malformed checkpoint bodies are refused with the line",
        arguments: [
            "origin\n08\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n",
            "origin\n8\nnot-base64\n",
            "origin\n8\n",
            "\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n",
            "origin\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=",
        ]
    )
    func malformedBodies(body: String) {
        #expect(throws: CheckpointError.self) { try Checkpoint(body: body) }
    }
}
