public import SlipwayCore

/// A value together with where it was written.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var position: SourcePosition

    /// Creates a located value.
    public init(_ value: Value, at position: SourcePosition) {
        self.value = value
        self.position = position
    }
}

extension Located where Value == String {
    /// The string of a scalar node with the scalar's position.
    init?(_ node: YAMLNode?) {
        guard let scalar = node?.scalar, !scalar.isNull else { return nil }
        self.init(scalar.value, at: scalar.position)
    }
}
