public import SlipwayCore

/// An inline `# slipway: ignore[rule-a, rule-b] - reason` or `# slipway: ignore-file[…] - reason` comment.
public struct Suppression: Sendable, Hashable {
    /// Whether it silences the whole file or one line.
    public enum Scope: Sendable, Hashable {
        case file
        case line(Int)
    }

    public var ruleIds: [String]
    public var reason: String?
    public var scope: Scope
    /// Where the comment is.
    public var position: SourcePosition

    /// Whether this suppression silences `ruleId` at `line`.
    public func covers(ruleId: String, line: Int) -> Bool {
        guard ruleIds.contains(ruleId) || ruleIds.contains("all") else { return false }
        switch scope {
        case .file: return true
        case .line(let target): return target == line
        }
    }

    /// All suppression comments in `source`.
    public static func parse(_ source: SourceText) -> [Suppression] {
        guard source.text.containsBytes("slipway:") else { return [] }
        var result: [Suppression] = []
        for lineNumber in 1...max(1, source.lineCount) {
            let line = source.line(lineNumber)
            guard let markerRange = line.range(of: "slipway:") else { continue }
            let before = line[..<markerRange.lowerBound]
            guard let hash = before.lastIndex(of: "#"),
                before[before.index(after: hash)...].allSatisfy({ $0 == " " })
            else { continue }
            var rest = line[markerRange.upperBound...].drop { $0 == " " }
            let isFile: Bool
            if rest.hasPrefix("ignore-file[") {
                isFile = true
                rest = rest.dropFirst("ignore-file[".count)
            } else if rest.hasPrefix("ignore[") {
                isFile = false
                rest = rest.dropFirst("ignore[".count)
            } else {
                continue
            }
            guard let close = rest.firstIndex(of: "]") else { continue }
            let ids = rest[..<close].split(separator: ",").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
            var reasonText = rest[rest.index(after: close)...].trimmingWhitespace()
            if reasonText.hasPrefix("-") || reasonText.hasPrefix("—") || reasonText.hasPrefix(":") {
                reasonText = String(reasonText.dropFirst()).trimmingWhitespace()
            } else {
                reasonText = ""
            }
            let codeBefore = line[..<hash].trimmingWhitespace()
            let scope: Scope =
                isFile ? .file : .line(codeBefore.isEmpty ? nextCodeLine(after: lineNumber, source) : lineNumber)
            let column = line[..<hash].unicodeScalars.count + 1
            result.append(
                Suppression(
                    ruleIds: ids,
                    reason: reasonText.isEmpty ? nil : reasonText,
                    scope: scope,
                    position: SourcePosition(line: lineNumber, column: column)
                )
            )
        }
        return result
    }

    private static func nextCodeLine(after line: Int, _ source: SourceText) -> Int {
        var candidate = line + 1
        while candidate <= source.lineCount {
            let text = source.line(candidate).trimmingWhitespace()
            if !text.isEmpty, !text.hasPrefix("#") { return candidate }
            candidate += 1
        }
        return line + 1
    }
}

extension StringProtocol {
    func range(of needle: String) -> Range<Index>? {
        guard !needle.isEmpty else { return nil }
        switch asciiByteRange(of: needle) {
        case .found(let offset, let length):
            let lower = utf8.index(startIndex, offsetBy: offset)
            return lower..<utf8.index(lower, offsetBy: length)
        case .absent:
            return nil
        case .notASCII:
            break
        }
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(needle) {
                return index..<(self.index(index, offsetBy: needle.count))
            }
            index = self.index(after: index)
        }
        return nil
    }
}

/// The answer of a byte search that only applies to plain ASCII texts.
private enum ASCIISearch {
    case found(offset: Int, length: Int)
    case absent
    /// A text is not ASCII or has a carriage return: the search by `Character` must answer.
    case notASCII
}

extension StringProtocol {
    /// `range(of:)` by bytes when both texts are ASCII without carriage returns, where every `Character` is one
    /// byte (so byte offsets are `Character` offsets and a byte match is a `Character` match).
    fileprivate func asciiByteRange(of needle: String) -> ASCIISearch {
        func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            for byte in bytes where byte >= 0x80 || byte == 0x0D { return false }
            return true
        }
        var pattern = needle
        return pattern.withUTF8 { pattern -> ASCIISearch in
            guard isPlain(pattern), let first = pattern.first else { return .notASCII }
            let answer = utf8.withContiguousStorageIfAvailable { text -> ASCIISearch in
                guard isPlain(text) else { return .notASCII }
                guard text.count >= pattern.count else { return .absent }
                var index = 0
                while index <= text.count - pattern.count {
                    if text[index] == first {
                        var offset = 1
                        while offset < pattern.count, text[index + offset] == pattern[offset] { offset += 1 }
                        if offset == pattern.count { return .found(offset: index, length: pattern.count) }
                    }
                    index += 1
                }
                return .absent
            }
            return answer ?? .notASCII
        }
    }
}
