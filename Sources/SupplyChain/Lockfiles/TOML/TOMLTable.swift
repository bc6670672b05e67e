public import SlipwayCore

/// A TOML table: keys in document order with their located values.
public struct TOMLTable: Sendable, Hashable {
    /// Where the table starts (its header, its `{`, or the document start).
    public var position: SourcePosition
    /// The keys in the order they were first written.
    public var keys: [String]
    /// The values by key.
    public var entries: [String: TOMLNode]
    /// Where each key is written (the first part of a dotted key for implicit tables).
    public var keyPositions: [String: SourcePosition]

    /// Creates a table.
    public init(
        position: SourcePosition,
        keys: [String] = [],
        entries: [String: TOMLNode] = [:],
        keyPositions: [String: SourcePosition] = [:]
    ) {
        self.position = position
        self.keys = keys
        self.entries = entries
        self.keyPositions = keyPositions
    }

    /// The value at `key`.
    public subscript(key: String) -> TOMLNode? { entries[key] }
}
