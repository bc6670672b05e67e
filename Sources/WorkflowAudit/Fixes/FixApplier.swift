public import SlipwayCore

/// The outcome of applying fixes to one file.
public struct FixedFile: Sendable, Hashable {
    public var path: String
    public var original: String
    public var fixed: String
    public var applied: [String]
}

/// Applies the fixes attached to findings as byte edits, skipping overlaps, so comments and formatting survive.
public enum FixApplier {
    /// The new contents of every file that has at least one applicable fix.
    public static func apply(_ findings: [Finding], sources: [String: String]) -> [FixedFile] {
        var byPath: [String: [Fix]] = [:]
        for finding in findings {
            if let fix = finding.fix { byPath[finding.location.path, default: []].append(fix) }
        }
        var result: [FixedFile] = []
        for (path, fixes) in byPath.sorted(by: { $0.key < $1.key }) {
            guard let original = sources[path] else { continue }
            var bytes = Array(original.utf8)
            var taken: [Range<Int>] = []
            var accepted: [(TextEdit, String)] = []
            var seenEdits: Set<TextEdit> = []
            for fix in fixes {
                let ranges = fix.edits.map { $0.start..<max($0.end, $0.start) }
                let overlaps = ranges.contains { range in
                    taken.contains {
                        $0.overlaps(range) || ($0.isEmpty && range.isEmpty && $0.lowerBound == range.lowerBound)
                    }
                }
                let valid = fix.edits.allSatisfy { $0.start >= 0 && $0.end <= bytes.count && $0.start <= $0.end }
                guard valid, !overlaps else { continue }
                for edit in fix.edits where seenEdits.insert(edit).inserted {
                    accepted.append((edit, fix.summary))
                }
                taken += ranges
            }
            guard !accepted.isEmpty else { continue }
            for (edit, _) in accepted.sorted(by: { $0.0.start > $1.0.start }) {
                bytes.replaceSubrange(edit.start..<edit.end, with: Array(edit.replacement.utf8))
            }
            var summaries: [String] = []
            for (_, summary) in accepted where !summaries.contains(summary) { summaries.append(summary) }
            result.append(
                FixedFile(
                    path: path,
                    original: original,
                    fixed: String(decoding: bytes, as: UTF8.self),
                    applied: summaries
                )
            )
        }
        return result
    }
}

/// An offline map from `owner/repo@ref` to a commit SHA, for pinning actions without network access.
public struct PinMap: Sendable, Hashable {
    public var pins: [String: String]

    /// Parses lines of `owner/repo[/path]@ref sha` (blank lines and `#` comments ignored).
    public static func parse(_ text: String, path: String) throws(ConfigurationError) -> PinMap {
        var pins: [String: String] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count >= 2, parts[0].contains("@"), parts[1].utf8.count == 40, parts[1].isASCIIHexDigits else {
                throw .invalidValue(
                    key: "pin map line",
                    location: SourceLocation(path: path, line: index + 1, column: 1),
                    value: line,
                    allowed: ["owner/repo@ref <40-hex-sha>"]
                )
            }
            pins[parts[0].lowercased()] = String(parts[1]).lowercased()
        }
        return PinMap(pins: pins)
    }

    /// Fixes that pin every `unpinned-uses` finding the map covers: `uses: owner/repo@sha # ref`.
    public func fixes(for findings: [Finding], sources: [String: String]) -> [Finding] {
        findings.compactMap { finding in
            guard finding.ruleId == "unpinned-uses", let text = sources[finding.location.path] else { return nil }
            let source = SourceText(text)
            let start = source.offset(of: finding.location.position)
            let lineEnd = source.lineStarts.first { $0 > start }.map { $0 - 1 } ?? source.bytes.count
            let rest = String(decoding: source.bytes[start..<lineEnd], as: UTF8.self)
            var value = rest.prefix { $0 != " " && $0 != "#" && $0 != "\r" }
            let quote = value.first == "\"" || value.first == "'" ? String(value.prefix(1)) : ""
            if !quote.isEmpty { value = value.dropFirst().prefix { String($0) != quote } }
            guard let at = value.lastIndex(of: "@") else { return nil }
            let key = value.lowercased()
            guard let sha = pins[key] else { return nil }
            let ref = value[value.index(after: at)...]
            let refOffset = start + quote.utf8.count + value[..<value.index(after: at)].utf8.count
            var edits = [TextEdit(start: refOffset, end: refOffset + ref.utf8.count, replacement: sha)]
            if !rest.contains("#") {
                edits.append(.insert(" # \(ref)", at: lineEnd))
            }
            var fixed = finding
            fixed.fix = Fix(summary: "pin \(value) to \(sha.prefix(12))…", edits: edits)
            return fixed
        }
    }
}
