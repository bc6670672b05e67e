import SlipwayCore

/// A current-state review in Markdown: scores, strengths and gaps per area; also the GitHub step summary.
struct MarkdownReporter: Reporter {
    static let id = "markdown"

    func render(_ report: AuditReport, options: ReportOptions) throws -> String {
        var out = "# Release pipeline audit\n\n"
        out += "\(report.files.count) file(s) audited, \(report.summary.findings) finding(s)"
        if report.summary.suppressed > 0 { out += ", \(report.summary.suppressed) suppressed" }
        let errors = report.inputErrorCount
        out +=
            report.summary.failed
            ? ". **Failed**: findings at or above `\(report.summary.failOn)`"
                + (errors > 0 ? ", and \(errors) input problem(s) below.\n\n" : ".\n\n")
            : errors > 0
                ? ". **Incomplete**: \(errors) input problem(s) below; fix them and run again.\n\n"
                : ". Passed: nothing at or above `\(report.summary.failOn)`.\n\n"
        out += "| Area | Score | Findings | Strengths |\n|---|---:|---:|---:|\n"
        for area in report.summary.areas {
            out += "| \(area.title) | \(area.score)/100 | \(area.findings) | \(area.strengths) |\n"
        }
        if !report.diagnostics.isEmpty {
            out += "\n## Input problems\n\n"
            for diagnostic in report.diagnostics {
                out += "- `\(diagnostic.location?.description ?? "-")` \(Self.escape(diagnostic.message))\n"
            }
        }
        for area in Area.allCases {
            let strengths = report.strengths.filter { $0.area == area }
            let findings = report.findings.filter { $0.area == area }
            guard !strengths.isEmpty || !findings.isEmpty else { continue }
            out += "\n## \(area.title)\n"
            if !strengths.isEmpty {
                out += "\n**Strengths**\n\n"
                for strength in strengths {
                    let place = strength.location.map { " (`\($0)`)" } ?? ""
                    out += "- ✅ \(Self.escape(strength.message))\(place)\n"
                }
            }
            if !findings.isEmpty {
                out += "\n**Gaps and findings**\n\n| Severity | Rule | Location | Message |\n|---|---|---|---|\n"
                for finding in findings {
                    out +=
                        "| \(finding.severity.rawValue) | `\(finding.ruleId)` | `\(finding.location)` | "
                        + "\(Self.escape(finding.message)) |\n"
                }
            }
        }
        return out
    }

    static func escape(_ text: String) -> String {
        text.replacingAll("|", with: "\\|").replacingAll("\n", with: " ")
    }
}
