import SlipwayCore

/// Loads JSON and YAML lockfiles into located nodes, turning loader errors into `LockfileError`s.
enum JavaScriptLockfileDocument {
    /// The root mapping of `text`; `format` (`JSON`, `YAML`) names the syntax in errors.
    static func loadMapping(_ text: String, path: String, format: String) throws(LockfileError) -> YAMLMapping {
        let root = try LockfileDocument.load(text, path: path, format: format)
        guard let mapping = root.mapping else {
            throw .unexpectedShape(
                path: path,
                position: root.position,
                reason: "the document is a \(root.kindName), not a mapping"
            )
        }
        return mapping
    }

    /// The mapping under `key`, `nil` when absent or null, or an error when it has another type.
    static func mapping(_ key: String, in mapping: YAMLMapping, path: String) throws(LockfileError) -> YAMLMapping? {
        guard let entry = mapping.entry(key) else { return nil }
        if let value = entry.value.mapping { return value }
        if entry.value.scalar?.isNull == true { return nil }
        throw .unexpectedShape(
            path: path,
            position: entry.value.position,
            reason: "`\(key)` is a \(entry.value.kindName), expected a mapping"
        )
    }

    /// The scalar text under `key`, `nil` when absent or null, or an error when it is a mapping or sequence.
    static func string(_ key: String, in mapping: YAMLMapping, path: String) throws(LockfileError) -> String? {
        guard let entry = mapping.entry(key) else { return nil }
        guard let scalar = entry.value.scalar else {
            throw .unexpectedShape(
                path: path,
                position: entry.value.position,
                reason: "`\(key)` is a \(entry.value.kindName), expected a string"
            )
        }
        return scalar.isNull ? nil : scalar.value
    }

    /// Whether the boolean under `key` is `true`.
    static func flag(_ key: String, in mapping: YAMLMapping) -> Bool {
        mapping[key]?.scalar?.bool == true
    }

    /// The names in a `dependencies`-style mapping of name to range or version, with their values.
    static func dependencyEntries(
        _ key: String,
        in mapping: YAMLMapping,
        path: String
    ) throws(LockfileError) -> [(name: String, value: YAMLNode)] {
        guard let dependencies = try Self.mapping(key, in: mapping, path: path) else { return [] }
        return dependencies.entries.map { ($0.key.value, $0.value) }
    }
}
