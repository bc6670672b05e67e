/// Why a text is not a valid SPDX license expression: the 1-based column (in Unicode scalars) and what was expected.
public enum LicenseExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text is empty or only whitespace.
    case empty
    /// A character that cannot appear in an expression (`/`, `,`, `;`, …).
    case unexpectedCharacter(String, column: Int, expected: String)
    /// A token in the wrong place (an operator where a license belongs, a second license without an operator, …).
    case unexpectedToken(String, column: Int, expected: String)
    /// The text ends where more is needed (after an operator, before a closing parenthesis).
    case unexpectedEnd(column: Int, expected: String)
    /// An id that is not on the SPDX License List.
    case unknownLicense(String, column: Int, suggestion: String?)
    /// An id after `WITH` that is not on the SPDX exception list.
    case unknownException(String, column: Int, suggestion: String?)
    /// A license exception written where a license belongs.
    case exceptionWithoutLicense(String, column: Int)
    /// A malformed `LicenseRef-`, `DocumentRef-` or `AdditionRef-`.
    case invalidReference(String, column: Int, reason: String)

    /// The 1-based column of the problem (`1` for an empty expression).
    public var column: Int {
        switch self {
        case .empty:
            1
        case .unexpectedCharacter(_, let column, _), .unexpectedToken(_, let column, _),
            .unexpectedEnd(let column, _), .unknownLicense(_, let column, _), .unknownException(_, let column, _),
            .exceptionWithoutLicense(_, let column), .invalidReference(_, let column, _):
            column
        }
    }

    /// What the parser expected at ``column``, when it was a grammar problem.
    public var expected: String? {
        switch self {
        case .empty: "a license id, a LicenseRef- or '('"
        case .unexpectedCharacter(_, _, let expected), .unexpectedToken(_, _, let expected),
            .unexpectedEnd(_, let expected):
            expected
        case .unknownLicense, .unknownException, .exceptionWithoutLicense, .invalidReference: nil
        }
    }

    /// Whether the text breaks the grammar, as opposed to naming an id the SPDX lists do not have.
    public var isSyntaxError: Bool {
        switch self {
        case .empty, .unexpectedCharacter, .unexpectedToken, .unexpectedEnd, .invalidReference: true
        case .unknownLicense, .unknownException, .exceptionWithoutLicense: false
        }
    }

    /// What is wrong and what to do, without the column.
    public var message: String {
        switch self {
        case .empty:
            return "the license expression is empty; expected \(expected ?? "a license")"
        case .unexpectedCharacter(let character, _, let expected):
            return "unexpected character '\(character)'; expected \(expected)"
        case .unexpectedToken(let token, _, let expected):
            return "unexpected '\(token)'; expected \(expected)"
        case .unexpectedEnd(_, let expected):
            return "the expression ends too early; expected \(expected)"
        case .unknownLicense(let id, _, let suggestion):
            let hint =
                suggestion.map { "; did you mean '\($0)'?" } ?? "; use an id from spdx.org/licenses or LicenseRef-"
            return "'\(id)' is not an SPDX license id\(hint)"
        case .unknownException(let id, _, let suggestion):
            let hint =
                suggestion.map { "; did you mean '\($0)'?" } ?? "; use an id from spdx.org/licenses/exceptions-index"
            return "'\(id)' is not an SPDX license exception id\(hint)"
        case .exceptionWithoutLicense(let id, _):
            return "'\(id)' is a license exception, not a license; write it after a license and WITH "
                + "(for example 'GPL-2.0-only WITH \(id)')"
        case .invalidReference(let text, _, let reason):
            return "'\(text)' is not a valid reference: \(reason)"
        }
    }

    /// `column N: message`.
    public var description: String { "column \(column): \(message)" }
}
