/// Constants and the pre-authentication encoding of DSSE v1 (Dead Simple Signing Envelope).
///
/// A DSSE signature never covers the payload alone: it covers `PAE(payloadType, payload)`, so a signature over one
/// payload type cannot be replayed as another.
public enum DSSE {
    /// The payload type of in-toto statements.
    public static let inTotoPayloadType = "application/vnd.in-toto+json"

    /// `DSSEv1 <len(type)> <type> <len(body)> <body>`: lengths are the byte counts as ASCII decimal, and the five
    /// parts are joined by single spaces (DSSE protocol v1).
    public static func preAuthenticationEncoding(payloadType: String, payload: [UInt8]) -> [UInt8] {
        let type = Array(payloadType.utf8)
        var message = Array("DSSEv1 \(type.count) ".utf8)
        message.reserveCapacity(message.count + type.count + payload.count + 24)
        message += type
        message += Array(" \(payload.count) ".utf8)
        message += payload
        return message
    }
}
