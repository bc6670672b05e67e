/// A YAML node that remembers where it came from, so every finding and error can point at a line and column.
public indirect enum YAMLNode: Sendable, Hashable {
    case scalar(YAMLScalar)
    case mapping(YAMLMapping)
    case sequence(YAMLSequence)

    /// Where the node starts in the source.
    public var position: SourcePosition {
        switch self {
        case .scalar(let scalar): scalar.position
        case .mapping(let mapping): mapping.position
        case .sequence(let sequence): sequence.position
        }
    }

    /// The scalar, if this node is one.
    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }

    /// The mapping, if this node is one.
    public var mapping: YAMLMapping? {
        if case .mapping(let mapping) = self { return mapping }
        return nil
    }

    /// The sequence, if this node is one.
    public var sequence: YAMLSequence? {
        if case .sequence(let sequence) = self { return sequence }
        return nil
    }

    /// The scalar's text, if this node is a non-null scalar.
    public var string: String? {
        guard let scalar, !scalar.isNull else { return nil }
        return scalar.value
    }

    /// A short name for the node's kind, for error messages.
    public var kindName: String {
        switch self {
        case .scalar(let scalar): scalar.isNull ? "null" : "scalar"
        case .mapping: "mapping"
        case .sequence: "sequence"
        }
    }

    /// Every scalar in this subtree, in document order.
    public func forEachScalar(_ body: (YAMLScalar) -> Void) {
        switch self {
        case .scalar(let scalar):
            body(scalar)
        case .mapping(let mapping):
            for entry in mapping.entries {
                body(entry.key)
                entry.value.forEachScalar(body)
            }
        case .sequence(let sequence):
            for item in sequence.items { item.forEachScalar(body) }
        }
    }
}

/// A scalar with its source position and presentation style.
public struct YAMLScalar: Sendable, Hashable {
    /// How the scalar was written, which decides how its text maps back to source columns.
    public enum Style: String, Sendable, Hashable {
        case plain
        case singleQuoted
        case doubleQuoted
        case literal
        case folded
    }

    public var value: String
    public var style: Style
    public var position: SourcePosition
    /// An explicit tag such as `!!str`, if one was written.
    public var tag: String?

    /// Creates a scalar.
    public init(value: String, style: Style, position: SourcePosition, tag: String? = nil) {
        self.value = value
        self.style = style
        self.position = position
        self.tag = tag
    }

    /// Whether this is YAML null (`~`, `null` or empty, unquoted).
    public var isNull: Bool {
        guard style == .plain, tag == nil else { return false }
        return value.isEmpty || value == "~" || value == "null" || value == "Null" || value == "NULL"
    }

    /// The YAML 1.2 core-schema boolean this plain scalar spells, if any.
    public var bool: Bool? {
        guard style == .plain else { return nil }
        switch value {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// The integer this plain scalar spells, if any.
    public var int: Int? {
        guard style == .plain else { return nil }
        return Int(value)
    }

    /// The number this plain scalar spells, if any.
    public var number: Double? {
        guard style == .plain else { return nil }
        return Double(value)
    }

    /// Whether the text is a GitHub expression in full, such as `${{ inputs.timeout }}`.
    public var isExpression: Bool {
        let trimmed = value.trimmingWhitespace()
        return trimmed.hasPrefix("${{") && trimmed.hasSuffix("}}")
    }
}

/// A key/value pair in a mapping.
///
/// Keys are scalars; complex keys are kept as their flattened text.
public struct YAMLEntry: Sendable, Hashable {
    public var key: YAMLScalar
    public var value: YAMLNode

    /// Creates an entry.
    public init(key: YAMLScalar, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// A mapping that keeps key order and positions.
public struct YAMLMapping: Sendable, Hashable {
    public var entries: [YAMLEntry]
    public var position: SourcePosition
    /// Whether the mapping was written in flow style (`{ a: 1 }`).
    public var isFlow: Bool

    /// Creates a mapping.
    public init(entries: [YAMLEntry], position: SourcePosition, isFlow: Bool = false) {
        self.entries = entries
        self.position = position
        self.isFlow = isFlow
    }

    /// The value for `key`, if present.
    public subscript(key: String) -> YAMLNode? {
        entries.first { $0.key.value == key }?.value
    }

    /// The entry for `key`, if present, so callers can point at the key itself.
    public func entry(_ key: String) -> YAMLEntry? {
        entries.first { $0.key.value == key }
    }

    /// The keys in source order.
    public var keys: [String] { entries.map(\.key.value) }
}

/// A sequence that keeps positions.
public struct YAMLSequence: Sendable, Hashable {
    public var items: [YAMLNode]
    public var position: SourcePosition
    /// Whether the sequence was written in flow style (`[a, b]`).
    public var isFlow: Bool

    /// Creates a sequence.
    public init(items: [YAMLNode], position: SourcePosition, isFlow: Bool = false) {
        self.items = items
        self.position = position
        self.isFlow = isFlow
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and newlines.
    public func trimmingWhitespace() -> String {
        // ASCII without carriage returns: every Character is one byte, so trimming bytes is the same (and fast).
        let fast = utf8.withContiguousStorageIfAvailable { bytes -> String? in
            var start = 0
            var end = bytes.count
            for byte in bytes where byte >= 0x80 || byte == 0x0D { return nil }
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A }
            while start < end, isSpace(bytes[start]) { start += 1 }
            while end > start, isSpace(bytes[end - 1]) { end -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }
        if let fast, let result = fast { return result }
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
