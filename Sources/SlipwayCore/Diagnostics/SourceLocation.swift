/// A 1-based line and column in a text file.
public struct SourcePosition: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// 1-based line number.
    public var line: Int
    /// 1-based column number, counted in Unicode scalars as libyaml does.
    public var column: Int

    /// Creates a position; both values are 1-based.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// A place in a file: the relative path plus a start position and an optional end.
public struct SourceLocation: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// Path relative to the audited root, with `/` separators.
    public var path: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int
    /// Optional 1-based end line (inclusive).
    public var endLine: Int?
    /// Optional 1-based end column (exclusive).
    public var endColumn: Int?

    /// Creates a location in `path`.
    public init(path: String, line: Int, column: Int, endLine: Int? = nil, endColumn: Int? = nil) {
        self.path = path
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
    }

    /// Creates a location at a position in `path`.
    public init(path: String, position: SourcePosition) {
        self.init(path: path, line: position.line, column: position.column)
    }

    /// The start position.
    public var position: SourcePosition { SourcePosition(line: line, column: column) }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.path, lhs.line, lhs.column) < (rhs.path, rhs.line, rhs.column)
    }

    /// `path:line:column`, the form compilers and editors understand.
    public var description: String { "\(path):\(line):\(column)" }
}
