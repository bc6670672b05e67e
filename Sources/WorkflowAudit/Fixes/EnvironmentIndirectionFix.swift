import SlipwayCore

/// Builds the fix for template injection: move each expression out of the `run:` script into the step's `env:`
/// and reference the variable instead, so the shell sees data rather than code.
enum EnvironmentIndirectionFix {
    /// A fix for `occurrences` (all in `step.run`), or `nil` when the step's shape makes an edit unsafe.
    static func make(step: Step, occurrences: [ExpressionOccurrence], file: WorkflowFile) -> Fix? {
        guard let run = step.run, let runKey = step.runKeyPosition, !step.node.isFlow,
            run.style == .literal || run.style == .plain
        else { return nil }
        let shell = step.shell?.value.lowercased() ?? "bash"
        let reference: (String) -> String
        if shell.hasPrefix("pwsh") || shell.hasPrefix("powershell") {
            reference = { "$env:\($0)" }
        } else if shell.hasPrefix("bash") || shell.hasPrefix("sh") {
            reference = { "${\($0)}" }
        } else {
            return nil
        }
        let source = file.source
        let existingNames = Set(step.env?.keys ?? [])
        var names: [String: String] = [:]
        var edits: [TextEdit] = []
        var additions: [(name: String, expression: String)] = []
        for occurrence in occurrences {
            guard let path = occurrence.expression?.contextPath else { return nil }
            let start = source.offset(of: occurrence.position)
            let raw = Array(occurrence.rawText.utf8)
            guard start + raw.count <= source.bytes.count, Array(source.bytes[start..<(start + raw.count)]) == raw
            else {
                return nil
            }
            let name: String
            if let known = names[occurrence.text] {
                name = known
            } else {
                name = uniqueName(for: path, avoiding: existingNames.union(names.values))
                names[occurrence.text] = name
                additions.append((name, occurrence.text))
            }
            edits.append(TextEdit(start: start, end: start + raw.count, replacement: reference(name)))
        }
        guard !additions.isEmpty else { return nil }
        let lines = additions.map { "\($0.name): ${{ \($0.expression) }}" }
        if let env = step.node.entry("env"), let mapping = env.value.mapping, !mapping.isFlow,
            let first = mapping.entries.first, first.key.position.line > env.key.position.line
        {
            let indentation = String(repeating: " ", count: first.key.position.column - 1)
            let offset = source.lineStarts[first.key.position.line - 1]
            edits.append(.insert(lines.map { indentation + $0 + "\n" }.joined(), at: offset))
        } else if step.node.entry("env") != nil {
            return nil
        } else {
            let keyIndentation = String(repeating: " ", count: runKey.column - 1)
            let block = "\(keyIndentation)env:\n" + lines.map { "\(keyIndentation)  \($0)\n" }.joined()
            edits.append(
                .insert(
                    block,
                    at: insertionOffset(after: run, keyLine: runKey.line, keyColumn: runKey.column, source: source)
                )
            )
        }
        return Fix(summary: "move \(additions.map(\.expression).joined(separator: ", ")) into `env:`", edits: edits)
    }

    /// The byte offset of the line after the `run:` value: the first non-blank line indented at or left of the key.
    private static func insertionOffset(after run: YAMLScalar, keyLine: Int, keyColumn: Int, source: SourceText) -> Int
    {
        var line = keyLine + 1
        while line <= source.lineCount {
            let text = source.line(line)
            let trimmed = text.trimmingWhitespace()
            if !trimmed.isEmpty && text.prefix(while: { $0 == " " }).count < keyColumn { break }
            line += 1
        }
        return line <= source.lineStarts.count ? source.lineStarts[line - 1] : appendingNewline(source)
    }

    private static func appendingNewline(_ source: SourceText) -> Int { source.bytes.count }

    /// `github.event.issue.title` → `ISSUE_TITLE`; `inputs.dry-run` → `DRY_RUN`.
    static func uniqueName(for path: String, avoiding taken: Set<String>) -> String {
        let segments = path.split(separator: ".").filter { $0 != "*" && $0 != "event" && $0 != "github" }
        let base = segments.suffix(2).joined(separator: "_").uppercased()
            .map { $0.isLetter || $0.isNumber ? $0 : "_" }
        var name = String(base.isEmpty ? Array("VALUE") : base)
        if name.first?.isNumber == true { name = "V_" + name }
        var candidate = name
        var counter = 2
        while taken.contains(candidate) {
            candidate = "\(name)_\(counter)"
            counter += 1
        }
        return candidate
    }
}
