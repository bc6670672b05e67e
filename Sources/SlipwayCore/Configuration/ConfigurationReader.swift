/// Reads typed values out of located YAML, turning every shape problem into a `ConfigurationError` at its
/// position; shared by every configuration section (`audit`, `versioning`, …).
public struct ConfigurationReader: Sendable {
    /// The file the nodes come from, for error locations.
    public let path: String

    /// Creates a reader for nodes of `path`.
    public init(path: String) {
        self.path = path
    }

    /// Where `node` is.
    public func location(_ node: YAMLNode) -> SourceLocation { SourceLocation(path: path, position: node.position) }

    /// Where `scalar` is.
    public func location(_ scalar: YAMLScalar) -> SourceLocation {
        SourceLocation(path: path, position: scalar.position)
    }

    /// The node as a mapping.
    public func mapping(_ node: YAMLNode, key: String) throws(ConfigurationError) -> YAMLMapping {
        guard let mapping = node.mapping else {
            throw .wrongType(key: key, location: location(node), expected: "a mapping", found: node.kindName)
        }
        return mapping
    }

    /// The node as a sequence.
    public func sequence(_ node: YAMLNode, key: String) throws(ConfigurationError) -> YAMLSequence {
        guard let sequence = node.sequence else {
            throw .wrongType(key: key, location: location(node), expected: "a list", found: node.kindName)
        }
        return sequence
    }

    /// The node as a non-null string.
    public func string(_ node: YAMLNode, key: String) throws(ConfigurationError) -> String {
        guard let scalar = node.scalar, !scalar.isNull else {
            throw .wrongType(key: key, location: location(node), expected: "a string", found: node.kindName)
        }
        return scalar.value
    }

    /// The node as an integer.
    public func int(_ node: YAMLNode, key: String) throws(ConfigurationError) -> Int {
        guard let value = node.scalar?.int else {
            throw .wrongType(key: key, location: location(node), expected: "an integer", found: describe(node))
        }
        return value
    }

    /// The node as a boolean.
    public func bool(_ node: YAMLNode, key: String) throws(ConfigurationError) -> Bool {
        guard let value = node.scalar?.bool else {
            throw .wrongType(key: key, location: location(node), expected: "true or false", found: describe(node))
        }
        return value
    }

    /// A list of strings (a single string counts as a list of one).
    public func strings(_ node: YAMLNode, key: String) throws(ConfigurationError) -> [String] {
        if let scalar = node.scalar, !scalar.isNull { return [scalar.value] }
        guard let sequence = node.sequence else {
            throw .wrongType(key: key, location: location(node), expected: "a list of strings", found: node.kindName)
        }
        var result: [String] = []
        for item in sequence.items { result.append(try string(item, key: key)) }
        return result
    }

    /// The value of `key` in `mapping` read with `read`, or `nil` when the key is absent.
    public func optional<Value>(
        _ mapping: YAMLMapping,
        _ key: String,
        _ read: (YAMLNode, String) throws(ConfigurationError) -> Value
    ) throws(ConfigurationError) -> Value? {
        guard let node = mapping[key] else { return nil }
        return try read(node, key)
    }

    /// A short description of a node for messages: its text, or its kind.
    public func describe(_ node: YAMLNode) -> String {
        if let scalar = node.scalar, !scalar.isNull { return "'\(scalar.value)'" }
        return node.kindName
    }

    /// Rejects keys of `mapping` not in `allowed`, suggesting the nearest one.
    public func checkKeys(_ mapping: YAMLMapping, allowed: [String], section: String) throws(ConfigurationError) {
        for entry in mapping.entries where !allowed.contains(entry.key.value) {
            throw .unknownKey(
                key: entry.key.value,
                location: location(entry.key),
                suggestion: EditDistance.suggestion(for: entry.key.value, among: allowed),
                section: section
            )
        }
    }
}
