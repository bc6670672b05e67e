/// What a declared license text means: an SPDX expression, an unknown license, or a broken expression.
public enum LicenseResolution: Sendable, Hashable {
    /// A valid SPDX expression; `normalized` is `true` when the text was not SPDX but mapped unambiguously
    /// (`Apache License, Version 2.0` → `Apache-2.0`).
    case expression(LicenseExpression, normalized: Bool)
    /// No license, or text that names no license unambiguously; `reason` says which and why.
    case unknown(reason: String)
    /// Text that is meant as an SPDX expression (it has operators or parentheses) but breaks the grammar.
    case invalid(LicenseExpressionError)

    /// The expression, when there is one.
    public var expression: LicenseExpression? {
        if case .expression(let expression, _) = self { return expression }
        return nil
    }
}
