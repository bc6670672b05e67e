/// Writes CHANGELOG.md sections the way standard-version 9 does (conventional-changelog with the
/// conventionalcommits preset), and inserts them into an existing file.
///
/// A section is the release heading, `### ⚠ BREAKING CHANGES`, then one `### Section` per visible type with
/// `* **scope:** subject ([abc1234](commit-url)), closes [#12](issue-url)` lines.
public struct ChangelogWriter: Sendable {
    /// The types, URL formats and layout.
    public var configuration: ChangelogConfiguration
    /// Where links point; `nil` writes no links (plain short hashes, plain `#12`, no compare link).
    public var repository: RepositoryURL?

    /// Creates a writer.
    public init(configuration: ChangelogConfiguration = ChangelogConfiguration(), repository: RepositoryURL?) {
        self.configuration = configuration
        self.repository = repository
    }

    /// The section for one release, ending with a blank line so older releases follow after one empty line.
    public func section(for release: ChangelogRelease) -> String {
        heading(for: release) + body(for: release)
    }

    /// The release notes for the GitHub release: the section without its heading, starting at its first line of
    /// text and ending with a single newline; empty when the release has nothing to show.
    public func releaseNotes(for release: ChangelogRelease) -> String {
        Self.notes(fromBody: body(for: release))
    }

    /// The section and the release notes of one release, rendering the commits once.
    public func render(_ release: ChangelogRelease) -> (section: String, releaseNotes: String) {
        let body = body(for: release)
        return (heading(for: release) + body, Self.notes(fromBody: body))
    }

    /// The body without leading and trailing newlines, plus one final newline; empty when there is no text.
    static func notes(fromBody body: String) -> String {
        guard let first = body.firstIndex(where: { $0 != "\n" }), let last = body.lastIndex(where: { $0 != "\n" })
        else {
            return ""
        }
        return String(body[first...last]) + "\n"
    }

    /// The heading line, `## [1.2.0](compare-url) (2026-11-25)` followed by a newline.
    func heading(for release: ChangelogRelease) -> String {
        let marker = configuration.layout == .standardVersion && release.isPatch ? "###" : "##"
        var title = release.version
        if let repository, let previousTag = release.previousTag {
            let url = expandURLTemplate(
                configuration.compareUrlFormat,
                [
                    "host": repository.host, "owner": repository.owner, "repository": repository.repository,
                    "previousTag": previousTag, "currentTag": release.currentTag,
                ]
            )
            title = "[\(release.version)](\(url))"
        }
        return "\(marker) \(title) (\(release.date))\n"
    }

    /// Everything after the heading, as the preset's `template.hbs` renders it.
    func body(for release: ChangelogRelease) -> String {
        let entries = Self.droppingReverted(release.commits.compactMap { entry(for: $0) })
        var output = "\n"
        let notes = entries.flatMap { entry in entry.notes.map { (entry.scope, $0) } }
        if !notes.isEmpty {
            output += "\n### ⚠ BREAKING CHANGES\n\n"
            for (scope, note) in notes {
                output += "* " + (scope.map { "**\($0):** " } ?? "") + note + "\n"
            }
        }
        for group in groups(of: entries) {
            output += "\n"
            if let title = group.title { output += "### \(title)\n\n" }
            for entry in group.entries { output += line(for: entry) + "\n" }
            output += "\n"
        }
        return output
    }

    /// One commit line (the preset's `commit.hbs`).
    func line(for entry: ChangelogEntry) -> String {
        var text = "*" + (entry.scope.map { " **\($0):**" } ?? "") + " " + entry.subject
        guard let repository else {
            text += " " + entry.commit.shortHash
            if !entry.references.isEmpty {
                text += ", closes" + entry.references.map { " " + Self.referenceText($0) }.joined()
            }
            return text
        }
        let hosting = ["host": repository.host, "owner": repository.owner, "repository": repository.repository]
        var commitValues = hosting
        commitValues["hash"] = entry.commit.hash
        let commitURL = expandURLTemplate(configuration.commitUrlFormat, commitValues)
        text += " ([\(entry.commit.shortHash)](\(commitURL)))"
        if !entry.references.isEmpty {
            text += ", closes"
            for reference in entry.references {
                var values = hosting
                values["owner"] = reference.owner ?? repository.owner
                values["repository"] = reference.repository ?? repository.repository
                values["id"] = reference.issue
                values["prefix"] = reference.prefix
                let url = reference.url ?? expandURLTemplate(configuration.issueUrlFormat, values)
                text += " [\(Self.referenceText(reference))](\(url))"
            }
        }
        return text
    }

    private static func referenceText(_ reference: IssueReference) -> String {
        (reference.owner.map { $0 + "/" } ?? "") + (reference.repository ?? "") + reference.prefix + reference.issue
    }

    /// Commits grouped by section: groups in order of first appearance, then sorted by the preset's group order;
    /// commits inside a group sorted by scope followed by subject (`localeCompare`, stable).
    func groups(of entries: [ChangelogEntry]) -> [(title: String?, entries: [ChangelogEntry])] {
        var groups: [(title: String?, entries: [ChangelogEntry])] = []
        for entry in entries {
            let title = entry.groupTitle?.isEmpty == true ? nil : entry.groupTitle
            if let index = groups.firstIndex(where: { $0.title == title }) {
                groups[index].entries.append(entry)
            } else {
                groups.append((title, [entry]))
            }
        }
        for index in groups.indices {
            let keys = groups[index].entries.map { ChangelogOrdering.CollationKey($0.sortKey) }
            groups[index].entries = groups[index].entries.enumerated().sorted { lhs, rhs in
                let order = keys[lhs.offset].compare(keys[rhs.offset])
                return order != 0 ? order < 0 : lhs.offset < rhs.offset
            }.map(\.element)
        }
        return ChangelogOrdering.sortGroups(groups) { ChangelogOrdering.rank($0.title) }
    }

    /// conventional-commits-filter: a commit reverted by a revert commit in the same release is dropped; of the
    /// revert commits that matched, only the first is dropped too (the filter compares `indexOf(hash) !== 0`).
    static func droppingReverted(_ entries: [ChangelogEntry]) -> [ChangelogEntry] {
        let reverts = entries.filter { $0.reverts != nil }
        guard !reverts.isEmpty else { return entries }
        var removedReverts: [String] = []
        let kept = entries.filter { entry in
            for revert in reverts {
                guard let target = revert.reverts else { continue }
                let headerMatches = target.header.trimmedSpaces == entry.commit.header.trimmedSpaces
                let hashMatches = target.hash.map { $0 == entry.commit.hash } ?? true
                if headerMatches, hashMatches {
                    removedReverts.append(revert.commit.hash)
                    return false
                }
            }
            return true
        }
        guard let first = removedReverts.first else { return kept }
        return kept.filter { $0.commit.hash != first }
    }

    /// Puts a new section into CHANGELOG.md content: below the header and above the newest release.
    ///
    /// The header is what stands before the first release heading (`## 1.0.0`, `### [1.0.1]`, `<a name=`), as
    /// standard-version finds it; it and the older releases are kept byte for byte. An empty file gets `header`
    /// followed by a blank line. When the file has text but no release yet, the text is kept as the header.
    /// - Parameters:
    ///   - section: A section from ``section(for:)``.
    ///   - existing: The current file content (empty when the file does not exist).
    ///   - header: The header for a new file; standard-version's default is ``ChangelogConfiguration/defaultHeader``.
    /// - Returns: The new file content, ending with one newline.
    public static func insert(section: String, into existing: String, header: String) -> String {
        let trimmedSection =
            String(section[..<(section.lastIndex { $0 != "\n" }.map(section.index(after:)) ?? section.startIndex)])
            + "\n"
        if existing.allSatisfy({ $0 == "\n" || $0 == "\r" || $0 == " " || $0 == "\t" }) {
            return header + "\n" + trimmedSection
        }
        guard let start = startOfLastRelease(in: existing) else {
            var preamble = String(
                existing[..<(existing.lastIndex { $0 != "\n" }.map(existing.index(after:)) ?? existing.startIndex)]
            )
            preamble += "\n\n"
            return preamble + trimmedSection
        }
        let preamble = existing[..<start]
        let older = existing[start...]
        return preamble + trimmedSection + "\n" + older
    }

    /// standard-version's `START_OF_LAST_RELEASE_PATTERN`: `/(^#+ \[?[0-9]+\.[0-9]+\.[0-9]+|<a name=)/m`.
    static func startOfLastRelease(in text: String) -> String.Index? {
        var lineStart = text.startIndex
        var candidates: [String.Index] = []
        if let anchor = text.firstRange(of: "<a name=") { candidates.append(anchor.lowerBound) }
        while lineStart < text.endIndex {
            if isReleaseHeading(text[lineStart...]) {
                candidates.append(lineStart)
                break
            }
            guard let newline = text[lineStart...].firstIndex(of: "\n") else { break }
            lineStart = text.index(after: newline)
        }
        return candidates.min()
    }

    private static func isReleaseHeading(_ line: Substring) -> Bool {
        var rest = line.drop { $0 == "#" }
        guard rest.startIndex != line.startIndex, rest.first == " " else { return false }
        rest = rest.dropFirst()
        if rest.first == "[" { rest = rest.dropFirst() }
        for part in 0..<3 {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty else { return false }
            rest = rest.dropFirst(digits.count)
            if part < 2 {
                guard rest.first == "." else { return false }
                rest = rest.dropFirst()
            }
        }
        return true
    }
}

extension String {
    fileprivate var trimmedSpaces: String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }
}
