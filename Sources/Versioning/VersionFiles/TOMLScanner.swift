import SlipwayCore

/// A line-aware TOML tokenizer that lists every key/value assignment with its full key path and value position.
///
/// It is not a TOML parser: it understands just enough (table headers, dotted and quoted keys,
/// the four string forms, arrays and inline tables spanning lines, comments) to know which table
/// a `version = …` line belongs to and never mistake a line inside a multi-line string or array
/// for a header. Bare values (numbers, booleans, dates) are skipped, not checked.
struct TOMLScanner {
    /// The shape of an assigned value.
    enum ValueKind: String, Sendable, Equatable {
        case string = "a string"
        case multilineString = "a multi-line string"
        case array = "an array"
        case inlineTable = "an inline table"
        case other = "a number, boolean or date"
    }

    /// One `key = value` line, in the table it belongs to.
    struct Assignment: Sendable, Equatable {
        /// The table path followed by the dotted key (`["tool", "poetry", "version"]`).
        var keyPath: [String]
        /// Offset of the key's first byte.
        var keyStart: Int
        /// The value's shape.
        var kind: ValueKind
        /// Offset of the value's first byte.
        var valueStart: Int
        /// For one-line strings, the bytes between the quotes.
        var contentRange: Range<Int>?
        /// For one-line strings, the decoded value.
        var string: String?
        /// For arrays, the string elements (decoded).
        var arrayStrings: [String] = []
        /// For inline tables, the first key of each entry.
        var inlineKeys: [String] = []
    }

    private let bytes: [UInt8]
    private let path: String
    private var index = 0
    private var assignments: [Assignment] = []

    private init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
    }

    /// Lists the assignments of the document, in order.
    ///
    /// - Throws: `VersionFileError.invalidSyntax` where the text cannot be TOML.
    static func scan(_ bytes: [UInt8], path: String) throws(VersionFileError) -> [Assignment] {
        var scanner = TOMLScanner(bytes: bytes, path: path)
        try scanner.scanDocument()
        return scanner.assignments
    }

    private mutating func scanDocument() throws(VersionFileError) {
        if VersionText.hasByteOrderMark(bytes) {
            index = 3
        }
        var table: [String] = []
        while true {
            skipSpaces()
            guard let byte = peek else { return }
            switch byte {
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                try scanLineEnd()
                continue
            case UInt8(ascii: "#"):
                skipComment()
                continue
            case UInt8(ascii: "["):
                table = try scanHeader()
            default:
                let keyStart = index
                let key = try scanKey()
                skipSpaces()
                guard peek == UInt8(ascii: "=") else {
                    throw error("expected '=' after the key, found \(found)")
                }
                index += 1
                skipSpaces()
                var assignment = try scanValue(depth: 0)
                assignment.keyPath = table + key
                assignment.keyStart = keyStart
                assignments.append(assignment)
            }
            skipSpaces()
            if peek == UInt8(ascii: "#") {
                skipComment()
            }
            if peek != nil {
                try scanLineEnd()
            }
        }
    }

    /// Scans `[a.b]` or `[[a.b]]`; array-of-tables paths get a `[]` component so that they match no target.
    private mutating func scanHeader() throws(VersionFileError) -> [String] {
        index += 1
        let isArray = peek == UInt8(ascii: "[")
        if isArray {
            index += 1
        }
        skipSpaces()
        let key = try scanKey()
        skipSpaces()
        for _ in 0..<(isArray ? 2 : 1) {
            guard peek == UInt8(ascii: "]") else {
                throw error("expected '\(isArray ? "]]" : "]")' to close the table header, found \(found)")
            }
            index += 1
        }
        return isArray ? key + ["[]"] : key
    }

    /// Scans a dotted key of bare and quoted parts.
    private mutating func scanKey() throws(VersionFileError) -> [String] {
        var parts: [String] = []
        while true {
            skipSpaces()
            switch peek {
            case UInt8(ascii: "\""):
                parts.append(try scanBasicString().value)
            case UInt8(ascii: "'"):
                parts.append(try scanLiteralString().value)
            default:
                let start = index
                while let byte = peek, Self.isBareKeyByte(byte) {
                    index += 1
                }
                if index == start {
                    throw error("expected a key, found \(found)")
                }
                parts.append(VersionText.string(bytes, start..<index))
            }
            skipSpaces()
            guard peek == UInt8(ascii: ".") else { return parts }
            index += 1
        }
    }

    /// Scans a value; `keyPath` and `keyStart` of the result are filled in by the caller.
    private mutating func scanValue(depth: Int) throws(VersionFileError) -> Assignment {
        guard depth < 64 else {
            throw error("arrays and inline tables nested more than 64 deep")
        }
        let start = index
        var assignment = Assignment(keyPath: [], keyStart: start, kind: .other, valueStart: start)
        switch peek {
        case UInt8(ascii: "\""):
            if startsWith("\"\"\"") {
                try scanMultilineString(delimiter: UInt8(ascii: "\""))
                assignment.kind = .multilineString
            } else {
                let (range, value) = try scanBasicString()
                assignment.kind = .string
                assignment.contentRange = range
                assignment.string = value
            }
        case UInt8(ascii: "'"):
            if startsWith("'''") {
                try scanMultilineString(delimiter: UInt8(ascii: "'"))
                assignment.kind = .multilineString
            } else {
                let (range, value) = try scanLiteralString()
                assignment.kind = .string
                assignment.contentRange = range
                assignment.string = value
            }
        case UInt8(ascii: "["):
            assignment.kind = .array
            assignment.arrayStrings = try scanArray(depth: depth)
        case UInt8(ascii: "{"):
            assignment.kind = .inlineTable
            assignment.inlineKeys = try scanInlineTable(depth: depth)
        default:
            try scanBareValue()
        }
        return assignment
    }

    private mutating func scanArray(depth: Int) throws(VersionFileError) -> [String] {
        index += 1
        var strings: [String] = []
        while true {
            try skipSpacesCommentsAndLineEnds()
            if peek == UInt8(ascii: "]") {
                index += 1
                return strings
            }
            let element = try scanValue(depth: depth + 1)
            if let string = element.string {
                strings.append(string)
            }
            try skipSpacesCommentsAndLineEnds()
            switch peek {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "]"):
                continue
            default:
                throw error("expected ',' or ']' in the array, found \(found)")
            }
        }
    }

    private mutating func scanInlineTable(depth: Int) throws(VersionFileError) -> [String] {
        index += 1
        var keys: [String] = []
        while true {
            // TOML 1.0 keeps inline tables on one line; 1.1 allows line breaks, so accept them.
            try skipSpacesCommentsAndLineEnds()
            if peek == UInt8(ascii: "}") {
                index += 1
                return keys
            }
            let key = try scanKey()
            keys.append(key.first ?? "")
            skipSpaces()
            guard peek == UInt8(ascii: "=") else {
                throw error("expected '=' after the key, found \(found)")
            }
            index += 1
            try skipSpacesCommentsAndLineEnds()
            _ = try scanValue(depth: depth + 1)
            try skipSpacesCommentsAndLineEnds()
            switch peek {
            case UInt8(ascii: ","):
                index += 1
            case UInt8(ascii: "}"):
                continue
            default:
                throw error("expected ',' or '}' in the inline table, found \(found)")
            }
        }
    }

    /// Scans a number, boolean or date up to the next delimiter (`1979-05-27 07:32:00` keeps its space).
    private mutating func scanBareValue() throws(VersionFileError) {
        let start = index
        while let byte = peek, !Self.endsBareValue(byte) {
            index += 1
            let isDate = index - start == 10 && bytes[start + 4] == UInt8(ascii: "-")
            if isDate, peek == UInt8(ascii: " "), index + 1 < bytes.count, Self.isDigit(bytes[index + 1]) {
                index += 1
            }
        }
        if index == start {
            throw error("expected a value, found \(found)")
        }
    }

    /// Scans `"…"` with escapes; returns the content range and the decoded value.
    private mutating func scanBasicString() throws(VersionFileError) -> (range: Range<Int>, value: String) {
        index += 1
        let start = index
        var scalars = String.UnicodeScalarView()
        var runStart = index
        while true {
            guard let byte = peek, byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") else {
                throw error("unterminated string; add the closing '\"' on the same line")
            }
            if byte == UInt8(ascii: "\"") {
                break
            }
            guard byte == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            scalars.append(contentsOf: VersionText.string(bytes, runStart..<index).unicodeScalars)
            index += 1
            scalars.append(try scanEscape())
            runStart = index
        }
        scalars.append(contentsOf: VersionText.string(bytes, runStart..<index).unicodeScalars)
        let range = start..<index
        index += 1
        return (range, String(scalars))
    }

    private mutating func scanEscape() throws(VersionFileError) -> Unicode.Scalar {
        guard let byte = peek else {
            throw error("unterminated string; add the closing '\"' on the same line")
        }
        index += 1
        switch byte {
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "e"): return "\u{1B}"
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let digits = byte == UInt8(ascii: "u") ? 4 : 8
            var code: UInt32 = 0
            for _ in 0..<digits {
                guard let digit = peek, let value = VersionText.hexValue(digit) else {
                    throw error("expected \(digits) hexadecimal digits in a Unicode escape, found \(found)")
                }
                code = code << 4 + UInt32(value)
                index += 1
            }
            guard let scalar = Unicode.Scalar(code) else {
                throw error("the escape names no Unicode scalar value")
            }
            return scalar
        default:
            index -= 1
            throw error("invalid escape '\\' followed by \(found)")
        }
    }

    /// Scans `'…'`, which has no escapes.
    private mutating func scanLiteralString() throws(VersionFileError) -> (range: Range<Int>, value: String) {
        index += 1
        let start = index
        while peek != UInt8(ascii: "'") {
            guard let byte = peek, byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") else {
                throw error("unterminated string; add the closing \"'\" on the same line")
            }
            index += 1
        }
        let range = start..<index
        index += 1
        return (range, VersionText.string(bytes, range))
    }

    /// Scans `"""…"""` or `'''…'''`; up to two quotes may sit right before the closing three.
    private mutating func scanMultilineString(delimiter: UInt8) throws(VersionFileError) {
        let opening = index
        index += 3
        while true {
            guard let byte = peek else {
                index = opening
                throw error("unterminated multi-line string; add the closing delimiter")
            }
            if delimiter == UInt8(ascii: "\""), byte == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if byte == delimiter {
                var run = 0
                while peek == delimiter {
                    run += 1
                    index += 1
                }
                if run >= 3 {
                    return
                }
                continue
            }
            index += 1
        }
    }

    private mutating func scanLineEnd() throws(VersionFileError) {
        if peek == UInt8(ascii: "\r") {
            index += 1
        }
        guard peek == UInt8(ascii: "\n") else {
            throw error("expected a line break after the value, found \(found)")
        }
        index += 1
    }

    private mutating func skipSpacesCommentsAndLineEnds() throws(VersionFileError) {
        while true {
            skipSpaces()
            switch peek {
            case UInt8(ascii: "#"):
                skipComment()
            case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                try scanLineEnd()
            default:
                return
            }
        }
    }

    private mutating func skipSpaces() {
        while peek == UInt8(ascii: " ") || peek == UInt8(ascii: "\t") {
            index += 1
        }
    }

    private mutating func skipComment() {
        while let byte = peek, byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") {
            index += 1
        }
    }

    private func startsWith(_ prefix: StaticString) -> Bool {
        prefix.withUTF8Buffer { buffer in
            index + buffer.count <= bytes.count && zip(buffer, bytes[index...]).allSatisfy { $0 == $1 }
        }
    }

    private static func isBareKeyByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "-")
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func endsBareValue(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: ","),
            UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "#"):
            true
        default:
            false
        }
    }

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private var found: String { VersionText.describe(in: bytes, at: index) }

    private func error(_ reason: String) -> VersionFileError {
        .invalidSyntax(
            path: path,
            format: "TOML",
            position: VersionText.position(in: bytes, at: index),
            reason: reason
        )
    }
}
