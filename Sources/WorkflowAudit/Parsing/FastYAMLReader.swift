import SlipwayCore

/// Reads the YAML that workflow files are written in straight from its UTF-8 bytes into located `YAMLNode`s.
///
/// `YAMLLoader` (libyaml's scanner and parser, then Yams' `Node` tree, then ours) is the reference. This reader
/// builds the same tree in one pass, with the same values and the same positions, for what workflows use: block
/// mappings and sequences (indentless ones too), flow collections, plain, quoted and block scalars (with chomping
/// and indentation indicators), comments, anchors and aliases, and one document with optional `---` and `...`.
/// Anything else (tags, directives, complex keys, tabs, carriage returns, several documents, empty nodes in odd
/// places, syntax errors, the limits) makes it return `nil`, and the caller parses the file with `YAMLLoader`, so
/// the two never disagree. The ported scanner loops follow libyaml's `scanner.c` (Yams' bundled copy) step by step;
/// `FastYAMLReaderTests` compares both trees node by node, positions included, over the whole workflow corpus.
enum FastYAMLReader {
    /// The node tree of `text`, or `nil` when the file needs `YAMLLoader` (unsupported construct or an error).
    static func read(_ text: String, limits: YAMLLimits = .standard) -> YAMLNode? {
        var text = text
        guard text.utf8.count <= limits.maximumBytes else { return nil }
        // `YAMLLoader` rejects flow nesting deeper than the limit before parsing; it cannot happen with fewer opening
        // brackets than the limit, so the exact scan runs only when there are more (files with many `${{`).
        let tooDeep = text.withUTF8 { bytes in
            let openings = bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "[") || $1 == UInt8(ascii: "{") ? 1 : 0) }
            return openings > limits.maximumDepth
                && YAMLLoader.deepestFlowNesting(in: bytes, limit: limits.maximumDepth) != nil
        }
        if tooDeep { return nil }
        return text.withUTF8 { bytes -> YAMLNode? in
            var reader = FastYAMLScanner(bytes: bytes, limits: limits)
            return try? reader.document()
        }
    }
}

/// Thrown inside the reader when the input needs `YAMLLoader`; never escapes `FastYAMLReader.read`.
struct FastYAMLUnsupported: Error {}

/// The reader's state: a cursor over the bytes with its line, and the anchors seen so far.
struct FastYAMLScanner {
    typealias Unsupported = FastYAMLUnsupported

    /// Where a node starts relative to what precedes it on its line; decides what may start there.
    private enum Context {
        /// First on its line (a block node below a key or a dash, or the root).
        case lineStart
        /// After `key:` on the same line: no nested key or sequence may start here.
        case afterKey
        /// After `- ` on the same line: a compact mapping may start here.
        case afterDash
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let count: Int
    private let limits: YAMLLimits
    private var pos = 0
    /// 0-based line of `pos`, and the offset where that line starts.
    private var line = 0
    private var lineStart = 0
    /// Nodes built so far, with aliases counted as the nodes they expand to (as `YAMLLoader` counts).
    private var nodes = 0
    private var anchors: [String: YAMLNode] = [:]
    /// Scratch space for scalars whose value differs from their source bytes (folded, escaped).
    private var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, limits: YAMLLimits) {
        self.bytes = bytes
        self.count = bytes.count
        self.limits = limits
    }

    // MARK: - Bytes

    private static let space: UInt8 = 0x20
    private static let newline: UInt8 = 0x0A

    /// The byte at `index`, or 0 past the end (the prescan rejects NUL, so 0 means end of input).
    @inline(__always) private func byte(_ index: Int) -> UInt8 {
        index < count ? bytes[index] : 0
    }

    @inline(__always) private static func isBlankOrEnd(_ byte: UInt8) -> Bool {
        byte == space || byte == newline || byte == 0
    }

    /// Rejects what libyaml reads differently from plain LF-separated UTF-8: tabs, carriage returns, other control
    /// characters, NEL/LS/PS line breaks, byte-order marks and non-characters.
    private func prescan() throws(Unsupported) {
        var index = 0
        while index < count {
            let byte = bytes[index]
            if byte < 0x20 {
                if byte != Self.newline { throw Unsupported() }
            } else if byte == 0x7F {
                throw Unsupported()
            } else if byte == 0xC2 {
                if (0x80...0x9F).contains(self.byte(index + 1)) { throw Unsupported() }
            } else if byte == 0xE2 {
                if self.byte(index + 1) == 0x80 && (self.byte(index + 2) == 0xA8 || self.byte(index + 2) == 0xA9) {
                    throw Unsupported()
                }
            } else if byte == 0xEF {
                let second = self.byte(index + 1)
                let third = self.byte(index + 2)
                if (second == 0xBB && third == 0xBF) || (second == 0xBF && (third == 0xBE || third == 0xBF)) {
                    throw Unsupported()
                }
            }
            index += 1
        }
    }

    /// The 1-based position of `offset`, which must be on the current line; columns count characters as libyaml does.
    private func position(_ offset: Int) -> SourcePosition {
        var column = 0
        var index = lineStart
        while index < offset {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return SourcePosition(line: line + 1, column: column + 1)
    }

    /// Whether `offset` starts `---` or `...` followed by a blank or the end (a document marker at column 0).
    private func isDocumentMarker(_ offset: Int) -> Bool {
        let first = byte(offset)
        guard first == UInt8(ascii: "-") || first == UInt8(ascii: ".") else { return false }
        return byte(offset + 1) == first && byte(offset + 2) == first && Self.isBlankOrEnd(byte(offset + 3))
    }

    @inline(__always) private mutating func consumeNewline() {
        pos += 1
        line += 1
        lineStart = pos
    }

    /// Skips the rest of the line, then blank and comment lines, stopping at the next content or the end.
    ///
    /// Only spaces and a comment may be left on the current line; content left on the current line means a construct this reader does not handle.
    private mutating func skipToNextContent() throws(Unsupported) {
        while true {
            while byte(pos) == Self.space { pos += 1 }
            if byte(pos) == UInt8(ascii: "#") {
                while pos < count && bytes[pos] != Self.newline { pos += 1 }
            }
            if pos >= count { return }
            if bytes[pos] == Self.newline {
                consumeNewline()
                continue
            }
            var index = lineStart
            while index < pos {
                if bytes[index] != Self.space { throw Unsupported() }
                index += 1
            }
            return
        }
    }

    /// Skips the rest of the line after `---` or `...`: only spaces and a comment may follow.
    private mutating func skipMarkerLine() throws(Unsupported) {
        pos += 3
        while byte(pos) == Self.space { pos += 1 }
        if byte(pos) == UInt8(ascii: "#") {
            while pos < count && bytes[pos] != Self.newline { pos += 1 }
        }
        guard pos >= count || bytes[pos] == Self.newline else { throw Unsupported() }
    }

    /// The column of content found by `skipToNextContent`: only spaces precede it on its line.
    @inline(__always) private var indentColumn: Int { pos - lineStart }

    // MARK: - Document

    /// Reads the single document of the input.
    mutating func document() throws(Unsupported) -> YAMLNode {
        try prescan()
        try skipToNextContent()
        guard pos < count, bytes[pos] != UInt8(ascii: "%") else { throw Unsupported() }
        if indentColumn == 0 && byte(pos) == UInt8(ascii: "-") && isDocumentMarker(pos) {
            try skipMarkerLine()
            try skipToNextContent()
            guard pos < count, !(indentColumn == 0 && isDocumentMarker(pos)) else { throw Unsupported() }
        }
        let root = try blockNode(parentIndent: -1, depth: 0, context: .lineStart)
        try skipToNextContent()
        if pos < count {
            guard indentColumn == 0, byte(pos) == UInt8(ascii: "."), isDocumentMarker(pos) else { throw Unsupported() }
            try skipMarkerLine()
            try skipToNextContent()
            guard pos >= count else { throw Unsupported() }
        }
        guard nodes <= limits.maximumNodes else { throw Unsupported() }
        return root
    }

    // MARK: - Block nodes

    /// A node starting at `pos` (content, not a space or comment).
    ///
    /// `parentIndent` is the column of the enclosing block collection (libyaml's `parser->indent`), -1 at the root.
    private mutating func blockNode(parentIndent: Int, depth: Int, context: Context) throws(Unsupported) -> YAMLNode {
        guard depth <= limits.maximumDepth else { throw Unsupported() }
        let first = bytes[pos]
        switch first {
        case UInt8(ascii: "-") where Self.isBlankOrEnd(byte(pos + 1)):
            guard context == .lineStart else { throw Unsupported() }
            return try blockSequence(column: indentColumn, depth: depth, indentless: false)
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            return try flowCollection(depth: depth)
        case UInt8(ascii: "|"), UInt8(ascii: ">"):
            return try blockScalar(parentIndent: parentIndent)
        case UInt8(ascii: "&"):
            return try anchoredNode(parentIndent: parentIndent, depth: depth)
        case UInt8(ascii: "*"):
            return try alias(depth: depth)
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            let start = pos
            let position = self.position(start)
            let (value, singleLine) = try quotedScalar(single: first == UInt8(ascii: "'"))
            let scalar = YAMLScalar(
                value: value,
                style: first == UInt8(ascii: "'") ? .singleQuoted : .doubleQuoted,
                position: position
            )
            let afterQuote = pos
            while byte(pos) == Self.space { pos += 1 }
            if byte(pos) == UInt8(ascii: ":") && Self.isBlankOrEnd(byte(pos + 1)) {
                guard singleLine, context != .afterKey, pos - start <= 1000 else { throw Unsupported() }
                return try blockMapping(column: position.column - 1, at: start, firstKey: scalar, depth: depth)
            }
            pos = afterQuote
            nodes += 1
            return .scalar(scalar)
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "]"),
            UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "!"), UInt8(ascii: "%"), UInt8(ascii: "@"),
            UInt8(ascii: "`"):
            // `-x` is a plain scalar; the others are tags, directives, complex keys or errors.
            guard first == UInt8(ascii: "-") else { throw Unsupported() }
            return try plainNode(parentIndent: parentIndent, depth: depth, context: context)
        default:
            return try plainNode(parentIndent: parentIndent, depth: depth, context: context)
        }
    }

    /// A plain scalar, or the first key of a block mapping when `: ` follows it on its line.
    private mutating func plainNode(parentIndent: Int, depth: Int, context: Context) throws(Unsupported) -> YAMLNode {
        let start = pos
        let position = self.position(start)
        let plain = try plainScalar(indent: parentIndent + 1, flow: false)
        let scalar = YAMLScalar(value: plain.value, style: .plain, position: position)
        if plain.endsAtColon && !plain.isMultiline {
            guard context != .afterKey, pos - start <= 1000 else { throw Unsupported() }
            return try blockMapping(column: position.column - 1, at: start, firstKey: scalar, depth: depth)
        }
        nodes += 1
        return .scalar(scalar)
    }

    /// A block mapping whose first key has been read; `pos` is at that key's `:`.
    private mutating func blockMapping(
        column: Int,
        at start: Int,
        firstKey: YAMLScalar,
        depth: Int
    ) throws(Unsupported) -> YAMLNode {
        let position = firstKey.position
        nodes += 1
        var entries: [YAMLEntry] = []
        var key = firstKey
        while true {
            pos += 1  // the `:`
            let value = try mappingValue(indent: column, depth: depth + 1)
            for entry in entries where entry.key.value == key.value { throw Unsupported() }
            entries.append(YAMLEntry(key: key, value: value))
            try skipToNextContent()
            if pos >= count { break }
            let next = indentColumn
            if next < column { break }
            guard next == column else { throw Unsupported() }
            if next == 0 && isDocumentMarker(pos) { break }
            key = try blockKey()
        }
        return .mapping(YAMLMapping(entries: entries, position: position))
    }

    /// A key at the start of a line in a block mapping; leaves `pos` at its `:`.
    private mutating func blockKey() throws(Unsupported) -> YAMLScalar {
        let start = pos
        let first = bytes[pos]
        let position = self.position(start)
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            let (value, singleLine) = try quotedScalar(single: first == UInt8(ascii: "'"))
            while byte(pos) == Self.space { pos += 1 }
            guard singleLine, byte(pos) == UInt8(ascii: ":"), Self.isBlankOrEnd(byte(pos + 1)), pos - start <= 1000
            else { throw Unsupported() }
            return YAMLScalar(
                value: value,
                style: first == UInt8(ascii: "'") ? .singleQuoted : .doubleQuoted,
                position: position
            )
        }
        guard Self.canStartPlain(first, next: byte(pos + 1)) else { throw Unsupported() }
        let plain = try plainScalar(indent: 0, flow: false)
        guard plain.endsAtColon, !plain.isMultiline, pos - start <= 1000 else { throw Unsupported() }
        return YAMLScalar(value: plain.value, style: .plain, position: position)
    }

    /// Whether a plain scalar may start with `first` in the block context (libyaml's rule; `?x` and `:x` excluded).
    private static func canStartPlain(_ first: UInt8, next: UInt8) -> Bool {
        switch first {
        case UInt8(ascii: "-"): return !isBlankOrEnd(next)
        case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"),
            UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""),
            UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"), space, newline, 0:
            return false
        default: return true
        }
    }

    /// The value after `key:` in a mapping at column `indent`: on the same line, on the lines below, an indentless
    /// sequence, or empty (an empty plain scalar placed right after the `:`, where libyaml puts it).
    private mutating func mappingValue(indent: Int, depth: Int) throws(Unsupported) -> YAMLNode {
        guard depth <= limits.maximumDepth else { throw Unsupported() }
        let afterColon = position(pos)
        while byte(pos) == Self.space { pos += 1 }
        let next = byte(pos)
        guard next == UInt8(ascii: "#") || next == Self.newline || next == 0 else {
            return try blockNode(parentIndent: indent, depth: depth, context: .afterKey)
        }
        try skipToNextContent()
        if pos < count {
            let column = indentColumn
            if column > indent && !(column == 0 && isDocumentMarker(pos)) {
                return try blockNode(parentIndent: indent, depth: depth, context: .lineStart)
            }
            if column == indent && bytes[pos] == UInt8(ascii: "-") && Self.isBlankOrEnd(byte(pos + 1)) {
                return try blockSequence(column: column, depth: depth, indentless: true)
            }
        }
        nodes += 1
        return .scalar(YAMLScalar(value: "", style: .plain, position: afterColon))
    }

    /// A block sequence whose first `-` is at `pos`, at `column`.
    ///
    /// An indentless sequence (the value of a key at the
    /// same column) ends at the next key; a sequence indented below its key must end at a smaller column.
    private mutating func blockSequence(column: Int, depth: Int, indentless: Bool) throws(Unsupported) -> YAMLNode {
        guard depth <= limits.maximumDepth else { throw Unsupported() }
        let position = self.position(pos)
        nodes += 1
        var items: [YAMLNode] = []
        while true {
            pos += 1  // the `-`
            while byte(pos) == Self.space { pos += 1 }
            let next = byte(pos)
            if next == UInt8(ascii: "#") || next == Self.newline || next == 0 {
                try skipToNextContent()
                // An empty item is placed after its dash by libyaml; rare enough to leave to it.
                guard pos < count, indentColumn > column else { throw Unsupported() }
                items.append(try blockNode(parentIndent: column, depth: depth + 1, context: .lineStart))
            } else {
                items.append(try blockNode(parentIndent: column, depth: depth + 1, context: .afterDash))
            }
            try skipToNextContent()
            if pos >= count { break }
            let nextColumn = indentColumn
            if nextColumn < column { break }
            guard nextColumn == column else { throw Unsupported() }
            if bytes[pos] == UInt8(ascii: "-") && Self.isBlankOrEnd(byte(pos + 1)) { continue }
            guard indentless else { throw Unsupported() }
            break
        }
        return .sequence(YAMLSequence(items: items, position: position))
    }

    /// `&name` followed by its node, on the same line or below; the node is positioned at the `&`.
    private mutating func anchoredNode(parentIndent: Int, depth: Int) throws(Unsupported) -> YAMLNode {
        let position = self.position(pos)
        let name = try anchorName()
        while byte(pos) == Self.space { pos += 1 }
        let next = byte(pos)
        var node: YAMLNode
        if next == UInt8(ascii: "#") || next == Self.newline || next == 0 {
            try skipToNextContent()
            guard pos < count, indentColumn > parentIndent, !(indentColumn == 0 && isDocumentMarker(pos)) else {
                throw Unsupported()
            }
            node = try blockNode(parentIndent: parentIndent, depth: depth, context: .lineStart)
        } else {
            guard next != UInt8(ascii: "&"), next != UInt8(ascii: "*") else { throw Unsupported() }
            // Inline, the anchor must not sit before a key (it would belong to the key) or a sequence.
            node = try blockNode(parentIndent: parentIndent, depth: depth, context: .afterKey)
        }
        switch node {
        case .scalar(var scalar):
            scalar.position = position
            node = .scalar(scalar)
        case .mapping(var mapping):
            mapping.position = position
            node = .mapping(mapping)
        case .sequence(var sequence):
            sequence.position = position
            node = .sequence(sequence)
        }
        anchors[name] = node
        return node
    }

    /// `*name`: the anchored node itself, as Yams' composer returns it (counted and depth-checked as expanded).
    private mutating func alias(depth: Int) throws(Unsupported) -> YAMLNode {
        let name = try anchorName()
        guard let node = anchors[name] else { throw Unsupported() }
        var size = 0
        let height = Self.measure(node, size: &size)
        nodes += size
        guard depth + height <= limits.maximumDepth, nodes <= limits.maximumNodes else { throw Unsupported() }
        return node
    }

    /// Counts the nodes of `node` (keys excluded, as `YAMLLoader` counts) and returns its height.
    private static func measure(_ node: YAMLNode, size: inout Int) -> Int {
        size += 1
        switch node {
        case .scalar: return 0
        case .mapping(let mapping):
            var height = 0
            for entry in mapping.entries { height = max(height, measure(entry.value, size: &size) + 1) }
            return height
        case .sequence(let sequence):
            var height = 0
            for item in sequence.items { height = max(height, measure(item, size: &size) + 1) }
            return height
        }
    }

    /// Reads `&name` or `*name` at `pos`; the name must be followed by a blank or the end.
    private mutating func anchorName() throws(Unsupported) -> String {
        pos += 1
        let start = pos
        while pos < count {
            let byte = bytes[pos]
            let isNameByte =
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            guard isNameByte else { break }
            pos += 1
        }
        guard pos > start, Self.isBlankOrEnd(byte(pos)) else { throw Unsupported() }
        return string(start, pos)
    }

    // MARK: - Scalars

    private func string(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    @inline(__always) private mutating func appendNewlines(_ count: Int) {
        for _ in 0..<count { scratch.append(Self.newline) }
    }

    /// A plain scalar at `pos`, ported from libyaml's `yaml_parser_scan_plain_scalar`.
    ///
    /// Continuation lines must reach
    /// column `indent` in the block context. Leaves `pos` after the scalar's last character, at a `:` when that
    /// ended it. `isMultiline` says whether line breaks were folded into the value.
    private mutating func plainScalar(
        indent: Int,
        flow: Bool
    ) throws(Unsupported) -> (value: String, endsAtColon: Bool, isMultiline: Bool) {
        let start = pos
        var end = pos
        var endLine = line
        var endLineStart = lineStart
        var folded = false
        var segmentStart = start
        var leadingBlanks = false
        var trailingBreaks = 0
        var endsAtColon = false
        outer: while true {
            if pos == lineStart && isDocumentMarker(pos) { break }
            if byte(pos) == UInt8(ascii: "#") { break }
            while !Self.isBlankOrEnd(byte(pos)) {
                let current = bytes[pos]
                if flow && current == UInt8(ascii: ":") {
                    switch byte(pos + 1) {
                    case UInt8(ascii: ","), UInt8(ascii: "?"), UInt8(ascii: "["), UInt8(ascii: "]"),
                        UInt8(ascii: "{"), UInt8(ascii: "}"):
                        throw Unsupported()
                    default: break
                    }
                }
                if current == UInt8(ascii: ":") && Self.isBlankOrEnd(byte(pos + 1)) {
                    endsAtColon = true
                    break outer
                }
                if flow {
                    switch current {
                    case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                        break outer
                    default: break
                    }
                }
                if leadingBlanks {
                    // Fold the line break(s) consumed since the last character.
                    if !folded {
                        scratch.removeAll(keepingCapacity: true)
                        folded = true
                    }
                    scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segmentStart..<end]))
                    if trailingBreaks == 0 { scratch.append(Self.space) } else { appendNewlines(trailingBreaks) }
                    trailingBreaks = 0
                    leadingBlanks = false
                    segmentStart = pos
                }
                pos += 1
                end = pos
                endLine = line
                endLineStart = lineStart
            }
            let next = byte(pos)
            if !(next == Self.space || next == Self.newline) { break }
            while true {
                let blank = byte(pos)
                if blank == Self.space {
                    pos += 1
                } else if blank == Self.newline {
                    if leadingBlanks { trailingBreaks += 1 } else { leadingBlanks = true }
                    consumeNewline()
                } else {
                    break
                }
            }
            if !flow && leadingBlanks && pos - lineStart < indent { break }
        }
        let value: String
        if folded {
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segmentStart..<end]))
            value = String(decoding: scratch, as: UTF8.self)
        } else {
            value = string(start, end)
        }
        if !endsAtColon {
            pos = end
            line = endLine
            lineStart = endLineStart
        }
        return (value, endsAtColon, folded)
    }

    /// A single- or double-quoted scalar at `pos`, ported from libyaml's `yaml_parser_scan_flow_scalar`.
    ///
    /// Leaves `pos` after the closing quote; `singleLine` says whether it closed on the line it opened.
    private mutating func quotedScalar(single: Bool) throws(Unsupported) -> (value: String, singleLine: Bool) {
        let quote = single ? UInt8(ascii: "'") : UInt8(ascii: "\"")
        let startLine = line
        pos += 1
        let contentStart = pos
        var transformed = false
        var segmentStart = pos
        func beginTransform(_ reader: inout FastYAMLScanner, upTo end: Int) {
            if !transformed {
                reader.scratch.removeAll(keepingCapacity: true)
                transformed = true
            }
            reader.scratch.append(contentsOf: UnsafeBufferPointer(rebasing: reader.bytes[segmentStart..<end]))
        }
        while true {
            if pos == lineStart && isDocumentMarker(pos) { throw Unsupported() }
            if pos >= count { throw Unsupported() }
            var leadingBlanks = false
            while !Self.isBlankOrEnd(byte(pos)) {
                let current = bytes[pos]
                if single && current == quote && byte(pos + 1) == quote {
                    beginTransform(&self, upTo: pos)
                    scratch.append(quote)
                    pos += 2
                    segmentStart = pos
                } else if current == quote {
                    break
                } else if !single && current == UInt8(ascii: "\\") && byte(pos + 1) == Self.newline {
                    beginTransform(&self, upTo: pos)
                    pos += 1
                    consumeNewline()
                    segmentStart = pos
                    leadingBlanks = true
                    break
                } else if !single && current == UInt8(ascii: "\\") {
                    beginTransform(&self, upTo: pos)
                    try escape()
                    segmentStart = pos
                } else {
                    pos += 1
                }
            }
            if byte(pos) == quote { break }
            // Blanks and line breaks: spaces inside a line are kept as they are; breaks fold.
            let blanksStart = pos
            var leadingBreak = false
            var trailingBreaks = 0
            while true {
                let blank = byte(pos)
                if blank == Self.space {
                    pos += 1
                } else if blank == Self.newline {
                    if !leadingBlanks {
                        leadingBreak = true
                        leadingBlanks = true
                    } else {
                        trailingBreaks += 1
                    }
                    consumeNewline()
                } else {
                    break
                }
            }
            if leadingBlanks {
                beginTransform(&self, upTo: blanksStart)
                if leadingBreak {
                    if trailingBreaks == 0 { scratch.append(Self.space) } else { appendNewlines(trailingBreaks) }
                } else {
                    appendNewlines(trailingBreaks)
                }
                segmentStart = pos
            }
        }
        let value: String
        if transformed {
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segmentStart..<pos]))
            value = String(decoding: scratch, as: UTF8.self)
        } else {
            value = string(contentStart, pos)
        }
        pos += 1  // the closing quote
        return (value, line == startLine)
    }

    /// One escape sequence of a double-quoted scalar at `pos` (the backslash), appended to `scratch`.
    private mutating func escape() throws(Unsupported) {
        let code = byte(pos + 1)
        var length = 0
        switch code {
        case UInt8(ascii: "0"): scratch.append(0)
        case UInt8(ascii: "a"): scratch.append(0x07)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "v"): scratch.append(0x0B)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "e"): scratch.append(0x1B)
        case UInt8(ascii: " "): scratch.append(0x20)
        case UInt8(ascii: "\""): scratch.append(UInt8(ascii: "\""))
        case UInt8(ascii: "/"): scratch.append(UInt8(ascii: "/"))
        case UInt8(ascii: "\\"): scratch.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "N"): scratch.append(contentsOf: [0xC2, 0x85])
        case UInt8(ascii: "_"): scratch.append(contentsOf: [0xC2, 0xA0])
        case UInt8(ascii: "L"): scratch.append(contentsOf: [0xE2, 0x80, 0xA8])
        case UInt8(ascii: "P"): scratch.append(contentsOf: [0xE2, 0x80, 0xA9])
        case UInt8(ascii: "x"): length = 2
        case UInt8(ascii: "u"): length = 4
        case UInt8(ascii: "U"): length = 8
        default: throw Unsupported()
        }
        pos += 2
        guard length > 0 else { return }
        var value: UInt32 = 0
        for offset in 0..<length {
            let digit = byte(pos + offset)
            let nibble: UInt8
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = digit - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = digit - UInt8(ascii: "A") + 10
            default: throw Unsupported()
            }
            value = value << 4 + UInt32(nibble)
        }
        // Surrogates and out-of-range values are libyaml errors; a byte-order mark could be dropped by Foundation.
        guard !(0xD800...0xDFFF).contains(value), value <= 0x10FFFF, value != 0xFEFF, value != 0xFFFE, value != 0xFFFF,
            let scalar = Unicode.Scalar(value)
        else { throw Unsupported() }
        scratch.append(contentsOf: Array(String(Character(scalar)).utf8))
        pos += length
    }

    /// A literal (`|`) or folded (`>`) block scalar, ported from libyaml's `yaml_parser_scan_block_scalar`.
    ///
    /// `parentIndent` is the column of the enclosing block collection. Leaves `pos` at the first character of the
    /// line that ends the scalar (after its indentation) or at the end.
    private mutating func blockScalar(parentIndent: Int) throws(Unsupported) -> YAMLNode {
        let position = self.position(pos)
        let literal = bytes[pos] == UInt8(ascii: "|")
        pos += 1
        var chomping = 0
        var increment = 0
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        let first = byte(pos)
        if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            chomping = first == UInt8(ascii: "+") ? 1 : -1
            pos += 1
            if isDigit(byte(pos)) {
                guard byte(pos) != UInt8(ascii: "0") else { throw Unsupported() }
                increment = Int(byte(pos) - UInt8(ascii: "0"))
                pos += 1
            }
        } else if isDigit(first) {
            guard first != UInt8(ascii: "0") else { throw Unsupported() }
            increment = Int(first - UInt8(ascii: "0"))
            pos += 1
            let next = byte(pos)
            if next == UInt8(ascii: "+") || next == UInt8(ascii: "-") {
                chomping = next == UInt8(ascii: "+") ? 1 : -1
                pos += 1
            }
        }
        while byte(pos) == Self.space { pos += 1 }
        if byte(pos) == UInt8(ascii: "#") {
            while pos < count && bytes[pos] != Self.newline { pos += 1 }
        }
        guard pos >= count || bytes[pos] == Self.newline else { throw Unsupported() }
        if pos < count { consumeNewline() }
        var indent = 0
        if increment != 0 { indent = parentIndent >= 0 ? parentIndent + increment : increment }
        scratch.removeAll(keepingCapacity: true)
        var trailingBreaks = 0
        var leadingBreak = false
        var leadingBlank = false
        blockScalarBreaks(indent: &indent, parentIndent: parentIndent, trailingBreaks: &trailingBreaks)
        while pos - lineStart == indent && pos < count {
            let trailingBlank = bytes[pos] == Self.space
            if !literal && leadingBreak && !leadingBlank && !trailingBlank {
                if trailingBreaks == 0 { scratch.append(Self.space) }
            } else if leadingBreak {
                scratch.append(Self.newline)
            }
            leadingBreak = false
            appendNewlines(trailingBreaks)
            trailingBreaks = 0
            leadingBlank = bytes[pos] == Self.space
            let lineContent = pos
            while pos < count && bytes[pos] != Self.newline { pos += 1 }
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[lineContent..<pos]))
            if pos < count {
                consumeNewline()
                leadingBreak = true
            }
            blockScalarBreaks(indent: &indent, parentIndent: parentIndent, trailingBreaks: &trailingBreaks)
        }
        if chomping != -1 && leadingBreak { scratch.append(Self.newline) }
        if chomping == 1 { appendNewlines(trailingBreaks) }
        nodes += 1
        return .scalar(
            YAMLScalar(
                value: String(decoding: scratch, as: UTF8.self),
                style: literal ? .literal : .folded,
                position: position
            )
        )
    }

    /// Eats indentation and empty lines inside a block scalar, fixing the indentation from the first non-empty line
    /// when no indicator gave it (libyaml's `yaml_parser_scan_block_scalar_breaks`).
    private mutating func blockScalarBreaks(indent: inout Int, parentIndent: Int, trailingBreaks: inout Int) {
        var maxIndent = 0
        while true {
            while (indent == 0 || pos - lineStart < indent) && byte(pos) == Self.space { pos += 1 }
            if pos - lineStart > maxIndent { maxIndent = pos - lineStart }
            guard byte(pos) == Self.newline else { break }
            consumeNewline()
            trailingBreaks += 1
        }
        if indent == 0 { indent = max(maxIndent, parentIndent + 1, 1) }
    }

    // MARK: - Flow collections

    /// Skips spaces, line breaks and comments inside a flow collection.
    private mutating func skipFlowBlanks() throws(Unsupported) {
        while true {
            let current = byte(pos)
            if current == Self.space {
                pos += 1
            } else if current == Self.newline {
                consumeNewline()
                if isDocumentMarker(pos) { throw Unsupported() }
            } else if current == UInt8(ascii: "#") {
                while pos < count && bytes[pos] != Self.newline { pos += 1 }
            } else {
                return
            }
        }
    }

    /// `[…]` or `{…}` at `pos`, with scalars and nested flow collections (trailing commas too; no empty entries, single
    /// pairs or properties).
    private mutating func flowCollection(depth: Int) throws(Unsupported) -> YAMLNode {
        guard depth <= limits.maximumDepth else { throw Unsupported() }
        let position = self.position(pos)
        let isSequence = bytes[pos] == UInt8(ascii: "[")
        let close = isSequence ? UInt8(ascii: "]") : UInt8(ascii: "}")
        pos += 1
        nodes += 1
        var items: [YAMLNode] = []
        var entries: [YAMLEntry] = []
        try skipFlowBlanks()
        if byte(pos) != close {
            while true {
                if isSequence {
                    items.append(try flowNode(depth: depth + 1))
                } else {
                    let key = try flowKey()
                    try skipFlowBlanks()
                    guard byte(pos) == UInt8(ascii: ":") else { throw Unsupported() }
                    pos += 1
                    try skipFlowBlanks()
                    let next = byte(pos)
                    guard next != UInt8(ascii: ","), next != close else { throw Unsupported() }
                    let value = try flowNode(depth: depth + 1)
                    for entry in entries where entry.key.value == key.value { throw Unsupported() }
                    entries.append(YAMLEntry(key: key, value: value))
                }
                try skipFlowBlanks()
                let separator = byte(pos)
                if separator == UInt8(ascii: ",") {
                    pos += 1
                    try skipFlowBlanks()
                    // A trailing comma closes the collection without an empty entry, as in libyaml.
                    if byte(pos) == close { break }
                    continue
                }
                guard separator == close else { throw Unsupported() }
                break
            }
        }
        pos += 1  // the closing bracket
        return isSequence
            ? .sequence(YAMLSequence(items: items, position: position))
            : .mapping(YAMLMapping(entries: entries, position: position))
    }

    /// A key of a flow mapping: a scalar on one line.
    private mutating func flowKey() throws(Unsupported) -> YAMLScalar {
        let startLine = line
        let node = try flowScalar()
        guard line == startLine, case .scalar(let scalar) = node else { throw Unsupported() }
        return scalar
    }

    /// An entry of a flow collection: a nested collection or a scalar.
    private mutating func flowNode(depth: Int) throws(Unsupported) -> YAMLNode {
        guard depth <= limits.maximumDepth else { throw Unsupported() }
        let first = byte(pos)
        if first == UInt8(ascii: "[") || first == UInt8(ascii: "{") { return try flowCollection(depth: depth) }
        let node = try flowScalar()
        nodes += 1
        return node
    }

    /// A quoted or plain scalar inside a flow collection.
    private mutating func flowScalar() throws(Unsupported) -> YAMLNode {
        let first = byte(pos)
        let position = self.position(pos)
        if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") {
            let (value, _) = try quotedScalar(single: first == UInt8(ascii: "'"))
            return .scalar(
                YAMLScalar(
                    value: value,
                    style: first == UInt8(ascii: "'") ? .singleQuoted : .doubleQuoted,
                    position: position
                )
            )
        }
        guard Self.canStartPlain(first, next: byte(pos + 1)) else { throw Unsupported() }
        let plain = try plainScalar(indent: 0, flow: true)
        return .scalar(YAMLScalar(value: plain.value, style: .plain, position: position))
    }
}
