/// Why an expression could not be parsed.
public struct ExpressionSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// 0-based character offset inside the expression text.
    public var offset: Int
    public var message: String

    public var description: String { "\(message) at offset \(offset)" }
}

/// A recursive-descent parser for GitHub's expression grammar.
///
/// Precedence, lowest first: `||`, `&&`, equality, comparison, `!`, then postfix property access, indexing and calls.
public struct ExpressionParser {
    private enum Token: Equatable {
        case identifier(String)
        case string(String)
        case number(Double)
        case symbol(String)
        case end
    }

    private var tokens: [(token: Token, offset: Int)] = []
    private var cursor = 0

    /// Parses expression text such as `github.event.issue.title || 'none'`.
    public static func parse(_ text: String) throws(ExpressionSyntaxError) -> Expression {
        var parser = ExpressionParser()
        parser.tokens = try tokenize(text)
        let expression = try parser.parseOr()
        guard case .end = parser.current else {
            throw ExpressionSyntaxError(offset: parser.currentOffset, message: "unexpected token")
        }
        return expression
    }

    private var current: Token { tokens[cursor].token }
    private var currentOffset: Int { tokens[cursor].offset }

    private mutating func advance() { if cursor < tokens.count - 1 { cursor += 1 } }

    private mutating func accept(_ symbol: String) -> Bool {
        if case .symbol(symbol) = current {
            advance()
            return true
        }
        return false
    }

    private mutating func parseOr() throws(ExpressionSyntaxError) -> Expression {
        var lhs = try parseAnd()
        while accept("||") { lhs = .binary(.or, lhs, try parseAnd()) }
        return lhs
    }

    private mutating func parseAnd() throws(ExpressionSyntaxError) -> Expression {
        var lhs = try parseEquality()
        while accept("&&") { lhs = .binary(.and, lhs, try parseEquality()) }
        return lhs
    }

    private mutating func parseEquality() throws(ExpressionSyntaxError) -> Expression {
        var lhs = try parseComparison()
        while true {
            if accept("==") {
                lhs = .binary(.equal, lhs, try parseComparison())
            } else if accept("!=") {
                lhs = .binary(.notEqual, lhs, try parseComparison())
            } else {
                return lhs
            }
        }
    }

    private mutating func parseComparison() throws(ExpressionSyntaxError) -> Expression {
        var lhs = try parseUnary()
        while true {
            let op: Expression.BinaryOperator
            if accept("<=") {
                op = .lessOrEqual
            } else if accept(">=") {
                op = .greaterOrEqual
            } else if accept("<") {
                op = .less
            } else if accept(">") {
                op = .greater
            } else {
                return lhs
            }
            lhs = .binary(op, lhs, try parseUnary())
        }
    }

    private mutating func parseUnary() throws(ExpressionSyntaxError) -> Expression {
        if accept("!") { return .not(try parseUnary()) }
        return try parsePostfix()
    }

    private mutating func parsePostfix() throws(ExpressionSyntaxError) -> Expression {
        var expression = try parsePrimary()
        while true {
            if accept(".") {
                if accept("*") {
                    expression = .wildcard(expression)
                } else if case .identifier(let name) = current {
                    advance()
                    expression = .property(expression, name)
                } else if case .number(let number) = current {
                    // `steps.1abc` is not valid, but tolerate numeric-looking segments.
                    advance()
                    expression = .property(expression, String(Int(number)))
                } else {
                    throw ExpressionSyntaxError(offset: currentOffset, message: "expected a property name after '.'")
                }
            } else if accept("[") {
                if accept("*") {
                    expression = .wildcard(expression)
                } else {
                    expression = .index(expression, try parseOr())
                }
                guard accept("]") else { throw ExpressionSyntaxError(offset: currentOffset, message: "expected ']'") }
            } else {
                return expression
            }
        }
    }

    private mutating func parsePrimary() throws(ExpressionSyntaxError) -> Expression {
        let token = current
        let offset = currentOffset
        switch token {
        case .string(let value):
            advance()
            return .string(value)
        case .number(let value):
            advance()
            return .number(value)
        case .identifier(let name):
            advance()
            switch name {
            case "true": return .boolean(true)
            case "false": return .boolean(false)
            case "null": return .null
            case "NaN": return .number(.nan)
            case "Infinity": return .number(.infinity)
            default: break
            }
            if accept("(") {
                var arguments: [Expression] = []
                if !accept(")") {
                    repeat { arguments.append(try parseOr()) } while accept(",")
                    guard accept(")") else {
                        throw ExpressionSyntaxError(offset: currentOffset, message: "expected ')' after arguments")
                    }
                }
                return .call(name.lowercased(), arguments)
            }
            return .context(name)
        case .symbol("("):
            advance()
            let inner = try parseOr()
            guard accept(")") else { throw ExpressionSyntaxError(offset: currentOffset, message: "expected ')'") }
            return inner
        case .end:
            throw ExpressionSyntaxError(offset: offset, message: "unexpected end of expression")
        case .symbol(let symbol):
            throw ExpressionSyntaxError(offset: offset, message: "unexpected '\(symbol)'")
        }
    }

    private static func tokenize(_ text: String) throws(ExpressionSyntaxError) -> [(token: Token, offset: Int)] {
        let characters = Array(text.unicodeScalars)
        var tokens: [(token: Token, offset: Int)] = []
        var index = 0
        func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
            c == "_" || (c >= "a" && c <= "z") || (c >= "A" && c <= "Z")
        }
        func isIdentifierPart(_ c: Unicode.Scalar) -> Bool {
            isIdentifierStart(c) || c == "-" || (c >= "0" && c <= "9")
        }
        while index < characters.count {
            let c = characters[index]
            if c == " " || c == "\t" || c == "\n" || c == "\r" {
                index += 1
                continue
            }
            let start = index
            if isIdentifierStart(c) {
                while index < characters.count, isIdentifierPart(characters[index]) { index += 1 }
                tokens.append((.identifier(asciiString(characters[start..<index])), start))
                continue
            }
            if c == "-", characters[(index + 1)...].starts(with: "Infinity".unicodeScalars) {
                tokens.append((.number(-.infinity), start))
                index += 1 + "Infinity".unicodeScalars.count
                continue
            }
            if (c >= "0" && c <= "9")
                || ((c == "-" || c == "+") && index + 1 < characters.count && characters[index + 1] >= "0"
                    && characters[index + 1] <= "9")
            {
                index += 1
                while index < characters.count,
                    characters[index].properties.isASCIIHexDigit || characters[index] == "."
                        || characters[index] == "x" || characters[index] == "e" || characters[index] == "E"
                {
                    index += 1
                }
                let text = asciiString(characters[start..<index])
                let value: Double?
                if text.hasPrefix("0x") {
                    value = Int(text.dropFirst(2), radix: 16).map(Double.init)
                } else {
                    value = Double(text)
                }
                guard let value else { throw ExpressionSyntaxError(offset: start, message: "invalid number '\(text)'") }
                tokens.append((.number(value), start))
                continue
            }
            if c == "'" {
                // UTF-8 bytes of the literal, decoded once at the end.
                var value: [UInt8] = []
                index += 1
                var closed = false
                while index < characters.count {
                    if characters[index] == "'" {
                        if index + 1 < characters.count, characters[index + 1] == "'" {
                            value.append(UInt8(ascii: "'"))
                            index += 2
                            continue
                        }
                        index += 1
                        closed = true
                        break
                    }
                    value.append(contentsOf: characters[index].utf8)
                    index += 1
                }
                guard closed else { throw ExpressionSyntaxError(offset: start, message: "unterminated string") }
                tokens.append((.string(String(decoding: value, as: UTF8.self)), start))
                continue
            }
            if index + 1 < characters.count, let twoCharacter = twoCharacterSymbol(c, characters[index + 1]) {
                tokens.append((.symbol(twoCharacter), start))
                index += 2
                continue
            }
            if "!<>.[]()*,".unicodeScalars.contains(c) {
                tokens.append((.symbol(String(c)), start))
                index += 1
                continue
            }
            throw ExpressionSyntaxError(offset: start, message: "unexpected character '\(c)'")
        }
        tokens.append((.end, characters.count))
        return tokens
    }

    /// The text of scalars that are all ASCII (identifiers and numbers), built from their bytes.
    private static func asciiString(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        String(unsafeUninitializedCapacity: scalars.count) { buffer in
            for (offset, scalar) in scalars.enumerated() { buffer[offset] = UInt8(truncatingIfNeeded: scalar.value) }
            return scalars.count
        }
    }

    /// `==`, `!=`, `<=`, `>=`, `&&` or `||` when `first` and `second` spell one of them.
    private static func twoCharacterSymbol(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> String? {
        switch (first, second) {
        case ("=", "="): "=="
        case ("!", "="): "!="
        case ("<", "="): "<="
        case (">", "="): ">="
        case ("&", "&"): "&&"
        case ("|", "|"): "||"
        default: nil
        }
    }
}
