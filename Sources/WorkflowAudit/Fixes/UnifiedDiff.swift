/// A unified diff (`diff -u` format) between two texts, line-based, for `--fix --dry-run`.
public enum UnifiedDiff {
    /// The diff of `old` → `new` for `path`, with three lines of context; empty when equal.
    public static func make(old: String, new: String, path: String, context: Int = 3) -> String {
        let a = lines(of: old)
        let b = lines(of: new)
        if a == b { return "" }
        // Longest common subsequence table (files are small: workflows are a few hundred lines).
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        enum Operation {
            case keep(String)
            case remove(String)
            case add(String)
        }
        var operations: [Operation] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                operations.append(.keep(a[i]))
                i += 1
                j += 1
            } else if i < a.count, j == b.count || lcs[i + 1][j] >= lcs[i][j + 1] {
                operations.append(.remove(a[i]))
                i += 1
            } else {
                operations.append(.add(b[j]))
                j += 1
            }
        }
        var out = "--- a/\(path)\n+++ b/\(path)\n"
        var index = 0
        var oldLine = 1
        var newLine = 1
        while index < operations.count {
            guard
                let changeStart = operations[index...].firstIndex(where: {
                    if case .keep = $0 { return false } else { return true }
                })
            else { break }
            let hunkStart = max(index, changeStart - context)
            for operation in operations[index..<hunkStart] {
                if case .keep = operation {
                    oldLine += 1
                    newLine += 1
                }
            }
            var hunkEnd = changeStart
            var trailingKeeps = 0
            var cursor = changeStart
            while cursor < operations.count {
                if case .keep = operations[cursor] {
                    trailingKeeps += 1
                    if trailingKeeps > context * 2 { break }
                } else {
                    trailingKeeps = 0
                    hunkEnd = cursor
                }
                cursor += 1
            }
            let end = min(operations.count, hunkEnd + 1 + context)
            var body = ""
            var oldCount = 0
            var newCount = 0
            for operation in operations[hunkStart..<end] {
                switch operation {
                case .keep(let line):
                    body += " \(line)\n"
                    oldCount += 1
                    newCount += 1
                case .remove(let line):
                    body += "-\(line)\n"
                    oldCount += 1
                case .add(let line):
                    body += "+\(line)\n"
                    newCount += 1
                }
            }
            out += "@@ -\(oldLine),\(oldCount) +\(newLine),\(newCount) @@\n" + body
            oldLine += oldCount
            newLine += newCount
            index = end
        }
        return out
    }

    /// The lines of `text`; a final newline ends the last line rather than starting an empty one.
    private static func lines(of text: String) -> [String] {
        var result = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if text.hasSuffix("\n") { result.removeLast() }
        return result
    }
}
