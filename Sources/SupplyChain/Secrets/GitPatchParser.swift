/// Reads the added lines out of `git show --unified=0 --format='commit %H'` output: for each commit and file, the
/// added lines joined with newlines and the new-file line number of each.
struct GitPatchParser {
    /// The added lines of one file in one commit.
    struct AddedText {
        var commit: String
        var path: String
        var bytes: [UInt8]
        /// `lineNumbers[i]` is the line number in the new file of the i-th added line.
        var lineNumbers: [Int]
    }

    /// Calls `body` for each commit/file with added lines, in output order.
    static func parse(_ output: [UInt8], _ body: (AddedText) -> Void) {
        var commit = ""
        var path: String?
        var current: AddedText?
        var newLine = 0
        var removedLeft = 0
        var addedLeft = 0

        func flush() {
            if let text = current, !text.lineNumbers.isEmpty { body(text) }
            current = nil
        }

        output.withUnsafeBufferPointer { buffer in
            var start = 0
            while start < buffer.count {
                var end = start
                while end < buffer.count, buffer[end] != ByteText.newline { end += 1 }
                let line = UnsafeBufferPointer(rebasing: buffer[start..<end])
                start = end + 1
                if addedLeft > 0 || removedLeft > 0 {
                    if let first = line.first, first == UInt8(ascii: "+"), addedLeft > 0 {
                        if current == nil, let path {
                            current = AddedText(commit: commit, path: path, bytes: [], lineNumbers: [])
                        }
                        if current?.lineNumbers.isEmpty == false { current?.bytes.append(ByteText.newline) }
                        current?.bytes.append(contentsOf: line.dropFirst())
                        current?.lineNumbers.append(newLine)
                        newLine += 1
                        addedLeft -= 1
                        continue
                    }
                    if let first = line.first, first == UInt8(ascii: "-"), removedLeft > 0 {
                        removedLeft -= 1
                        continue
                    }
                    if let first = line.first, first == UInt8(ascii: "\\") { continue }
                    // Anything else ends the hunk early (should not happen with --unified=0).
                    addedLeft = 0
                    removedLeft = 0
                }
                if startsWith(line, "commit ") {
                    flush()
                    path = nil
                    commit = String(decoding: line.dropFirst(7), as: UTF8.self)
                } else if startsWith(line, "diff ") {
                    flush()
                    path = nil
                } else if startsWith(line, "+++ ") {
                    flush()
                    path = Self.path(String(decoding: line.dropFirst(4), as: UTF8.self))
                } else if startsWith(line, "@@ ") {
                    if let hunk = Self.hunk(String(decoding: line, as: UTF8.self)) {
                        newLine = hunk.newStart
                        addedLeft = hunk.newCount
                        removedLeft = hunk.oldCount
                    }
                }
            }
        }
        flush()
    }

    private static func startsWith(_ line: UnsafeBufferPointer<UInt8>, _ prefix: String) -> Bool {
        let bytes = Array(prefix.utf8)
        guard line.count >= bytes.count else { return false }
        for index in 0..<bytes.count where line[index] != bytes[index] { return false }
        return true
    }

    /// `b/path` → `path`; `/dev/null` → nil; C-quoted names are unquoted (octal escapes kept as bytes).
    static func path(_ text: String) -> String? {
        var text = text
        if text.hasSuffix("\t") { text.removeLast() }
        if text == "/dev/null" { return nil }
        if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 {
            text = unquote(String(text.dropFirst().dropLast()))
        }
        if text.hasPrefix("b/") { text.removeFirst(2) }
        return text
    }

    private static func unquote(_ text: String) -> String {
        var bytes: [UInt8] = []
        var input = Array(text.utf8)[...]
        while let byte = input.popFirst() {
            guard byte == UInt8(ascii: "\\"), let next = input.popFirst() else {
                bytes.append(byte)
                continue
            }
            switch next {
            case UInt8(ascii: "n"): bytes.append(ByteText.newline)
            case UInt8(ascii: "t"): bytes.append(9)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = Int(next - 48)
                for _ in 0..<2 {
                    guard let digit = input.first, digit >= 48, digit <= 55 else { break }
                    value = value * 8 + Int(digit - 48)
                    input = input.dropFirst()
                }
                bytes.append(UInt8(truncatingIfNeeded: value))
            default: bytes.append(next)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `@@ -a[,b] +c[,d] @@` → counts (a missing count is 1).
    static func hunk(_ header: String) -> (oldCount: Int, newStart: Int, newCount: Int)? {
        let parts = header.split(separator: " ")
        guard parts.count >= 3, parts[1].hasPrefix("-"), parts[2].hasPrefix("+") else { return nil }
        func range(_ part: Substring) -> (Int, Int)? {
            let numbers = part.dropFirst().split(separator: ",", omittingEmptySubsequences: false)
            guard let start = numbers.first.flatMap({ Int($0) }) else { return nil }
            let count = numbers.count > 1 ? Int(numbers[1]) : 1
            guard let count else { return nil }
            return (start, count)
        }
        guard let old = range(parts[1]), let new = range(parts[2]) else { return nil }
        return (old.1, new.0, new.1)
    }
}
