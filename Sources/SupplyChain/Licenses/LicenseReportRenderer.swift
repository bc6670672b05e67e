import SlipwayCore

/// Renders a ``LicenseReport`` as a text table, JSON, SARIF 2.1.0, GitHub annotations or a Markdown summary.
public enum LicenseReportRenderer {
    /// A table of packages (license, status, source), then the findings compiler-style, then a summary line.
    public static func table(_ report: LicenseReport) -> String {
        var rows: [[String]] = [["PACKAGE", "VERSION", "LICENSE", "STATUS", "SOURCE"]]
        for package in report.packages {
            var license = package.expression ?? package.declared.map { "\"\(oneLine($0))\"" } ?? "-"
            if package.normalized, let declared = package.declared { license += " (from \"\(oneLine(declared))\")" }
            rows.append([package.name, package.version, license, package.status.rawValue, package.source.rawValue])
        }
        var widths = [Int](repeating: 0, count: 5)
        for row in rows {
            for (column, cell) in row.enumerated() where column < 4 { widths[column] = max(widths[column], cell.count) }
        }
        var out = ""
        for row in rows {
            var line = ""
            for (column, cell) in row.enumerated() {
                let width = column < widths.count ? widths[column] : 0
                line += column == row.count - 1 ? cell : cell + String(repeating: " ", count: width - cell.count + 2)
            }
            out += line + "\n"
        }
        if !report.findings.isEmpty { out += "\n" }
        for finding in report.findings {
            out +=
                DiagnosticFormatter.line(
                    level: finding.severity.rawValue,
                    message: "\(finding.message) [\(finding.ruleId)]",
                    location: finding.location
                ) + "\n"
            for note in finding.notes {
                out +=
                    "  " + DiagnosticFormatter.line(level: "note", message: note.message, location: note.location)
                    + "\n"
            }
        }
        for diagnostic in report.diagnostics { out += "\(diagnostic)\n" }
        out += "\n" + summaryLine(report) + "\n"
        return out
    }

    /// `N packages (…); N findings (…)`.
    public static func summaryLine(_ report: LicenseReport) -> String {
        let summary = report.summary
        let statuses = LicensedPackage.Status.allCases.compactMap { status -> String? in
            let count = summary.statuses[status.rawValue] ?? 0
            return count == 0 ? nil : "\(count) \(status.rawValue)"
        }
        let severities = Severity.allCases.reversed().compactMap { severity -> String? in
            let count = summary.severities[severity.rawValue] ?? 0
            return count == 0 ? nil : "\(count) \(severity.rawValue)"
        }
        var line = "\(summary.packages) package(s)"
        if !statuses.isEmpty { line += " (\(statuses.joined(separator: ", ")))" }
        line += "; \(summary.findings) finding(s)"
        if !severities.isEmpty { line += " (\(severities.joined(separator: ", ")))" }
        if summary.expiredExceptions > 0 { line += "; \(summary.expiredExceptions) expired exception(s) fail the run" }
        return line
    }

    /// The report as sorted-key JSON.
    public static func json(_ report: LicenseReport) throws -> String {
        try JSONOutput.string(report)
    }

    /// SARIF 2.1.0 with every license rule described, at the policy's severity.
    public static func sarif(_ report: LicenseReport, policy: LicensePolicy, toolVersion: String) throws -> String {
        let rules = LicenseRule.allCases.map { rule in
            let severity: Severity
            switch rule {
            case .unknown, .expressionInvalid: severity = policy.unknownSeverity ?? .info
            case .denied, .notAllowed, .exceptionExpired: severity = policy.severity
            }
            return rule.sarifRule(severity: severity)
        }
        let findings = report.findings.map { finding in
            var properties: [String: JSONValue] = ["package": .string(finding.package)]
            if let expression = finding.expression { properties["expression"] = .string(expression) }
            return SARIFFinding(
                ruleId: finding.ruleId,
                severity: finding.severity,
                message: finding.message,
                location: finding.location,
                relatedLocations: finding.notes,
                fingerprint: finding.fingerprint,
                properties: properties
            )
        }
        return try SARIFLog.render(
            toolVersion: toolVersion,
            rules: rules,
            findings: findings,
            diagnostics: report.diagnostics,
            executionSuccessful: !report.hasInputErrors
        )
    }

    /// GitHub workflow commands, at most ``GitHubAnnotations/perLevelLimit`` per level (the summary has the rest).
    public static func annotations(_ report: LicenseReport) -> String {
        GitHubAnnotations.commands(
            report.findings.lazy.map { finding in
                GitHubAnnotations.Annotation(
                    level: finding.severity.annotationLevel,
                    title: "\(finding.ruleId): \(finding.package)",
                    location: finding.location,
                    message: finding.message
                )
            }
        )
    }

    /// A Markdown step summary: the counts and a table of findings.
    public static func markdown(_ report: LicenseReport) -> String {
        var out = "## License scan\n\n\(summaryLine(report))\n\n"
        guard !report.findings.isEmpty else { return out + "No license findings.\n" }
        out += "| Severity | Rule | Package | License | Location |\n|---|---|---|---|---|\n"
        for finding in report.findings {
            let cells = [
                finding.severity.rawValue, "`\(finding.ruleId)`", "`\(finding.package)`",
                finding.expression.map { "`\(oneLine($0))`" } ?? "-", finding.location.map { "`\($0)`" } ?? "-",
            ]
            out += "| " + cells.map { $0.replacingAll("|", with: "\\|") }.joined(separator: " | ") + " |\n"
        }
        return out
    }

    private static func oneLine(_ text: String) -> String {
        let line = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).first.map(String.init) ?? ""
        return line.count > 60 ? String(line.prefix(57)) + "..." : line
    }
}
