import SlipwayCore

/// Renders a ``SecretReport`` as a table, JSON, SARIF 2.1.0, GitHub annotations or a Markdown step summary.
///
/// Secrets appear only redacted (the report holds nothing else).
public enum SecretReportRenderer {
    /// Compiler-style lines, one per finding, then notes and the summary line.
    public static func table(_ report: SecretReport) -> String {
        var out = ""
        for finding in report.findings {
            out +=
                DiagnosticFormatter.line(
                    level: finding.severity.rawValue,
                    message: "\(finding.message) [\(finding.rule)]",
                    location: finding.location
                ) + "\n"
        }
        for note in report.notes { out += "\(note)\n" }
        if !report.findings.isEmpty || !report.notes.isEmpty { out += "\n" }
        return out + summaryLine(report) + "\n"
    }

    /// `N secret(s) (…) in N file(s), N commit(s); N suppressed (…)`.
    public static func summaryLine(_ report: SecretReport) -> String {
        let summary = report.summary
        var line = "\(summary.findings) secret(s)"
        let severities = Severity.allCases.reversed().compactMap { severity -> String? in
            let count = summary.severities[severity.rawValue] ?? 0
            return count == 0 ? nil : "\(count) \(severity.rawValue)"
        }
        if !severities.isEmpty { line += " (\(severities.joined(separator: ", ")))" }
        line += " in \(summary.filesScanned) file(s)"
        if summary.commitsScanned > 0 { line += " and \(summary.commitsScanned) commit(s)" }
        let suppressed = SecretSuppression.allCases.compactMap { reason -> String? in
            let count = summary.suppressed[reason.rawValue] ?? 0
            return count == 0 ? nil : "\(count) \(reason.rawValue)"
        }
        if !suppressed.isEmpty { line += "; suppressed: \(suppressed.joined(separator: ", "))" }
        var skipped: [String] = []
        if summary.binarySkipped > 0 { skipped.append("\(summary.binarySkipped) binary") }
        if summary.largeSkipped > 0 { skipped.append("\(summary.largeSkipped) too large") }
        if !skipped.isEmpty { line += "; skipped: \(skipped.joined(separator: ", "))" }
        if summary.failed { line += "; fails at --fail-on \(summary.failOn.rawValue)" }
        return line
    }

    /// The report as sorted-key JSON (see docs/secrets.md for the shape).
    public static func json(_ report: SecretReport) throws -> String {
        try JSONOutput.string(report)
    }

    /// SARIF 2.1.0: every rule that ran, one result per finding with its fingerprint.
    public static func sarif(_ report: SecretReport, toolVersion: String) throws -> String {
        let rulesByID = Dictionary(
            SecretRuleCatalog.builtIn.map { ($0.id, $0) },
            uniquingKeysWith: { first, _ in first }
        )
        let used = Set(report.findings.map(\.rule))
        let descriptors = Array(Set(report.ruleIDs).union(used)).sorted().map { id in
            let rule = rulesByID[id]
            let summary = rule?.description ?? report.findings.first { $0.rule == id }?.description ?? id
            let severity = rule?.severity ?? report.findings.first { $0.rule == id }?.severity ?? .high
            return SARIFRule(
                id: id,
                name: pascalCase(id),
                summary: summary,
                fullDescription:
                    "\(summary). Revoke the secret, remove it from the code (and history), and load it from a "
                    + "secret store at run time.",
                helpURI: "https://github.com/slipway-dev/slipway/blob/main/docs/secrets.md#rules",
                defaultSeverity: severity,
                tags: ["security", "secrets"],
                precision: rule?.isValidated == true ? .high : .medium,
                securitySeverity: severity.securitySeverityScore
            )
        }
        let findings = report.findings.map { finding in
            var properties: [String: JSONValue] = ["secret": .string(finding.secret)]
            if let commit = finding.commit { properties["commit"] = .string(commit) }
            return SARIFFinding(
                ruleId: finding.rule,
                severity: finding.severity,
                message: finding.message,
                location: finding.location,
                fingerprint: finding.fingerprint,
                properties: properties
            )
        }
        return try SARIFLog.render(
            toolVersion: toolVersion,
            rules: descriptors,
            findings: findings,
            diagnostics: report.notes
        )
    }

    /// GitHub workflow commands, at most ``GitHubAnnotations/perLevelLimit`` per level.
    public static func annotations(_ report: SecretReport) -> String {
        GitHubAnnotations.commands(
            report.findings.lazy.map { finding in
                GitHubAnnotations.Annotation(
                    level: finding.severity.annotationLevel,
                    title: "secret: \(finding.rule)",
                    location: finding.location,
                    message: finding.message
                )
            }
        )
    }

    /// A Markdown step summary: the counts and a table of findings.
    public static func markdown(_ report: SecretReport) -> String {
        var out = "## Secret scan\n\n\(summaryLine(report))\n\n"
        guard !report.findings.isEmpty else { return out + "No secrets found.\n" }
        out += "| Severity | Rule | Location | Commit | Secret |\n|---|---|---|---|---|\n"
        for finding in report.findings {
            let cells = [
                finding.severity.rawValue, "`\(finding.rule)`", "`\(finding.path):\(finding.line)`",
                finding.commit.map { "`\($0.prefix(12))`" } ?? "-", "`\(finding.secret)`",
            ]
            out += "| " + cells.map { $0.replacingAll("|", with: "\\|") }.joined(separator: " | ") + " |\n"
        }
        return out
    }

    /// `github-pat` → `GithubPat`.
    static func pascalCase(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// The rule table of docs/secrets.md, generated from the rule metadata.
    public static func ruleTable() -> String {
        var out = "| Id | Severity | Detects | Keywords | Verified by |\n|---|---|---|---|---|\n"
        for rule in SecretRuleCatalog.builtIn {
            let keywords = rule.keywords.map { "`\($0)`" }.joined(separator: " ")
            let cells = [
                "`\(rule.id)`", rule.severity.rawValue, rule.description, keywords,
                rule.validator?.name ?? (rule.minimumEntropy.map { "entropy ≥ \($0)" } ?? "pattern"),
            ]
            out += "| " + cells.map { $0.replacingAll("|", with: "\\|") }.joined(separator: " | ") + " |\n"
        }
        out += "\n\(SecretRuleCatalog.builtIn.count) rules. Patterns:\n\n"
        for rule in SecretRuleCatalog.builtIn {
            out += "- `\(rule.id)`: `\(rule.pattern.replacingAll("`", with: "'"))`\n"
        }
        return out
    }
}
