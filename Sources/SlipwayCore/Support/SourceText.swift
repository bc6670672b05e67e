/// A text file with a line index, translating between byte offsets and 1-based line/column positions.
///
/// Columns count Unicode scalars, as libyaml's marks do, so positions from the YAML parser and from text scans agree.
public struct SourceText: Sendable {
    /// The whole text.
    public let text: String
    /// The text's UTF-8 bytes.
    public let bytes: [UInt8]
    /// Byte offset where each line starts; `lineStarts[0] == 0`.
    public let lineStarts: [Int]

    /// Indexes `text`.
    public init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == 0x0A {
            starts.append(offset + 1)
        }
        self.lineStarts = starts
    }

    /// Number of lines (a trailing newline does not open a new line).
    public var lineCount: Int {
        if let last = lineStarts.last, last == bytes.count, lineStarts.count > 1 { return lineStarts.count - 1 }
        return lineStarts.count
    }

    /// The text of 1-based `line` without its newline, or an empty string when out of range.
    public func line(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    /// The byte offset of a 1-based position, clamped to the line.
    public func offset(of position: SourcePosition) -> Int {
        guard position.line >= 1, position.line <= lineStarts.count else { return bytes.count }
        let start = lineStarts[position.line - 1]
        let end = position.line < lineStarts.count ? lineStarts[position.line] : bytes.count
        var offset = start
        var column = 1
        while offset < end, column < position.column {
            offset += Self.scalarLength(leadingByte: bytes[offset])
            column += 1
        }
        return min(offset, end)
    }

    /// The 1-based position of a byte offset.
    public func position(ofOffset offset: Int) -> SourcePosition {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        var column = 1
        var cursor = lineStarts[low]
        while cursor < offset, cursor < bytes.count {
            cursor += Self.scalarLength(leadingByte: bytes[cursor])
            column += 1
        }
        return SourcePosition(line: low + 1, column: column)
    }

    /// The leading whitespace of 1-based `line`.
    public func indentation(ofLine line: Int) -> String {
        String(self.line(line).prefix { $0 == " " || $0 == "\t" })
    }

    private static func scalarLength(leadingByte byte: UInt8) -> Int {
        switch byte {
        case 0..<0x80: 1
        case 0xC0..<0xE0: 2
        case 0xE0..<0xF0: 3
        case 0xF0...: 4
        default: 1
        }
    }
}
