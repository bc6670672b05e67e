public import SlipwayCore

/// The checks of `slipway scan licenses`, with their stable ids and descriptions (for SARIF and the docs).
public enum LicenseRule: String, Sendable, Hashable, Codable, CaseIterable {
    case denied = "license-denied"
    case notAllowed = "license-not-allowed"
    case unknown = "license-unknown"
    case exceptionExpired = "license-exception-expired"
    case expressionInvalid = "license-expression-invalid"

    /// The stable, kebab-case rule id.
    public var id: String { rawValue }

    /// A PascalCase name.
    public var name: String {
        switch self {
        case .denied: "LicenseDenied"
        case .notAllowed: "LicenseNotAllowed"
        case .unknown: "LicenseUnknown"
        case .exceptionExpired: "LicenseExceptionExpired"
        case .expressionInvalid: "LicenseExpressionInvalid"
        }
    }

    /// One sentence.
    public var summary: String {
        switch self {
        case .denied: "A dependency can only be used under a license the policy denies."
        case .notAllowed: "A dependency's license is not on the policy's allow list."
        case .unknown: "A dependency declares no license, or one that names no license unambiguously."
        case .exceptionExpired: "A license exception in slipway.yml is past its expiry date."
        case .expressionInvalid: "A dependency declares a license expression that is not valid SPDX."
        }
    }

    /// Why it matters and what to do, in Markdown.
    public var help: String {
        switch self {
        case .denied:
            "Every way of satisfying the dependency's license expression uses a license in `scan.licenses.deny`. "
                + "Replace the dependency, or record a reviewed exception (package, reason, owner, expires) under "
                + "`scan.licenses.exceptions`."
        case .notAllowed:
            "No choice of the dependency's license expression uses only licenses in `scan.licenses.allow`. Have the "
                + "license reviewed and add it to `allow`, replace the dependency, or record an exception."
        case .unknown:
            "Without a known license the dependency cannot be checked against the policy. Find the license "
                + "upstream (and ask the maintainers to declare an SPDX expression), then record an exception "
                + "naming it. `scan.licenses.unknown` sets whether this is allowed, a warning or a violation."
        case .exceptionExpired:
            "Exceptions carry an expiry date so that accepted risks are reviewed again. Review the dependency "
                + "and set a new `expires` date, or remove the exception and resolve the finding it covered. "
                + "An expired exception fails the run whatever `--fail-on` says."
        case .expressionInvalid:
            "The declared text uses expression syntax (operators or parentheses) but does not parse as SPDX 2.3 "
                + "(Annex D). The finding gives the column. Ask the maintainers to fix the metadata, and record "
                + "an exception naming the real license meanwhile. Treated like an unknown license by "
                + "`scan.licenses.unknown`."
        }
    }

    /// The rule as a SARIF reporting descriptor.
    public func sarifRule(severity: Severity) -> SARIFRule {
        SARIFRule(
            id: id,
            name: name,
            summary: summary,
            fullDescription: help,
            helpURI: "https://github.com/slipway-dev/slipway/blob/main/docs/licenses.md#\(id)",
            defaultSeverity: severity,
            tags: ["license", "supply-chain"],
            precision: self == .unknown ? .medium : .high
        )
    }
}
