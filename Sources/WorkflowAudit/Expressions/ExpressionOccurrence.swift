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
    /// Spans of `${{ … }}` in `value`, as (inner text, raw text, character offset of `$`).
    public static func spans(in value: String) -> [(inner: String, raw: String, offset: Int)] {
        guard value.containsBytes("${{") else { return [] }
        let scalars = Array(value.unicodeScalars)
        var result: [(inner: String, raw: String, offset: Int)] = []
        var index = 0
        while index + 2 < scalars.count {
            if scalars[index] == "$", scalars[index + 1] == "{", scalars[index + 2] == "{" {
                var end = index + 3
                var quote = false
                var found = false
                while end + 1 < scalars.count {
                    if scalars[end] == "'" { quote.toggle() }
                    if !quote, scalars[end] == "}", scalars[end + 1] == "}" {
                        found = true
                        break
                    }
                    end += 1
                }
                guard found else { break }
                var inner = String.UnicodeScalarView()
                inner.append(contentsOf: scalars[(index + 3)..<end])
                var raw = String.UnicodeScalarView()
                raw.append(contentsOf: scalars[index..<(end + 2)])
                result.append((String(inner).trimmingWhitespace(), String(raw), index))
                index = end + 2
            } else {
                index += 1
            }
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
