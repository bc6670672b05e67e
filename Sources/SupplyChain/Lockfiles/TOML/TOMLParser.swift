import SlipwayCore

/// A strict reader of TOML 1.0 text that keeps the position of every value.
///
/// It covers what lockfiles use: tables, arrays of tables, dotted and quoted keys, basic and literal strings (single
/// and multi-line), integers, floats, booleans, date-times (kept as text), arrays across lines and inline tables.
/// Duplicate keys, redefined tables and malformed values are errors with a line and column.
public enum TOMLParser {
    /// The deepest nesting of arrays, inline tables and dotted keys accepted, so hostile input cannot exhaust the
    /// stack.
    public static let maximumDepth = 128

    /// Parses `text` into its root table.
    public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        var scanner = TOMLScanner(bytes: Array(text.utf8))
        return try scanner.parseDocument()
    }
}

/// A table under construction; a class so that headers can reopen tables already in the tree.
private final class TableBuilder {
    enum Item {
        case value(TOMLNode)
        case table(TableBuilder)
        case tables(TableList)
    }

    /// The tables of an array of tables, in a class so that appending does not copy the array.
    final class TableList {
        var tables: [TableBuilder]
        let position: SourcePosition

        init(_ tables: [TableBuilder], position: SourcePosition) {
            self.tables = tables
            self.position = position
        }
    }

    let position: SourcePosition
    var keys: [String] = []
    var items: [String: Item] = [:]
    var keyPositions: [String: SourcePosition] = [:]
    /// Defined by a `[header]` of its own (a second one is an error).
    var isExplicit = false
    /// Created by a dotted key (a header cannot define it later).
    var isDotted = false

    init(position: SourcePosition) {
        self.position = position
    }

    func set(_ key: String, _ item: Item, at position: SourcePosition) {
        if items.updateValue(item, forKey: key) == nil {
            keys.append(key)
            keyPositions[key] = position
        }
    }

    /// Adds `key` unless it is already there; `false` (and nothing changed) when it is.
    func insert(_ key: String, _ item: Item, at position: SourcePosition) -> Bool {
        let index = items.index(forKey: key)
        guard index == nil else { return false }
        items[key] = item
        keys.append(key)
        keyPositions[key] = position
        return true
    }

    func freeze() -> TOMLTable {
        // `mapValues` keeps the dictionary's layout: no key is hashed again.
        let entries = items.mapValues { item in
            switch item {
            case .value(let node):
                node
            case .table(let table):
                TOMLNode(.table(table.freeze()), position: table.position)
            case .tables(let list):
                TOMLNode(
                    .array(list.tables.map { TOMLNode(.table($0.freeze()), position: $0.position) }),
                    position: list.position
                )
            }
        }
        return TOMLTable(position: position, keys: keys, entries: entries, keyPositions: keyPositions)
    }
}

/// A key as written: its parts (`a."b.c".d` has three) with their positions.
typealias TOMLKeyPath = [(name: String, position: SourcePosition)]

/// The byte scanner behind `TOMLParser` (and `PoetryLockScanner`, which shares its lexical rules); columns count
/// Unicode scalars like `SourceText`.
struct TOMLScanner {
    let bytes: [UInt8]
    var index = 0
    var line = 1
    var column = 1

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    var position: SourcePosition { SourcePosition(line: line, column: column) }
    var atEnd: Bool { index >= bytes.count }

    func peek(_ offset: Int = 0) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    mutating func advance() {
        guard index < bytes.count else { return }
        let byte = bytes[index]
        index += 1
        if byte == 0x0A {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    func error(_ reason: String, at position: SourcePosition? = nil) -> TOMLError {
        TOMLError(position: position ?? self.position, reason: reason)
    }

    /// A readable name of the byte at the cursor, for messages.
    func describeCurrent() -> String {
        guard let byte = peek() else { return "end of file" }
        switch byte {
        case 0x0A: return "end of line"
        case 0x0D: return "carriage return"
        case 0x20..<0x7F: return "`\(Character(Unicode.Scalar(byte)))`"
        default: return "byte 0x\(String(byte, radix: 16))"
        }
    }

    // MARK: Document

    mutating func parseDocument() throws(TOMLError) -> TOMLTable {
        let root = TableBuilder(position: SourcePosition(line: 1, column: 1))
        var current = root
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        while true {
            skipSpaces()
            guard let byte = peek() else { break }
            switch byte {
            case UInt8(ascii: "#"):
                try skipComment()
            case 0x0A, 0x0D:
                try consumeNewline()
            case UInt8(ascii: "["):
                current = try parseHeader(root: root)
                try expectLineEnd()
            default:
                try parseKeyValue(into: current, depth: 0)
                try expectLineEnd()
            }
        }
        return root.freeze()
    }

    mutating func skipSpaces() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 { advance() }
    }

    mutating func skipComment() throws(TOMLError) {
        while let byte = peek(), byte != 0x0A {
            if byte == 0x0D, peek(1) == 0x0A { return }
            if byte < 0x20 && byte != 0x09 || byte == 0x7F { throw error("control character in a comment") }
            advance()
        }
    }

    mutating func consumeNewline() throws(TOMLError) {
        if peek() == 0x0D {
            guard peek(1) == 0x0A else { throw error("carriage return without a line feed") }
            advance()
        }
        advance()
    }

    /// Skips spaces, an optional comment and the newline (or end of file) that must end a line.
    mutating func expectLineEnd() throws(TOMLError) {
        skipSpaces()
        if peek() == UInt8(ascii: "#") { try skipComment() }
        guard let byte = peek() else { return }
        guard byte == 0x0A || byte == 0x0D else {
            throw error("expected the end of the line, found \(describeCurrent())")
        }
        try consumeNewline()
    }

    /// Skips whitespace, newlines and comments between array elements.
    mutating func skipBlank() throws(TOMLError) {
        while let byte = peek() {
            switch byte {
            case 0x20, 0x09: advance()
            case 0x0A, 0x0D: try consumeNewline()
            case UInt8(ascii: "#"): try skipComment()
            default: return
            }
        }
    }

    // MARK: Tables

    /// Reads `[a.b]` or `[[a.b]]` and returns the table that following keys go into.
    fileprivate mutating func parseHeader(root: TableBuilder) throws(TOMLError) -> TableBuilder {
        let start = position
        advance()
        let isArray = peek() == UInt8(ascii: "[")
        if isArray { advance() }
        skipSpaces()
        let key = try parseKey()
        skipSpaces()
        guard peek() == UInt8(ascii: "]") else { throw error("expected `]` after the table name") }
        advance()
        if isArray {
            guard peek() == UInt8(ascii: "]") else { throw error("expected `]]` after the array-of-tables name") }
            advance()
        }
        var table = root
        for part in key.dropLast() {
            switch table.items[part.name] {
            case nil:
                let created = TableBuilder(position: start)
                table.set(part.name, .table(created), at: part.position)
                table = created
            case .table(let existing):
                table = existing
            case .tables(let existing):
                guard let last = existing.tables.last else { throw error("empty array of tables", at: part.position) }
                table = last
            case .value:
                throw error("`\(part.name)` is already a value, not a table", at: part.position)
            }
        }
        guard let last = key.last else { throw error("expected a table name", at: start) }
        let created = TableBuilder(position: start)
        created.isExplicit = true
        if isArray {
            switch table.items[last.name] {
            case nil:
                table.set(last.name, .tables(TableBuilder.TableList([created], position: start)), at: last.position)
            case .tables(let existing):
                existing.tables.append(created)
            default:
                throw error("`\(last.name)` is already defined and is not an array of tables", at: last.position)
            }
            return created
        }
        switch table.items[last.name] {
        case nil:
            table.set(last.name, .table(created), at: last.position)
            return created
        case .table(let existing) where !existing.isExplicit && !existing.isDotted:
            existing.isExplicit = true
            return existing
        default:
            throw error("table `\(key.map(\.name).joined(separator: "."))` is defined twice", at: start)
        }
    }

    /// Reads `key = value` into `table`, creating the tables of a dotted key.
    fileprivate mutating func parseKeyValue(into table: TableBuilder, depth: Int) throws(TOMLError) {
        let key = try parseKey()
        skipSpaces()
        guard peek() == UInt8(ascii: "=") else {
            throw error("expected `=` after the key `\(key.map(\.name).joined(separator: "."))`")
        }
        advance()
        skipSpaces()
        let value = try parseValue(depth: depth + 1)
        var target = table
        for part in key.dropLast() {
            switch target.items[part.name] {
            case nil:
                let created = TableBuilder(position: part.position)
                created.isDotted = true
                target.set(part.name, .table(created), at: part.position)
                target = created
            case .table(let existing) where existing.isDotted || !existing.isExplicit:
                target = existing
            default:
                throw error(
                    "`\(part.name)` is already defined and cannot be extended by a dotted key",
                    at: part.position
                )
            }
        }
        guard let last = key.last else { throw error("expected a key") }
        guard target.insert(last.name, .value(value), at: last.position) else {
            throw error("duplicate key `\(key.map(\.name).joined(separator: "."))`", at: last.position)
        }
    }

    /// Reads a possibly dotted key.
    mutating func parseKey() throws(TOMLError) -> TOMLKeyPath {
        var parts: TOMLKeyPath = []
        while true {
            let start = position
            let name: String
            switch peek() {
            case UInt8(ascii: "\""):
                name = try parseBasicString()
            case UInt8(ascii: "'"):
                name = try parseLiteralString()
            default:
                let begin = index
                while let byte = peek(), Self.isBareKeyByte(byte) { advance() }
                guard index > begin else { throw error("expected a key, found \(describeCurrent())") }
                name = String(decoding: bytes[begin..<index], as: UTF8.self)
            }
            parts.append((name, start))
            if parts.count > TOMLParser.maximumDepth { throw error("key nested too deeply", at: start) }
            skipSpaces()
            guard peek() == UInt8(ascii: ".") else { return parts }
            advance()
            skipSpaces()
        }
    }

    static func isBareKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    // MARK: Values

    mutating func parseValue(depth: Int) throws(TOMLError) -> TOMLNode {
        let start = position
        if depth > TOMLParser.maximumDepth { throw error("values nested too deeply") }
        switch peek() {
        case UInt8(ascii: "\""):
            if peek(1) == UInt8(ascii: "\""), peek(2) == UInt8(ascii: "\"") {
                return TOMLNode(.string(try parseMultilineString(literal: false)), position: start)
            }
            return TOMLNode(.string(try parseBasicString()), position: start)
        case UInt8(ascii: "'"):
            if peek(1) == UInt8(ascii: "'"), peek(2) == UInt8(ascii: "'") {
                return TOMLNode(.string(try parseMultilineString(literal: true)), position: start)
            }
            return TOMLNode(.string(try parseLiteralString()), position: start)
        case UInt8(ascii: "["):
            return TOMLNode(.array(try parseArray(depth: depth)), position: start)
        case UInt8(ascii: "{"):
            return TOMLNode(.table(try parseInlineTable(depth: depth)), position: start)
        case nil, 0x0A, 0x0D, UInt8(ascii: "#"):
            throw error("expected a value, found \(describeCurrent())")
        default:
            return try parseScalarToken()
        }
    }

    mutating func parseArray(depth: Int) throws(TOMLError) -> [TOMLNode] {
        let start = position
        advance()
        var elements: [TOMLNode] = []
        while true {
            try skipBlank()
            if peek() == UInt8(ascii: "]") {
                advance()
                return elements
            }
            if atEnd { throw error("unterminated array opened at \(start.line):\(start.column)") }
            elements.append(try parseValue(depth: depth + 1))
            try skipBlank()
            switch peek() {
            case UInt8(ascii: ","):
                advance()
            case UInt8(ascii: "]"):
                advance()
                return elements
            case nil:
                throw error("unterminated array opened at \(start.line):\(start.column)")
            default:
                throw error("expected `,` or `]` in an array, found \(describeCurrent())")
            }
        }
    }

    mutating func parseInlineTable(depth: Int) throws(TOMLError) -> TOMLTable {
        let table = TableBuilder(position: position)
        advance()
        skipSpaces()
        if peek() == UInt8(ascii: "}") {
            advance()
            return table.freeze()
        }
        while true {
            skipSpaces()
            try parseKeyValue(into: table, depth: depth)
            skipSpaces()
            switch peek() {
            case UInt8(ascii: ","):
                advance()
            case UInt8(ascii: "}"):
                advance()
                return table.freeze()
            default:
                throw error("expected `,` or `}` in an inline table, found \(describeCurrent())")
            }
        }
    }

    /// Reads an integer, float, boolean or date-time written as a bare token.
    mutating func parseScalarToken() throws(TOMLError) -> TOMLNode {
        let start = position
        let begin = index
        while let byte = peek(), Self.isTokenByte(byte) { advance() }
        // A date and a time may be separated by one space (`1979-05-27 07:32:00`).
        if index - begin == 10, bytes[begin + 4] == UInt8(ascii: "-"), peek() == 0x20,
            let next = peek(1), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(next)
        {
            advance()
            while let byte = peek(), Self.isTokenByte(byte) { advance() }
        }
        let token = String(decoding: bytes[begin..<index], as: UTF8.self)
        guard !token.isEmpty else { throw error("expected a value, found \(describeCurrent())") }
        switch token {
        case "true": return TOMLNode(.boolean(true), position: start)
        case "false": return TOMLNode(.boolean(false), position: start)
        case "inf", "+inf": return TOMLNode(.float(.infinity), position: start)
        case "-inf": return TOMLNode(.float(-.infinity), position: start)
        case "nan", "+nan", "-nan": return TOMLNode(.float(.nan), position: start)
        default: break
        }
        if let value = Self.integer(token) { return TOMLNode(.integer(value), position: start) }
        if Self.isDateTime(token) { return TOMLNode(.dateTime(token), position: start) }
        if let value = Self.float(token) { return TOMLNode(.float(value), position: start) }
        throw error("`\(token)` is not a valid TOML value (strings need quotes)", at: start)
    }

    static func isTokenByte(_ byte: UInt8) -> Bool {
        isBareKeyByte(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
    }

    /// A decimal, hexadecimal, octal or binary integer with single underscores between digits.
    static func integer(_ token: String) -> Int? {
        guard Self.underscoresAreValid(token) else { return nil }
        let digits = token.replacing("_", with: "")
        for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] where digits.hasPrefix(prefix) {
            return Int(digits.dropFirst(2), radix: radix)
        }
        let unsigned = digits.hasPrefix("+") || digits.hasPrefix("-") ? String(digits.dropFirst()) : digits
        guard !unsigned.isEmpty, unsigned.allSatisfy(\.isASCII), unsigned.allSatisfy(\.isNumber) else { return nil }
        if unsigned.count > 1, unsigned.hasPrefix("0") { return nil }
        return Int(digits)
    }

    static func float(_ token: String) -> Double? {
        guard Self.underscoresAreValid(token) else { return nil }
        let digits = token.replacing("_", with: "")
        let allowed = Set("0123456789+-.eE")
        guard digits.allSatisfy({ allowed.contains($0) }), !digits.hasSuffix("."), !digits.hasPrefix(".") else {
            return nil
        }
        let unsigned = digits.hasPrefix("+") || digits.hasPrefix("-") ? digits.dropFirst() : digits[...]
        let integerPart = unsigned.prefix { $0.isNumber }
        if integerPart.isEmpty || integerPart.count > 1 && integerPart.hasPrefix("0") { return nil }
        if digits.contains(".") {
            let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 2, let fraction = parts[1].first, fraction.isNumber else { return nil }
        }
        return Double(digits)
    }

    static func underscoresAreValid(_ token: String) -> Bool {
        let characters = Array(token)
        for (offset, character) in characters.enumerated() where character == "_" {
            guard offset > 0, offset < characters.count - 1, characters[offset - 1].isHexDigit,
                characters[offset + 1].isHexDigit
            else { return false }
        }
        return true
    }

    static func isDateTime(_ token: String) -> Bool {
        let characters = Array(token)
        let isDate =
            characters.count >= 10 && characters[4] == "-" && characters[7] == "-"
            && characters[0..<4].allSatisfy(\.isNumber)
        let isTime = characters.count >= 8 && characters[2] == ":" && characters[5] == ":"
        return isDate || isTime
    }

    // MARK: Strings

    mutating func parseBasicString() throws(TOMLError) -> String {
        let start = position
        advance()
        var buffer: [UInt8] = []
        while true {
            guard let byte = peek(), byte != 0x0A, byte != 0x0D else {
                throw error("unterminated string opened at \(start.line):\(start.column)")
            }
            switch byte {
            case UInt8(ascii: "\""):
                advance()
                return String(decoding: buffer, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try parseEscape(into: &buffer)
            default:
                // A run of plain bytes at once (most strings have no escape: then the run is the whole string). It
                // holds no newline, so only the column moves: by one per byte that does not continue a character.
                let (end, columns) = plainRun(from: index)
                guard end > index else { throw error("control character in a string") }
                if buffer.isEmpty, end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
                    let text = String(decoding: bytes[index..<end], as: UTF8.self)
                    index = end + 1
                    column += columns + 1
                    return text
                }
                buffer.append(contentsOf: bytes[index..<end])
                index = end
                column += columns
            }
        }
    }

    /// The end of the run of basic-string bytes that need no escape from `start`, and the columns it spans.
    func plainRun(from start: Int) -> (end: Int, columns: Int) {
        bytes.withUnsafeBufferPointer { bytes in
            var end = start
            var columns = 0
            // Eight bytes at a time while none is `"`, a backslash, a control character or non-ASCII (each byte is
            // then a column); the word tests are exact, and a word that fails is read byte by byte below.
            if let base = bytes.baseAddress {
                let ones: UInt64 = 0x0101_0101_0101_0101
                let high: UInt64 = 0x8080_8080_8080_8080
                func hasZeroByte(_ word: UInt64) -> Bool { (word &- ones) & ~word & high != 0 }
                while end + 8 <= bytes.count {
                    let word = UnsafeRawPointer(base + end).loadUnaligned(as: UInt64.self)
                    let hasControl = (word &- ones &* 0x20) & ~word & high != 0
                    if word & high != 0 || hasControl || hasZeroByte(word ^ (ones &* 0x22))
                        || hasZeroByte(word ^ (ones &* 0x5C)) || hasZeroByte(word ^ (ones &* 0x7F))
                    {
                        break
                    }
                    end += 8
                    columns += 8
                }
            }
            while end < bytes.count {
                let next = bytes[end]
                let plain =
                    next != UInt8(ascii: "\"") && next != UInt8(ascii: "\\") && (next >= 0x20 || next == 0x09)
                    && next != 0x7F
                guard plain else { break }
                if next & 0xC0 != 0x80 { columns += 1 }
                end += 1
            }
            return (end, columns)
        }
    }

    /// Moves past a basic string without building it, checking it as `parseBasicString` does (which reads the rare
    /// string with an escape).
    mutating func skipBasicString() throws(TOMLError) {
        if skipPlainBasicString() == nil { _ = try parseBasicString() }
    }

    /// Moves past a one-line basic string without escapes at the cursor and returns where its text is in `bytes`;
    /// `nil`, without moving, for anything else.
    mutating func skipPlainBasicString() -> Range<Int>? {
        guard peek() == UInt8(ascii: "\""), !(peek(1) == UInt8(ascii: "\"") && peek(2) == UInt8(ascii: "\"")) else {
            return nil
        }
        let (end, columns) = plainRun(from: index + 1)
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else { return nil }
        let text = index + 1..<end
        index = end + 1
        column += columns + 2
        return text
    }

    mutating func parseLiteralString() throws(TOMLError) -> String {
        let start = position
        advance()
        let begin = index
        while true {
            guard let byte = peek(), byte != 0x0A, byte != 0x0D else {
                throw error("unterminated string opened at \(start.line):\(start.column)")
            }
            if byte == UInt8(ascii: "'") {
                let text = String(decoding: bytes[begin..<index], as: UTF8.self)
                advance()
                return text
            }
            if byte < 0x20 && byte != 0x09 || byte == 0x7F { throw error("control character in a string") }
            advance()
        }
    }

    mutating func parseMultilineString(literal: Bool) throws(TOMLError) -> String {
        let start = position
        let quote = literal ? UInt8(ascii: "'") : UInt8(ascii: "\"")
        advance()
        advance()
        advance()
        // A newline right after the opening delimiter is trimmed.
        if peek() == 0x0A {
            advance()
        } else if peek() == 0x0D, peek(1) == 0x0A {
            advance()
            advance()
        }
        var buffer: [UInt8] = []
        while true {
            guard let byte = peek() else {
                throw error("unterminated multi-line string opened at \(start.line):\(start.column)")
            }
            if byte == quote, peek(1) == quote, peek(2) == quote {
                // Up to two quotes may directly precede the closing delimiter.
                var extra = 0
                while extra < 2, peek(3 + extra) == quote { extra += 1 }
                for _ in 0..<extra {
                    buffer.append(quote)
                    advance()
                }
                advance()
                advance()
                advance()
                return String(decoding: buffer, as: UTF8.self)
            }
            if !literal, byte == UInt8(ascii: "\\") {
                // A line-ending backslash trims the newline and the whitespace that follows.
                var lookahead = 1
                while let next = peek(lookahead), next == 0x20 || next == 0x09 { lookahead += 1 }
                if peek(lookahead) == 0x0A || peek(lookahead) == 0x0D && peek(lookahead + 1) == 0x0A {
                    for _ in 0..<lookahead { advance() }
                    try skipBlankInString()
                    continue
                }
                try parseEscape(into: &buffer)
                continue
            }
            if byte == 0x0D {
                guard peek(1) == 0x0A else { throw error("carriage return without a line feed") }
            } else if byte < 0x20 && byte != 0x09 && byte != 0x0A || byte == 0x7F {
                throw error("control character in a string")
            }
            buffer.append(byte)
            advance()
        }
    }

    mutating func skipBlankInString() throws(TOMLError) {
        while let byte = peek() {
            switch byte {
            case 0x20, 0x09: advance()
            case 0x0A, 0x0D: try consumeNewline()
            default: return
            }
        }
    }

    mutating func parseEscape(into buffer: inout [UInt8]) throws(TOMLError) {
        let start = position
        advance()
        guard let byte = peek() else { throw error("unterminated escape sequence", at: start) }
        advance()
        // A switch, not a dictionary literal: that was built again for every escape.
        let simple: UInt8? =
            switch byte {
            case UInt8(ascii: "b"): 0x08
            case UInt8(ascii: "t"): 0x09
            case UInt8(ascii: "n"): 0x0A
            case UInt8(ascii: "f"): 0x0C
            case UInt8(ascii: "r"): 0x0D
            case UInt8(ascii: "e"): 0x1B
            case UInt8(ascii: "\""): 0x22
            case UInt8(ascii: "\\"): 0x5C
            default: nil
            }
        if let simple {
            buffer.append(simple)
            return
        }
        let length: Int
        switch byte {
        case UInt8(ascii: "u"): length = 4
        case UInt8(ascii: "U"): length = 8
        default:
            throw error("invalid escape sequence `\\\(Character(Unicode.Scalar(byte)))`", at: start)
        }
        guard index + length <= bytes.count,
            let code = UInt32(String(decoding: bytes[index..<index + length], as: UTF8.self), radix: 16),
            let scalar = Unicode.Scalar(code)
        else { throw error("invalid Unicode escape", at: start) }
        for _ in 0..<length { advance() }
        buffer.append(contentsOf: Array(String(Character(scalar)).utf8))
    }
}
