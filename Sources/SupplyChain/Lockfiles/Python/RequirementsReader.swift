import SlipwayCore

/// Reads pip requirement files (`requirements.txt`, `requirements-dev.txt`, `requirements/*.txt`).
///
/// Only exact pins (`name==1.2.3`, `name[extra]===1.2.3`) are components: a range does not say what is installed.
/// Hashes come from `--hash=algorithm:hex` options, on the line or on `\` continuation lines; `-r` includes are read
/// through `companion`, each file once; editable installs, URLs, paths and other options are skipped. Direct versus
/// transitive comes from pip-compile's `# via` annotations (`-r file` means direct); without annotations every pin
/// is one the project declares itself.
public struct RequirementsReader: LockfileReader {
    /// The deepest chain of `-r` includes followed.
    static let maximumIncludeDepth = 32

    /// Creates the reader.
    public init() {}

    /// The format name for reports.
    public var format: String { "requirements.txt" }

    /// Requirement files: `requirements*.txt`, `*requirements.txt`, or any `.txt` in a `requirements` directory.
    public func handles(path: String) -> Bool {
        let name = PathUtilities.lastComponent(of: path).lowercased()
        guard name.hasSuffix(".txt") else { return false }
        if name.hasPrefix("requirements") || name.hasSuffix("requirements.txt") { return true }
        return PathUtilities.lastComponent(of: PathUtilities.directory(of: path)).lowercased() == "requirements"
    }

    /// The pinned requirements of `text` and of the files it includes.
    public func read(
        _ text: String,
        path: String,
        companion: @Sendable (String) -> String?
    ) throws(LockfileError) -> [Component] {
        var state = State()
        state.visited.insert(PathUtilities.lastComponent(of: path))
        try state.readFile(text, path: path, relativeDirectory: ".", depth: 0, companion: companion)
        return state.components.values.sorted { $0.purl < $1.purl }
    }
}

extension RequirementsReader {
    /// One logical line: physical lines joined at trailing backslashes, with the comment split off.
    fileprivate struct LogicalLine {
        var content: String
        var comment: String?
        var line: Int
        var column: Int
        /// A comment-only line indented under a requirement (pip-compile's `# via` block).
        var isIndentedComment: Bool
    }

    fileprivate struct State {
        var components: [String: Component] = [:]
        var visited: Set<String> = []

        /// Reads one file; `relativeDirectory` is its directory relative to the first file's, for `companion`.
        mutating func readFile(
            _ text: String,
            path: String,
            relativeDirectory: String,
            depth: Int,
            companion: (String) -> String?
        ) throws(LockfileError) {
            let count = text.utf8.count
            if count > TOMLLockfile.maximumBytes {
                throw .tooLarge(path: path, bytes: count, limit: TOMLLockfile.maximumBytes)
            }
            let lines = RequirementsReader.logicalLines(text)
            var pending: (component: Component, annotation: String)?
            for logical in lines {
                if logical.content.isEmpty {
                    if logical.isIndentedComment, pending != nil, let comment = logical.comment {
                        pending?.annotation += " " + comment
                    } else if let finished = pending {
                        add(finished)
                        pending = nil
                    }
                    continue
                }
                if let finished = pending {
                    add(finished)
                    pending = nil
                }
                let location = SourceLocation(path: path, line: logical.line, column: logical.column)
                if logical.content.hasPrefix("-") {
                    try option(
                        logical,
                        location: location,
                        path: path,
                        directory: relativeDirectory,
                        depth: depth,
                        companion: companion
                    )
                    continue
                }
                if let component = try RequirementsReader.requirement(logical, location: location) {
                    pending = (component, logical.comment ?? "")
                }
            }
            if let finished = pending { add(finished) }
        }

        /// Adds a pin, deciding `isDirect` from its pip-compile annotation and merging repeats of one purl.
        mutating func add(_ entry: (component: Component, annotation: String)) {
            var component = entry.component
            if entry.annotation.contains("via") {
                component.isDirect = entry.annotation.contains("-r ")
            } else {
                component.isDirect = true
            }
            if var existing = components[component.purl] {
                existing.hashes = PythonProject.unique(existing.hashes + component.hashes)
                existing.isDirect = (existing.isDirect ?? false) || (component.isDirect ?? false)
                components[component.purl] = existing
            } else {
                components[component.purl] = component
            }
        }

        /// Follows `-r`/`--requirement`; every other option (`-e`, `-c`, `-i`, `--hash` alone…) is skipped.
        mutating func option(
            _ logical: LogicalLine,
            location: SourceLocation,
            path: String,
            directory: String,
            depth: Int,
            companion: (String) -> String?
        ) throws(LockfileError) {
            let content = logical.content
            var target: Substring?
            for prefix in ["--requirement", "-r"] where content.hasPrefix(prefix) {
                var rest = content.dropFirst(prefix.count)
                if prefix == "--requirement", let first = rest.first, first != "=" && first != " " && first != "\t" {
                    return
                }
                if rest.first == "=" { rest = rest.dropFirst() }
                target = rest.drop { $0 == " " || $0 == "\t" }
                break
            }
            guard let target else { return }
            let name = String(target.prefix { $0 != " " && $0 != "\t" })
            let position = SourcePosition(line: location.line, column: location.column)
            guard !name.isEmpty else {
                throw .invalidSyntax(
                    path: path,
                    position: position,
                    format: "requirements",
                    reason: "`-r` needs a file name"
                )
            }
            if name.contains("://") { return }
            let relative = PathUtilities.join(directory, name)
            guard visited.insert(relative).inserted else { return }
            guard depth < RequirementsReader.maximumIncludeDepth else {
                throw .unexpectedShape(
                    path: path,
                    position: position,
                    reason: "`-r` includes nest deeper than \(RequirementsReader.maximumIncludeDepth) files"
                )
            }
            guard let included = companion(relative) else {
                throw .unexpectedShape(
                    path: path,
                    position: position,
                    reason: "the included requirements file `\(name)` could not be read"
                )
            }
            let includedPath = PathUtilities.join(PathUtilities.directory(of: path), name)
            try readFile(
                included,
                path: includedPath,
                relativeDirectory: PathUtilities.directory(of: relative),
                depth: depth + 1,
                companion: companion
            )
        }
    }

    /// Splits `text` into logical lines, joining `\` continuations and separating comments.
    ///
    /// ASCII text (nearly every requirements file: names, versions and hex digests) is split on its bytes, where
    /// each byte is one `Character` once lines are cut at LF and a trailing CR dropped; other text takes the
    /// `Character` path. Both give the same lines (tested).
    fileprivate static func logicalLines(_ text: String) -> [LogicalLine] {
        var text = text
        if let lines = text.withUTF8({ asciiLogicalLines($0) }) { return lines }
        return unicodeLogicalLines(text)
    }

    /// The ASCII path of `logicalLines`, or `nil` when `bytes` are not all ASCII.
    private static func asciiLogicalLines(_ bytes: UnsafeBufferPointer<UInt8>) -> [LogicalLine]? {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        func string(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        // Physical lines: every LF ends one, the text after the last LF is one more (possibly empty).
        var physical: [Range<Int>] = []
        var start = 0
        for index in 0..<bytes.count where bytes[index] == 0x0A {
            physical.append(start..<index)
            start = index + 1
        }
        physical.append(start..<bytes.count)
        for index in physical.indices {
            let line = physical[index]
            if let last = line.last, bytes[last] == 0x0D { physical[index] = line.lowerBound..<last }
        }
        var result: [LogicalLine] = []
        var joined: [UInt8] = []
        var index = 0
        while index < physical.count {
            let startLine = index + 1
            let first = physical[index]
            var indent = 0
            while first.lowerBound + indent < first.upperBound, isBlank(bytes[first.lowerBound + indent]) {
                indent += 1
            }
            joined.removeAll(keepingCapacity: true)
            var current = first
            while true {
                // `splitComment`: `#` at the start or after a space or tab; the content loses its trailing blanks.
                var contentEnd = current.upperBound
                var comment: Range<Int>?
                var previous = UInt8(ascii: " ")
                for position in current {
                    let byte = bytes[position]
                    if byte == UInt8(ascii: "#"), isBlank(previous) {
                        contentEnd = position
                        while contentEnd > current.lowerBound, isBlank(bytes[contentEnd - 1]) { contentEnd -= 1 }
                        comment = (position + 1)..<current.upperBound
                        break
                    }
                    previous = byte
                }
                let continues = contentEnd > current.lowerBound && bytes[contentEnd - 1] == UInt8(ascii: "\\")
                if comment != nil || !continues || index + 1 >= physical.count {
                    joined.append(
                        contentsOf: UnsafeBufferPointer(
                            rebasing: bytes[current.lowerBound..<(continues ? contentEnd - 1 : contentEnd)]
                        )
                    )
                    var lower = 0
                    var upper = joined.count
                    while lower < upper, isBlank(joined[lower]) { lower += 1 }
                    while upper > lower, isBlank(joined[upper - 1]) { upper -= 1 }
                    let trimmed = String(decoding: joined[lower..<upper], as: UTF8.self)
                    result.append(
                        LogicalLine(
                            content: trimmed,
                            comment: comment.map(string),
                            line: startLine,
                            column: indent + 1,
                            isIndentedComment: trimmed.isEmpty && comment != nil && indent > 0
                        )
                    )
                    index += 1
                    break
                }
                joined.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[current.lowerBound..<(contentEnd - 1)]))
                joined.append(0x20)
                index += 1
                current = physical[index]
            }
        }
        return result
    }

    /// The `Character` path of `logicalLines`, for text that is not ASCII.
    private static func unicodeLogicalLines(_ text: String) -> [LogicalLine] {
        var result: [LogicalLine] = []
        var physical = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { bytes in
            let line = Substring(bytes)
            return bytes.last == 0x0D ? line.dropLast() : line
        }
        if text.hasPrefix("\u{FEFF}"), let first = physical.first { physical[0] = first.dropFirst() }
        var index = 0
        while index < physical.count {
            let startLine = index + 1
            let first = physical[index]
            let indent = first.prefix { $0 == " " || $0 == "\t" }.count
            var joined = ""
            var current = first
            while true {
                let (content, comment) = splitComment(current)
                if comment != nil || !content.hasSuffix("\\") || index + 1 >= physical.count {
                    joined += content.hasSuffix("\\") ? String(content.dropLast()) : String(content)
                    let trimmedContent = joined.trimmingWhitespace()
                    result.append(
                        LogicalLine(
                            content: trimmedContent,
                            comment: comment.map(String.init),
                            line: startLine,
                            column: indent + 1,
                            isIndentedComment: trimmedContent.isEmpty && comment != nil && indent > 0
                        )
                    )
                    index += 1
                    break
                }
                joined += content.dropLast() + " "
                index += 1
                current = physical[index]
            }
        }
        return result
    }

    /// Splits a physical line at a comment: `#` at the start or after whitespace (pip's rule).
    fileprivate static func splitComment(_ line: Substring) -> (content: Substring, comment: Substring?) {
        var previous = UInt8(ascii: " ")
        for index in line.utf8.indices {
            let character = line.utf8[index]
            if character == UInt8(ascii: "#"), previous == 0x20 || previous == 0x09 {
                var content = line[..<index]
                while let last = content.last, last == " " || last == "\t" { content = content.dropLast() }
                return (content, line[line.index(after: index)...])
            }
            previous = character
        }
        return (line, nil)
    }

    /// The component of a requirement line when it is an exact pin; `nil` for ranges, URLs and paths.
    fileprivate static func requirement(
        _ logical: LogicalLine,
        location: SourceLocation
    ) throws(LockfileError) -> Component? {
        let position = SourcePosition(line: location.line, column: location.column)
        func syntax(_ reason: String) -> LockfileError {
            .invalidSyntax(path: location.path, position: position, format: "requirements", reason: reason)
        }
        var content = logical.content
        if content.containsBytes("://") || content.hasPrefix(".") || content.hasPrefix("/") { return nil }
        // Hash options, possibly several, after the requirement and its marker.
        var hashes: [ComponentHash] = []
        var words: [String] = []
        let isASCII: Bool
        if let failure = asciiTokens(&content, words: &words, hashes: &hashes) {
            if let failure { throw syntax(failure) }
            isASCII = true
        } else {
            isASCII = false
            var tokens = content.split(whereSeparator: { $0 == " " || $0 == "\t" })[...]
            while let token = tokens.popFirst() {
                if token == "--hash" {
                    guard let value = tokens.popFirst() else { throw syntax("`--hash` needs a value") }
                    hashes.append(try hash(value, syntax))
                } else if token.hasPrefix("--hash=") {
                    hashes.append(try hash(token.dropFirst("--hash=".count), syntax))
                } else if token.hasPrefix("--") {
                    // Per-requirement options (`--config-settings`, `--global-option`) end the requirement.
                    break
                } else {
                    words.append(String(token))
                }
            }
        }
        content = words.count == 1 ? words[0] : words.joined(separator: " ")
        // The requirement without its marker. On ASCII text the first `;` splits it as `split` would, unless the
        // text starts with one (then `split` skips the empty part).
        let specification: String
        if isASCII, content.utf8.first != UInt8(ascii: ";") {
            let semicolon = content.utf8.firstIndex(of: UInt8(ascii: ";")) ?? content.endIndex
            specification = String(content[..<semicolon])
        } else {
            specification = content.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
        }
        guard let name = PythonProject.requirementName(specification),
            let first = name.first, first.isLetter || first.isNumber
        else {
            throw syntax("expected a package name, found `\(content.prefix(40))`")
        }
        // The name is ASCII: its byte count is its `Character` count.
        var rest = Substring(specification.utf8.dropFirst(name.utf8.count)).drop { $0 == " " || $0 == "\t" }
        if rest.first == "[" {
            guard let close = rest.firstIndex(of: "]") else { throw syntax("unterminated extras `[` after `\(name)`") }
            rest = rest[rest.index(after: close)...].drop { $0 == " " || $0 == "\t" }
        }
        if rest.hasPrefix("@") { return nil }
        var specifier = rest.trimmingWhitespace()
        if specifier.hasPrefix("("), specifier.hasSuffix(")") {
            specifier = String(specifier.dropFirst().dropLast()).trimmingWhitespace()
        }
        let operatorLength = specifier.hasPrefix("===") ? 3 : specifier.hasPrefix("==") ? 2 : 0
        guard operatorLength > 0 else { return nil }
        let version = specifier.dropFirst(operatorLength).trimmingWhitespace()
        guard !version.isEmpty else { throw syntax("`\(name)==` has no version") }
        if version.contains(",") || version.contains("*") { return nil }
        guard version.allSatisfy({ !$0.isWhitespace && $0 != "=" && $0 != "<" && $0 != ">" }) else {
            throw syntax("`\(version)` is not a version")
        }
        return Component(
            ecosystem: .pypi,
            name: name,
            version: version,
            hashes: PythonProject.unique(hashes),
            location: location
        )
    }

    /// The words and `--hash` values of an ASCII line, scanned on its bytes.
    ///
    /// A line of twenty `--hash` options is a few kilobytes, and `Character` scanning made it the slowest part of
    /// reading pins. On ASCII text each byte is one `Character`, so this finds what the `Character` loop in
    /// `requirement` finds.
    ///
    /// - Returns: `nil` when `content` is not ASCII (nothing done); `.some(nil)` when it was read; `.some(reason)`
    ///   for a syntax error.
    private static func asciiTokens(
        _ content: inout String,
        words: inout [String],
        hashes: inout [ComponentHash]
    ) -> String?? {
        content.withUTF8 { bytes -> String?? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var tokens: [Range<Int>] = []
            var index = 0
            while index < bytes.count {
                while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
                guard index < bytes.count else { break }
                let start = index
                while index < bytes.count, bytes[index] != 0x20, bytes[index] != 0x09 { index += 1 }
                tokens.append(start..<index)
            }
            func hash(_ value: UnsafeBufferPointer<UInt8>) -> String? {
                if let hash = PythonProject.hash(asciiBytes: value) {
                    hashes.append(hash)
                    return nil
                }
                return "`--hash=\(String(decoding: value.prefix(20), as: UTF8.self))` is not `algorithm:hex`"
            }
            var next = 0
            while next < tokens.count {
                let token = UnsafeBufferPointer(rebasing: bytes[tokens[next]])
                next += 1
                if token.elementsEqual("--hash".utf8) {
                    guard next < tokens.count else { return .some("`--hash` needs a value") }
                    next += 1
                    if let failure = hash(UnsafeBufferPointer(rebasing: bytes[tokens[next - 1]])) { return failure }
                } else if token.starts(with: "--hash=".utf8) {
                    if let failure = hash(UnsafeBufferPointer(rebasing: token[7...])) { return failure }
                } else if token.starts(with: "--".utf8) {
                    // Per-requirement options (`--config-settings`, `--global-option`) end the requirement.
                    break
                } else {
                    words.append(String(decoding: token, as: UTF8.self))
                }
            }
            return .some(nil)
        }
    }

    fileprivate static func hash(
        _ value: Substring,
        _ syntax: (String) -> LockfileError
    ) throws(LockfileError) -> ComponentHash {
        guard let hash = PythonProject.hash(value) else {
            throw syntax("`--hash=\(value.prefix(20))` is not `algorithm:hex`")
        }
        return hash
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    fileprivate func trimmingWhitespace() -> String {
        let trimmed = drop { $0 == " " || $0 == "\t" }
        var end = trimmed.endIndex
        while end > trimmed.startIndex {
            let before = trimmed.index(before: end)
            guard trimmed[before] == " " || trimmed[before] == "\t" else { break }
            end = before
        }
        return String(trimmed[..<end])
    }
}
