public import SlipwayCore

/// A TOML value, as the lockfile subset of TOML 1.0 has them.
public indirect enum TOMLValue: Sendable, Hashable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    /// An offset or local date-time, date or time, kept as written.
    case dateTime(String)
    case array([TOMLNode])
    case table(TOMLTable)

    /// The TOML name of the value's type, for messages.
    public var typeName: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .boolean: "boolean"
        case .dateTime: "date-time"
        case .array: "array"
        case .table: "table"
        }
    }
}

/// A TOML value with the position where it starts (for a table from `[header]` or `[[header]]`, the header's).
public struct TOMLNode: Sendable, Hashable {
    /// The value.
    public var value: TOMLValue
    /// Where the value starts.
    public var position: SourcePosition

    /// Creates a located value.
    public init(_ value: TOMLValue, position: SourcePosition) {
        self.value = value
        self.position = position
    }

    /// The string, if the value is one.
    public var string: String? {
        if case .string(let string) = value { return string }
        return nil
    }

    /// The integer, if the value is one.
    public var integer: Int? {
        if case .integer(let integer) = value { return integer }
        return nil
    }

    /// The boolean, if the value is one.
    public var boolean: Bool? {
        if case .boolean(let boolean) = value { return boolean }
        return nil
    }

    /// The elements, if the value is an array (an array of tables included).
    public var array: [TOMLNode]? {
        if case .array(let array) = value { return array }
        return nil
    }

    /// The table, if the value is one (inline or from a header).
    public var table: TOMLTable? {
        if case .table(let table) = value { return table }
        return nil
    }
}
