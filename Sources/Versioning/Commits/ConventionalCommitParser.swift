/// Parses commit messages per Conventional Commits 1.0.0 (<https://www.conventionalcommits.org/en/v1.0.0/>).
///
/// - Header: `type(scope)!: description`. The type is one word of ASCII letters, matched case-insensitively and
///   stored lowercased (spec item 15); the scope is any non-empty text in parentheses; `!` sits right before the
///   colon; the colon must be followed by a space (item 1: "followed by the REQUIRED terminal colon and space").
/// - Body: everything after the header up to the footers, trimmed. The spec asks for one blank line after the
///   header; a body that starts on the second line is accepted, as git and conventional-changelog do.
/// - Footers: the trailing block of paragraphs that begins with a git-trailer line (`Token: value` or
///   `Token #value`, the token being `[A-Za-z0-9-]+`, or `BREAKING CHANGE`/`BREAKING-CHANGE`, uppercase per item
///   15). A value runs until the next token line (item 10), so it may span lines; a `BREAKING CHANGE` value may also
///   span paragraphs. Paragraphs that look like footers but are followed by ordinary paragraphs stay in the body.
///   For the `#` separator the stored value keeps the `#` (`Refs #12` → value `#12`), because ``CommitFooter`` has
///   no separator field and the `#` is what makes the value an issue reference.
/// - Breaking notes: the `BREAKING CHANGE`/`BREAKING-CHANGE` footer values; with `!` and no such footer, the
///   description (item 13).
/// - Git's own messages: `Revert "…"` (type `revert`, ``ConventionalCommit/revertedHeader`` set), merge commits
///   (type `merge`, ``ConventionalCommit/isMerge``), and `fixup!`/`squash!`/`amend!` commits, reported as
///   ``CommitParseError/autosquash(hash:kind:target:)`` so that callers can skip them.
public enum ConventionalCommitParser {
    /// Parses one commit message; the error names the commit and says how to fix the message.
    public static func parse(_ raw: RawCommit) -> Result<ConventionalCommit, CommitParseError> {
        let lines = splitLines(raw.message)
        guard let headerIndex = lines.firstIndex(where: { !isBlank($0) }) else {
            return .failure(.emptyMessage(hash: raw.hash))
        }
        let header = trimmed(lines[headerIndex])
        let sections = bodyAndFooters(Array(lines[(headerIndex + 1)...]))
        let breakingFooterNotes = sections.footers.filter { isBreakingToken($0.token) }.map(\.value)

        for kind in [CommitParseError.AutosquashKind.fixup, .squash, .amend]
        where header.hasPrefix("\(kind.rawValue)! ") {
            let target = trimmed(header.dropFirst(kind.rawValue.count + 2))
            return .failure(.autosquash(hash: raw.hash, kind: kind, target: target))
        }
        if isMergeHeader(header) {
            return .success(
                ConventionalCommit(
                    hash: raw.hash,
                    header: header,
                    type: "merge",
                    description: header,
                    body: sections.body,
                    footers: sections.footers,
                    breakingNotes: breakingFooterNotes,
                    isMerge: true
                )
            )
        }
        if let reverted = gitRevertTarget(header) {
            return .success(
                ConventionalCommit(
                    hash: raw.hash,
                    header: header,
                    type: "revert",
                    description: reverted,
                    body: sections.body,
                    footers: sections.footers,
                    breakingNotes: breakingFooterNotes,
                    revertedHeader: reverted
                )
            )
        }

        let parts: HeaderParts
        switch parseHeader(header) {
        case .success(let value): parts = value
        case .failure(let problem):
            return .failure(.malformedHeader(hash: raw.hash, header: header, reason: problem))
        }
        let type = parts.type.lowercased()
        var revertedHeader: String?
        if type == "revert", let body = sections.body, body.contains("This reverts commit ") {
            revertedHeader = unquoted(parts.description)
        }
        return .success(
            ConventionalCommit(
                hash: raw.hash,
                header: header,
                type: type,
                scope: parts.scope,
                hasBreakingMarker: parts.hasBreakingMarker,
                description: parts.description,
                body: sections.body,
                footers: sections.footers,
                breakingNotes: breakingFooterNotes.isEmpty && parts.hasBreakingMarker
                    ? [parts.description] : breakingFooterNotes,
                revertedHeader: revertedHeader
            )
        )
    }

    /// Parses many commits, keeping their order.
    public static func parse(_ raws: [RawCommit]) -> [Result<ConventionalCommit, CommitParseError>] {
        raws.map { parse($0) }
    }

    /// The full hash named by git's `This reverts commit <sha>.` line, if the message has one.
    static func revertedHash(in message: String) -> String? {
        for line in splitLines(message) {
            let text = trimmed(line)
            guard text.hasPrefix("This reverts commit ") else { continue }
            let hash = text.dropFirst("This reverts commit ".count).prefix(while: { $0.isHexDigit })
            return hash.isEmpty ? nil : String(hash)
        }
        return nil
    }

    // MARK: - Header

    private struct HeaderParts {
        var type: String
        var scope: String?
        var hasBreakingMarker: Bool
        var description: String
    }

    private static func parseHeader(_ header: String) -> Result<HeaderParts, CommitParseError.HeaderProblem> {
        guard let firstColon = header.firstIndex(of: ":") else { return .failure(.missingType) }
        let end = header.endIndex
        var index = header.startIndex
        while index < end, header[index].isASCII, header[index].isLetter { index = header.index(after: index) }
        let type = String(header[..<index])
        let typeCandidate = trimmed(header[..<(header.firstIndex(where: { "(!:".contains($0) }) ?? firstColon)])
        guard !type.isEmpty else { return .failure(typeCandidate.isEmpty ? .missingType : .invalidType(typeCandidate)) }

        var scope: String?
        if index < end, header[index] == "(" {
            guard let close = header[index...].firstIndex(of: ")") else { return .failure(.unclosedScope) }
            let text = header[header.index(after: index)..<close]
            guard !trimmed(text).isEmpty else { return .failure(.emptyScope) }
            scope = String(text)
            index = header.index(after: close)
        }
        var hasBreakingMarker = false
        if index < end, header[index] == "!" {
            hasBreakingMarker = true
            index = header.index(after: index)
            if scope == nil, index < end, header[index] == "(" { return .failure(.breakingMarkerBeforeScope) }
        }
        guard index < end, header[index] == ":" else {
            let rest = header[index...]
            let afterSpace = rest.drop(while: { $0 == " " || $0 == "\t" })
            let restUpToColon = trimmed(rest.prefix(while: { $0 != ":" }))
            if afterSpace.count < rest.count,
                afterSpace.first == ":"
                    || (scope == nil && !hasBreakingMarker && "(!".contains(afterSpace.first ?? "x"))
            {
                return .failure(.spaceBeforeColon)
            }
            if scope != nil || hasBreakingMarker {
                return .failure(restUpToColon.isEmpty ? .missingType : .unexpectedTextAfterScope(restUpToColon))
            }
            return .failure(.invalidType(typeCandidate))
        }
        let afterColon = header[header.index(after: index)...]
        guard let first = afterColon.first else { return .failure(.emptyDescription) }
        guard first == " " else { return .failure(.missingSpaceAfterColon) }
        let description = trimmed(afterColon)
        guard !description.isEmpty else { return .failure(.emptyDescription) }
        return .success(
            HeaderParts(type: type, scope: scope, hasBreakingMarker: hasBreakingMarker, description: description)
        )
    }

    private static func isMergeHeader(_ header: String) -> Bool {
        // GitHub, git, GitLab ("Merge branch 'a' into 'b'"), Azure DevOps ("Merged PR 12: …") and
        // Bitbucket ("Merged in feature (pull request #3)") merge-commit subjects.
        let prefixes = [
            "Merge pull request #", "Merge branch '", "Merge branches '", "Merge remote-tracking branch '",
            "Merge tag '", "Merge commit '", "Merge remote branch '", "Merged PR ", "Merged in ",
        ]
        return prefixes.contains { header.hasPrefix($0) }
    }

    /// The header inside git's default `Revert "<header>"` subject.
    private static func gitRevertTarget(_ header: String) -> String? {
        guard header.hasPrefix("Revert \""), header.hasSuffix("\""), header.count > "Revert \"\"".count else {
            return nil
        }
        return String(header.dropFirst("Revert \"".count).dropLast())
    }

    private static func unquoted(_ text: String) -> String {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { return text }
        return String(text.dropFirst().dropLast())
    }

    // MARK: - Body and footers

    private struct Sections {
        var body: String?
        var footers: [CommitFooter]
    }

    /// Splits the lines after the header into the body and the trailing footer block.
    private static func bodyAndFooters(_ lines: [Substring]) -> Sections {
        var paragraphs: [Range<Int>] = []
        var start: Int?
        for (index, line) in lines.enumerated() {
            if isBlank(line) {
                if let open = start { paragraphs.append(open..<index) }
                start = nil
            } else if start == nil {
                start = index
            }
        }
        if let open = start { paragraphs.append(open..<lines.count) }

        let footerParagraph = paragraphs.indices.first { candidate in
            guard footerToken(lines[paragraphs[candidate].lowerBound]) != nil else { return false }
            var openToken = ""
            for paragraph in paragraphs[candidate...] {
                let first = lines[paragraph.lowerBound]
                if footerToken(first) == nil && !isBreakingToken(openToken) { return false }
                for line in lines[paragraph] {
                    if let token = footerToken(line)?.token { openToken = token }
                }
            }
            return true
        }
        let footerLine = footerParagraph.map { paragraphs[$0].lowerBound } ?? lines.count

        var footers: [CommitFooter] = []
        for line in lines[footerLine...] {
            if let (token, value) = footerToken(line) {
                footers.append(CommitFooter(token: token, value: value))
            } else if !footers.isEmpty {
                footers[footers.count - 1].value += "\n" + line
            }
        }
        for index in footers.indices { footers[index].value = trimmed(footers[index].value) }
        let body = trimmed(lines[..<footerLine].joined(separator: "\n"))
        return Sections(body: body.isEmpty ? nil : body, footers: footers)
    }

    /// The token and value of a footer's first line (`Token: value`, `Token #value`, `BREAKING CHANGE: value`).
    private static func footerToken(_ line: Substring) -> (token: String, value: String)? {
        if line.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) { return asciiFooterToken(line) }
        return characterwiseFooterToken(line)
    }

    /// ``footerToken(_:)`` character by character (any line).
    static func characterwiseFooterToken(_ line: Substring) -> (token: String, value: String)? {
        let text = line.trailingWhitespaceTrimmed
        var token: Substring
        if text.hasPrefix("BREAKING CHANGE") {
            token = text.prefix("BREAKING CHANGE".count)
        } else {
            token = text.prefix(while: { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
            guard let first = token.first, first != "-" else { return nil }
        }
        let rest = text[token.endIndex...]
        if rest == ":" { return (String(token), "") }
        if rest.hasPrefix(": ") { return (String(token), trimmed(rest.dropFirst(2))) }
        if rest.hasPrefix(" #") { return (String(token), String(rest.dropFirst())) }
        return nil
    }

    /// ``footerToken(_:)`` for a line of ASCII without CR (every byte one character), on the bytes.
    static func asciiFooterToken(_ line: Substring) -> (token: String, value: String)? {
        var text = line.utf8[...]
        while let last = text.last, last == 0x20 || last == 0x09 { text = text.dropLast() }
        let tokenEnd: String.Index
        if text.starts(with: "BREAKING CHANGE".utf8) {
            tokenEnd = text.index(text.startIndex, offsetBy: "BREAKING CHANGE".utf8.count)
        } else {
            tokenEnd = text.firstIndex { !(ASCII.isAlphanumeric($0) || $0 == UInt8(ascii: "-")) } ?? text.endIndex
            guard tokenEnd != text.startIndex, text.first != UInt8(ascii: "-") else { return nil }
        }
        let token = String(line[text.startIndex..<tokenEnd])
        let rest = line[tokenEnd..<text.endIndex]
        if rest == ":" { return (token, "") }
        if rest.utf8.starts(with: ": ".utf8) { return (token, trimmed(rest.dropFirst(2))) }
        if rest.utf8.starts(with: " #".utf8) { return (token, String(rest.dropFirst())) }
        return nil
    }

    private static func isBreakingToken(_ token: String) -> Bool {
        token == "BREAKING CHANGE" || token == "BREAKING-CHANGE"
    }

    // MARK: - Text helpers

    /// Lines split at LF, CRLF or a lone CR, without the terminators.
    ///
    /// Works on the bytes: LF and CR are control characters, so they always stand alone as `Character`s (except
    /// CR LF, which is one), and splitting the bytes at LF, CR LF and CR is splitting the characters.
    static func splitLines(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            guard byte == 0x0A || byte == 0x0D else {
                index = utf8.index(after: index)
                continue
            }
            lines.append(text[lineStart..<index])
            index = utf8.index(after: index)
            if byte == 0x0D, index != utf8.endIndex, utf8[index] == 0x0A { index = utf8.index(after: index) }
            lineStart = index
        }
        lines.append(text[lineStart..<utf8.endIndex])
        return lines
    }

    /// Whether the line has only spaces and tabs.
    ///
    /// Bytes suffice: a space that a combining mark joins is not `" "`, and its mark is not a space or tab byte.
    private static func isBlank(_ line: Substring) -> Bool {
        line.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    /// The text without leading and trailing spaces, tabs, CRs and LFs.
    static func trimmed(_ text: some StringProtocol) -> String {
        let text = Substring(text)
        // On the bytes when both ends of what stays are ASCII (then no space there is part of a larger
        // `Character`, e.g. a space with a combining mark); otherwise character by character.
        let utf8 = text.utf8
        func isSpaceByte(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        guard let first = utf8.firstIndex(where: { !isSpaceByte($0) }) else { return "" }
        let last = utf8.lastIndex { !isSpaceByte($0) } ?? first
        if utf8[first] < 0x80, utf8[last] < 0x80 { return String(text[first...last]) }
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[first...last])
    }
}

extension Substring {
    fileprivate var trailingWhitespaceTrimmed: Substring {
        var text = self
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}
