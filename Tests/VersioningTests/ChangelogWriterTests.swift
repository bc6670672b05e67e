import SlipwayCore
import Testing
import Versioning

/// Known answers hand-written from conventional-changelog-conventionalcommits 4.6.3's templates as standard-version 9
/// renders them: two blank lines after the release heading, one blank line after `⚠ BREAKING CHANGES`, two blank
/// lines between type sections, a blank line at the end of the section.
@Suite struct ChangelogWriterTests {
    static let repository = RepositoryURL(host: "https://github.com", owner: "acme", repository: "widget")
    static let date = CalendarDate(secondsSince1970: 1_795_564_800)  // 2026-11-25

    static func commit(
        _ seed: Character,
        _ type: String,
        _ scope: String? = nil,
        _ description: String,
        bang: Bool = false,
        body: String? = nil,
        footers: [CommitFooter] = [],
        notes: [String] = [],
        revertedHeader: String? = nil,
        isMerge: Bool = false
    ) -> ConventionalCommit {
        let header = "\(type)\(scope.map { "(\($0))" } ?? "")\(bang ? "!" : ""): \(description)"
        return ConventionalCommit(
            hash: String(repeating: seed, count: 40),
            header: header,
            type: type,
            scope: scope,
            hasBreakingMarker: bang,
            description: description,
            body: body,
            footers: footers,
            breakingNotes: notes,
            revertedHeader: revertedHeader,
            isMerge: isMerge
        )
    }

    static func release(
        _ version: String,
        previous: String? = "v1.1.0",
        _ commits: [ConventionalCommit]
    )
        -> ChangelogRelease
    {
        ChangelogRelease(
            version: version,
            currentTag: "v\(version)",
            previousTag: previous,
            date: date,
            commits: commits
        )
    }

    let writer = ChangelogWriter(repository: repository)

    @Test("a minor release: compare link, sections in preset order, scope then subject order, issue links")
    func minorRelease() {
        let commits = [
            Self.commit("c", "fix", "parser", "handle empty input"),
            Self.commit(
                "b",
                "feat",
                "cli",
                "support JSON output",
                footers: [CommitFooter(token: "Closes", value: "#7")]
            ),
            Self.commit("d", "chore", nil, "bump dependencies"),
            Self.commit("a", "feat", nil, "add --dry-run flag (#12)"),
        ]
        let expected = """
            ## [1.2.0](https://github.com/acme/widget/compare/v1.1.0...v1.2.0) (2026-11-25)


            ### Features

            * add --dry-run flag ([#12](https://github.com/acme/widget/issues/12)) \
            ([aaaaaaa](https://github.com/acme/widget/commit/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa))
            * **cli:** support JSON output \
            ([bbbbbbb](https://github.com/acme/widget/commit/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb)), \
            closes [#7](https://github.com/acme/widget/issues/7)


            ### Bug Fixes

            * **parser:** handle empty input \
            ([ccccccc](https://github.com/acme/widget/commit/cccccccccccccccccccccccccccccccccccccccc))


            """
        #expect(writer.section(for: Self.release("1.2.0", commits)) == expected)
    }

    @Test("a patch release gets ### in standard-version's layout and ## in commit-and-tag-version's")
    func patchHeading() {
        let commits = [Self.commit("a", "fix", nil, "typo")]
        let release = Self.release("1.1.1", commits)
        #expect(writer.section(for: release).hasPrefix("### [1.1.1](https://github.com/acme/widget/compare/"))
        var other = writer
        other.configuration.layout = .commitAndTagVersion
        #expect(other.section(for: release).hasPrefix("## [1.1.1](https://github.com/acme/widget/compare/"))
        #expect(writer.section(for: Self.release("2.0.0-rc.1", commits)).hasPrefix("## [2.0.0-rc.1]"))
        #expect(writer.section(for: Self.release("1.0.1-0", commits)).hasPrefix("### [1.0.1-0]"))
    }

    @Test("breaking changes come first with scope prefixes, from footers and from ! alone")
    func breakingChanges() {
        let commits = [
            Self.commit("a", "feat", "api", "drop v1 endpoints", notes: ["The v1 endpoints are gone."]),
            Self.commit("b", "chore", nil, "require Node 20", bang: true),
        ]
        let expected = """
            ## [2.0.0](https://github.com/acme/widget/compare/v1.1.0...v2.0.0) (2026-11-25)


            ### ⚠ BREAKING CHANGES

            * **api:** The v1 endpoints are gone.
            * require Node 20

            ### Features

            * **api:** drop v1 endpoints \
            ([aaaaaaa](https://github.com/acme/widget/commit/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa))


            * require Node 20 \
            ([bbbbbbb](https://github.com/acme/widget/commit/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb))


            """
        #expect(writer.section(for: Self.release("2.0.0", commits)) == expected)
    }

    @Test("a first release and a writer without repository have no links")
    func noLinks() {
        let commits = [
            Self.commit("a", "feat", nil, "first (#3)", body: "Fixes #4")
        ]
        #expect(writer.section(for: Self.release("1.0.0", previous: nil, commits)).hasPrefix("## 1.0.0 (2026-11-25)\n"))
        let plain = ChangelogWriter(repository: nil)
        let expected = "## 1.0.0 (2026-11-25)\n\n\n### Features\n\n* first (#3) aaaaaaa, closes #3 #4\n\n"
        #expect(plain.section(for: Self.release("1.0.0", commits)) == expected)
    }

    @Test("hidden and unknown types are left out; perf, revert, build and ci are not shown by default")
    func hiddenTypes() {
        let commits = ["chore", "docs", "style", "refactor", "perf", "test", "build", "ci", "revert"].map {
            Self.commit("e", $0, nil, "something")
        }
        let expected = "### [1.1.1](https://github.com/acme/widget/compare/v1.1.0...v1.1.1) (2026-11-25)\n\n"
        #expect(writer.section(for: Self.release("1.1.1", commits)) == expected)
    }

    @Test("configured types show in their section; an unknown breaking type gets its raw type as heading")
    func customTypes() {
        var configuration = ChangelogConfiguration()
        configuration.types += [
            ChangelogType(type: "revert", section: "Reverts"), ChangelogType(type: "docs", section: "Documentation"),
        ]
        configuration.types.removeAll { $0.type == "docs" && $0.hidden }
        let writer = ChangelogWriter(configuration: configuration, repository: Self.repository)
        let commits = [
            Self.commit("a", "docs", nil, "explain flags"),
            Self.commit("b", "build", nil, "new toolchain", bang: true),
            Self.commit("c", "fix", nil, "crash"),
        ]
        let section = writer.section(for: Self.release("2.0.0", commits))
        let headings = section.split(separator: "\n").filter { $0.hasPrefix("### ") }
        // Bug Fixes is ranked by the preset; the others follow in V8's order for its inconsistent comparator.
        #expect(headings == ["### ⚠ BREAKING CHANGES", "### Bug Fixes", "### build", "### Documentation"])
    }

    @Test("a revert in the same release removes the reverted commit and itself")
    func reverts() {
        var configuration = ChangelogConfiguration()
        configuration.types.append(ChangelogType(type: "revert", section: "Reverts"))
        let writer = ChangelogWriter(configuration: configuration, repository: Self.repository)
        let reverted = Self.commit("a", "feat", nil, "risky")
        var revert = Self.commit(
            "b",
            "revert",
            nil,
            "feat: risky",
            body: "This reverts commit \(reverted.hash).",
            revertedHeader: "feat: risky"
        )
        revert.header = "Revert \"feat: risky\""
        let kept = Self.commit("c", "feat", nil, "safe")
        let section = writer.section(for: Self.release("1.2.0", [revert, kept, reverted]))
        #expect(!section.contains("risky"))
        #expect(section.contains("* safe"))
        #expect(!section.contains("Reverts"))
    }

    @Test("without a revert type, standard-version keeps the reverted commit (the revert was dropped earlier)")
    func revertsWithDefaultTypes() {
        let reverted = Self.commit("a", "feat", nil, "risky")
        let revert = Self.commit("b", "revert", nil, "feat: risky", revertedHeader: "feat: risky")
        #expect(writer.section(for: Self.release("1.2.0", [revert, reverted])).contains("* risky"))
    }

    @Test("merge commits are left out")
    func merges() {
        let merge = ConventionalCommit(
            hash: String(repeating: "f", count: 40),
            header: "Merge pull request #5 from acme/topic",
            type: "",
            description: "Merge pull request #5 from acme/topic",
            isMerge: true
        )
        #expect(!writer.section(for: Self.release("1.2.0", [merge])).contains("Merge"))
    }

    @Test("references: actions, cross-repository, several per line, subject duplicates dropped, @mentions linked")
    func references() {
        let commit = Self.commit(
            "a",
            "fix",
            nil,
            "thanks @octo-cat for #9",
            body: "See #1, closes other/lib#2 and fixes #3, #4",
            footers: [CommitFooter(token: "Refs", value: "#9")]
        )
        let line = writer.section(for: Self.release("1.1.1", [commit])).split(separator: "\n")[2]
        let expected =
            "* thanks [@octo-cat](https://github.com/octo-cat) for [#9](https://github.com/acme/widget/issues/9) "
            + "([aaaaaaa](https://github.com/acme/widget/commit/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa)), closes "
            + "[other/lib#2](https://github.com/other/lib/issues/2) [#3](https://github.com/acme/widget/issues/3) "
            + "[#4](https://github.com/acme/widget/issues/4)"
        #expect(line == Substring(expected))
    }

    @Test("issue keys are linked when a key URL is configured, in the subject and from the body")
    func issueKeys() {
        var configuration = ChangelogConfiguration()
        configuration.issueKeyProjects = ["ABC"]
        configuration.issueKeyUrlFormat = "https://jira.example.com/browse/{{id}}"
        let writer = ChangelogWriter(configuration: configuration, repository: Self.repository)
        let commit = Self.commit("a", "feat", nil, "ABC-1 paging with SHA-256", body: "Part of ABC-2.")
        let line = writer.section(for: Self.release("1.2.0", [commit])).split(separator: "\n")[2]
        let expected =
            "* [ABC-1](https://jira.example.com/browse/ABC-1) paging with SHA-256 "
            + "([aaaaaaa](https://github.com/acme/widget/commit/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa)), closes "
            + "[ABC-2](https://jira.example.com/browse/ABC-2)"
        #expect(line == Substring(expected))
    }

    @Test("release notes are the section without its heading")
    func releaseNotes() {
        let commits = [Self.commit("a", "feat", nil, "thing")]
        let expected = "### Features\n\n* thing ([aaaaaaa](https://github.com/acme/widget/commit/\(commits[0].hash)))\n"
        #expect(writer.releaseNotes(for: Self.release("1.2.0", commits)) == expected)
        #expect(writer.releaseNotes(for: Self.release("1.2.0", [])) == "")
    }

    // MARK: - insert

    static let section = "## [1.2.0](u) (2026-11-25)\n\n\n### Features\n\n* thing\n\n"

    @Test("a new file gets the header, a blank line and the section ending in one newline")
    func insertIntoEmpty() {
        let result = ChangelogWriter.insert(
            section: Self.section,
            into: "",
            header: ChangelogConfiguration.defaultHeader
        )
        let expected = """
            # Changelog

            All notable changes to this project will be documented in this file. \
            See [standard-version](https://github.com/conventional-changelog/standard-version) for commit guidelines.

            ## [1.2.0](u) (2026-11-25)


            ### Features

            * thing

            """
        #expect(result == expected)
    }

    @Test("the section goes below the header and above older releases, which stay byte for byte")
    func insertAboveOlder() {
        let header = "# My project changes\n\nCustom words.\n\n"
        let older = "### [1.1.1](u) (2026-01-02)\n\n\n### Bug Fixes\n\n* old  \r\n\n\n## 1.0.0 (2025-01-01)\n\n\n"
        let result = ChangelogWriter.insert(
            section: Self.section,
            into: header + older,
            header: ChangelogConfiguration.defaultHeader
        )
        #expect(result == header + "## [1.2.0](u) (2026-11-25)\n\n\n### Features\n\n* thing\n\n" + older)
    }

    @Test("old anchor-style changelogs (<a name=…>) are recognised as releases")
    func insertAboveAnchor() {
        let existing = "# Changelog\n\n<a name=\"1.0.0\"></a>\n# 1.0.0\n"
        let result = ChangelogWriter.insert(section: Self.section, into: existing, header: "ignored")
        #expect(result == "# Changelog\n\n" + Self.section + "<a name=\"1.0.0\"></a>\n# 1.0.0\n")
    }

    @Test("a file with a header but no releases keeps the header")
    func insertBelowHeaderOnly() {
        let result = ChangelogWriter.insert(section: Self.section, into: "# Changes\n", header: "ignored")
        #expect(result == "# Changes\n\n## [1.2.0](u) (2026-11-25)\n\n\n### Features\n\n* thing\n")
    }
}
