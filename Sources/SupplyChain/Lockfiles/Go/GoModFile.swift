import SlipwayCore

/// The directives of a `go.mod` that decide which module versions are used, with positions.
struct GoModFile: Sendable {
    /// One `require` line.
    struct Requirement: Sendable {
        var path: String
        var version: String
        var isIndirect: Bool
        var position: SourcePosition
    }

    /// One `replace` line; `newVersion` is `nil` when the replacement is a local directory.
    struct Replacement: Sendable {
        var path: String
        var version: String?
        var newPath: String
        var newVersion: String?
    }

    var requirements: [Requirement] = []
    var replacements: [Replacement] = []

    /// Parses `text`; a malformed `require` or `replace`, or an unclosed block, is an error at its line.
    static func parse(_ text: String, path: String) throws(LockfileError) -> GoModFile {
        var file = GoModFile()
        var blockVerb: String?
        var blockStart = SourcePosition(line: 1, column: 1)
        var lineNumber = 0
        for rawLine in lines(text) {
            lineNumber += 1
            let (tokens, comment) = tokenize(rawLine)
            guard !tokens.isEmpty else { continue }
            var arguments = tokens
            let verb: String
            if let current = blockVerb {
                if tokens[0].text == ")" {
                    blockVerb = nil
                    continue
                }
                verb = current
            } else {
                verb = tokens[0].text
                arguments.removeFirst()
                if arguments.first?.text == "(" {
                    if arguments.count == 2, arguments[1].text == ")" { continue }
                    guard arguments.count == 1 else {
                        throw .invalidSyntax(
                            path: path,
                            position: SourcePosition(line: lineNumber, column: arguments[1].column),
                            format: "go.mod",
                            reason: "unexpected text after `\(verb) (`"
                        )
                    }
                    blockVerb = verb
                    blockStart = SourcePosition(line: lineNumber, column: tokens[0].column)
                    continue
                }
            }
            let position = SourcePosition(line: lineNumber, column: arguments.first?.column ?? tokens[0].column)
            switch verb {
            case "require":
                guard arguments.count == 2 else {
                    throw .unexpectedShape(
                        path: path,
                        position: position,
                        reason: "`require` needs a module path and a version"
                    )
                }
                let indirect = comment.map { $0 == "indirect" || $0.hasPrefix("indirect;") } ?? false
                file.requirements.append(
                    Requirement(
                        path: arguments[0].text,
                        version: arguments[1].text,
                        isIndirect: indirect,
                        position: position
                    )
                )
            case "replace":
                file.replacements.append(try replacement(arguments, position: position, path: path))
            default:
                continue
            }
        }
        if let blockVerb {
            throw .invalidSyntax(
                path: path,
                position: blockStart,
                format: "go.mod",
                reason: "the `\(blockVerb) (` block is never closed with `)`"
            )
        }
        return file
    }

    private static func replacement(
        _ arguments: [Token],
        position: SourcePosition,
        path: String
    ) throws(LockfileError) -> Replacement {
        let texts = arguments.map(\.text)
        guard let arrow = texts.firstIndex(of: "=>"), arrow == 1 || arrow == 2,
            texts.count - arrow - 1 == 1 || texts.count - arrow - 1 == 2
        else {
            throw .unexpectedShape(
                path: path,
                position: position,
                reason: "`replace` must be `module [version] => replacement [version]`"
            )
        }
        let newPath = texts[arrow + 1]
        let isLocal = newPath.hasPrefix("./") || newPath.hasPrefix("../") || newPath.hasPrefix("/")
        return Replacement(
            path: texts[0],
            version: arrow == 2 ? texts[1] : nil,
            newPath: newPath,
            newVersion: isLocal || texts.count == arrow + 2 ? nil : texts[arrow + 2]
        )
    }

    /// A word of a line and its 1-based column.
    struct Token: Sendable {
        var text: String
        var column: Int
    }

    /// The text split at `Character` "\n", as `split(omittingEmptySubsequences: false)` splits it.
    ///
    /// An LF byte is a `Character` of its own unless a CR precedes it (CR LF is one `Character`, and stays inside a
    /// line), so text without CR is split at its LF bytes, found in one pass over the buffer instead of by grapheme
    /// breaking.
    static func lines(_ text: String) -> [Substring] {
        var copy = text
        let breaks: [Int]? = copy.withUTF8 { bytes in
            var offsets: [Int] = []
            for (offset, byte) in bytes.enumerated() {
                if byte == 0x0D { return nil }
                if byte == 0x0A { offsets.append(offset) }
            }
            return offsets
        }
        guard let breaks else {
            return text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" })
        }
        var lines: [Substring] = []
        lines.reserveCapacity(breaks.count + 1)
        let utf8 = text.utf8
        var start = utf8.startIndex
        for offset in breaks {
            let end = utf8.index(utf8.startIndex, offsetBy: offset)
            lines.append(text[start..<end])
            start = utf8.index(after: end)
        }
        lines.append(text[start...])
        return lines
    }

    /// Splits a line into words (honouring `"…"` and `` `…` `` quoting) and the trimmed `//` comment, if any.
    private static func tokenize(_ line: Substring) -> (tokens: [Token], comment: String?) {
        // A line split at `Character` "\n" still holds CR LF pairs (one `Character`); those take the slow path.
        if line.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0A }) { return tokenizeASCII(line) }
        var tokens: [Token] = []
        var current = ""
        var start = 0
        var quote: Character?
        var column = 0
        var comment: String?
        var index = line.startIndex
        func flush() {
            if !current.isEmpty { tokens.append(Token(text: current, column: start)) }
            current = ""
        }
        while index < line.endIndex {
            let character = line[index]
            column += 1
            if let open = quote {
                if character == open {
                    quote = nil
                } else if character == "\\", open == "\"", line.index(after: index) < line.endIndex {
                    index = line.index(after: index)
                    column += 1
                    current.append(line[index])
                } else {
                    current.append(character)
                }
            } else if character == "/", line[index...].hasPrefix("//") {
                flush()
                comment = line[line.index(index, offsetBy: 2)...].trimmingWhitespace()
                break
            } else if character == "\"" || character == "`" {
                if current.isEmpty { start = column }
                quote = character
            } else if character == " " || character == "\t" || character == "\r" {
                flush()
            } else {
                if current.isEmpty { start = column }
                current.append(character)
            }
            index = line.index(after: index)
        }
        flush()
        return (tokens, comment)
    }

    /// `tokenize` for an ASCII line without CR LF pairs (every `go.mod` in practice), on bytes: one byte is one
    /// `Character` and one column, so the tokens, columns and comment are the same.
    private static func tokenizeASCII(_ line: Substring) -> (tokens: [Token], comment: String?) {
        var tokens: [Token] = []
        var current: [UInt8] = []
        var start = 0
        var quote: UInt8?
        var comment: String?
        let utf8 = line.utf8
        var index = utf8.startIndex
        var column = 0
        func flush() {
            if !current.isEmpty { tokens.append(Token(text: String(decoding: current, as: UTF8.self), column: start)) }
            current.removeAll(keepingCapacity: true)
        }
        while index < utf8.endIndex {
            let byte = utf8[index]
            column += 1
            let next = utf8.index(after: index)
            if let open = quote {
                if byte == open {
                    quote = nil
                } else if byte == UInt8(ascii: "\\"), open == UInt8(ascii: "\""), next < utf8.endIndex {
                    index = next
                    column += 1
                    current.append(utf8[index])
                } else {
                    current.append(byte)
                }
            } else if byte == UInt8(ascii: "/"), next < utf8.endIndex, utf8[next] == UInt8(ascii: "/") {
                flush()
                comment = line[utf8.index(after: next)...].trimmingWhitespace()
                break
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "`") {
                if current.isEmpty { start = column }
                quote = byte
            } else if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                flush()
            } else {
                if current.isEmpty { start = column }
                current.append(byte)
            }
            index = utf8.index(after: index)
        }
        flush()
        return (tokens, comment)
    }
}
