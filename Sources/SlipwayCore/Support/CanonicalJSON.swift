/// The canonical JSON encoding of everything Slipway hashes or signs (ledger entries, in-toto statements, DSSE
/// envelopes): RFC 8785 (JCS) rules, so one document always has one byte sequence and one hash.
///
/// Object members are sorted by the UTF-16 code units of their names; there is no whitespace; strings escape only
/// `"`, `\` and control characters (with the short forms `\b \t \n \f \r`, else `\u00xx` in lower case); numbers
/// are written the way ECMAScript's `Number.prototype.toString` writes them (shortest round-trip digits).
public enum CanonicalJSON {
    /// The canonical bytes of `value`.
    ///
    /// - Throws: `CanonicalJSONError.notFinite` for NaN or an infinity, which JSON cannot represent.
    public static func encode(_ value: JSONValue) throws(CanonicalJSONError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        try append(value, to: &output)
        return output
    }

    /// The canonical text of `value`.
    public static func string(_ value: JSONValue) throws(CanonicalJSONError) -> String {
        String(decoding: try encode(value), as: UTF8.self)
    }

    static func append(_ value: JSONValue, to output: inout [UInt8]) throws(CanonicalJSONError) {
        switch value {
        case .null: output.append(contentsOf: Array("null".utf8))
        case .bool(let flag): output.append(contentsOf: Array((flag ? "true" : "false").utf8))
        case .number(let number): output.append(contentsOf: Array(try format(number).utf8))
        case .string(let text): appendString(text, to: &output)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (position, item) in items.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                try append(item, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            let names = members.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
            for (position, name) in names.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                appendString(name, to: &output)
                output.append(UInt8(ascii: ":"))
                if let member = members[name] { try append(member, to: &output) }
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    static func appendString(_ text: String, to output: inout [UInt8]) {
        let hexDigits = Array("0123456789abcdef".utf8)
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0C: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0..<0x20:
                output.append(contentsOf: Array("\\u00".utf8))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0xF)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// ECMAScript `Number::toString` of a finite double (RFC 8785 §3.2.2.3).
    ///
    /// - Throws: `CanonicalJSONError.notFinite` for NaN or an infinity.
    public static func format(_ number: Double) throws(CanonicalJSONError) -> String {
        guard number.isFinite else { throw .notFinite }
        if number == 0 { return "0" }
        if number < 0 { return "-" + (try format(-number)) }
        // Swift's description is the shortest digit string that round-trips, like ECMAScript's; only the layout
        // (where the point goes, when to use an exponent) differs, so take the digits and exponent from it.
        let (digits, pointPosition) = shortestDigits(number)
        let count = digits.count
        let exponentPosition = pointPosition
        if count <= exponentPosition, exponentPosition <= 21 {
            return digits + String(repeating: "0", count: exponentPosition - count)
        }
        if 0 < exponentPosition, exponentPosition <= 21 {
            let split = digits.index(digits.startIndex, offsetBy: exponentPosition)
            return String(digits[..<split]) + "." + String(digits[split...])
        }
        if -6 < exponentPosition, exponentPosition <= 0 {
            return "0." + String(repeating: "0", count: -exponentPosition) + digits
        }
        let exponent = exponentPosition - 1
        let sign = exponent > 0 ? "+" : "-"
        let mantissa = count == 1 ? digits : String(digits.prefix(1)) + "." + String(digits.dropFirst())
        return mantissa + "e" + sign + String(abs(exponent))
    }

    /// The significant digits `s` (no leading or trailing zeros) and the position `n` of the decimal point, so
    /// that `number == 0.s × 10^n`.
    static func shortestDigits(_ number: Double) -> (digits: String, pointPosition: Int) {
        let text = "\(number)"
        var mantissa = Substring(text)
        var exponent = 0
        if let marker = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<marker]
            exponent = Int(text[text.index(after: marker)...]) ?? 0
        }
        var integerPart = Substring(mantissa)
        var fractionPart: Substring = ""
        if let point = mantissa.firstIndex(of: ".") {
            integerPart = mantissa[..<point]
            fractionPart = mantissa[mantissa.index(after: point)...]
        }
        var digits = String(integerPart) + String(fractionPart)
        var pointPosition = integerPart.count + exponent
        while digits.hasPrefix("0") {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.hasSuffix("0") { digits.removeLast() }
        return (digits, pointPosition)
    }
}

/// Why a value has no canonical JSON form, or JSON text could not be read.
public enum CanonicalJSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// NaN or an infinity.
    case notFinite
    /// The text is not JSON; `line` and `column` are 1-based.
    case syntax(line: Int, column: Int, message: String)

    public var description: String {
        switch self {
        case .notFinite:
            "a number is NaN or infinite, which JSON cannot represent; write it as a string"
        case .syntax(let line, let column, let message):
            "\(line):\(column): \(message)"
        }
    }
}
