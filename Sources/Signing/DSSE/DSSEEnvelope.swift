public import SlipwayCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A DSSE v1 envelope: a typed payload and one or more signatures over its pre-authentication encoding.
public struct DSSEEnvelope: Sendable, Hashable {
    /// One signature with the `keyid` hint its signer announced.
    public struct Signature: Sendable, Hashable {
        /// The `keyid` field ("" when absent).
        public var keyID: String
        /// The decoded signature bytes.
        public var bytes: [UInt8]

        /// Creates a signature entry.
        public init(keyID: String, bytes: [UInt8]) {
            self.keyID = keyID
            self.bytes = bytes
        }
    }

    /// The media type of the payload (`application/vnd.in-toto+json` for in-toto statements).
    public var payloadType: String
    /// The payload bytes exactly as signed.
    public var payload: [UInt8]
    /// The signatures, in envelope order.
    public var signatures: [Signature]

    /// Creates an envelope from its parts.
    public init(payloadType: String, payload: [UInt8], signatures: [Signature]) {
        self.payloadType = payloadType
        self.payload = payload
        self.signatures = signatures
    }

    /// Signs `payload` with every signer, in order, into one envelope.
    ///
    /// - Throws: `DSSEError.signingFailed` when a signer fails.
    public static func signing(
        payload: [UInt8],
        payloadType: String,
        signers: [any DSSESigner]
    ) throws(DSSEError) -> DSSEEnvelope {
        let message = DSSE.preAuthenticationEncoding(payloadType: payloadType, payload: payload)
        var signatures: [Signature] = []
        for signer in signers {
            do {
                signatures.append(Signature(keyID: signer.keyID, bytes: try signer.signature(for: message)))
            } catch {
                throw .signingFailed(keyID: signer.keyID, reason: "\(error)")
            }
        }
        return DSSEEnvelope(payloadType: payloadType, payload: payload, signatures: signatures)
    }

    /// The envelope as one line of compact JSON with sorted keys (no trailing newline), as `.intoto.jsonl` holds.
    public func jsonLine() throws(CanonicalJSONError) -> String {
        let signatureObjects = signatures.map { signature in
            JSONValue.object([
                "keyid": .string(signature.keyID),
                "sig": .string(Data(signature.bytes).base64EncodedString()),
            ])
        }
        return try CanonicalJSON.string(
            .object([
                "payload": .string(Data(payload).base64EncodedString()),
                "payloadType": .string(payloadType),
                "signatures": .array(signatureObjects),
            ])
        )
    }

    /// Reads an envelope from JSON text (compact or pretty).
    ///
    /// - Throws: `DSSEError` naming the missing or malformed field.
    public static func parse(_ text: some StringProtocol) throws(DSSEError) -> DSSEEnvelope {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        } catch {
            throw .notJSON(detail: Self.decodingSummary(error))
        }
        guard case .object(let fields) = value else { throw .notAnObject }
        let payloadType = try stringField("payloadType", in: fields)
        let payloadText = try stringField("payload", in: fields)
        guard let payload = DSSEBase64.decode(payloadText) else { throw .invalidBase64(field: "payload") }
        guard let signaturesValue = fields["signatures"] else { throw .missingField("signatures") }
        guard case .array(let entries) = signaturesValue else {
            throw .wrongType(field: "signatures", expected: "an array")
        }
        guard !entries.isEmpty else { throw .noSignatures }
        var signatures: [Signature] = []
        for (index, entry) in entries.enumerated() {
            let name = "signatures[\(index)]"
            guard case .object(let members) = entry else { throw .wrongType(field: name, expected: "an object") }
            let sigText = try stringField("sig", in: members, prefix: name + ".")
            guard let bytes = DSSEBase64.decode(sigText) else { throw .invalidBase64(field: name + ".sig") }
            var keyID = ""
            if let keyValue = members["keyid"] {
                guard case .string(let text) = keyValue else {
                    throw .wrongType(field: name + ".keyid", expected: "a string")
                }
                keyID = text
            }
            signatures.append(Signature(keyID: keyID, bytes: bytes))
        }
        return DSSEEnvelope(payloadType: payloadType, payload: payload, signatures: signatures)
    }

    private static func stringField(
        _ name: String,
        in fields: [String: JSONValue],
        prefix: String = ""
    ) throws(DSSEError) -> String {
        guard let value = fields[name] else { throw .missingField(prefix + name) }
        guard case .string(let text) = value else { throw .wrongType(field: prefix + name, expected: "a string") }
        return text
    }

    private static func decodingSummary(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            if let underlying = context.underlyingError { return "\(underlying)" }
            return context.debugDescription
        }
        return "\(error)"
    }
}

/// The outcome of checking an envelope's signatures against trusted keys.
public struct DSSESignatureCheck: Sendable, Equatable {
    /// Descriptions of the trusted keys that made at least one valid signature.
    public var verifiedBy: [String]
    /// Why each signature that did not verify was refused ("signature 1 (keyid …): …").
    public var refusals: [String]

    /// Whether at least one signature verified with a trusted key.
    public var isVerified: Bool { !verifiedBy.isEmpty }
}

extension DSSEEnvelope {
    /// Checks every signature against every trusted key.
    ///
    /// A key with an intrinsic id (a minisign key id, a P-256 SPKI hash) only accepts signatures whose non-empty
    /// `keyid` is that id, so a signature relabelled with another key's id is refused; keys without one treat the
    /// `keyid` as the unauthenticated hint DSSE defines.
    public func checkSignatures(with verifiers: [any DSSEVerifier]) -> DSSESignatureCheck {
        let message = DSSE.preAuthenticationEncoding(payloadType: payloadType, payload: payload)
        var verifiedBy: [String] = []
        var refusals: [String] = []
        for (index, signature) in signatures.enumerated() {
            let label =
                "signature \(index + 1)" + (signature.keyID.isEmpty ? "" : " (keyid \(signature.keyID))")
            var matched = false
            var keyIDMismatches: [String] = []
            for verifier in verifiers {
                guard verifier.isValidSignature(signature.bytes, for: message) else { continue }
                if let expected = verifier.keyID, !signature.keyID.isEmpty,
                    expected.lowercased() != signature.keyID.lowercased()
                {
                    keyIDMismatches.append("\(verifier.keyDescription) made it, but its keyid is \(expected)")
                    continue
                }
                matched = true
                if !verifiedBy.contains(verifier.keyDescription) { verifiedBy.append(verifier.keyDescription) }
            }
            if matched { continue }
            if keyIDMismatches.isEmpty {
                refusals.append("\(label): does not verify with any given key")
            } else {
                refusals.append("\(label): keyid does not match the key: " + keyIDMismatches.joined(separator: "; "))
            }
        }
        return DSSESignatureCheck(verifiedBy: verifiedBy, refusals: refusals)
    }
}

/// Base64 as DSSE allows it: standard or URL-safe alphabet, padding optional.
package enum DSSEBase64 {
    /// The decoded bytes, or `nil` when `text` is not base64.
    package static func decode(_ text: String) -> [UInt8]? {
        var normalized = String(
            text.map { character -> Character in
                switch character {
                case "-": "+"
                case "_": "/"
                default: character
                }
            }
        )
        guard !normalized.contains("=") || normalized.count % 4 == 0 else { return nil }
        while normalized.count % 4 != 0 { normalized += "=" }
        guard let data = Data(base64Encoded: normalized) else { return nil }
        return Array(data)
    }
}
