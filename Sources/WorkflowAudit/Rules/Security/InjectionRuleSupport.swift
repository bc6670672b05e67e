import SlipwayCore

/// Helpers shared by the injection, trigger and credential rules: `if:` conditions as expressions, file positions
/// of text inside scalars, and walking expression trees.
enum InjectionRuleSupport {
    /// One `if:` condition: where it is, the parsed expressions in it (with their positions) and who owns it.
    struct Condition {
        var scalar: YAMLScalar
        var expressions: [(expression: Expression, position: SourcePosition)]
        var job: Job?
        var step: Step?

        /// The job or step the condition guards, for messages.
        var ownerLabel: String {
            if let step { return "step '\(step.label)'" }
            if let job { return "job '\(job.id.value)'" }
            return "condition"
        }
    }

    /// Every job-level and step-level `if:` of `file`, parsed.
    static func conditions(in file: WorkflowFile) -> [Condition] {
        var result: [Condition] = []
        for job in file.jobs {
            if let scalar = job.node["if"]?.scalar, !scalar.isNull {
                result.append(
                    Condition(scalar: scalar, expressions: expressions(in: scalar, file: file), job: job)
                )
            }
        }
        for (job, step) in file.allSteps {
            if let scalar = step.node["if"]?.scalar, !scalar.isNull {
                result.append(
                    Condition(
                        scalar: scalar,
                        expressions: expressions(in: scalar, file: file),
                        job: job,
                        step: step
                    )
                )
            }
        }
        return result
    }

    /// `expressions(in:source:)` for a scalar of `file`, its `${{ … }}` taken from the file's index (parsed once).
    static func expressions(
        in scalar: YAMLScalar,
        file: WorkflowFile
    ) -> [(
        expression: Expression, position: SourcePosition
    )] {
        if scalar.value.containsBytes("${{") {
            return file.expressions(in: scalar).compactMap { occurrence in
                occurrence.expression.map { ($0, occurrence.position) }
            }
        }
        return expressions(in: scalar, source: file.source)
    }

    /// The expressions of an `if:` value: each `${{ … }}` at its `${{`, or the whole value (which GitHub evaluates
    /// as an expression anyway) at the scalar's position.
    static func expressions(
        in scalar: YAMLScalar,
        source: SourceText
    ) -> [(
        expression: Expression, position: SourcePosition
    )] {
        if scalar.value.containsBytes("${{") {
            return ExpressionScanner.occurrences(in: scalar, source: source).compactMap { occurrence in
                occurrence.expression.map { ($0, occurrence.position) }
            }
        }
        guard let expression = try? ExpressionParser.parse(scalar.value) else { return [] }
        return [(expression, scalar.position)]
    }

    /// The file position of the text at `offset` (in Unicode scalars) of `scalar.value`.
    ///
    /// It is found as the same occurrence of `needle` in the source after the scalar's start, which is exact for
    /// plain, literal and folded scalars; when the needle cannot be found (escapes in quoted scalars) the result is
    /// the scalar's position.
    static func position(
        ofValueOffset offset: Int,
        needle: String,
        in scalar: YAMLScalar,
        source: SourceText
    ) -> SourcePosition {
        guard let occurrence = scalarOffsets(of: needle, in: scalar.value).firstIndex(of: offset) else {
            return scalar.position
        }
        let bytes = source.bytes
        let needleBytes = Array(needle.utf8)
        guard !needleBytes.isEmpty else { return scalar.position }
        var cursor = source.offset(of: scalar.position)
        var seen = 0
        while cursor + needleBytes.count <= bytes.count {
            if bytes[cursor] == needleBytes[0], Array(bytes[cursor..<(cursor + needleBytes.count)]) == needleBytes {
                if seen == occurrence { return source.position(ofOffset: cursor) }
                seen += 1
                cursor += needleBytes.count
            } else {
                cursor += 1
            }
        }
        return scalar.position
    }

    /// The lines of a script with the offset (in Unicode scalars) where each starts in the value.
    static func lines(of value: String) -> [(text: String, offset: Int)] {
        // ASCII without carriage returns (every Character one byte, and no `\r\n` pair that splitting by Character
        // keeps together): split the bytes, offsets are byte offsets.
        var copy = value
        let fast = copy.withUTF8 { bytes -> [(text: String, offset: Int)]? in
            for byte in bytes where byte >= 0x80 || byte == 0x0D { return nil }
            var result: [(text: String, offset: Int)] = []
            var start = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x0A {
                result.append(
                    (String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self), start)
                )
                start = index + 1
            }
            return result
        }
        if let fast { return fast }
        var result: [(text: String, offset: Int)] = []
        var offset = 0
        for line in value.split(separator: "\n", omittingEmptySubsequences: false) {
            result.append((String(line), offset))
            offset += line.unicodeScalars.count + 1
        }
        return result
    }

    /// The offsets (in Unicode scalars) of the non-overlapping occurrences of `needle` in `text`.
    ///
    /// Compares UTF-8 bytes: a needle (valid UTF-8, so it starts with a leading byte) can only match at scalar
    /// boundaries, so byte matches are exactly the scalar matches; offsets are converted by counting leading bytes.
    static func scalarOffsets(of needle: String, in text: String) -> [Int] {
        scalarOffsets(of: needle, in: text, firstOnly: false)
    }

    /// The offset (in Unicode scalars) of the first `needle` in `text`, if any.
    static func scalarOffset(of needle: String, in text: String) -> Int? {
        scalarOffsets(of: needle, in: text, firstOnly: true).first
    }

    private static func scalarOffsets(of needle: String, in text: String, firstOnly: Bool) -> [Int] {
        var needle = needle
        var text = text
        return needle.withUTF8 { pattern -> [Int] in
            guard let first = pattern.first else { return [] }
            return text.withUTF8 { bytes -> [Int] in
                var result: [Int] = []
                guard bytes.count >= pattern.count else { return result }
                let last = bytes.count - pattern.count
                var index = 0
                var counted = 0
                var scalars = 0
                while index <= last {
                    if bytes[index] == first {
                        var offset = 1
                        while offset < pattern.count, bytes[index + offset] == pattern[offset] { offset += 1 }
                        if offset == pattern.count {
                            while counted < index {
                                if bytes[counted] & 0xC0 != 0x80 { scalars += 1 }
                                counted += 1
                            }
                            result.append(scalars)
                            if firstOnly { return result }
                            index += pattern.count
                            continue
                        }
                    }
                    index += 1
                }
                return result
            }
        }
    }

    /// The major version a tag ref such as `v6` or `v6.1.0` names; `nil` for commit SHAs and other refs.
    static func majorVersion(of reference: ActionReference) -> Int? {
        guard let ref = reference.ref, !reference.isPinnedToCommit else { return nil }
        let digits = ref.drop { $0 == "v" || $0 == "V" }.prefix { $0.isNumber }
        return Int(digits)
    }

    /// Whether a `with:` input is set to a YAML or string `true`.
    static func isTrue(_ scalar: YAMLScalar?) -> Bool {
        guard let scalar else { return false }
        return scalar.value.trimmingWhitespace().lowercased() == "true"
    }

    /// Whether a `with:` input is set to `false`.
    static func isFalse(_ scalar: YAMLScalar?) -> Bool {
        guard let scalar else { return false }
        return scalar.value.trimmingWhitespace().lowercased() == "false"
    }
}

extension Expression {
    /// Calls `body` on this expression and every subexpression, depth first.
    func visitSubexpressions(_ body: (Expression) -> Void) {
        body(self)
        switch self {
        case .property(let base, _), .wildcard(let base), .not(let base):
            base.visitSubexpressions(body)
        case .index(let base, let index):
            base.visitSubexpressions(body)
            index.visitSubexpressions(body)
        case .call(_, let arguments):
            for argument in arguments { argument.visitSubexpressions(body) }
        case .binary(_, let lhs, let rhs):
            lhs.visitSubexpressions(body)
            rhs.visitSubexpressions(body)
        case .null, .boolean, .number, .string, .context:
            break
        }
    }

    /// Whether the expression is a literal (string, number, boolean or null).
    var isLiteral: Bool {
        switch self {
        case .null, .boolean, .number, .string: return true
        default: return false
        }
    }
}
