import SlipwayCore

/// Loads JSON and YAML lockfiles into located nodes, turning loader errors into `LockfileError`s.
enum JavaScriptLockfileDocument {
    /// Limits for lockfiles, which are far larger than workflows (the largest corpus npm lock has 2,308 packages).
    static let limits = YAMLLimits(maximumBytes: 64 << 20, maximumNodes: 5_000_000, maximumDepth: 256)

    /// The root mapping of `text`; `format` (`JSON`, `YAML`) names the syntax in errors.
    static func loadMapping(_ text: String, path: String, format: String) throws(LockfileError) -> YAMLMapping {
        let root: YAMLNode
        do {
            root = try YAMLLoader.load(text, path: path, limits: limits)
        } catch {
            throw convert(error, path: path, format: format, text: text)
        }
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

    private static func convert(_ error: YAMLLoadError, path: String, format: String, text: String) -> LockfileError {
        switch error {
        case .syntax(_, let position, let problem):
            .invalidSyntax(path: path, position: position.map { clamp($0, to: text) }, format: format, reason: problem)
        case .tooLarge(_, let bytes, let limit):
            .tooLarge(path: path, bytes: bytes, limit: limit)
        case .tooManyNodes(_, let limit):
            .invalidSyntax(path: path, position: nil, format: format, reason: "more than \(limit) values")
        case .tooDeep(_, let position, let limit):
            .invalidSyntax(path: path, position: position, format: format, reason: "nested deeper than \(limit) levels")
        case .notUTF8:
            .invalidSyntax(path: path, position: nil, format: format, reason: "the file is not UTF-8 text")
        case .empty:
            .unexpectedShape(path: path, position: nil, reason: "the file is empty")
        }
    }

    /// The position, or the end of the last line when the parser points past the end of a truncated file.
    private static func clamp(_ position: SourcePosition, to text: String) -> SourcePosition {
        let source = SourceText(text)
        guard position.line > source.lineCount else { return position }
        let lastLine = max(1, source.lineCount)
        return SourcePosition(line: lastLine, column: source.line(lastLine).unicodeScalars.count + 1)
    }
}
