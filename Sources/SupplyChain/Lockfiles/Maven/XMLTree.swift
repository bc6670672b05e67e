import SlipwayCore

/// A small element tree of an XML document, with the position of each start tag, read by a byte-level scanner.
///
/// POMs need elements, text, CDATA, comments, processing instructions, a document type declaration without
/// entities, and the five predefined and numeric character references; that is all this reader accepts. It
/// replaces Foundation's `XMLParser`, whose libxml2 and ICU dependencies cost every `slipway` start and kept release
/// builds from linking the Swift runtime statically. Positions are those `XMLParser` reported (line, and column in
/// characters, of the `>` or `/>` that ends a start tag), so locations in reports stay the same; a test compares both
/// readers on the corpus.
enum XMLTree {
    /// The largest document read (64 MiB, as for JSON lockfiles); the element tree is kept in memory.
    static let maximumBytes = 64 << 20

    /// The deepest element nesting accepted; deeper documents are refused rather than risking the stack of a
    /// recursive consumer.
    static let maximumDepth = 256

    /// One element: its local name, direct text (trimmed; `nil` when blank), children and position.
    final class Element {
        let name: String
        let position: SourcePosition
        var text: String?
        var children: [Element] = []

        init(name: String, position: SourcePosition) {
            self.name = name
            self.position = position
        }

        /// The first child named `name`.
        func child(_ name: String) -> Element? {
            children.first { $0.name == name }
        }
    }

    /// Parses `text` into its root element, or throws a located `invalidSyntax` error.
    ///
    /// Documents declaring entities are refused before parsing: a POM has no use for them, and entity expansion is
    /// how XML bombs work.
    static func parse(_ text: String, path: String) throws(LockfileError) -> Element {
        let byteCount = text.utf8.count
        if byteCount > maximumBytes { throw .tooLarge(path: path, bytes: byteCount, limit: maximumBytes) }
        if let range = text.firstRange(of: "<!ENTITY") {
            let position = SourceText(text).position(
                ofOffset: text.utf8.distance(from: text.startIndex, to: range.lowerBound)
            )
            throw .invalidSyntax(
                path: path,
                position: position,
                format: "XML",
                reason: "entity declarations are not allowed"
            )
        }
        let bytes = Array(text.utf8)
        do {
            return try bytes.withUnsafeBufferPointer { buffer throws(Scanner.Failure) in
                var scanner = Scanner(buffer)
                return try scanner.document()
            }
        } catch {
            throw .invalidSyntax(path: path, position: error.position, format: "XML", reason: error.reason)
        }
    }

    /// One pass over the UTF-8 bytes, keeping the line and the character column of the cursor.
    private struct Scanner {
        struct Failure: Error {
            var position: SourcePosition
            var reason: String
        }

        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        var line = 1
        /// The UTF-8 offset at which the current line starts, so a column is counted only when one is needed.
        var lineStart = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
                index = 3  // a byte order mark is not part of the first line's columns
                lineStart = 3
            }
        }

        /// The cursor's position: columns count characters (UTF-8 lead bytes), as libxml2 does.
        var position: SourcePosition {
            var column = 1
            var offset = lineStart
            while offset < index {
                if bytes[offset] & 0xC0 != 0x80 { column += 1 }
                offset += 1
            }
            return SourcePosition(line: line, column: column)
        }

        func failure(_ reason: String) -> Failure {
            Failure(position: position, reason: reason)
        }

        var atEnd: Bool { index >= bytes.count }

        func peek(_ offset: Int = 0) -> UInt8? {
            index + offset < bytes.count ? bytes[index + offset] : nil
        }

        func looksAt(_ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            return literal.withUTF8Buffer { expected in
                for offset in 0..<count where bytes[index + offset] != expected[offset] { return false }
                return true
            }
        }

        /// Moves over one byte, counting lines (a carriage return alone ends a line, as a line feed does).
        mutating func advance() {
            let byte = bytes[index]
            index += 1
            if byte == 0x0A || (byte == 0x0D && (index >= bytes.count || bytes[index] != 0x0A)) {
                line += 1
                lineStart = index
            }
        }

        mutating func advance(by count: Int) {
            for _ in 0..<count { advance() }
        }

        static func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
        }

        static func isNameByte(_ byte: UInt8) -> Bool {
            switch byte {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "-"),
                UInt8(ascii: "."), 0x80...0xFF:
                return true
            default:
                return false
            }
        }

        mutating func skipSpaces() {
            while let byte = peek(), Self.isSpace(byte) { advance() }
        }

        /// Skips to just after `terminator`, or fails with `unterminated` naming where the construct began.
        mutating func skip(past terminator: StaticString, unterminated: String) throws(Failure) {
            let start = position
            while !atEnd {
                if looksAt(terminator) {
                    advance(by: terminator.utf8CodeUnitCount)
                    return
                }
                advance()
            }
            throw Failure(position: start, reason: unterminated)
        }

        mutating func name() throws(Failure) -> String {
            let start = index
            guard let first = peek(), Self.isNameByte(first), !(0x30...0x39).contains(first),
                first != UInt8(ascii: "-"),
                first != UInt8(ascii: ".")
            else { throw failure("expected a name") }
            while let byte = peek(), Self.isNameByte(byte) { advance() }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        }

        /// Comments, processing instructions and (outside the root) a document type declaration.
        mutating func skipMisc(allowDoctype: Bool) throws(Failure) -> Bool {
            if looksAt("<!--") {
                try skip(past: "-->", unterminated: "a comment is never closed with -->")
                return true
            }
            if looksAt("<?") {
                try skip(past: "?>", unterminated: "a processing instruction is never closed with ?>")
                return true
            }
            if allowDoctype, looksAt("<!DOCTYPE") {
                try skipDoctype()
                return true
            }
            return false
        }

        /// A document type declaration, internal subset included (entity declarations were refused earlier).
        mutating func skipDoctype() throws(Failure) {
            let start = position
            var inSubset = false
            var quote: UInt8?
            advance(by: 2)
            while let byte = peek() {
                advance()
                if let open = quote {
                    if byte == open { quote = nil }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: "[") {
                    inSubset = true
                } else if byte == UInt8(ascii: "]") {
                    inSubset = false
                } else if byte == UInt8(ascii: ">"), !inSubset {
                    return
                }
            }
            throw Failure(position: start, reason: "the document type declaration is never closed")
        }

        mutating func document() throws(Failure) -> Element {
            var root: Element?
            while true {
                skipSpaces()
                if atEnd { break }
                if try skipMisc(allowDoctype: root == nil) { continue }
                guard peek() == UInt8(ascii: "<"), root == nil, let next = peek(1), next != UInt8(ascii: "/"),
                    next != UInt8(ascii: "!")
                else {
                    throw failure(root == nil ? "expected the root element" : "content after the root element")
                }
                root = try element(depth: 1)
            }
            guard let root else { throw failure("no root element") }
            return root
        }

        /// An element whose `<` is under the cursor, with everything up to its end tag.
        mutating func element(depth: Int) throws(Failure) -> Element {
            if depth > XMLTree.maximumDepth {
                throw failure("elements are nested more than \(XMLTree.maximumDepth) deep")
            }
            let tagStart = position
            advance()
            let qualifiedName = try name()
            try attributes()
            let element = Element(name: Self.localName(qualifiedName), position: position)
            if looksAt("/>") {
                advance(by: 2)
                return element
            }
            guard peek() == UInt8(ascii: ">") else {
                throw failure("expected > to end the start tag <\(qualifiedName)>")
            }
            advance()
            var text: [UInt8] = []
            while true {
                guard let byte = peek() else {
                    throw Failure(
                        position: tagStart,
                        reason: "<\(qualifiedName)> is never closed (is the file truncated?)"
                    )
                }
                if byte == UInt8(ascii: "<") {
                    if looksAt("</") {
                        advance(by: 2)
                        let closing = try name()
                        guard closing == qualifiedName else {
                            throw failure("</\(closing)> closes <\(qualifiedName)>, opened at line \(tagStart.line)")
                        }
                        skipSpaces()
                        guard peek() == UInt8(ascii: ">") else { throw failure("expected > to end </\(closing)>") }
                        advance()
                        break
                    }
                    if looksAt("<![CDATA[") {
                        advance(by: 9)
                        try characterData(into: &text)
                        continue
                    }
                    if try skipMisc(allowDoctype: false) { continue }
                    element.children.append(try self.element(depth: depth + 1))
                    continue
                }
                if byte == UInt8(ascii: "&") {
                    try reference(into: &text)
                    continue
                }
                if byte == 0x0D {  // line ends are normalised to a line feed, as XML requires
                    advance()
                    if peek() == 0x0A { advance() }
                    text.append(0x0A)
                    continue
                }
                text.append(byte)
                advance()
            }
            let trimmed = String(decoding: text, as: UTF8.self).trimmingWhitespace()
            element.text = trimmed.isEmpty ? nil : trimmed
            return element
        }

        /// Attributes are checked for well-formedness and skipped: POM elements carry their data as text.
        mutating func attributes() throws(Failure) {
            while true {
                let hadSpace = peek().map(Self.isSpace) ?? false
                skipSpaces()
                guard let byte = peek() else { throw failure("the start tag is never closed (is the file truncated?)") }
                if byte == UInt8(ascii: ">") || looksAt("/>") { return }
                guard hadSpace else { throw failure("expected a space before an attribute") }
                _ = try name()
                skipSpaces()
                guard peek() == UInt8(ascii: "=") else { throw failure("expected = after an attribute name") }
                advance()
                skipSpaces()
                guard let quote = peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
                    throw failure("expected a quoted attribute value")
                }
                let start = position
                advance()
                while let next = peek(), next != quote {
                    if next == UInt8(ascii: "<") { throw failure("< is not allowed in an attribute value") }
                    advance()
                }
                guard !atEnd else { throw Failure(position: start, reason: "an attribute value is never closed") }
                advance()
            }
        }

        /// The body of a CDATA section, up to `]]>`, byte for byte (libxml2 leaves its line ends as written).
        mutating func characterData(into text: inout [UInt8]) throws(Failure) {
            let start = position
            while let byte = peek() {
                if looksAt("]]>") {
                    advance(by: 3)
                    return
                }
                text.append(byte)
                advance()
            }
            throw Failure(position: start, reason: "a CDATA section is never closed with ]]>")
        }

        /// A predefined entity or a character reference, decoded.
        mutating func reference(into text: inout [UInt8]) throws(Failure) {
            let start = position
            var end = index + 1
            while end < bytes.count, end - index < 12, bytes[end] != UInt8(ascii: ";") { end += 1 }
            guard end < bytes.count, bytes[end] == UInt8(ascii: ";") else {
                throw Failure(position: start, reason: "& starts no reference (write &amp; for a literal &)")
            }
            let body = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<end]), as: UTF8.self)
            let scalar: Unicode.Scalar?
            switch body {
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "amp": scalar = "&"
            case "apos": scalar = "'"
            case "quot": scalar = "\""
            default:
                if body.hasPrefix("#x") {
                    scalar = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if body.hasPrefix("#") {
                    scalar = UInt32(body.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
                } else {
                    throw Failure(position: start, reason: "the entity &\(body); is not defined")
                }
            }
            guard let scalar, scalar.value != 0 else {
                throw Failure(position: start, reason: "&\(body); is not a valid character reference")
            }
            text.append(contentsOf: String(Character(scalar)).utf8)
            advance(by: end + 1 - index)
        }

        /// The part of a qualified name after its namespace prefix, which is how `XMLParser` named elements.
        static func localName(_ qualified: String) -> String {
            guard let colon = qualified.lastIndex(of: ":") else { return qualified }
            return String(qualified[qualified.index(after: colon)...])
        }
    }
}
