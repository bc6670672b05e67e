public import SlipwayCore

/// Events as CSV (RFC 4180): a header row, CRLF line ends, fields quoted when they hold a comma, quote or newline.
public enum LedgerCSV {
    /// The column names, in order.
    public static let columns = [
        "index", "time", "kind", "actor", "project", "version", "environment", "repository", "commit", "run",
        "result", "inputs", "outputs", "details", "leaf_hash",
    ]

    /// The CSV document for `events`.
    ///
    /// - Throws: `CanonicalJSONError` when details cannot be encoded.
    public static func render(_ events: [IndexedEvent]) throws(CanonicalJSONError) -> String {
        var rows = [columns]
        for item in events {
            let event = item.event
            var details = ""
            if let value = event.details { details = try CanonicalJSON.string(value) }
            func digests(_ list: [EventDigest]) -> String {
                list.map { ($0.name.map { "\($0)=" } ?? "") + $0.digest }.joined(separator: " ")
            }
            rows.append([
                String(item.index), event.time.text, event.kind.rawValue, event.actor, event.subject.project ?? "",
                event.subject.version ?? "", event.subject.environment ?? "", event.source.repository ?? "",
                event.source.commit ?? "", event.source.runURL ?? "", event.result ?? "", digests(event.inputs),
                digests(event.outputs), details,
                Hex.encode(item.leafHash),
            ])
        }
        return rows.map { $0.map(quote).joined(separator: ",") + "\r\n" }.joined()
    }

    static func quote(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        var quoted = "\""
        for character in field {
            if character == "\"" { quoted += "\"\"" } else { quoted.append(character) }
        }
        return quoted + "\""
    }
}
