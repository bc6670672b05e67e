public import SlipwayCore

/// Why TOML text could not be read, at a position.
public struct TOMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is.
    public var position: SourcePosition
    /// What is wrong, in user language.
    public var reason: String

    /// Creates an error.
    public init(position: SourcePosition, reason: String) {
        self.position = position
        self.reason = reason
    }

    /// `line:column: reason`.
    public var description: String { "\(position.line):\(position.column): \(reason)" }
}
