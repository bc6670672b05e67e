/// An SPDX license expression (SPDX 2.3 Annex D) as a tree: license terms joined by `AND` and `OR`.
///
/// `AND` and `OR` hold two or more operands each; nested operators of the same kind are flattened, so
/// `MIT AND (ISC AND Zlib)` and `MIT AND ISC AND Zlib` are the same value. `description` is the canonical
/// rendering: canonical identifier casing, upper-case operators, single spaces, parentheses only where `AND` binds
/// tighter than `OR` would otherwise regroup the text.
public indirect enum LicenseExpression: Sendable, Hashable, CustomStringConvertible {
    /// One license, optionally `+` (or later) and `WITH` an exception.
    case term(LicenseTerm)
    /// Every operand applies (conjunctive).
    case and([LicenseExpression])
    /// Any one operand may be chosen (disjunctive).
    case or([LicenseExpression])

    /// Parses `text` (see ``LicenseExpressionParser``).
    ///
    /// - Throws: ``LicenseExpressionError`` with the column and what was expected.
    public init(parsing text: String) throws(LicenseExpressionError) {
        self = try LicenseExpressionParser.parse(text)
    }

    /// A conjunction, flattening nested conjunctions; one operand is returned as is.
    public static func allOf(_ operands: [LicenseExpression]) -> LicenseExpression {
        let flat = operands.flatMap { operand -> [LicenseExpression] in
            if case .and(let inner) = operand { return inner }
            return [operand]
        }
        if flat.count == 1, let only = flat.first { return only }
        return .and(flat)
    }

    /// A disjunction, flattening nested disjunctions; one operand is returned as is.
    public static func anyOf(_ operands: [LicenseExpression]) -> LicenseExpression {
        let flat = operands.flatMap { operand -> [LicenseExpression] in
            if case .or(let inner) = operand { return inner }
            return [operand]
        }
        if flat.count == 1, let only = flat.first { return only }
        return .or(flat)
    }

    /// Whether the expression is a single term (no `AND` or `OR`).
    public var isTerm: Bool {
        if case .term = self { return true }
        return false
    }

    /// Every license term, left to right.
    public var terms: [LicenseTerm] {
        switch self {
        case .term(let term): [term]
        case .and(let operands), .or(let operands): operands.flatMap(\.terms)
        }
    }

    /// The expression with deprecated GNU identifiers replaced by their successors (`GPL-2.0` → `GPL-2.0-only`,
    /// `GPL-2.0+` → `GPL-2.0-or-later`), so policies written with current ids match old metadata.
    public var modernized: LicenseExpression {
        switch self {
        case .term(let term): .term(term.modernized)
        case .and(let operands): .allOf(operands.map(\.modernized))
        case .or(let operands): .anyOf(operands.map(\.modernized))
        }
    }

    public var description: String {
        switch self {
        case .term(let term):
            return term.description
        case .and(let operands):
            return operands.map { operand in
                if case .or = operand { return "(\(operand))" }
                return operand.description
            }
            .joined(separator: " AND ")
        case .or(let operands):
            return operands.map(\.description).joined(separator: " OR ")
        }
    }
}

/// One license of an expression: a listed id or a `LicenseRef-`, optionally `+` and `WITH` an exception.
public struct LicenseTerm: Sendable, Hashable, CustomStringConvertible {
    /// The license.
    public var license: LicenseReference
    /// `+`: this version or any later one.
    public var orLater: Bool
    /// The exception after `WITH`, in canonical casing (`Classpath-exception-2.0`, or `AdditionRef-…`).
    public var exception: String?

    /// Creates a term.
    public init(_ license: LicenseReference, orLater: Bool = false, exception: String? = nil) {
        self.license = license
        self.orLater = orLater
        self.exception = exception
    }

    /// A term for a listed license id written in canonical casing (for building expressions in code and tests).
    public static func id(_ id: String, orLater: Bool = false, exception: String? = nil) -> LicenseTerm {
        LicenseTerm(.listed(id), orLater: orLater, exception: exception)
    }

    /// The term with a deprecated GNU id replaced by its `-only`/`-or-later` successor.
    public var modernized: LicenseTerm {
        guard case .listed(let id) = license, let successor = SPDXLicenseList.successor(of: id, orLater: orLater)
        else { return self }
        return LicenseTerm(.listed(successor), orLater: false, exception: exception)
    }

    /// The term without its exception (`GPL-2.0-only WITH Classpath-exception-2.0` → `GPL-2.0-only`).
    public var withoutException: LicenseTerm { LicenseTerm(license, orLater: orLater) }

    public var description: String {
        var text = license.description
        if orLater { text += "+" }
        if let exception { text += " WITH \(exception)" }
        return text
    }
}

/// The license of a term: an id from the SPDX License List or a user-defined `LicenseRef-`.
public enum LicenseReference: Sendable, Hashable, CustomStringConvertible {
    /// A listed id in canonical casing.
    case listed(String)
    /// `[DocumentRef-<document>:]LicenseRef-<name>`; both parts without their prefixes.
    case reference(document: String?, name: String)

    public var description: String {
        switch self {
        case .listed(let id): id
        case .reference(let document, let name): (document.map { "DocumentRef-\($0):" } ?? "") + "LicenseRef-\(name)"
        }
    }

    /// Whether SPDX deprecated the id (always `false` for references).
    public var isDeprecated: Bool {
        guard case .listed(let id) = self else { return false }
        return SPDXLicenseList.license(id)?.isDeprecated ?? false
    }
}
