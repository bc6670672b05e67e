import SlipwayCore
import SlipwayTestSupport
import Testing
import Versioning

/// Renders each real release of the corpus as standard-version 9 would, and compares it with the project's own section.
///
/// The comparison is entry by entry. Every difference is an explicit expectation below, explained in
/// `docs/versioning-changelog-differences.md`.
@Suite(.enabled(if: Corpus.isAvailable, "shared corpus not present"))
struct ChangelogCorpusTests {
    struct Sample: CustomTestStringConvertible, Sendable {
        var folder: String
        /// Commit types whose entries the project's generator shows and standard-version 9 hides.
        var onlyTheirs: [String: Int]
        /// Commit types whose entries standard-version 9 shows and the project's generator does not.
        var onlyOurs: [String: Int]
        var testDescription: String { folder }
    }

    static let samples: [Sample] = [
        // lerna (conventional-changelog, angular preset). v10.0.0: lerna omitted `feat(publish)!:` (8f9c750) and its
        // angular parser printed the `!` headers raw without a section; we list them under Features (1 + 1 more).
        Sample(folder: "lerna__lerna", onlyTheirs: [:], onlyOurs: ["feat": 2]),
        // v9.0.0: the notes were written by hand: two extra `- ` bullets of prose ("?": no commit), and the two
        // `feat!:` commits appear only in the hand-written BREAKING CHANGES text, not as entries.
        Sample(folder: "lerna__lerna/more/v8.2.4..v9.0.0", onlyTheirs: ["?": 2], onlyOurs: ["feat": 2]),
        Sample(folder: "lerna__lerna/more/v9.0.6..v9.0.7", onlyTheirs: [:], onlyOurs: [:]),
        // commitizen shows a Refactor (and Perf) section; standard-version 9 hides refactor and perf.
        Sample(folder: "commitizen-tools__commitizen", onlyTheirs: ["refactor": 2], onlyOurs: [:]),
        Sample(
            folder: "commitizen-tools__commitizen/more/v4.9.1..v4.10.0",
            onlyTheirs: ["refactor": 15],
            onlyOurs: [:]
        ),
        Sample(folder: "commitizen-tools__commitizen/more/v4.13.7..v4.13.8", onlyTheirs: [:], onlyOurs: [:]),
        // git-cliff shows every type under emoji sections (standard-version hides or drops them); "?" are entries
        // whose hash is not in the tag range; two unscoped `fix:` commits are skipped by git-cliff's commit parsers.
        Sample(
            folder: "orhun__git-cliff",
            onlyTheirs: [
                "refactor": 1, "?": 12, "chore": 7, "perf": 1, "ci": 1, "revert": 1, "docs": 2, "build": 2, "test": 3,
            ],
            onlyOurs: ["fix": 2]
        ),
        Sample(
            folder: "orhun__git-cliff/more/v2.11.0..v2.12.0",
            onlyTheirs: ["docs": 3, "chore": 3, "?": 4],
            onlyOurs: [:]
        ),
        Sample(folder: "orhun__git-cliff/more/v2.9.0..v2.9.1", onlyTheirs: [:], onlyOurs: [:]),
    ]

    static var root: String { Corpus.sharedRoot + "/corpus/histories" }

    @Test("entries match the project's own changelog except for documented differences", arguments: samples)
    func compare(_ sample: Sample) throws {
        let files = LocalFileSystem()
        let directory = Self.root + "/" + sample.folder
        let projectRoot = Self.root + "/" + String(sample.folder.split(separator: "/")[0])
        let readme = try files.readText(at: projectRoot + "/README.md")
        let repository = try #require(Self.repository(fromReadme: readme))
        let tags = try Self.tags(try files.readText(at: directory + "/tags.txt"))
        let commits = Self.commits(try files.readText(at: directory + "/commits.txt"))
        let version = String(tags.release.dropFirst())
        let release = ChangelogRelease(
            version: version,
            currentTag: tags.release,
            previousTag: tags.previous,
            date: CalendarDate(secondsSince1970: 0),
            commits: commits
        )
        let ours = ChangelogWriter(repository: repository).section(for: release)
        let theirs = try files.readText(at: directory + "/changelog-section.md")

        let ourEntries = Self.entries(in: ours)
        let theirEntries = Self.entries(in: theirs)
        let byHash = Dictionary(commits.map { ($0.hash, $0) }) { first, _ in first }
        func matches(_ entry: Entry, _ others: [Entry]) -> Bool {
            others.contains { other in
                if let hash = entry.hash, let otherHash = other.hash { return hash == otherHash }
                return other.text.lowercased() == entry.text.lowercased()
            }
        }
        func commitType(_ entry: Entry) -> String {
            if let hash = entry.hash, let commit = byHash[hash] { return commit.type }
            let match = commits.first { $0.description.lowercased() == entry.text.lowercased() }
            return match?.type ?? "?"
        }
        var onlyTheirs: [String: Int] = [:]
        for entry in theirEntries where !matches(entry, ourEntries) { onlyTheirs[commitType(entry), default: 0] += 1 }
        var onlyOurs: [String: Int] = [:]
        for entry in ourEntries where !matches(entry, theirEntries) { onlyOurs[commitType(entry), default: 0] += 1 }
        #expect(onlyTheirs == sample.onlyTheirs, "entries only in \(sample.folder)/changelog-section.md")
        #expect(onlyOurs == sample.onlyOurs, "entries only in our section:\n\(ours)")
    }

    // MARK: - Reading the corpus

    struct Entry {
        var hash: String?
        /// The description without scope, links, hash or references.
        var text: String
    }

    /// The bullet lines of the type sections (not the breaking-change notes).
    static func entries(in section: String) -> [Entry] {
        var result: [Entry] = []
        var inNotes = false
        for rawLine in section.split(separator: "\n") {
            let line = String(rawLine)
            if line.hasPrefix("#") {
                inNotes = line.contains("BREAKING")
                continue
            }
            guard !inNotes, line.hasPrefix("* ") || line.hasPrefix("- ") else { continue }
            var hash: String?
            if let range = line.firstRange(of: "/commit/") {
                hash = String(line[range.upperBound...].prefix { $0.isHexDigit })
            }
            result.append(Entry(hash: hash, text: description(ofEntry: String(line.dropFirst(2)))))
        }
        return result
    }

    private static func description(ofEntry line: String) -> String {
        var text = unlinked(line)
        for opener in ["**", "*("] where text.hasPrefix(opener) {
            // `**scope:** `, `**scope**: ` (commitizen), `*(scope)* ` (git-cliff)
            let closer = opener == "**" ? "**" : ")*"
            if let end = text.dropFirst(2).firstRange(of: closer) {
                text = String(text[end.upperBound...].drop { $0 == ":" || $0 == " " })
            }
        }
        for cut in [" - (", ", closes ", " by @"] {
            if let range = text.firstRange(of: cut) { text = String(text[..<range.lowerBound]) }
        }
        if let open = text.lastIndex(of: "("), text.hasSuffix(")"),
            text[text.index(after: open)...].dropLast().allSatisfy(\.isHexDigit)
        {
            text = String(text[..<open])
        }
        return String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }

    private static func unlinked(_ text: String) -> String {
        var output = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "[") {
            output += rest[..<open]
            let afterOpen = rest[rest.index(after: open)...]
            guard let close = afterOpen.firstRange(of: "]("),
                let end = afterOpen[close.upperBound...].firstIndex(of: ")")
            else {
                output += rest[open...]
                return output
            }
            output += afterOpen[..<close.lowerBound]
            rest = afterOpen[afterOpen.index(after: end)...]
        }
        return output + rest
    }

    static func repository(fromReadme readme: String) -> RepositoryURL? {
        guard let range = readme.firstRange(of: "Source: ") else { return nil }
        let url = readme[range.upperBound...].prefix { !$0.isWhitespace }
        return RepositoryURL(remote: String(url))
    }

    static func tags(_ text: String) throws -> (previous: String, release: String) {
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t")
            if fields.count >= 2 { values[String(fields[0])] = String(fields[1]) }
        }
        return (try #require(values["previous_tag"]), try #require(values["release_tag"]))
    }

    /// `%H%n%B%n==END==` records, parsed with a minimal `type(scope)!: description` reader (the real parser lives
    /// on another branch); footers are `Token: value` and `Token #n` lines of the last paragraph.
    static func commits(_ text: String) -> [ConventionalCommit] {
        text.components(separatedBy: "==END==\n").compactMap { record -> ConventionalCommit? in
            let lines = record.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard lines.count >= 2, lines[0].count == 40 else { return nil }
            let message = lines.dropFirst().joined(separator: "\n")
            return parse(hash: lines[0], message: message)
        }
    }

    static func parse(hash: String, message: String) -> ConventionalCommit? {
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines[0]
        let body = lines.dropFirst().joined(separator: "\n").trimmingBlankLines
        if header.hasPrefix("Revert \"") {
            let reverted = String(header.dropFirst(8).dropLast(header.hasSuffix("\"") ? 1 : 0))
            return ConventionalCommit(
                hash: hash,
                header: header,
                type: "revert",
                description: header,
                body: body.isEmpty ? nil : body,
                revertedHeader: reverted
            )
        }
        guard let colon = header.firstRange(of: ": ") else { return nil }
        var prefix = header[..<colon.lowerBound]
        let description = String(header[colon.upperBound...])
        let bang = prefix.hasSuffix("!")
        if bang { prefix = prefix.dropLast() }
        var scope: String?
        if let open = prefix.firstIndex(of: "("), prefix.hasSuffix(")") {
            scope = String(prefix[prefix.index(after: open)..<prefix.index(before: prefix.endIndex)])
            prefix = prefix[..<open]
        }
        guard !prefix.isEmpty, prefix.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        var notes: [String] = []
        var footers: [CommitFooter] = []
        var bodyText = body
        if let range = body.firstRange(of: "BREAKING CHANGE: ") ?? body.firstRange(of: "BREAKING-CHANGE: ") {
            notes = [String(body[range.upperBound...]).trimmingBlankLines]
            bodyText = String(body[..<range.lowerBound]).trimmingBlankLines
        }
        let paragraphs = bodyText.components(separatedBy: "\n\n")
        if let last = paragraphs.last {
            for line in last.split(separator: "\n") {
                if let separator = line.firstRange(of: ": "), line[..<separator.lowerBound].allSatisfy(\.isFooterToken)
                {
                    footers.append(
                        CommitFooter(
                            token: String(line[..<separator.lowerBound]),
                            value: String(line[separator.upperBound...])
                        )
                    )
                } else if let separator = line.firstRange(of: " #"),
                    line[..<separator.lowerBound].allSatisfy(\.isFooterToken)
                {
                    footers.append(
                        CommitFooter(
                            token: String(line[..<separator.lowerBound]),
                            value: String(line[separator.upperBound...])
                        )
                    )
                }
            }
        }
        return ConventionalCommit(
            hash: hash,
            header: header,
            type: prefix.lowercased(),
            scope: scope,
            hasBreakingMarker: bang,
            description: description,
            body: bodyText.isEmpty ? nil : bodyText,
            footers: footers,
            breakingNotes: notes
        )
    }
}

extension Character {
    fileprivate var isFooterToken: Bool { isLetter || self == "-" }
}

extension String {
    fileprivate var trimmingBlankLines: String {
        String(drop { $0 == "\n" || $0 == " " }.reversed().drop { $0 == "\n" || $0 == " " }.reversed())
    }

    fileprivate func components(separatedBy separator: String) -> [String] {
        var result: [String] = []
        var rest = Substring(self)
        while let range = rest.firstRange(of: separator) {
            result.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        result.append(String(rest))
        return result
    }
}
