import Yams

/// Limits that keep hostile YAML (alias bombs, deep nesting, huge files) from exhausting the machine.
public struct YAMLLimits: Sendable, Hashable {
    /// Largest accepted input, in bytes.
    public var maximumBytes: Int
    /// Most nodes after aliases are expanded.
    public var maximumNodes: Int
    /// Deepest accepted nesting of mappings and sequences.
    public var maximumDepth: Int

    /// Creates limits.
    public init(maximumBytes: Int = 4 * 1024 * 1024, maximumNodes: Int = 250_000, maximumDepth: Int = 128) {
        self.maximumBytes = maximumBytes
        self.maximumNodes = maximumNodes
        self.maximumDepth = maximumDepth
    }

    /// The limits used for workflow and configuration files.
    public static let standard = YAMLLimits()
}

/// Why a YAML file could not be loaded; each case says where and what to do.
public enum YAMLLoadError: Error, Sendable, Equatable, CustomStringConvertible {
    case syntax(path: String, position: SourcePosition?, problem: String)
    case tooLarge(path: String, bytes: Int, limit: Int)
    case tooManyNodes(path: String, limit: Int)
    case tooDeep(path: String, position: SourcePosition, limit: Int)
    case notUTF8(path: String)
    case empty(path: String)

    /// Where the problem is, for located reporting.
    public var location: SourceLocation {
        switch self {
        case .syntax(let path, let position, _):
            SourceLocation(path: path, position: position ?? SourcePosition(line: 1, column: 1))
        case .tooDeep(let path, let position, _):
            SourceLocation(path: path, position: position)
        case .tooLarge(let path, _, _), .tooManyNodes(let path, _), .notUTF8(let path), .empty(let path):
            SourceLocation(path: path, line: 1, column: 1)
        }
    }

    public var description: String {
        DiagnosticFormatter.line(level: "error", message: message, location: location)
    }

    /// What went wrong and what to do, without the location.
    public var message: String {
        let message: String
        switch self {
        case .syntax(_, _, let problem):
            message = "invalid YAML: \(problem); fix the syntax at this position (check indentation, quotes and colons)"
        case .tooLarge(_, let bytes, let limit):
            message =
                "file is \(bytes) bytes, over the \(limit)-byte limit for YAML inputs; "
                + "GitHub rejects workflow files this large, so split or exclude it"
        case .tooManyNodes(_, let limit):
            message =
                "document expands to more than \(limit) nodes (YAML aliases repeated exponentially?); "
                + "remove the recursive anchors"
        case .tooDeep(_, _, let limit):
            message = "nesting is deeper than \(limit) levels; flatten the document"
        case .notUTF8:
            message = "file is not valid UTF-8 text; save it as UTF-8"
        case .empty:
            message = "file is empty; a workflow needs at least `on:` and `jobs:`"
        }
        return message
    }
}

/// Loads YAML text into located `YAMLNode`s using Yams' composer, within `YAMLLimits`.
public enum YAMLLoader {
    /// Parses `text` from `path` into a located node tree.
    public static func load(
        _ text: String,
        path: String,
        limits: YAMLLimits = .standard
    ) throws(YAMLLoadError)
        -> YAMLNode
    {
        let byteCount = text.utf8.count
        if byteCount > limits.maximumBytes {
            throw .tooLarge(path: path, bytes: byteCount, limit: limits.maximumBytes)
        }
        if let position = deepestFlowNesting(in: text, limit: limits.maximumDepth) {
            throw .tooDeep(path: path, position: position, limit: limits.maximumDepth)
        }
        let root: Node?
        do {
            // The basic resolver skips Yams' regex-based implicit typing; booleans, numbers and null are read from the
            // plain text where needed (`YAMLScalar.bool`, `.int`, `.isNull`), which is all a workflow audit needs.
            root = try Yams.compose(yaml: text, Resolver.basic, Constructor.default, .utf8)
        } catch let error as YamlError {
            throw convert(error, path: path)
        } catch {
            throw .syntax(path: path, position: nil, problem: "\(error)")
        }
        guard let root else { throw .empty(path: path) }
        var budget = limits.maximumNodes
        return try convert(root, path: path, depth: 0, limits: limits, budget: &budget)
    }

    /// Reads bytes as UTF-8 (dropping a byte-order mark) and parses them.
    public static func load(
        bytes: [UInt8],
        path: String,
        limits: YAMLLimits = .standard
    ) throws(YAMLLoadError)
        -> YAMLNode
    {
        if bytes.count > limits.maximumBytes {
            throw .tooLarge(path: path, bytes: bytes.count, limit: limits.maximumBytes)
        }
        guard let text = decodeUTF8(bytes) else { throw .notUTF8(path: path) }
        return try load(text, path: path, limits: limits)
    }

    /// Decodes UTF-8 strictly, dropping a leading byte-order mark.
    public static func decodeUTF8(_ bytes: [UInt8]) -> String? {
        var slice = bytes[...]
        if slice.starts(with: [0xEF, 0xBB, 0xBF]) { slice = slice.dropFirst(3) }
        return String(validating: slice, as: UTF8.self)
    }

    private static func convert(
        _ node: Node,
        path: String,
        depth: Int,
        limits: YAMLLimits,
        budget: inout Int
    ) throws(YAMLLoadError) -> YAMLNode {
        budget -= 1
        if budget < 0 { throw .tooManyNodes(path: path, limit: limits.maximumNodes) }
        let position =
            node.mark.map { SourcePosition(line: $0.line, column: $0.column) }
            ?? SourcePosition(line: 1, column: 1)
        if depth > limits.maximumDepth { throw .tooDeep(path: path, position: position, limit: limits.maximumDepth) }
        switch node {
        case .scalar(let scalar):
            return .scalar(makeScalar(scalar, position: position))
        case .mapping(let mapping):
            var entries: [YAMLEntry] = []
            entries.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                let keyScalar: YAMLScalar
                let keyPosition = key.mark.map { SourcePosition(line: $0.line, column: $0.column) } ?? position
                if case .scalar(let scalar) = key {
                    keyScalar = makeScalar(scalar, position: keyPosition)
                } else {
                    budget -= 1
                    keyScalar = YAMLScalar(value: "<complex key>", style: .plain, position: keyPosition)
                }
                let convertedValue = try convert(value, path: path, depth: depth + 1, limits: limits, budget: &budget)
                entries.append(YAMLEntry(key: keyScalar, value: convertedValue))
            }
            return .mapping(YAMLMapping(entries: entries, position: position, isFlow: mapping.style == .flow))
        case .sequence(let sequence):
            var items: [YAMLNode] = []
            items.reserveCapacity(sequence.count)
            for item in sequence {
                items.append(try convert(item, path: path, depth: depth + 1, limits: limits, budget: &budget))
            }
            return .sequence(YAMLSequence(items: items, position: position, isFlow: sequence.style == .flow))
        case .alias:
            throw .syntax(path: path, position: position, problem: "unresolved alias")
        }
    }

    private static func makeScalar(_ scalar: Node.Scalar, position: SourcePosition) -> YAMLScalar {
        let style: YAMLScalar.Style
        switch scalar.style {
        case .singleQuoted: style = .singleQuoted
        case .doubleQuoted: style = .doubleQuoted
        case .literal: style = .literal
        case .folded: style = .folded
        case .any, .plain: style = .plain
        }
        return YAMLScalar(value: scalar.string, style: style, position: position)
    }

    private static func convert(_ error: YamlError, path: String) -> YAMLLoadError {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = context.map { "\($0.text) (line \($0.mark.line)): " } ?? ""
            return .syntax(
                path: path,
                position: SourcePosition(line: mark.line, column: mark.column),
                problem: detail + problem
            )
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .syntax(
                path: path,
                position: SourcePosition(line: context.mark.line, column: context.mark.column),
                problem: "duplicate key(s) \(duplicates.joined(separator: ", ")) in mapping"
            )
        case .reader(let problem, _, _, _):
            return .syntax(path: path, position: nil, problem: problem)
        default:
            return .syntax(path: path, position: nil, problem: "\(error)")
        }
    }

    /// Finds where flow collections (`[`/`{`) nest deeper than `limit`, which would overflow the composer's stack.
    package static func deepestFlowNesting(in text: String, limit: Int) -> SourcePosition? {
        var text = text
        return text.withUTF8 { deepestFlowNesting(in: $0, limit: limit) }
    }

    /// ``deepestFlowNesting(in:limit:)`` over UTF-8 bytes already at hand (the audit's reader scans its buffer).
    package static func deepestFlowNesting(in bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> SourcePosition? {
        var depth = 0
        var line = 1
        var column = 0
        var quote: UInt8? = nil
        var inComment = false
        var previous: UInt8 = 0x0A
        for byte in bytes {
            column += 1
            if byte == 0x0A {
                line += 1
                column = 0
                inComment = false
                previous = byte
                continue
            }
            if inComment { continue }
            if let open = quote {
                if byte == open { quote = nil }
                previous = byte
                continue
            }
            switch byte {
            case UInt8(ascii: "#") where previous == 0x20 || previous == 0x0A || previous == 0x09:
                inComment = true
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                if depth > 0 { quote = byte }
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > limit { return SourcePosition(line: line, column: column) }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
            default:
                break
            }
            previous = byte
        }
        return nil
    }
}
