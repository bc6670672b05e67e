public import SlipwayCore

/// One `${{ … }}` found in a scalar, with its source position and parsed form.
public struct ExpressionOccurrence: Sendable, Hashable {
    /// The text between `${{` and `}}`, trimmed.
    public var text: String
    /// Where `${{` is in the file.
    public var position: SourcePosition
    /// The parsed expression, or `nil` when it has a syntax error.
    public var expression: Expression?
    /// The syntax error, when parsing failed.
    public var syntaxError: ExpressionSyntaxError?
    /// The whole `${{ … }}` text as written in the value.
    public var rawText: String

    /// Context paths whose text reaches the value (see `Expression.valuePaths`).
    public var valuePaths: [String] { expression?.valuePaths ?? [] }
}

/// Finds `${{ … }}` spans in scalars and maps them back to file positions, also inside block scalars.
public enum ExpressionScanner {
    /// Spans of `${{ … }}` in `value`, as (inner text, raw text, Unicode-scalar offset of `$`).
    public static func spans(in value: String) -> [(inner: String, raw: String, offset: Int)] {
        guard value.containsBytes("${{") else { return [] }
        let bytes = Array(value.utf8)
        var result: [(inner: String, raw: String, offset: Int)] = []
        var index = 0
        var scalarOffset = 0
        var counted = 0
        let dollar = UInt8(ascii: "$")
        let open = UInt8(ascii: "{")
        let close = UInt8(ascii: "}")
        let quote = UInt8(ascii: "'")
        while index + 2 < bytes.count {
            guard bytes[index] == dollar, bytes[index + 1] == open, bytes[index + 2] == open else {
                index += 1
                continue
            }
            var end = index + 3
            var inQuote = false
            var found = false
            while end + 1 < bytes.count {
                if bytes[end] == quote { inQuote.toggle() }
                if !inQuote, bytes[end] == close, bytes[end + 1] == close {
                    found = true
                    break
                }
                end += 1
            }
            guard found else { break }
            // Count Unicode scalars (bytes that are not UTF-8 continuation bytes) up to the `$`.
            while counted < index {
                if bytes[counted] & 0xC0 != 0x80 { scalarOffset += 1 }
                counted += 1
            }
            let inner = String(decoding: bytes[(index + 3)..<end], as: UTF8.self).trimmingWhitespace()
            let raw = String(decoding: bytes[index..<(end + 2)], as: UTF8.self)
            result.append((inner, raw, scalarOffset))
            index = end + 2
        }
        return result
    }

    /// Every expression in `scalar`, positioned in `source`.
    ///
    /// The k-th `${{` in the value is the k-th `${{` in the source from the scalar's start, which holds for every
    /// scalar style (plain, quoted, literal and folded), so positions are exact even inside `run: |` blocks.
    public static func occurrences(in scalar: YAMLScalar, source: SourceText) -> [ExpressionOccurrence] {
        let found = spans(in: scalar.value)
        guard !found.isEmpty else { return [] }
        var sourceOffset = source.offset(of: scalar.position)
        var result: [ExpressionOccurrence] = []
        let bytes = source.bytes
        for span in found {
            var position = scalar.position
            var located = false
            while sourceOffset + 2 < bytes.count {
                if bytes[sourceOffset] == UInt8(ascii: "$"), bytes[sourceOffset + 1] == UInt8(ascii: "{"),
                    bytes[sourceOffset + 2] == UInt8(ascii: "{")
                {
                    position = source.position(ofOffset: sourceOffset)
                    sourceOffset += 3
                    located = true
                    break
                }
                sourceOffset += 1
            }
            if !located { position = scalar.position }
            var parsed: Expression?
            var syntaxError: ExpressionSyntaxError?
            do {
                parsed = try ExpressionParser.parse(span.inner)
            } catch {
                syntaxError = error
            }
            result.append(
                ExpressionOccurrence(
                    text: span.inner,
                    position: position,
                    expression: parsed,
                    syntaxError: syntaxError,
                    rawText: span.raw
                )
            )
        }
        return result
    }
}
