import SlipwayCore

/// Reading lockfiles written in TOML: parse errors and wrong types become located `LockfileError`s.
enum TOMLLockfile {
    /// The largest TOML lockfile read (uv and Cargo lockfiles of big workspaces stay well under it).
    static let maximumBytes = 64 << 20

    /// Parses `text` from `path`, mapping syntax errors to `.invalidSyntax` at their position.
    static func parse(_ text: String, path: String) throws(LockfileError) -> TOMLTable {
        let count = text.utf8.count
        if count > maximumBytes { throw .tooLarge(path: path, bytes: count, limit: maximumBytes) }
        do {
            return try TOMLParser.parse(text)
        } catch {
            throw .invalidSyntax(path: path, position: error.position, format: "TOML", reason: error.reason)
        }
    }

    /// The string at `key`, `nil` when absent, or `.unexpectedShape` when it has another type.
    static func string(
        _ table: TOMLTable,
        _ key: String,
        in context: String,
        path: String
    ) throws(LockfileError)
        -> String?
    {
        guard let node = table[key] else { return nil }
        guard let string = node.string else { throw wrongType(node, key: key, expected: "a string", context, path) }
        return string
    }

    /// The string at `key`, or `.unexpectedShape` when it is absent or not a string.
    static func requiredString(
        _ table: TOMLTable,
        _ key: String,
        in context: String,
        path: String
    ) throws(LockfileError) -> String {
        guard let string = try string(table, key, in: context, path: path) else {
            throw .unexpectedShape(path: path, position: table.position, reason: "\(context) has no `\(key)`")
        }
        return string
    }

    /// The boolean at `key`, `nil` when absent, or `.unexpectedShape` when it has another type.
    static func boolean(
        _ table: TOMLTable,
        _ key: String,
        in context: String,
        path: String
    ) throws(LockfileError)
        -> Bool?
    {
        guard let node = table[key] else { return nil }
        guard let boolean = node.boolean else { throw wrongType(node, key: key, expected: "a boolean", context, path) }
        return boolean
    }

    /// The array at `key` (empty when absent), or `.unexpectedShape` when it has another type.
    static func array(
        _ table: TOMLTable,
        _ key: String,
        in context: String,
        path: String
    ) throws(LockfileError)
        -> [TOMLNode]
    {
        guard let node = table[key] else { return [] }
        guard let array = node.array else { throw wrongType(node, key: key, expected: "an array", context, path) }
        return array
    }

    /// The table at `key`, `nil` when absent, or `.unexpectedShape` when it has another type.
    static func table(
        _ table: TOMLTable,
        _ key: String,
        in context: String,
        path: String
    ) throws(LockfileError)
        -> TOMLTable?
    {
        guard let node = table[key] else { return nil }
        guard let result = node.table else { throw wrongType(node, key: key, expected: "a table", context, path) }
        return result
    }

    /// The tables of the array of tables at `key` (`[[package]]`), or `.unexpectedShape` for other elements.
    static func tables(
        _ table: TOMLTable,
        _ key: String,
        in context: String,
        path: String
    ) throws(LockfileError)
        -> [TOMLTable]
    {
        var result: [TOMLTable] = []
        for element in try array(table, key, in: context, path: path) {
            guard let item = element.table else {
                throw wrongType(element, key: key, expected: "a table", context, path)
            }
            result.append(item)
        }
        return result
    }

    /// A `.unexpectedShape` error at `node` saying what type was expected.
    static func wrongType(
        _ node: TOMLNode,
        key: String,
        expected: String,
        _ context: String,
        _ path: String
    ) -> LockfileError {
        .unexpectedShape(
            path: path,
            position: node.position,
            reason: "`\(key)` in \(context) must be \(expected), found \(node.value.typeName)"
        )
    }
}
