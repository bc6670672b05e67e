import SlipwayCore

/// Compiler-style lines (`path:line:col: high: message [rule-id]`), then strengths and area scores.
struct TextReporter: Reporter {
    static let id = "text"

    func render(_ report: AuditReport, options: ReportOptions) throws -> String {
        let style = options.style
        var out = ""
        for diagnostic in report.diagnostics {
            out +=
                DiagnosticFormatter.line(
                    level: style.red(diagnostic.level.rawValue),
                    message: diagnostic.message,
                    location: diagnostic.location
                ) + "\n"
        }
        for finding in report.findings {
            let level = Self.colored(finding.severity, style)
            out +=
                DiagnosticFormatter.line(
                    level: level,
                    message: "\(finding.message) \(style.dim("[\(finding.ruleId)]"))",
                    location: finding.location
                ) + "\n"
            for note in finding.notes {
                out +=
                    "  " + DiagnosticFormatter.line(level: "note", message: note.message, location: note.location)
                    + "\n"
            }
        }
        if !report.strengths.isEmpty {
            out += "\n" + style.bold("Strengths") + "\n"
            for strength in report.strengths {
                let place = strength.location.map { " (\($0))" } ?? ""
                out += "  \(style.green("+")) [\(strength.area.rawValue)] \(strength.message)\(place)\n"
            }
        }
        out += "\n" + style.bold("Summary") + "\n"
        for area in report.summary.areas {
            let score =
                area.score >= 80
                ? style.green("\(area.score)")
                : area.score >= 50 ? style.yellow("\(area.score)") : style.red("\(area.score)")
            let title = area.title.padding(to: 22)
            out += "  \(title) \(score)/100  \(area.findings) finding(s), \(area.strengths) strength(s)\n"
        }
        var tail = "\(report.summary.findings) finding(s) in \(report.files.count) file(s)"
        if report.summary.suppressed > 0 { tail += ", \(report.summary.suppressed) suppressed" }
        if report.summary.baselined > 0 { tail += ", \(report.summary.baselined) in baseline" }
        // A run with unreadable inputs did not check them: it does not pass, whatever the findings (exit 2).
        let errors = report.inputErrorCount
        let verdict =
            report.summary.failed
            ? style.red(
                "failed: findings at or above \(report.summary.failOn)"
                    + (errors > 0 ? ", and \(errors) input error(s) above" : "")
            )
            : errors > 0
                ? style.red("incomplete: \(errors) input error(s) above; fix them and run again")
                : style.green("passed: nothing at or above \(report.summary.failOn)")
        out += "\n\(tail); \(verdict)\n"
        return out
    }

    static func colored(_ severity: Severity, _ style: TerminalStyle) -> String {
        switch severity {
        case .critical, .high: style.red(severity.rawValue)
        case .medium: style.yellow(severity.rawValue)
        case .low, .info: style.cyan(severity.rawValue)
        }
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
