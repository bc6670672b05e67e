import SlipwayCore

/// Parses the text of `yarn.lock`, in yarn classic's own format and in yarn berry's YAML subset, into located
/// entries.
///
/// An entry is a header of comma-separated `name@range` descriptors ending in `:`, then fields indented by two
/// spaces and groups (`dependencies:`) of `name range` pairs indented by four. Classic separates key and value with
/// a space (`version "1.0.0"`), berry with `: ` (`version: 1.0.0`). Berry is not read with a YAML parser because
/// yarn writes headers longer than the 1,024 characters YAML allows for a simple key. Deeper levels (berry's
/// `dependenciesMeta`) are skipped.
struct YarnLockTextParser {
    /// The two spellings of the format.
    enum Dialect {
        case classic
        case berry
    }

    /// One entry: the descriptors that resolve to it, its fields and its dependency groups.
    struct Entry {
        var descriptors: [String]
        var position: SourcePosition
        var fields: [String: String] = [:]
        var fieldPositions: [String: SourcePosition] = [:]
        var groups: [String: [(name: String, range: String)]] = [:]
    }

    /// The entries of `text`, or a located error at the first line that does not fit the format.
    static func parse(_ text: String, path: String, dialect: Dialect) throws(LockfileError) -> [Entry] {
        var entries: [Entry] = []
        var group: String?
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            let content = line.drop { $0 == " " }
            if content.isEmpty || content.hasPrefix("#") { continue }
            let indent = line.count - content.count
            let position = SourcePosition(line: lineNumber, column: indent + 1)
            func syntax(_ reason: String) -> LockfileError {
                .invalidSyntax(path: path, position: position, format: "yarn.lock", reason: reason)
            }
            switch indent {
            case 0:
                guard content.hasSuffix(":") else { throw syntax("an entry header must end with `:`") }
                let descriptors = content.dropLast().split(separator: ",").map { part in
                    String(part.trimmingWhitespace().drop { $0 == "\"" }.reversed().drop { $0 == "\"" }.reversed())
                }.filter { !$0.isEmpty }
                if descriptors.isEmpty { throw syntax("an entry header names no package") }
                entries.append(Entry(descriptors: descriptors, position: position))
                group = nil
            case 2:
                guard !entries.isEmpty else { throw syntax("a field outside any entry") }
                if content.hasSuffix(":") {
                    let name = try unquote(content.dropLast(), onError: syntax)
                    group = name
                    entries[entries.count - 1].groups[name, default: []] = []
                } else {
                    let (key, value) = try pair(content, dialect: dialect, onError: syntax)
                    entries[entries.count - 1].fields[key] = value
                    entries[entries.count - 1].fieldPositions[key] = position
                    group = nil
                }
            case 4:
                guard let group, !entries.isEmpty else { throw syntax("an indented value outside any group") }
                let (name, range) = try pair(content, dialect: dialect, onError: syntax)
                entries[entries.count - 1].groups[group, default: []].append((name, range))
            default:
                if dialect == .classic || indent % 2 != 0 || group == nil {
                    throw syntax("unexpected indentation of \(indent) spaces")
                }
            }
        }
        return entries
    }

    /// Splits `key value` (classic) or `key: value` (berry), where either may be double-quoted.
    private static func pair(
        _ text: Substring,
        dialect: Dialect,
        onError: (String) -> LockfileError
    ) throws(LockfileError) -> (String, String) {
        let keyEnd: Substring.Index
        if text.hasPrefix("\"") {
            guard let close = text.dropFirst().firstIndex(of: "\"") else { throw onError("unterminated quote") }
            keyEnd = text.index(after: close)
        } else {
            let separator: Character = dialect == .classic ? " " : ":"
            keyEnd = text.firstIndex(of: separator) ?? text.endIndex
        }
        let key = try unquote(text[..<keyEnd], onError: onError)
        var rest = text[keyEnd...]
        if dialect == .berry {
            guard rest.hasPrefix(":") else { throw onError("expected `key: value`") }
            rest = rest.dropFirst()
        }
        let value = try unquote(rest.trimmingWhitespace()[...], onError: onError)
        return (key, value)
    }

    /// The text without surrounding double quotes (and with backslash escapes taken literally).
    private static func unquote(
        _ text: Substring,
        onError: (String) -> LockfileError
    ) throws(LockfileError) -> String {
        guard text.hasPrefix("\"") else { return String(text) }
        guard text.count >= 2, text.hasSuffix("\"") else { throw onError("unterminated quote") }
        var result = ""
        var escaped = false
        for character in text.dropFirst().dropLast() {
            if escaped {
                result.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        return result
    }
}
