public import SlipwayCore

/// A strict RFC 8259 / I-JSON reader for event input: duplicate member names, lone surrogates and integers beyond
/// ±2^53 are errors (they would not survive canonicalisation unchanged), and every error has a line and column.
public struct JSONParser {
    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0

    /// The deepest nesting accepted; deeper input is refused rather than risking the stack.
    static let maximumDepth = 128

    /// Creates a parser over UTF-8 `bytes`.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Parses exactly one JSON value (surrounding whitespace allowed).
    ///
    /// - Throws: `CanonicalJSONError.syntax` at the first problem.
    public static func parse(_ bytes: [UInt8]) throws(CanonicalJSONError) -> JSONValue {
        var parser = JSONParser(bytes: bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    /// Parses a sequence of JSON values separated by whitespace (JSON Lines, or one value).
    ///
    /// - Throws: `CanonicalJSONError.syntax` at the first problem.
    public static func parseSequence(_ bytes: [UInt8]) throws(CanonicalJSONError) -> [JSONValue] {
        var parser = JSONParser(bytes: bytes)
        var values: [JSONValue] = []
        parser.skipWhitespace()
        while parser.position < bytes.count {
            values.append(try parser.parseValue())
            parser.skipWhitespace()
        }
        return values
    }

    private func error(_ message: String) -> CanonicalJSONError {
        var line = 1
        var column = 1
        var index = 0
        while index < min(position, bytes.count) {
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if bytes[index] & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return .syntax(line: line, column: column, message: message)
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private mutating func parseValue() throws(CanonicalJSONError) -> JSONValue {
        guard position < bytes.count else { throw error("unexpected end of input; expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
        case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
        case UInt8(ascii: "n"): return try parseLiteral("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("unexpected character; expected a value")
        }
    }

    private mutating func parseLiteral(_ word: String, _ value: JSONValue) throws(CanonicalJSONError) -> JSONValue {
        let expected = Array(word.utf8)
        guard position + expected.count <= bytes.count, Array(bytes[position..<position + expected.count]) == expected
        else { throw error("unexpected character; expected a value") }
        position += expected.count
        return value
    }

    private mutating func enter() throws(CanonicalJSONError) {
        depth += 1
        if depth > Self.maximumDepth { throw error("nesting deeper than \(Self.maximumDepth) levels") }
    }

    private mutating func parseObject() throws(CanonicalJSONError) -> JSONValue {
        try enter()
        position += 1
        var members: [String: JSONValue] = [:]
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw error("expected a member name in double quotes")
            }
            let nameStart = position
            let name = try parseString()
            if members[name] != nil {
                position = nameStart
                throw error("duplicate member name '\(name)'")
            }
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw error("expected ':' after a member name")
            }
            position += 1
            skipWhitespace()
            members[name] = try parseValue()
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of input inside an object") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard bytes[position] == UInt8(ascii: "}") else { throw error("expected ',' or '}'") }
            position += 1
            depth -= 1
            return .object(members)
        }
    }

    private mutating func parseArray() throws(CanonicalJSONError) -> JSONValue {
        try enter()
        position += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue())
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of input inside an array") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
                continue
            }
            guard bytes[position] == UInt8(ascii: "]") else { throw error("expected ',' or ']'") }
            position += 1
            depth -= 1
            return .array(items)
        }
    }

    private mutating func parseHex4() throws(CanonicalJSONError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("incomplete \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid hexadecimal digit in a \\u escape")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private mutating func parseString() throws(CanonicalJSONError) -> String {
        position += 1
        var scalars: [UInt8] = []
        var runStart = position
        while true {
            guard position < bytes.count else { throw error("unterminated string") }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                scalars.append(contentsOf: bytes[runStart..<position])
                position += 1
                break
            }
            if byte < 0x20 { throw error("control character in a string; escape it") }
            if byte != UInt8(ascii: "\\") {
                position += 1
                continue
            }
            scalars.append(contentsOf: bytes[runStart..<position])
            position += 1
            guard position < bytes.count else { throw error("unterminated escape") }
            let escape = bytes[position]
            position += 1
            switch escape {
            case UInt8(ascii: "\""): scalars.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): scalars.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "/"): scalars.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): scalars.append(0x08)
            case UInt8(ascii: "f"): scalars.append(0x0C)
            case UInt8(ascii: "n"): scalars.append(0x0A)
            case UInt8(ascii: "r"): scalars.append(0x0D)
            case UInt8(ascii: "t"): scalars.append(0x09)
            case UInt8(ascii: "u"):
                var code = try parseHex4()
                if (0xD800...0xDBFF).contains(code) {
                    guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                        bytes[position + 1] == UInt8(ascii: "u")
                    else { throw error("lone surrogate in a \\u escape") }
                    position += 2
                    let low = try parseHex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw error("lone surrogate in a \\u escape") }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(code) {
                    throw error("lone surrogate in a \\u escape")
                }
                guard let scalar = Unicode.Scalar(code) else { throw error("invalid \\u escape") }
                scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                throw error("invalid escape '\\\(Character(Unicode.Scalar(escape)))'")
            }
            runStart = position
        }
        guard let text = String(validating: scalars, as: UTF8.self) else { throw error("string is not valid UTF-8") }
        return text
    }

    private mutating func parseNumber() throws(CanonicalJSONError) -> JSONValue {
        let start = position
        func isDigit(_ index: Int) -> Bool {
            index < bytes.count && bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9")
        }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard isDigit(position) else { throw error("invalid number") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
            if isDigit(position) { throw error("invalid number: leading zero") }
        } else {
            while isDigit(position) { position += 1 }
        }
        var isInteger = true
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard isDigit(position) else { throw error("invalid number: digits expected after '.'") }
            while isDigit(position) { position += 1 }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            guard isDigit(position) else { throw error("invalid number: digits expected in the exponent") }
            while isDigit(position) { position += 1 }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            position = start
            throw error("number out of range")
        }
        if isInteger, abs(value) >= 9_007_199_254_740_992, !(abs(value) < 9e18 && "\(Int64(value))" == text) {
            position = start
            throw error("integer beyond ±2^53 cannot be represented exactly; write it as a string")
        }
        return .number(value)
    }
}
