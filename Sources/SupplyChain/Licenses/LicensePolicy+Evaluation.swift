/// How a license expression fares against a policy.
public enum LicenseVerdict: Sendable, Hashable {
    /// Acceptable (some choice of every `OR` uses only accepted licenses).
    case allowed
    /// Every choice uses a denied license; the denied terms.
    case denied([LicenseTerm])
    /// No choice is fully accepted, but not every choice is denied; the terms that are not accepted.
    case notAllowed([LicenseTerm])
}

extension LicensePolicy {
    /// Evaluates `expression`: `OR` is acceptable when any operand is, `AND` when all are; a term is denied when
    /// its id (or exactly `id WITH exception`) is denied, accepted when the allow list is empty or holds its id,
    /// `id+` or exactly `id WITH exception`.
    public func evaluate(_ expression: LicenseExpression) -> LicenseVerdict {
        let matcher = Matcher(policy: self)
        return matcher.verdict(expression.modernized)
    }

    private struct Matcher {
        let allowNames: Set<String>
        let denyNames: Set<String>
        let allowExpressions: Set<String>
        let allowsEverything: Bool

        init(policy: LicensePolicy) {
            var allowNames: Set<String> = []
            var allowExpressions: Set<String> = []
            for entry in policy.allow.map(\.modernized) {
                if case .term(let term) = entry {
                    allowNames.insert(term.description.lowercased())
                } else {
                    allowExpressions.insert(entry.description.lowercased())
                }
            }
            var denyNames: Set<String> = []
            for entry in policy.deny.map(\.modernized) {
                for term in entry.terms { denyNames.insert(term.description.lowercased()) }
            }
            self.allowNames = allowNames
            self.denyNames = denyNames
            self.allowExpressions = allowExpressions
            self.allowsEverything = policy.allow.isEmpty
        }

        /// The spellings a term answers to: itself, its license without `+`/`-or-later`, each with the exception.
        static func names(_ term: LicenseTerm) -> [String] {
            let base = term.license.description.lowercased()
            var licenses = [base]
            if term.orLater { licenses.insert(base + "+", at: 0) }
            if base.hasSuffix("-or-later") { licenses.append(String(base.dropLast("-or-later".count)) + "-only") }
            guard let exception = term.exception?.lowercased() else { return licenses }
            return licenses.map { "\($0) with \(exception)" } + licenses
        }

        func verdict(_ expression: LicenseExpression) -> LicenseVerdict {
            switch expression {
            case .term(let term):
                let names = Self.names(term)
                if names.contains(where: denyNames.contains) { return .denied([term]) }
                if allowsEverything || names.contains(where: allowNames.contains) { return .allowed }
                return .notAllowed([term])
            case .and(let operands):
                if allowExpressions.contains(expression.description.lowercased()),
                    !expression.terms.contains(where: { Self.names($0).contains(where: denyNames.contains) })
                {
                    return .allowed
                }
                let verdicts = operands.map(verdict)
                let denied = verdicts.flatMap { verdict -> [LicenseTerm] in
                    if case .denied(let terms) = verdict { return terms }
                    return []
                }
                if !denied.isEmpty { return .denied(denied) }
                let rejected = verdicts.flatMap { verdict -> [LicenseTerm] in
                    if case .notAllowed(let terms) = verdict { return terms }
                    return []
                }
                return rejected.isEmpty ? .allowed : .notAllowed(rejected)
            case .or(let operands):
                if allowExpressions.contains(expression.description.lowercased()),
                    !expression.terms.contains(where: { Self.names($0).contains(where: denyNames.contains) })
                {
                    return .allowed
                }
                let verdicts = operands.map(verdict)
                if verdicts.contains(.allowed) { return .allowed }
                var denied: [LicenseTerm] = []
                var rejected: [LicenseTerm] = []
                for verdict in verdicts {
                    switch verdict {
                    case .allowed: break
                    case .denied(let terms):
                        denied += terms
                        rejected += terms
                    case .notAllowed(let terms): rejected += terms
                    }
                }
                return denied.count == rejected.count ? .denied(denied) : .notAllowed(rejected)
            }
        }
    }
}
