import Dispatch
import SlipwayCore
import Synchronization

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
        renderUTF8(report).map { String(decoding: $0, as: UTF8.self) }
    }

    /// `render`'s bytes, without building a `String` of them (what a command writing to a file or stdout needs).
    static func renderUTF8(_ report: AuditReport) -> [UInt8]? {
        if report.summary.areas.contains(where: { $0.bySeverity.isEmpty }) { return nil }
        if report.findings.count >= Self.findingsPerChunk * 2 { return renderInParallel(report) }
        var writer = AuditReportJSONWriter(json: JSONWriter(capacity: 4096 + report.findings.count * 700))
        writer.write(report)
        return writer.json.finishUTF8()
    }

    /// Findings written by one worker of `renderInParallel`.
    static let findingsPerChunk = 128

    /// The same bytes as `render`, with the findings (most of a report) written in chunks on every core.
    ///
    /// Each chunk is written by its own writer placed, like the whole report's, inside the report object and its
    /// `findings` array, so its indentation and separators are the ones the single writer gives; the part before
    /// the findings and the part after them are written the same way, and the parts are joined in order.
    private static func renderInParallel(_ report: AuditReport) -> [UInt8] {
        let findings = report.findings
        let chunkCount = (findings.count + findingsPerChunk - 1) / findingsPerChunk
        // Part 0: everything up to and including the `[` of `findings`; parts 1…chunkCount: the findings; the last:
        // from the `]` of `findings` to the end.
        let results = RenderedParts(count: chunkCount + 2)
        DispatchQueue.concurrentPerform(iterations: chunkCount + 2) { part in
            var bytes: [UInt8]
            if part == 0 {
                var writer = AuditReportJSONWriter(json: JSONWriter(capacity: 4096))
                writer.writeHead(report)
                bytes = writer.json.bytes
            } else if part == chunkCount + 1 {
                var writer = AuditReportJSONWriter(json: JSONWriter(capacity: 4096))
                writer.enterFindings()
                let start = writer.json.bytes.count
                writer.writeTail(report)
                bytes = Array(writer.json.bytes[start...])
                bytes.append(0x0A)
            } else {
                let lower = (part - 1) * findingsPerChunk
                let upper = min(lower + findingsPerChunk, findings.count)
                var writer = AuditReportJSONWriter(json: JSONWriter(capacity: (upper - lower) * 800 + 64))
                writer.enterFindings()
                let start = writer.json.bytes.count
                for finding in findings[lower..<upper] {
                    writer.json.element()
                    writer.write(finding)
                }
                // The writer saw its first finding as the array's first; after the first chunk it is not.
                bytes = part == 1 ? [] : Array(",\n".utf8)
                bytes += writer.json.bytes[start...]
            }
            results.parts.withLock { $0[part] = bytes }
        }
        let parts = results.parts.withLock { $0 }
        var joined: [UInt8] = []
        joined.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts { joined += part }
        return joined
    }

    /// The parts `renderInParallel`'s workers write, each into its own slot.
    private final class RenderedParts: Sendable {
        let parts: Mutex<[[UInt8]]>

        init(count: Int) { parts = Mutex([[UInt8]](repeating: [], count: count)) }
    }

    /// Opens the report object and its `findings` array, as `write(_: AuditReport)` does before the first finding.
    private mutating func enterFindings() {
        json.beginObject()
        json.key("findings")
        json.beginArray()
    }

    // MARK: - Report types (keys in sorted order)

    private mutating func write(_ report: AuditReport) {
        writeHead(report)
        for finding in report.findings {
            json.element()
            write(finding)
        }
        writeTail(report)
    }

    /// The report up to and including the `[` that opens `findings` (`renderInParallel`'s first part).
    private mutating func writeHead(_ report: AuditReport) {
        json.beginObject()
        json.key("diagnostics")
        array(report.diagnostics) { $0.write($1) }
        json.key("files")
        array(report.files) { $0.write($1) }
        json.key("findings")
        json.beginArray()
    }

    /// From the `]` that closes `findings` to the end of the report object (`renderInParallel`'s last part, to
    /// which it adds `finish`'s final newline); the writer must be inside `findings` (`enterFindings`).
    private mutating func writeTail(_ report: AuditReport) {
        json.endArray()
        writeAfterFindings(report)
    }

    /// The members after `findings` and the end of the report object.
    private mutating func writeAfterFindings(_ report: AuditReport) {
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
