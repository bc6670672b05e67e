/// An issue reference of a commit (`#12`, `owner/repo#12`, or an issue key), as conventional-commits-parser finds it.
struct IssueReference: Hashable {
    var owner: String?
    var repository: String?
    var prefix: String
    var issue: String
    /// A fixed link (issue keys); `nil` uses the configured issue URL format.
    var url: String?
}

/// One commit after conventional-changelog's `transform`: the group it goes to, its linked subject and references.
struct ChangelogEntry {
    var commit: ConventionalCommit
    /// The section title; `nil` for the group without a heading (hidden types that carry breaking notes).
    var groupTitle: String?
    /// The scope to print; `nil` when absent or `*`.
    var scope: String?
    var subject: String
    var references: [IssueReference]
    var notes: [String]
    /// The commit this one reverts (header and, when the body says it, hash).
    var reverts: (header: String, hash: String?)?

    /// The key conventional-changelog sorts commits by inside a section: scope followed by subject.
    var sortKey: String { (scope ?? "") + subject }
}

/// conventional-commits-parser's default `referenceActions`.
let referenceActionWords = ["close", "closes", "closed", "fix", "fixes", "fixed", "resolve", "resolves", "resolved"]

extension ChangelogWriter {
    /// conventional-changelog-conventionalcommits' `transform`: `nil` when the commit is left out.
    func entry(for commit: ConventionalCommit) -> ChangelogEntry? {
        let isRevert = commit.revertedHeader != nil || commit.type.lowercased() == "revert"
        let typeKey = isRevert ? "revert" : (commit.isMerge ? "" : commit.type.lowercased())
        let typeEntry = configuration.entry(forType: typeKey, scope: commit.scope)
        var notes = commit.breakingNotes
        if notes.isEmpty, commit.hasBreakingMarker { notes = [commit.description] }
        let keep = !notes.isEmpty || Self.hasReleaseAs(commit)
        if !keep, typeEntry?.hidden ?? true { return nil }

        let groupTitle: String?
        if let typeEntry {
            groupTitle = typeEntry.section
        } else {
            groupTitle = commit.isMerge || commit.type.isEmpty ? nil : commit.type
        }
        let scope = commit.scope == "*" || commit.scope?.isEmpty == true ? nil : commit.scope
        let (subject, subjectIssues) = linkedSubject(commit.description)
        let references = self.references(of: commit).filter { !subjectIssues.contains($0.prefix + $0.issue) }
        var reverts: (header: String, hash: String?)?
        if let header = commit.revertedHeader {
            reverts = (header, Self.revertedHash(in: commit.body))
        }
        return ChangelogEntry(
            commit: commit,
            groupTitle: groupTitle,
            scope: scope,
            subject: subject,
            references: references,
            notes: notes,
            reverts: reverts
        )
    }

    private static func hasReleaseAs(_ commit: ConventionalCommit) -> Bool {
        if commit.footers.contains(where: { $0.token.lowercased() == "release-as" }) { return true }
        guard let body = commit.body else { return false }
        if body.utf8.allSatisfy({ $0 < 0x80 }) { return ASCII.containsCaseInsensitive(Array(body.utf8), "release-as:") }
        return body.lowercased().contains("release-as:")
    }

    /// The hash in git's `This reverts commit <hash>.` line.
    static func revertedHash(in body: String?) -> String? {
        guard let body, let range = body.firstRange(of: "This reverts commit ") else { return nil }
        let hash = body[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        guard !hash.isEmpty, body[range.upperBound...].dropFirst(hash.count).first == "." else { return nil }
        return String(hash)
    }

    // MARK: - Subject links

    /// The description with `#12` turned into issue links and `@user` into profile links (the preset's transform),
    /// and issue keys linked when configured; also the `prefix+issue` strings linked.
    func linkedSubject(_ description: String) -> (String, Set<String>) {
        guard let repository else { return (linkIssueKeys(in: description), []) }
        if ScanUnits.isPlainASCII(description), configuration.issuePrefixes.allSatisfy(ScanUnits.isPlainASCII) {
            return linkedSubjectASCII(description, repository: repository)
        }
        return linkedSubjectCharacterwise(description, repository: repository)
    }

    /// ``linkedSubject(_:)`` character by character (any text).
    func linkedSubjectCharacterwise(_ description: String, repository: RepositoryURL) -> (String, Set<String>) {
        var issues = Set<String>()
        var output = ""
        let characters = Array(description)
        var index = 0
        // (prefix)([0-9]+), global, case-sensitive; alternatives tried in configuration order.
        while index < characters.count {
            if let (prefix, digits) = issueAt(characters, index) {
                let issue = String(digits)
                issues.insert(prefix + issue)
                let url = expandURLTemplate(
                    configuration.issueUrlFormat,
                    [
                        "host": repository.host, "owner": repository.owner, "repository": repository.repository,
                        "id": issue, "prefix": prefix,
                    ]
                )
                output += "[\(prefix)\(issue)](\(url))"
                index += prefix.count + digits.count
            } else {
                output.append(characters[index])
                index += 1
            }
        }
        return (linkIssueKeys(in: linkMentions(in: output, repository: repository)), issues)
    }

    /// ``linkedSubject(_:)`` for plain ASCII text and prefixes, on the bytes (the same steps, one byte per character).
    func linkedSubjectASCII(_ description: String, repository: RepositoryURL) -> (String, Set<String>) {
        var issues = Set<String>()
        var output: [UInt8] = []
        let bytes = Array(description.utf8)
        output.reserveCapacity(bytes.count)
        let prefixes = configuration.issuePrefixes.filter { !$0.isEmpty }.map { ($0, Array($0.utf8)) }
        var index = 0
        scan: while index < bytes.count {
            for (prefix, prefixBytes) in prefixes {
                guard index + prefixBytes.count < bytes.count,
                    bytes[index..<index + prefixBytes.count].elementsEqual(prefixBytes)
                else { continue }
                let digitsStart = index + prefixBytes.count
                var digitsEnd = digitsStart
                while digitsEnd < bytes.count, ASCII.isDigit(bytes[digitsEnd]) { digitsEnd += 1 }
                guard digitsEnd > digitsStart else { continue }
                let issue = String(decoding: bytes[digitsStart..<digitsEnd], as: UTF8.self)
                issues.insert(prefix + issue)
                let url = expandURLTemplate(
                    configuration.issueUrlFormat,
                    [
                        "host": repository.host, "owner": repository.owner, "repository": repository.repository,
                        "id": issue, "prefix": prefix,
                    ]
                )
                output += "[\(prefix)\(issue)](\(url))".utf8
                index = digitsEnd
                continue scan
            }
            output.append(bytes[index])
            index += 1
        }
        let text = String(decoding: output, as: UTF8.self)
        return (linkIssueKeys(in: linkMentions(in: text, repository: repository)), issues)
    }

    private func issueAt(_ characters: [Character], _ index: Int) -> (String, [Character])? {
        for prefix in configuration.issuePrefixes where !prefix.isEmpty {
            let prefixCharacters = Array(prefix)
            guard index + prefixCharacters.count < characters.count,
                Array(characters[index..<index + prefixCharacters.count]) == prefixCharacters
            else { continue }
            let digits = characters[(index + prefixCharacters.count)...].prefix { $0.isASCII && $0.isNumber }
            if !digits.isEmpty { return (prefix, Array(digits)) }
        }
        return nil
    }

    /// `\B@([a-z0-9](?:-?[a-z0-9/]){0,38})` → `[@user](userUrl)`; names with `/` stay as written.
    private func linkMentions(in text: String, repository: RepositoryURL) -> String {
        // Without an `@` nothing changes (the loop below would copy every character).
        guard text.utf8.contains(UInt8(ascii: "@")) else { return text }
        if ScanUnits.isPlainASCII(text) { return linkMentionsASCII(in: text, repository: repository) }
        return linkMentionsCharacterwise(in: text, repository: repository)
    }

    /// ``linkMentions(in:repository:)`` character by character (any text).
    func linkMentionsCharacterwise(in text: String, repository: RepositoryURL) -> String {
        let characters = Array(text)
        var output = ""
        var index = 0
        func isNameCharacter(_ character: Character) -> Bool {
            character.isASCII && (character.isLowercase || character.isNumber || character == "/")
        }
        while index < characters.count {
            let character = characters[index]
            let atBoundaryFree = index == 0 || !Self.isWordCharacter(characters[index - 1])
            guard character == "@", atBoundaryFree, index + 1 < characters.count,
                characters[index + 1].isASCII,
                characters[index + 1].isLowercase || characters[index + 1].isNumber
            else {
                output.append(character)
                index += 1
                continue
            }
            var end = index + 2
            var repeats = 0
            while repeats < 38, end < characters.count {
                if isNameCharacter(characters[end]) {
                    end += 1
                } else if characters[end] == "-", end + 1 < characters.count, isNameCharacter(characters[end + 1]) {
                    end += 2
                } else {
                    break
                }
                repeats += 1
            }
            let user = String(characters[(index + 1)..<end])
            if user.contains("/") {
                output += "@" + user
            } else {
                let url = expandURLTemplate(
                    configuration.userUrlFormat,
                    [
                        "host": repository.host, "owner": repository.owner, "repository": repository.repository,
                        "user": user,
                    ]
                )
                output += "[@\(user)](\(url))"
            }
            index = end
        }
        return output
    }

    /// ``linkMentions(in:repository:)`` for plain ASCII text, on the bytes.
    func linkMentionsASCII(in text: String, repository: RepositoryURL) -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        func isNameByte(_ byte: UInt8) -> Bool {
            (0x61...0x7A).contains(byte) || ASCII.isDigit(byte) || byte == UInt8(ascii: "/")
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let atBoundaryFree = index == 0 || !bytes[index - 1].isWordUnit
            guard byte == UInt8(ascii: "@"), atBoundaryFree, index + 1 < bytes.count,
                (0x61...0x7A).contains(bytes[index + 1]) || ASCII.isDigit(bytes[index + 1])
            else {
                output.append(byte)
                index += 1
                continue
            }
            var end = index + 2
            var repeats = 0
            while repeats < 38, end < bytes.count {
                if isNameByte(bytes[end]) {
                    end += 1
                } else if bytes[end] == UInt8(ascii: "-"), end + 1 < bytes.count, isNameByte(bytes[end + 1]) {
                    end += 2
                } else {
                    break
                }
                repeats += 1
            }
            let user = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
            if user.utf8.contains(UInt8(ascii: "/")) {
                output += "@\(user)".utf8
            } else {
                let url = expandURLTemplate(
                    configuration.userUrlFormat,
                    [
                        "host": repository.host, "owner": repository.owner, "repository": repository.repository,
                        "user": user,
                    ]
                )
                output += "[@\(user)](\(url))".utf8
            }
            index = end
        }
        return String(decoding: output, as: UTF8.self)
    }

    private var issueKeyLinker: (IssueKeys, String)? {
        guard let format = configuration.issueKeyUrlFormat, !configuration.issueKeyProjects.isEmpty else {
            return nil
        }
        return (IssueKeys(projects: configuration.issueKeyProjects), format)
    }

    private func linkIssueKeys(in text: String) -> String {
        guard let (keys, format) = issueKeyLinker else { return text }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var position = 0
        for match in keys.matches(in: text) {
            // Leave keys that are already link text or inside a link target alone.
            let before = match.range.lowerBound > 0 ? scalars[match.range.lowerBound - 1] : " "
            if before == "[" || before == "/" { continue }
            output.append(contentsOf: scalars[position..<match.range.lowerBound])
            let url = expandURLTemplate(format, ["id": match.key, "prefix": ""])
            output.append(contentsOf: "[\(match.key)](\(url))".unicodeScalars)
            position = match.range.upperBound
        }
        output.append(contentsOf: scalars[position...])
        return String(output)
    }

    // MARK: - References

    /// The references conventional-commits-parser reads from the header, the body and the non-breaking footers,
    /// plus issue keys from the body and footers when linking keys is configured.
    func references(of commit: ConventionalCommit) -> [IssueReference] {
        var lines = [commit.header]
        var keyLines: [String] = []
        if let body = commit.body {
            let bodyLines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            lines += bodyLines
            keyLines += bodyLines
        }
        for footer in commit.footers {
            let token = footer.token.uppercased()
            guard token != "BREAKING CHANGE", token != "BREAKING-CHANGE" else { continue }
            let line = Self.footerLine(footer)
            lines.append(line)
            keyLines.append(line)
        }
        var result = lines.flatMap { references(inLine: $0) }
        if let (keys, format) = issueKeyLinker {
            var seen = Set<String>()
            for line in keyLines {
                for key in keys.keys(in: line) where seen.insert(key).inserted {
                    let url = expandURLTemplate(format, ["id": key, "prefix": ""])
                    result.append(IssueReference(owner: nil, repository: nil, prefix: "", issue: key, url: url))
                }
            }
            result.removeAll { reference in
                reference.url != nil && commit.description.contains(reference.issue)
            }
        }
        return result
    }

    /// The footer as it was written: `Closes #12` stays a `#` footer, others use `Token: value`.
    static func footerLine(_ footer: CommitFooter) -> String {
        let value = footer.value.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        if value.hasPrefix("#") { return "\(footer.token) \(value)" }
        if let first = value.first, first.isASCII, first.isNumber, value.allSatisfy({ $0.isASCII && $0.isNumber }) {
            return "\(footer.token) #\(value)"
        }
        return "\(footer.token): \(value)"
    }

    /// conventional-commits-parser's `getReferences` for one line: the sentences after a reference action
    /// (`closes`, `fixes`, …) when the line has one, otherwise the whole line.
    func references(inLine line: String) -> [IssueReference] {
        let prefixes = configuration.issuePrefixes
        // ASCII lines and prefixes (nearly all) are scanned as bytes, with the same algorithm (generic over the unit).
        if ScanUnits.isPlainASCII(line), prefixes.allSatisfy(ScanUnits.isPlainASCII) {
            let bytes = Array(line.utf8)
            guard prefixes.contains(where: { !$0.isEmpty && ScanUnits.contains(bytes, loweredNeedle: $0) }) else {
                return []
            }
            return references(inUnits: bytes)
        }
        // Fast path: a line without any issue prefix (most lines) has no references; the scan below is quadratic.
        let loweredLine = line.lowercased()
        guard prefixes.contains(where: { !$0.isEmpty && loweredLine.contains($0.lowercased()) }) else { return [] }
        return references(inUnits: Array(line))
    }

    /// ``references(inLine:)`` on the line's characters (or, for ASCII, its bytes).
    func references<Unit: ScanUnit>(inUnits characters: [Unit]) -> [IssueReference] {
        guard !characters.isEmpty else { return [] }
        let lowered = characters.map(\.lowered)
        let actions = Unit.referenceActions
        func actionAt(_ index: Int) -> Int? {
            for word in actions {
                guard index + word.count < lowered.count, lowered[index..<index + word.count].elementsEqual(word),
                    lowered[index + word.count].isWhitespaceUnit
                else { continue }
                return word.count
            }
            return nil
        }
        func startsAction(_ index: Int) -> Bool {
            actions.contains { word in
                index + word.count <= lowered.count && lowered[index..<index + word.count].elementsEqual(word)
            }
        }
        var sentences: [ArraySlice<Unit>] = []
        var index = 0
        while index < characters.count {
            guard let length = actionAt(index) else {
                index += 1
                continue
            }
            var start = index + length
            while start < characters.count, characters[start].isWhitespaceUnit { start += 1 }
            var end = start
            while end < characters.count, !startsAction(end) { end += 1 }
            sentences.append(characters[start..<end])
            index = end
        }
        if sentences.isEmpty { sentences = [characters[...]] }
        return sentences.flatMap { referenceParts(in: Array($0)) }
    }

    /// `(?:.*?)??\s*([\w-\.\/]*?)??(prefix)([\w-]*\d+)`, global and case-insensitive.
    private func referenceParts<Unit: ScanUnit>(in sentence: [Unit]) -> [IssueReference] {
        var result: [IssueReference] = []
        var start = 0
        search: while start < sentence.count {
            for skip in start..<sentence.count {
                var position = skip
                while position < sentence.count, sentence[position].isWhitespaceUnit { position += 1 }
                var groupEnd = position
                while true {
                    if let (prefix, issueEnd) = referenceTail(sentence, groupEnd) {
                        let group = Unit.string(sentence[position..<groupEnd])
                        var owner: String?
                        var repositoryName: String? = group.isEmpty ? nil : group
                        let parts = group.split(separator: "/", omittingEmptySubsequences: false)
                        if parts.count > 1 {
                            owner = String(parts[0])
                            repositoryName = parts.dropFirst().joined(separator: "/")
                            if repositoryName?.isEmpty == true { repositoryName = nil }
                        }
                        let issue = Unit.string(sentence[(groupEnd + prefix.count)..<issueEnd])
                        result.append(
                            IssueReference(owner: owner, repository: repositoryName, prefix: prefix, issue: issue)
                        )
                        start = issueEnd
                        continue search
                    }
                    guard groupEnd < sentence.count, sentence[groupEnd].isReferenceRepositoryUnit else {
                        break
                    }
                    groupEnd += 1
                }
            }
            break
        }
        return result
    }

    /// At `index`: a configured prefix (case-insensitive) then `[\w-]*\d+`; the prefix as written and the issue end.
    private func referenceTail<Unit: ScanUnit>(_ sentence: [Unit], _ index: Int) -> (String, Int)? {
        for prefix in configuration.issuePrefixes where !prefix.isEmpty {
            let count = Unit.count(of: prefix)
            guard index + count <= sentence.count,
                let written = Unit.matching(sentence[index..<index + count], caseInsensitively: prefix)
            else { continue }
            var end = index + count
            var lastDigitEnd: Int?
            while end < sentence.count, sentence[end].isWordUnit || sentence[end].isDash {
                if sentence[end].isDigitUnit { lastDigitEnd = end + 1 }
                end += 1
            }
            if let lastDigitEnd { return (written, lastDigitEnd) }
        }
        return nil
    }

    static func isWordCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "_")
    }

    private static func isReferenceRepositoryCharacter(_ character: Character) -> Bool {
        isWordCharacter(character) || character == "-" || character == "." || character == "/"
    }
}
