import SlipwayCore

/// Workflow-command annotations; GitHub shows at most 10 per level per step, so the rest are summarised.
struct GitHubAnnotationsReporter: Reporter {
    static let id = "github"

    func render(_ report: AuditReport, options: ReportOptions) throws -> String {
        var out = ""
        var perLevel: [String: Int] = [:]
        var omitted = 0
        for diagnostic in report.diagnostics where diagnostic.level == .error {
            out +=
                GitHubAnnotations.command(
                    level: "error",
                    title: "slipway",
                    location: diagnostic.location,
                    message: diagnostic.message
                ) + "\n"
        }
        let ordered = report.findings.sorted { $0.severity > $1.severity }
        for finding in ordered {
            let level = finding.severity.annotationLevel
            let count = perLevel[level, default: 0]
            guard count < GitHubAnnotations.perLevelLimit else {
                omitted += 1
                continue
            }
            perLevel[level] = count + 1
            out +=
                GitHubAnnotations.command(
                    level: level,
                    title: "\(finding.ruleId) (\(finding.severity.rawValue))",
                    location: finding.location,
                    message: finding.message
                ) + "\n"
        }
        if omitted > 0 {
            out +=
                GitHubAnnotations.command(
                    level: "notice",
                    title: "slipway audit",
                    location: nil,
                    message: "\(omitted) more finding(s) are listed in the job summary"
                ) + "\n"
        }
        return out
    }
}
