import SlipwayCore

/// Helpers shared by the supply-chain, runner and deprecation rules: script positions, environments, redaction.
enum SupplyChainSupport {
    /// The file position of `column` (0-based, in characters) on 0-based `line` of a `run:` script's value.
    ///
    /// Exact for literal block scalars and for the first line of plain or simply quoted scalars; otherwise the
    /// scalar's start.
    static func position(line: Int, column: Int, in run: YAMLScalar, source: SourceText) -> SourcePosition {
        switch run.style {
        case .literal, .folded:
            let fileLine = run.position.line + 1 + line
            let indentation = source.indentation(ofLine: fileLine).count
            return SourcePosition(line: fileLine, column: indentation + column + 1)
        case .plain where line == 0:
            return SourcePosition(line: run.position.line, column: run.position.column + column)
        case .singleQuoted where line == 0, .doubleQuoted where line == 0:
            let firstLine = run.value.splitASCII("\n", omittingEmptySubsequences: false).first ?? ""
            let prefix = firstLine.prefix(column)
            let escapes: Set<Character> = run.style == .singleQuoted ? ["'"] : ["\\", "\""]
            guard !prefix.contains(where: { escapes.contains($0) }) else { return run.position }
            return SourcePosition(line: run.position.line, column: run.position.column + 1 + column)
        default:
            return run.position
        }
    }

    /// The lines of a script, with their 0-based index.
    static func lines(of script: String) -> [(index: Int, text: Substring)] {
        script.splitASCII("\n", omittingEmptySubsequences: false).enumerated().map { ($0.offset, $0.element) }
    }

    /// Whether a script line is a shell comment.
    static func isComment(_ line: Substring) -> Bool {
        line.drop { $0 == " " || $0 == "\t" }.hasPrefix("#")
    }

    /// `text` shortened to its first four characters, so messages never echo a secret.
    static func redact(_ text: String) -> String {
        String(text.prefix(4)) + "…"
    }

    /// Every `env:` block of the file: workflow, job and step level (composite-action steps included).
    static func environmentBlocks(in file: WorkflowFile) -> [(scope: String, mapping: YAMLMapping)] {
        var blocks: [(scope: String, mapping: YAMLMapping)] = []
        if let env = file.workflow?.env { blocks.append(("the workflow", env)) }
        for job in file.jobs {
            if let env = job.env { blocks.append(("job '\(job.id.value)'", env)) }
        }
        for (job, step) in file.allSteps {
            guard let env = step.env else { continue }
            let owner = job.map { " in job '\($0.id.value)'" } ?? ""
            blocks.append(("step '\(step.label)'\(owner)", env))
        }
        return blocks
    }

    /// The environment a step sees: its own `env:`, then its job's, then the workflow's (first wins).
    static func environment(of step: Step, job: Job?, in file: WorkflowFile) -> [YAMLEntry] {
        var seen: Set<String> = []
        var result: [YAMLEntry] = []
        for mapping in [step.env, job?.env, file.workflow?.env] {
            for entry in mapping?.entries ?? [] where seen.insert(entry.key.value).inserted {
                result.append(entry)
            }
        }
        return result
    }

    /// Whether `scalar` holds a literal (not null, not empty, no `${{ }}`).
    static func isLiteral(_ scalar: YAMLScalar) -> Bool {
        !scalar.isNull && !scalar.value.trimmingWhitespace().isEmpty && !scalar.value.containsBytes("${{")
    }

    /// The permission level `scope` gets in `job` (job permissions win over the workflow's).
    static func permission(_ scope: String, job: Job?, in file: WorkflowFile) -> String? {
        if let permissions = job?.permissions { return permissions.level(of: scope) }
        return file.workflow?.permissions?.level(of: scope)
    }

    /// For a value that is exactly `${{ matrix.key }}`, the values listed for `key` in the job's matrix (including
    /// `include:` entries); `nil` when the value is not such an expression or the matrix is computed.
    static func matrixValues(of expression: String, in job: Job) -> [YAMLNode]? {
        let trimmed = expression.trimmingWhitespace()
        guard trimmed.hasPrefix("${{"), trimmed.hasSuffix("}}") else { return nil }
        let inner = trimmed.dropFirst(3).dropLast(2).trimmingWhitespace()
        guard inner.hasPrefix("matrix."), let matrix = job.strategy?["matrix"]?.mapping else { return nil }
        let key = String(inner.dropFirst("matrix.".count))
        guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
            return nil
        }
        var values: [YAMLNode] = matrix[key]?.sequence?.items ?? []
        for include in matrix["include"]?.sequence?.items ?? [] {
            if let value = include.mapping?[key] { values.append(value) }
        }
        return values
    }

    /// Whether a value reads `secrets.*` in one of its expressions.
    static func readsSecret(_ value: String?) -> Bool {
        guard let value, value.containsBytes("${{") else { return false }
        return ExpressionScanner.spans(in: value).contains { span in
            let inner = span.inner.lowercased()
            return inner.contains("secrets.") || inner.contains("secrets[")
        }
    }
}
