#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// Encodes reports as byte-stable, reviewable JSON: sorted keys, pretty-printed, no escaped slashes.
public enum JSONOutput {
    /// The encoder every JSON output of Slipway uses.
    public static func encoder(pretty: Bool = true) -> JSONEncoder {
        let encoder = JSONEncoder()
        var formatting: JSONEncoder.OutputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if pretty { formatting.insert(.prettyPrinted) }
        encoder.outputFormatting = formatting
        return encoder
    }

    /// Encodes `value` to a UTF-8 string with a trailing newline.
    public static func string(_ value: some Encodable, pretty: Bool = true) throws -> String {
        let data = try encoder(pretty: pretty).encode(value)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
