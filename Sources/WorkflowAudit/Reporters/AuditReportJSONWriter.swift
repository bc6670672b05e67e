import SlipwayCore

/// Writes the JSON report in exactly the bytes `JSONOutput.string` (Foundation's `JSONEncoder`, pretty-printed,
/// sorted keys, slashes unescaped) produces for `AuditReport`, over the shared `JSONWriter`.
///
/// The generic encoder boxes every value and sorts every object's keys at run time; here each type's keys are written
/// in their sorted order by hand. A report with an empty object (a summary area without findings) returns `nil` and
/// the caller uses `JSONOutput`, which lays empty objects out its own way. `AuditReportJSONWriterTests` compares both
/// on the corpus report and on hostile strings.
struct AuditReportJSONWriter {
    private var json: JSONWriter

    /// The report as `JSONOutput.string(report)` renders it, or `nil` when the generic encoder must do it.
    static func render(_ report: AuditReport) -> String? {
        if report.summary.areas.contains(where: { $0.bySeverity.isEmpty }) { return nil }
        var writer = AuditReportJSONWriter(json: JSONWriter(capacity: 4096 + report.findings.count * 700))
        writer.write(report)
        return writer.json.finish()
    }

    // MARK: - Report types (keys in sorted order)

    private mutating func write(_ report: AuditReport) {
        json.beginObject()
        json.key("diagnostics")
        array(report.diagnostics) { $0.write($1) }
        json.key("files")
        array(report.files) { $0.write($1) }
        json.key("findings")
        array(report.findings) { $0.write($1) }
        json.field("root", report.root)
        json.key("strengths")
        array(report.strengths) { $0.write($1) }
        json.key("summary")
        write(report.summary)
        json.key("tool")
        json.object { json in
            json.field("name", report.tool.name)
            json.field("version", report.tool.version)
        }
        json.field("version", report.version)
        json.endObject()
    }

    private mutating func array<Element>(_ elements: [Element], _ body: (inout Self, Element) -> Void) {
        json.beginArray()
        for element in elements {
            json.element()
            body(&self, element)
        }
        json.endArray()
    }

    private mutating func write(_ location: SourceLocation) {
        json.beginObject()
        json.field("column", location.column)
        json.field("endColumn", location.endColumn)
        json.field("endLine", location.endLine)
        json.field("line", location.line)
        json.field("path", location.path)
        json.endObject()
    }

    private mutating func write(_ note: Diagnostic.Note) {
        json.beginObject()
        if let location = note.location {
            json.key("location")
            write(location)
        }
        json.field("message", note.message)
        json.endObject()
    }

    private mutating func write(_ diagnostic: Diagnostic) {
        json.beginObject()
        json.field("level", diagnostic.level.rawValue)
        if let location = diagnostic.location {
            json.key("location")
            write(location)
        }
        json.field("message", diagnostic.message)
        json.key("notes")
        array(diagnostic.notes) { $0.write($1) }
        json.endObject()
    }

    private mutating func write(_ file: AuditReport.File) {
        json.beginObject()
        json.key("calledFrom")
        array(file.calledFrom) { $0.write($1) }
        json.field("findings", file.findings)
        json.field("kind", file.kind?.rawValue)
        json.field("parsed", file.parsed)
        json.field("path", file.path)
        json.endObject()
    }

    private mutating func write(_ finding: Finding) {
        json.beginObject()
        json.field("area", finding.area.rawValue)
        json.field("confidence", finding.confidence.rawValue)
        json.field("fingerprint", finding.fingerprint)
        if let fix = finding.fix {
            json.key("fix")
            json.object { json in
                json.key("edits")
                json.array(fix.edits) { json, edit in
                    json.object { json in
                        json.field("end", edit.end)
                        json.field("replacement", edit.replacement)
                        json.field("start", edit.start)
                    }
                }
                json.field("summary", fix.summary)
            }
        }
        json.key("location")
        write(finding.location)
        json.field("message", finding.message)
        json.key("notes")
        array(finding.notes) { $0.write($1) }
        json.field("ruleId", finding.ruleId)
        json.field("severity", finding.severity.rawValue)
        json.endObject()
    }

    private mutating func write(_ strength: Strength) {
        json.beginObject()
        json.field("area", strength.area.rawValue)
        json.field("id", strength.id)
        if let location = strength.location {
            json.key("location")
            write(location)
        }
        json.field("message", strength.message)
        json.endObject()
    }

    private mutating func write(_ summary: AuditReport.Summary) {
        json.beginObject()
        json.key("areas")
        json.array(summary.areas) { json, area in
            json.object { json in
                json.field("area", area.area.rawValue)
                json.key("bySeverity")
                json.object { json in
                    for (name, count) in area.bySeverity.sorted(by: { $0.key < $1.key }) {
                        json.key(name)
                        json.int(count)
                    }
                }
                json.field("findings", area.findings)
                json.field("score", area.score)
                json.field("strengths", area.strengths)
                json.field("title", area.title)
            }
        }
        json.field("baselined", summary.baselined)
        json.field("failOn", summary.failOn.rawValue)
        json.field("failed", summary.failed)
        json.field("findings", summary.findings)
        json.field("suppressed", summary.suppressed)
        json.endObject()
    }
}
