import Foundation
import SlipwayCore

/// Decodes `Codable` values (rule options, catalogue extensions) from located YAML, reporting bad keys with positions.
enum YAMLValueDecoding {
    /// The node as JSON text: mappings become objects, sequences arrays, plain scalars numbers/booleans when they
    /// spell one, everything else strings.
    static func json(_ node: YAMLNode) -> String {
        switch node {
        case .scalar(let scalar):
            if scalar.isNull { return "null" }
            if let bool = scalar.bool { return bool ? "true" : "false" }
            if let int = scalar.int { return String(int) }
            return quote(scalar.value)
        case .mapping(let mapping):
            return "{" + mapping.entries.map { quote($0.key.value) + ":" + json($0.value) }.joined(separator: ",") + "}"
        case .sequence(let sequence):
            return "[" + sequence.items.map(json).joined(separator: ",") + "]"
        }
    }

    private static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    /// The top-level keys `T()` encodes: the keys an options mapping may use.
    static func knownKeys<T: RuleOptions>(of type: T.Type) -> [String] {
        guard let data = try? JSONEncoder().encode(T()),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [] }
        return object.keys.sorted()
    }

    /// Decodes `T` from `mapping`, first rejecting keys `T` does not have.
    static func decode<T: RuleOptions>(
        _ type: T.Type,
        from mapping: YAMLMapping,
        ruleId: String,
        path: String
    ) throws -> T {
        let known = knownKeys(of: type)
        for entry in mapping.entries where !known.contains(entry.key.value) {
            throw ConfigurationError.unknownKey(
                key: entry.key.value,
                location: SourceLocation(path: path, position: entry.key.position),
                suggestion: EditDistance.suggestion(for: entry.key.value, among: known),
                section: known.isEmpty ? "rule '\(ruleId)' (it takes no options)" : "rule '\(ruleId)'"
            )
        }
        // Decode over the defaults so omitted keys keep their default values.
        var merged = (try? JSONSerialization.jsonObject(with: JSONEncoder().encode(T())) as? [String: Any]) ?? [:]
        let given =
            (try? JSONSerialization.jsonObject(with: Data(json(.mapping(mapping)).utf8)) as? [String: Any]) ?? [:]
        for (key, value) in given { merged[key] = value }
        do {
            let data = try JSONSerialization.data(withJSONObject: merged)
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            let (key, reason) = describe(error)
            let position = key.flatMap { mapping.entry($0)?.value.position } ?? mapping.position
            throw AuditError.invalidRuleOptions(
                ruleId: ruleId,
                location: SourceLocation(path: path, position: position),
                reason: reason
            )
        }
    }

    static func describe(_ error: DecodingError) -> (key: String?, reason: String) {
        switch error {
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return (context.codingPath.first?.stringValue, "at `\(path)`: expected \(describe(type))")
        case .keyNotFound(let key, _):
            return (nil, "missing key `\(key.stringValue)`")
        case .dataCorrupted(let context):
            return (context.codingPath.first?.stringValue, context.debugDescription)
        @unknown default:
            return (nil, "\(error)")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type: "an integer"
        case is Bool.Type: "true or false"
        case is [String].Type: "a list of strings"
        default: "a value of type \(type)"
        }
    }
}
