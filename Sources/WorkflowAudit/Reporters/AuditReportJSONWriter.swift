import SlipwayCore

/// Writes the JSON report straight into a byte buffer, in exactly the bytes `JSONOutput.string` (Foundation's
/// `JSONEncoder`, pretty-printed, sorted keys, slashes unescaped) produces for `AuditReport`.
///
/// The generic encoder boxes every value and sorts every object's keys at run time; here each type's keys are written
/// in their sorted order by hand. Inputs whose encoding this writer does not reproduce with certainty (control
/// characters other than newline and tab, line or paragraph separators, empty objects) return `nil`, and the caller
/// uses `JSONOutput`. `AuditReportJSONWriterTests` compares both on the corpus report and on hostile strings.
struct AuditReportJSONWriter {
    private var out: [UInt8] = []
    private var depth = 0
    private var isFirst = true
    private var unsupported = false

    /// The report as `JSONOutput.string(report)` renders it, or `nil` when the generic encoder must do it.
    static func render(_ report: AuditReport) -> String? {
        var writer = AuditReportJSONWriter()
        writer.out.reserveCapacity(4096 + report.findings.count * 700)
        writer.write(report)
        guard !writer.unsupported else { return nil }
        writer.out.append(0x0A)
        return String(decoding: writer.out, as: UTF8.self)
    }

    // MARK: - Structure

    private mutating func openObject() {
        out.append(UInt8(ascii: "{"))
        out.append(0x0A)
        depth += 1
        isFirst = true
    }

    private mutating func closeObject(empty: Bool) {
        if empty { unsupported = true }
        depth -= 1
        out.append(0x0A)
        indent()
        out.append(UInt8(ascii: "}"))
        isFirst = false
    }

    private mutating func openArray() {
        out.append(UInt8(ascii: "["))
        out.append(0x0A)
        depth += 1
        isFirst = true
    }

    private mutating func closeArray() {
        depth -= 1
        out.append(0x0A)
        indent()
        out.append(UInt8(ascii: "]"))
        isFirst = false
    }

    private mutating func indent() {
        for _ in 0..<depth {
            out.append(0x20)
            out.append(0x20)
        }
    }

    /// Starts an array element or an object member: the separator and the indentation.
    private mutating func element() {
        if !isFirst {
            out.append(UInt8(ascii: ","))
            out.append(0x0A)
        }
        isFirst = false
        indent()
    }

    private mutating func key(_ name: StaticString) {
        element()
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        out.append(contentsOf: [UInt8(ascii: "\""), 0x20, UInt8(ascii: ":"), 0x20])
    }

    // MARK: - Values

    private mutating func string(_ value: String) {
        out.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            var start = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                let escape: UInt8?
                switch byte {
                case UInt8(ascii: "\""): escape = UInt8(ascii: "\"")
                case UInt8(ascii: "\\"): escape = UInt8(ascii: "\\")
                case 0x0A: escape = UInt8(ascii: "n")
                case 0x09: escape = UInt8(ascii: "t")
                case 0x00..<0x20, 0x7F:
                    unsupported = true
                    escape = nil
                case 0xE2
                where index + 2 < bytes.count && bytes[index + 1] == 0x80
                    && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    unsupported = true
                    escape = nil
                default: escape = nil
                }
                if let escape {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                    out.append(UInt8(ascii: "\\"))
                    out.append(escape)
                    start = index + 1
                }
                index += 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
        }
        out.append(UInt8(ascii: "\""))
    }

    private mutating func integer(_ value: Int) {
        out.append(contentsOf: String(value).utf8)
    }

    private mutating func boolean(_ value: Bool) {
        out.append(contentsOf: (value ? "true" : "false").utf8)
    }

    // MARK: - Report types (keys in sorted order)

    private mutating func write(_ report: AuditReport) {
        openObject()
        key("diagnostics")
        openArray()
        for diagnostic in report.diagnostics {
            element()
            write(diagnostic)
        }
        closeArray()
        key("files")
        openArray()
        for file in report.files {
            element()
            write(file)
        }
        closeArray()
        key("findings")
        openArray()
        for finding in report.findings {
            element()
            write(finding)
        }
        closeArray()
        key("root")
        string(report.root)
        key("strengths")
        openArray()
        for strength in report.strengths {
            element()
            write(strength)
        }
        closeArray()
        key("summary")
        write(report.summary)
        key("tool")
        openObject()
        key("name")
        string(report.tool.name)
        key("version")
        string(report.tool.version)
        closeObject(empty: false)
        key("version")
        string(report.version)
        closeObject(empty: false)
    }

    private mutating func write(_ location: SourceLocation) {
        openObject()
        key("column")
        integer(location.column)
        if let endColumn = location.endColumn {
            key("endColumn")
            integer(endColumn)
        }
        if let endLine = location.endLine {
            key("endLine")
            integer(endLine)
        }
        key("line")
        integer(location.line)
        key("path")
        string(location.path)
        closeObject(empty: false)
    }

    private mutating func write(_ note: Diagnostic.Note) {
        openObject()
        if let location = note.location {
            key("location")
            write(location)
        }
        key("message")
        string(note.message)
        closeObject(empty: false)
    }

    private mutating func write(notes: [Diagnostic.Note]) {
        openArray()
        for note in notes {
            element()
            write(note)
        }
        closeArray()
    }

    private mutating func write(_ diagnostic: Diagnostic) {
        openObject()
        key("level")
        string(diagnostic.level.rawValue)
        if let location = diagnostic.location {
            key("location")
            write(location)
        }
        key("message")
        string(diagnostic.message)
        key("notes")
        write(notes: diagnostic.notes)
        closeObject(empty: false)
    }

    private mutating func write(_ file: AuditReport.File) {
        openObject()
        key("calledFrom")
        openArray()
        for caller in file.calledFrom {
            element()
            write(caller)
        }
        closeArray()
        key("findings")
        integer(file.findings)
        if let kind = file.kind {
            key("kind")
            string(kind.rawValue)
        }
        key("parsed")
        boolean(file.parsed)
        key("path")
        string(file.path)
        closeObject(empty: false)
    }

    private mutating func write(_ finding: Finding) {
        openObject()
        key("area")
        string(finding.area.rawValue)
        key("confidence")
        string(finding.confidence.rawValue)
        key("fingerprint")
        string(finding.fingerprint)
        if let fix = finding.fix {
            key("fix")
            openObject()
            key("edits")
            openArray()
            for edit in fix.edits {
                element()
                openObject()
                key("end")
                integer(edit.end)
                key("replacement")
                string(edit.replacement)
                key("start")
                integer(edit.start)
                closeObject(empty: false)
            }
            closeArray()
            key("summary")
            string(fix.summary)
            closeObject(empty: false)
        }
        key("location")
        write(finding.location)
        key("message")
        string(finding.message)
        key("notes")
        write(notes: finding.notes)
        key("ruleId")
        string(finding.ruleId)
        key("severity")
        string(finding.severity.rawValue)
        closeObject(empty: false)
    }

    private mutating func write(_ strength: Strength) {
        openObject()
        key("area")
        string(strength.area.rawValue)
        key("id")
        string(strength.id)
        if let location = strength.location {
            key("location")
            write(location)
        }
        key("message")
        string(strength.message)
        closeObject(empty: false)
    }

    private mutating func write(_ summary: AuditReport.Summary) {
        openObject()
        key("areas")
        openArray()
        for area in summary.areas {
            element()
            openObject()
            key("area")
            string(area.area.rawValue)
            key("bySeverity")
            openObject()
            for (name, count) in area.bySeverity.sorted(by: { $0.key < $1.key }) {
                element()
                string(name)
                out.append(contentsOf: [0x20, UInt8(ascii: ":"), 0x20])
                integer(count)
            }
            closeObject(empty: area.bySeverity.isEmpty)
            key("findings")
            integer(area.findings)
            key("score")
            integer(area.score)
            key("strengths")
            integer(area.strengths)
            key("title")
            string(area.title)
            closeObject(empty: false)
        }
        closeArray()
        key("baselined")
        integer(summary.baselined)
        key("failOn")
        string(summary.failOn.rawValue)
        key("failed")
        boolean(summary.failed)
        key("findings")
        integer(summary.findings)
        key("suppressed")
        integer(summary.suppressed)
        closeObject(empty: false)
    }
}
