import SlipwayCore

/// A validating JSON tokenizer that finds the values at a few key paths without building or rewriting the document.
///
/// It checks the whole text against RFC 8259 (as `JSON.parse` does, so a file npm would reject is
/// reported, with its position, instead of being edited) and tracks the key path of each value
/// through an explicit stack, so deep nesting cannot overflow the call stack.
struct JSONScanner {
    /// The kind of a JSON value, phrased for messages.
    enum ValueKind: String, Sendable, Equatable {
        case object = "an object"
        case array = "an array"
        case string = "a string"
        case number = "a number"
        case boolean = "a boolean"
        case null = "null"
    }

    /// A value found at one of the requested key paths.
    struct Match: Sendable, Equatable {
        /// The key path, outermost key first.
        var keyPath: [String]
        /// The value's kind.
        var kind: ValueKind
        /// Offset of the value's first byte.
        var start: Int
        /// For strings, the bytes between the quotes.
        var contentRange: Range<Int>?
        /// For strings, the decoded value.
        var string: String?
    }

    private enum Frame {
        case object(key: String)
        case array
    }

    private let bytes: [UInt8]
    private let path: String
    private let targets: Set<[String]>
    private let deepestTarget: Int
    private var index = 0
    private var stack: [Frame] = []
    private var matches: [Match] = []

    private init(bytes: [UInt8], path: String, targets: Set<[String]>) {
        self.bytes = bytes
        self.path = path
        self.targets = targets
        self.deepestTarget = targets.map(\.count).max() ?? 0
    }

    /// Validates `bytes` as JSON and returns the values at `targets`, in document order.
    ///
    /// - Throws: `VersionFileError.invalidSyntax` at the first syntax error.
    static func scan(_ bytes: [UInt8], path: String, targets: Set<[String]>) throws(VersionFileError) -> [Match] {
        var scanner = JSONScanner(bytes: bytes, path: path, targets: targets)
        try scanner.scanDocument()
        return scanner.matches
    }

    private mutating func scanDocument() throws(VersionFileError) {
        if VersionText.hasByteOrderMark(bytes) {
            index = 3
        }
        while true {
            while try scanValue() {}
            // Close every container the value ended, then move on to the next member or element.
            var needsValue = false
            while !needsValue {
                skipWhitespace()
                guard let top = stack.last else {
                    if index < bytes.count {
                        throw error("unexpected \(found) after the end of the JSON document")
                    }
                    return
                }
                switch (top, peek) {
                case (.object, UInt8(ascii: ",")):
                    index += 1
                    stack[stack.count - 1] = .object(key: try scanKey(depth: stack.count))
                    needsValue = true
                case (.object, UInt8(ascii: "}")), (.array, UInt8(ascii: "]")):
                    index += 1
                    stack.removeLast()
                case (.object, _):
                    throw error("expected ',' or '}' after an object member, found \(found)")
                case (.array, UInt8(ascii: ",")):
                    index += 1
                    needsValue = true
                case (.array, _):
                    throw error("expected ',' or ']' after an array element, found \(found)")
                }
            }
        }
    }

    /// Scans one value; for a non-empty container, only its opening (and first key) and returns `true`.
    ///
    /// The container's frame stays on the stack, and the caller scans its first element next.
    private mutating func scanValue() throws(VersionFileError) -> Bool {
        skipWhitespace()
        let start = index
        let keyPath = currentKeyPath()
        // At the end of the text, NUL falls through to `default`, which reports "the end of the file".
        switch peek ?? 0 {
        case UInt8(ascii: "{"):
            record(keyPath, .object, start: start)
            index += 1
            skipWhitespace()
            if peek == UInt8(ascii: "}") {
                index += 1
            } else {
                stack.append(.object(key: try scanKey(depth: stack.count + 1)))
                return true
            }
        case UInt8(ascii: "["):
            record(keyPath, .array, start: start)
            index += 1
            skipWhitespace()
            if peek == UInt8(ascii: "]") {
                index += 1
            } else {
                stack.append(.array)
                return true
            }
        case UInt8(ascii: "\""):
            let decodes = keyPath.map(targets.contains) ?? false
            let (content, value) = try scanString(decoding: decodes)
            record(keyPath, .string, start: start, contentRange: content, string: value)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try scanNumber()
            record(keyPath, .number, start: start)
        case UInt8(ascii: "t"):
            try scanLiteral("true")
            record(keyPath, .boolean, start: start)
        case UInt8(ascii: "f"):
            try scanLiteral("false")
            record(keyPath, .boolean, start: start)
        case UInt8(ascii: "n"):
            try scanLiteral("null")
            record(keyPath, .null, start: start)
        default:
            throw error("expected a value, found \(found)")
        }
        return false
    }

    /// The key path of the value about to be scanned, or `nil` when it cannot be a target.
    private func currentKeyPath() -> [String]? {
        guard stack.count <= deepestTarget else { return nil }
        var keys: [String] = []
        for frame in stack {
            guard case .object(let key) = frame else { return nil }
            keys.append(key)
        }
        return keys
    }

    private mutating func record(
        _ keyPath: [String]?,
        _ kind: ValueKind,
        start: Int,
        contentRange: Range<Int>? = nil,
        string: String? = nil
    ) {
        guard let keyPath, targets.contains(keyPath) else { return }
        matches.append(
            Match(keyPath: keyPath, kind: kind, start: start, contentRange: contentRange, string: string)
        )
    }

    /// Scans `"key"` and the `:` after it; the key is decoded only at a `depth` some target reaches.
    ///
    /// Skipping the decoding of deeper keys keeps large lockfiles fast: their many dependency
    /// entries sit below every target.
    private mutating func scanKey(depth: Int) throws(VersionFileError) -> String {
        skipWhitespace()
        guard peek == UInt8(ascii: "\"") else {
            throw error("expected a member name in double quotes, found \(found)")
        }
        let (_, key) = try scanString(decoding: depth <= deepestTarget)
        skipWhitespace()
        guard peek == UInt8(ascii: ":") else {
            throw error("expected ':' after a member name, found \(found)")
        }
        index += 1
        return key ?? ""
    }

    /// Scans a string starting at its opening quote; returns the content range and, if asked, the decoded value.
    private mutating func scanString(decoding: Bool) throws(VersionFileError) -> (Range<Int>, String?) {
        let opening = index
        index += 1
        let contentStart = index
        var hasEscapes = false
        while true {
            guard index < bytes.count else {
                index = opening
                throw error("unterminated string; add the closing '\"'")
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                break
            }
            if byte < 0x20 {
                throw error("\(found) inside a string; write line breaks and tabs as \\n and \\t")
            }
            if byte == UInt8(ascii: "\\") {
                hasEscapes = true
                index += 1
                switch peek {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                    UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 1
                case UInt8(ascii: "u"):
                    index += 1
                    for _ in 0..<4 {
                        guard let byte = peek, VersionText.hexValue(byte) != nil else {
                            throw error("expected four hexadecimal digits after \\u, found \(found)")
                        }
                        index += 1
                    }
                default:
                    throw error("invalid escape '\\' followed by \(found)")
                }
                continue
            }
            index += 1
        }
        let content = contentStart..<index
        index += 1
        guard decoding else { return (content, nil) }
        let value = hasEscapes ? Self.unescape(bytes[content]) : VersionText.string(bytes, content)
        return (content, value)
    }

    /// Decodes the escapes of an already validated string body.
    private static func unescape(_ body: ArraySlice<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        var index = body.startIndex
        var pendingHighSurrogate: UInt32?
        func flushRaw() {
            scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
            raw.removeAll()
        }
        func appendCode(_ code: UInt32) {
            if let high = pendingHighSurrogate {
                pendingHighSurrogate = nil
                if (0xDC00...0xDFFF).contains(code) {
                    let combined = 0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)
                    scalars.append(Unicode.Scalar(combined) ?? "\u{FFFD}")
                    return
                }
                scalars.append("\u{FFFD}")
            }
            if (0xD800...0xDBFF).contains(code) {
                pendingHighSurrogate = code
            } else {
                scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
            }
        }
        while index < body.endIndex {
            let byte = body[index]
            guard byte == UInt8(ascii: "\\") else {
                if pendingHighSurrogate != nil {
                    pendingHighSurrogate = nil
                    scalars.append("\u{FFFD}")
                }
                raw.append(byte)
                index += 1
                continue
            }
            flushRaw()
            let escape = body[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "u"):
                var code: UInt32 = 0
                for offset in 0..<4 {
                    code = code << 4 + UInt32(VersionText.hexValue(body[index + offset]) ?? 0)
                }
                index += 4
                appendCode(code)
                continue
            case UInt8(ascii: "b"): appendCode(0x08)
            case UInt8(ascii: "f"): appendCode(0x0C)
            case UInt8(ascii: "n"): appendCode(0x0A)
            case UInt8(ascii: "r"): appendCode(0x0D)
            case UInt8(ascii: "t"): appendCode(0x09)
            default: appendCode(UInt32(escape))
            }
        }
        flushRaw()
        if pendingHighSurrogate != nil {
            scalars.append("\u{FFFD}")
        }
        return String(scalars)
    }

    /// Scans `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    private mutating func scanNumber() throws(VersionFileError) {
        if peek == UInt8(ascii: "-") {
            index += 1
        }
        if peek == UInt8(ascii: "0") {
            index += 1
        } else {
            try scanDigits(after: "'-'")
        }
        if peek == UInt8(ascii: ".") {
            index += 1
            try scanDigits(after: "the decimal point")
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") {
                index += 1
            }
            try scanDigits(after: "the exponent")
        }
    }

    private mutating func scanDigits(after context: String) throws(VersionFileError) {
        let start = index
        while let byte = peek, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
            index += 1
        }
        if index == start {
            throw error("expected a digit after \(context), found \(found)")
        }
    }

    private mutating func scanLiteral(_ literal: StaticString) throws(VersionFileError) {
        let expected = literal.withUTF8Buffer { Array($0) }
        for byte in expected {
            guard peek == byte else {
                throw error("expected a value, found \(found)")
            }
            index += 1
        }
    }

    private mutating func skipWhitespace() {
        while let byte = peek,
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
                || byte == UInt8(ascii: "\t")
        {
            index += 1
        }
    }

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private var found: String { VersionText.describe(in: bytes, at: index) }

    private func error(_ reason: String) -> VersionFileError {
        .invalidSyntax(
            path: path,
            format: "JSON",
            position: VersionText.position(in: bytes, at: index),
            reason: reason
        )
    }
}
