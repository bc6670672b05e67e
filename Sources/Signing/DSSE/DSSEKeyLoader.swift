import Crypto
import SlipwayCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Reads the public keys `verify-attestation --key` accepts and the PEM private key `attest --ecdsa-key` takes.
///
/// Error messages name the file and what was expected; they never quote key material.
public enum DSSEKeyLoader {
    /// DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): SEQUENCE { SEQUENCE { OID 1.3.101.112 },
    /// BIT STRING (33 bytes, 0 unused bits) }.
    private static let ed25519SubjectPublicKeyInfoPrefix: [UInt8] = [
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
    ]

    /// A verifier for a minisign public key file, a PEM public key (Ed25519 or P-256), or 64 hex digits of a raw
    /// Ed25519 key.
    ///
    /// Minisign keys carry their key id, which signatures must then name; PEM and hex Ed25519 keys treat the
    /// envelope's `keyid` as a hint.
    ///
    /// - Throws: `SigningError` for a malformed minisign key, `ProvenanceError.invalidKey` when the text is none of
    ///   these.
    public static func verifier(fileText: String, path: String) throws -> any DSSEVerifier {
        let text = fileText.trimmingWhitespace()
        if text.contains("-----BEGIN") {
            guard let (label, der) = pemBlock(text) else {
                throw ProvenanceError.invalidKey(
                    path: path,
                    reason: "the PEM block is malformed; expected a PUBLIC KEY"
                )
            }
            guard label == "PUBLIC KEY" else {
                throw ProvenanceError.invalidKey(
                    path: path,
                    reason: "holds a PEM '\(label)', not a PUBLIC KEY; give the public key (never share private keys)"
                )
            }
            if der.count == 44, Array(der.prefix(12)) == ed25519SubjectPublicKeyInfoPrefix,
                let key = try? Curve25519.Signing.PublicKey(rawRepresentation: der.suffix(32))
            {
                return Ed25519DSSEVerifier(publicKey: key, keyID: nil)
            }
            if let key = try? P256.Signing.PublicKey(derRepresentation: der) {
                return P256DSSEVerifier(publicKey: key)
            }
            throw ProvenanceError.invalidKey(
                path: path,
                reason: "the PEM public key is neither Ed25519 nor ECDSA P-256"
            )
        }
        if text.count == 64, let raw = DSSEHex.bytes(text),
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
        {
            return Ed25519DSSEVerifier(publicKey: key, keyID: nil)
        }
        if text.hasPrefix("untrusted comment:") || (!text.contains("\n") && text.hasPrefix("RWQ")) {
            // "RWQ" is how the base64 of every minisign Ed25519 public key ("Ed" + id + key) begins.
            let minisign =
                text.contains("\n")
                ? try MinisignPublicKey(fileText: text, source: path) : try MinisignPublicKey(base64: text)
            return Ed25519DSSEVerifier(
                publicKey: minisign.publicKey,
                keyID: minisign.keyIDHex,
                keyDescription: "minisign key \(minisign.keyIDHex)"
            )
        }
        throw ProvenanceError.invalidKey(
            path: path,
            reason:
                "not a public key; expected a minisign .pub file, a PEM PUBLIC KEY (Ed25519 or P-256) or 64 hex digits"
        )
    }

    /// A P-256 signer from a PEM private key (`EC PRIVATE KEY` or PKCS#8 `PRIVATE KEY`).
    ///
    /// - Throws: `ProvenanceError.invalidKey` when the PEM is not a P-256 private key.
    public static func ecdsaSigner(pemText: String, path: String) throws(ProvenanceError) -> P256DSSESigner {
        guard let key = try? P256.Signing.PrivateKey(pemRepresentation: pemText.trimmingWhitespace()) else {
            throw .invalidKey(
                path: path,
                reason: "not an ECDSA P-256 private key in PEM ('EC PRIVATE KEY' or 'PRIVATE KEY'); "
                    + "make one with: openssl ecparam -name prime256v1 -genkey -noout -out key.pem"
            )
        }
        return P256DSSESigner(privateKey: key)
    }

    /// The label and DER bytes of the first PEM block.
    private static func pemBlock(_ text: String) -> (String, [UInt8])? {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }
        guard let begin = lines.firstIndex(where: { $0.hasPrefix("-----BEGIN ") && $0.hasSuffix("-----") }) else {
            return nil
        }
        let label = String(lines[begin].dropFirst(11).dropLast(5))
        guard let end = lines[begin...].firstIndex(of: "-----END \(label)-----") else { return nil }
        let body = lines[(begin + 1)..<end].joined()
        guard let data = Data(base64Encoded: body) else { return nil }
        return (label, Array(data))
    }
}
