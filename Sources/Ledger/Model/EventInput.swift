public import SlipwayCore

/// Reads the events `ledger append --json` is given: one JSON object, an array of objects, or JSON Lines.
public enum EventInput {
    /// The events in `bytes`, with `defaults` filling what each leaves out.
    ///
    /// - Parameter path: how errors name the input (`-` for stdin).
    /// - Throws: `EventInputError` naming the input, the position and the problem.
    public static func events(
        _ bytes: [UInt8],
        path: String,
        defaults: EventDefaults
    ) throws(EventInputError) -> [LedgerEvent] {
        let values: [JSONValue]
        do {
            values = try JSONParser.parseSequence(bytes)
        } catch {
            throw .json(path: path, error: error)
        }
        var items: [JSONValue] = []
        for value in values {
            if case .array(let elements) = value { items += elements } else { items.append(value) }
        }
        var events: [LedgerEvent] = []
        for (position, item) in items.enumerated() {
            do {
                events.append(try LedgerEvent.decode(item, defaults: defaults))
            } catch {
                throw .event(path: path, item: position, error: error)
            }
        }
        return events
    }
}

/// Why `ledger append` input is unusable.
public enum EventInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not JSON.
    case json(path: String, error: CanonicalJSONError)
    /// An event (0-based position in the input) that does not fit the schema.
    case event(path: String, item: Int, error: EventError)

    public var description: String {
        switch self {
        case .json(let path, .syntax(let line, let column, let message)):
            "\(path):\(line):\(column): error: \(message)"
        case .json(let path, let error):
            "\(path): error: \(error)"
        case .event(let path, let item, let error):
            "\(path): error: event \(item + 1): \(error)"
        }
    }
}
