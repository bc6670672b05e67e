import SlipwayCore

/// What an `if:` condition says about when its job or step runs, as far as failure handling is concerned.
enum ConditionKind {
    /// The condition text without spaces and quotes normalised, lowercased.
    private static func normalized(_ text: String) -> String {
        String(text.lowercased().filter { $0 != " " && $0 != "\t" && $0 != "\n" }).replacingQuotes()
    }

    /// Whether the condition runs on failure: `failure()`, `!success()`, or a `job.status`/`needs.*.result`
    /// comparison with `'failure'`.
    static func runsOnFailure(_ text: String?) -> Bool {
        guard let text else { return false }
        if let bytes = asciiNormalized(text) {
            return contains(bytes, "failure()") || contains(bytes, "!success()") || contains(bytes, "=='failure'")
                || contains(bytes, "!='success'")
        }
        let condition = normalized(text)
        return condition.contains("failure()") || condition.contains("!success()")
            || condition.contains("=='failure'") || condition.contains("!='success'")
    }

    /// Whether the condition runs whatever the outcome: `always()` or `!cancelled()`.
    static func runsAlways(_ text: String?) -> Bool {
        guard let text else { return false }
        if let bytes = asciiNormalized(text) {
            return contains(bytes, "always()") || contains(bytes, "!cancelled()")
        }
        let condition = normalized(text)
        return condition.contains("always()") || condition.contains("!cancelled()")
    }
}

extension ConditionKind {
    /// `normalized(text)` as bytes when the text is ASCII without carriage returns (every `Character` is then one
    /// byte, so lowercasing, dropping blanks and swapping quotes byte by byte is the same); `nil` otherwise.
    fileprivate static func asciiNormalized(_ text: String) -> [UInt8]? {
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case 0x80...0xFF, 0x0D: return nil
            case 0x20, 0x09, 0x0A: continue
            case UInt8(ascii: "\""): result.append(UInt8(ascii: "'"))
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): result.append(byte + 0x20)
            default: result.append(byte)
            }
        }
        return result
    }

    /// Whether `needle` (ASCII) occurs in `bytes`.
    fileprivate static func contains(_ bytes: [UInt8], _ needle: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard bytes.count >= pattern.count else { return false }
        var index = 0
        while index <= bytes.count - pattern.count {
            var offset = 0
            while offset < pattern.count, bytes[index + offset] == pattern[offset] { offset += 1 }
            if offset == pattern.count { return true }
            index += 1
        }
        return false
    }
}

extension String {
    /// The text with double quotes turned into single quotes, so `"failure"` and `'failure'` compare equal.
    fileprivate func replacingQuotes() -> String {
        String(map { $0 == "\"" ? "'" : $0 })
    }
}
