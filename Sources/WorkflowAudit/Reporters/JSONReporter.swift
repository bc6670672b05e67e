import SlipwayCore

/// The `Codable` report, pretty-printed with sorted keys (schema: `docs/report-schema.md`).
struct JSONReporter: Reporter {
    static let id = "json"

    func render(_ report: AuditReport, options: ReportOptions) throws -> String {
        if let text = AuditReportJSONWriter.render(report) { return text }
        return try JSONOutput.string(report)
    }

    func renderUTF8(_ report: AuditReport, options: ReportOptions) throws -> [UInt8] {
        if let bytes = AuditReportJSONWriter.renderUTF8(report) { return bytes }
        return Array(try JSONOutput.string(report).utf8)
    }
}
