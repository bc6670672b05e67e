import SlipwayCore

/// Parses SPDX license expressions (SPDX 2.3 Annex D) into ``LicenseExpression`` trees.
///
/// Grammar, loosest binding first: `OR`, `AND`, `WITH`, `+`; parentheses group. License and exception ids match
/// the SPDX lists case-insensitively and keep the list's casing. Operators are matched case-insensitively too
/// (`mit or apache-2.0` is accepted) because real package metadata writes them that way, although the spec asks
/// for upper case. `LicenseRef-`, `DocumentRef-…:LicenseRef-…` and, after `WITH`, `AdditionRef-` (SPDX 3) are
/// user-defined references. Every error carries its column and what was expected.
public enum LicenseExpressionParser {
    /// Texts longer than this are rejected before parsing (a license field is not a license text).
    public static let maximumLength = 4096

    /// Parses `text`.
    ///
    /// - Throws: ``LicenseExpressionError`` at the first problem.
    public static func parse(_ text: String) throws(LicenseExpressionError) -> LicenseExpression {
        let scalars = Array(text.unicodeScalars)
        if scalars.count > maximumLength {
            throw .unexpectedToken(
                "\(scalars.count) characters",
                column: maximumLength + 1,
                expected: "at most \(maximumLength) characters"
            )
        }
        var parser = Parser(tokens: try Lexer.tokens(scalars), end: scalars.count + 1)
        if parser.tokens.isEmpty { throw .empty }
        let expression = try parser.disjunction(depth: 0)
        if let token = parser.peek {
            throw .unexpectedToken(
                token.text,
                column: token.column,
                expected: parser.expectedAfterOperand(inGroup: false)
            )
        }
        return expression
    }
}

/// A lexical token with its 1-based column.
private struct Token {
    enum Kind: Equatable {
        case word
        case open
        case close
    }

    var kind: Kind
    var text: String
    var column: Int
    /// A `+` written directly after the word.
    var plus = false

    var keyword: String? {
        guard kind == .word, !plus else { return nil }
        let upper = text.uppercased()
        return ["AND", "OR", "WITH"].contains(upper) ? upper : nil
    }
}

private enum Lexer {
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9", "-", ".": true
        default: false
        }
    }

    static func tokens(_ scalars: [Unicode.Scalar]) throws(LicenseExpressionError) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let column = index + 1
            switch scalar {
            case " ", "\t", "\n", "\r":
                index += 1
            case "(":
                tokens.append(Token(kind: .open, text: "(", column: column))
                index += 1
            case ")":
                tokens.append(Token(kind: .close, text: ")", column: column))
                index += 1
            case "+":
                throw .unexpectedCharacter("+", column: column, expected: "'+' directly after a license id")
            default:
                guard isWordScalar(scalar) else {
                    throw .unexpectedCharacter(
                        String(scalar),
                        column: column,
                        expected: "a license id, AND, OR, WITH or a parenthesis"
                    )
                }
                var word = ""
                while index < scalars.count {
                    let next = scalars[index]
                    // `:` only separates `DocumentRef-x:` from the reference that follows.
                    if isWordScalar(next) || (next == ":" && word.lowercased().hasPrefix("documentref-")) {
                        word.unicodeScalars.append(next)
                        index += 1
                    } else {
                        break
                    }
                }
                var token = Token(kind: .word, text: word, column: column)
                if index < scalars.count, scalars[index] == "+" {
                    token.plus = true
                    index += 1
                }
                tokens.append(token)
            }
        }
        return tokens
    }
}

private struct Parser {
    /// Parentheses nested deeper than this are rejected rather than risking the stack.
    static let maximumDepth = 64

    let tokens: [Token]
    /// The column just past the text, for "ends too early" errors.
    let end: Int
    var index = 0

    init(tokens: [Token], end: Int) {
        self.tokens = tokens
        self.end = end
    }

    var peek: Token? { index < tokens.count ? tokens[index] : nil }

    mutating func next() -> Token? {
        guard index < tokens.count else { return nil }
        defer { index += 1 }
        return tokens[index]
    }

    func expectedAfterOperand(inGroup: Bool) -> String {
        inGroup ? "AND, OR, WITH or ')'" : "AND, OR, WITH or the end of the expression"
    }

    static let expectedLicense = "a license id, a LicenseRef- or '('"

    mutating func disjunction(depth: Int) throws(LicenseExpressionError) -> LicenseExpression {
        var operands = [try conjunction(depth: depth)]
        while peek?.keyword == "OR" {
            index += 1
            operands.append(try conjunction(depth: depth))
        }
        return .anyOf(operands)
    }

    mutating func conjunction(depth: Int) throws(LicenseExpressionError) -> LicenseExpression {
        var operands = [try operand(depth: depth)]
        while peek?.keyword == "AND" {
            index += 1
            operands.append(try operand(depth: depth))
        }
        return .allOf(operands)
    }

    mutating func operand(depth: Int) throws(LicenseExpressionError) -> LicenseExpression {
        guard let token = next() else { throw .unexpectedEnd(column: end, expected: Self.expectedLicense) }
        switch token.kind {
        case .close:
            throw .unexpectedToken(")", column: token.column, expected: Self.expectedLicense)
        case .open:
            guard depth < Self.maximumDepth else {
                throw .unexpectedToken(
                    "(",
                    column: token.column,
                    expected: "at most \(Self.maximumDepth) nested parentheses"
                )
            }
            let inner = try disjunction(depth: depth + 1)
            guard let close = next() else { throw .unexpectedEnd(column: end, expected: "')'") }
            guard close.kind == .close else {
                throw .unexpectedToken(close.text, column: close.column, expected: expectedAfterOperand(inGroup: true))
            }
            if let with = peek, with.keyword == "WITH" {
                throw .unexpectedToken(
                    with.text,
                    column: with.column,
                    expected: "AND, OR or the end (WITH applies to a single license, not a group)"
                )
            }
            return inner
        case .word:
            if token.keyword != nil {
                throw .unexpectedToken(token.text, column: token.column, expected: Self.expectedLicense)
            }
            var term = LicenseTerm(try license(token), orLater: token.plus)
            if peek?.keyword == "WITH" {
                index += 1
                guard let exception = next() else {
                    throw .unexpectedEnd(column: end, expected: "a license exception id")
                }
                term.exception = try self.exception(exception)
            }
            if let following = peek, following.kind != .close, following.keyword == nil {
                throw .unexpectedToken(
                    following.text,
                    column: following.column,
                    expected: expectedAfterOperand(inGroup: depth > 0)
                )
            }
            return .term(term)
        }
    }

    func license(_ token: Token) throws(LicenseExpressionError) -> LicenseReference {
        let lowered = token.text.lowercased()
        if lowered.hasPrefix("documentref-") || lowered.hasPrefix("licenseref-") {
            if token.plus {
                throw .invalidReference(token.text + "+", column: token.column, reason: "'+' only follows a listed id")
            }
            let (document, name) = try reference(token, kind: "LicenseRef-")
            return .reference(document: document, name: name)
        }
        if let entry = SPDXLicenseList.license(token.text) { return .listed(entry.id) }
        if let exception = SPDXLicenseList.exception(token.text) {
            throw .exceptionWithoutLicense(exception.id, column: token.column)
        }
        throw .unknownLicense(
            token.text,
            column: token.column,
            suggestion: SPDXLicenseList.suggestLicense(for: token.text)
        )
    }

    func exception(_ token: Token) throws(LicenseExpressionError) -> String {
        guard token.kind == .word, token.keyword == nil else {
            throw .unexpectedToken(token.text, column: token.column, expected: "a license exception id")
        }
        if token.plus {
            throw .unexpectedCharacter(
                "+",
                column: token.column + token.text.unicodeScalars.count,
                expected: "AND, OR or the end"
            )
        }
        let lowered = token.text.lowercased()
        if lowered.hasPrefix("documentref-") || lowered.hasPrefix("additionref-") {
            let (document, name) = try reference(token, kind: "AdditionRef-")
            return (document.map { "DocumentRef-\($0):" } ?? "") + "AdditionRef-" + name
        }
        if let entry = SPDXLicenseList.exception(token.text) { return entry.id }
        throw .unknownException(
            token.text,
            column: token.column,
            suggestion: SPDXLicenseList.suggestException(for: token.text)
        )
    }

    /// `[DocumentRef-x:]<kind>y`, checking that both id strings are non-empty.
    func reference(_ token: Token, kind: String) throws(LicenseExpressionError) -> (document: String?, name: String) {
        var rest = Substring(token.text)
        var document: String?
        if rest.lowercased().hasPrefix("documentref-") {
            rest = rest.dropFirst("DocumentRef-".count)
            guard let colon = rest.firstIndex(of: ":") else {
                throw .invalidReference(
                    token.text,
                    column: token.column,
                    reason: "expected ':\(kind)…' after the document"
                )
            }
            document = String(rest[..<colon])
            rest = rest[rest.index(after: colon)...]
            if document?.isEmpty ?? true {
                throw .invalidReference(token.text, column: token.column, reason: "the DocumentRef- name is empty")
            }
        }
        guard rest.lowercased().hasPrefix(kind.lowercased()) else {
            throw .invalidReference(token.text, column: token.column, reason: "expected '\(kind)' after the document")
        }
        let name = String(rest.dropFirst(kind.count))
        guard !name.isEmpty else {
            throw .invalidReference(token.text, column: token.column, reason: "the \(kind) name is empty")
        }
        return (document, name)
    }
}
