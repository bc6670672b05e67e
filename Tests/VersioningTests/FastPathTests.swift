import Foundation
import SlipwayCore
import SlipwayTestSupport
import Testing

@testable import Versioning

/// The byte-level paths that make `slipway version` fast must give exactly what the character-level code gives.
///
/// Each test draws seeded random text from alphabets that mix the characters the scanners care about (separators,
/// CR/LF, spaces, `#`, `@`, action words) with combining marks and non-ASCII letters, and compares both paths.
@Suite struct FastPathTests {
    /// Characters that matter to the parsers, plus a combining acute accent, a Prepend character and non-ASCII text.
    static let tricky = "ab fix #12:()!*|-_/.\t\n\r\u{301}\u{600}éİß@Kx9"

    static func randomTexts(seed: UInt64, count: Int = 400, alphabet: String = tricky) -> [String] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in random.string(Int(random.next() % 40), from: alphabet) }
    }

    // MARK: - References: the code before the byte paths

    static func oldSplitLines(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
    }

    static func oldTrimmed(_ text: some StringProtocol) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(text[first...last])
    }

    static func oldParseLog(_ output: String) -> [RawCommit] {
        output.split(separator: "\u{1E}").compactMap { record -> RawCommit? in
            let trimmed: Substring = record.drop { $0 == "\n" }
            let parts = trimmed.split(separator: "\u{1F}", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty else { return nil }
            var message = String(parts[1])
            while message.hasSuffix("\n") { message.removeLast() }
            return RawCommit(hash: String(parts[0]), message: message)
        }
    }

    static func oldLocaleCompare(_ lhs: String, _ rhs: String) -> Int {
        func weight(_ scalar: Unicode.Scalar) -> (Int, UInt32) {
            if scalar.properties.isWhitespace { return (0, scalar.value) }
            let punctuation = Array("_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$".unicodeScalars)
            if let position = punctuation.firstIndex(of: scalar) { return (1, UInt32(position)) }
            if ("0"..."9").contains(scalar) { return (3, scalar.value) }
            let lower = scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar
            if scalar.properties.isAlphabetic { return (4, lower.value) }
            return (2, scalar.value)
        }
        let left = Array(lhs.unicodeScalars)
        let right = Array(rhs.unicodeScalars)
        for (a, b) in zip(left, right) where weight(a) != weight(b) { return weight(a) < weight(b) ? -1 : 1 }
        if left.count != right.count { return left.count < right.count ? -1 : 1 }
        for (a, b) in zip(left, right) where a != b {
            let aLower = a.properties.isLowercase
            let bLower = b.properties.isLowercase
            if aLower != bLower { return aLower ? -1 : 1 }
            return a.value < b.value ? -1 : 1
        }
        return 0
    }

    // MARK: - Tests

    @Test("lines and trimming on bytes equal the character-level results, combining marks included")
    func linesAndTrimming() {
        for text in Self.randomTexts(seed: 1) {
            #expect(ConventionalCommitParser.splitLines(text) == Self.oldSplitLines(text), "\(Array(text.utf8))")
            #expect(ConventionalCommitParser.trimmed(text) == Self.oldTrimmed(text), "\(Array(text.utf8))")
            let slice = text.dropFirst(min(2, text.count))
            #expect(ConventionalCommitParser.trimmed(slice) == Self.oldTrimmed(slice), "\(Array(text.utf8))")
        }
    }

    @Test("git log output split as bytes gives the commits the string split gave, invalid UTF-8 included")
    func logBytes() {
        var random = SeededRandom(seed: 2)
        let alphabet: [UInt8] = [0x1E, 0x1F, 0x0A, 0x0D, 0x61, 0x20, 0xCC, 0x81, 0xC3, 0xA9, 0xFF, 0x31]
        for _ in 0..<400 {
            let bytes = (0..<Int(random.next() % 60)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            #expect(
                GitRepository.parseLog(bytes) == Self.oldParseLog(String(decoding: bytes, as: UTF8.self)),
                "\(bytes)"
            )
        }
    }

    @Test("precomputed collation keys order strings as the per-pair comparison did")
    func collation() {
        let texts = Self.randomTexts(seed: 3, count: 120, alphabet: "aAbB zZ09_-#.(é\u{301}ÉİßK\t")
        for lhs in texts {
            for rhs in texts.prefix(40) {
                #expect(ChangelogOrdering.localeCompare(lhs, rhs) == Self.oldLocaleCompare(lhs, rhs), "\(lhs) \(rhs)")
            }
        }
        for value in UInt32(0)..<128 {
            let text = String(Character(Unicode.Scalar(value)!))
            #expect(ChangelogOrdering.localeCompare(text, "a") == Self.oldLocaleCompare(text, "a"), "\(value)")
            #expect(ChangelogOrdering.localeCompare("#", text) == Self.oldLocaleCompare("#", text), "\(value)")
        }
    }

    @Test("the bump signals of ASCII messages are the same on bytes as character by character")
    func signals() {
        let alphabet = "feat(x)!: fix\nBREAKING CHANGE-breaking change|*\t revert: This reverts commit Revert "
        var messages = Self.randomTexts(seed: 4, count: 600, alphabet: alphabet)
        messages += [
            "feat!: a", "feat(x)!: a", "fix(a): b\n\n * breaking-change: c", "revert: x\n\nthis Reverts commit abc.",
            "  Revert \"x\"\n\nThis reverts commit 1.", "feat(scope: a", "feat(a)b): c", "BREAKING CHANGE x",
            // The in-place scanner's line and header edges: blank and whitespace-only lines (VT, FF) before the
            // header, CR and CR LF line ends, a message of whitespace only, a note on the last line without a
            // line feed, a header at the very end.
            "", " ", "\n\n", "\u{0B}\u{0C}\n\t\nfeat!: a", "\r\n\rfix: a\rBREAKING CHANGE: b", "fix: a\r\n",
            "\n \nfeat(x)!: y\n\nBREAKING-CHANGE:", "chore: a\nbreaking change\tx", "feat", "feat!:", "feat!: ",
            "REVERT: x\n\nTHIS REVERTS COMMIT 1", "revert\tx this reverts commit ", "_: a", "feat(x)!: ",
        ]
        for message in messages {
            #expect(
                ConventionalChangelogSignals(message: message)
                    == ConventionalChangelogSignals(message: message, bytewise: false),
                "\(message.debugDescription)"
            )
        }
    }

    @Test("issue references, issue links, mentions and URL templates on bytes equal the character paths")
    func changelogScans() throws {
        let repository = try #require(RepositoryURL(remote: "https://github.com/acme/app.git"))
        var configuration = ChangelogConfiguration()
        configuration.issuePrefixes = ["#", "GH-"]
        let writer = ChangelogWriter(configuration: configuration, repository: repository)
        let alphabet = "closes fixes resolved #12 GH-7 gh-8 acme/app#3 a-b.c/d @ab-c @x/y _9 \t"
        for line in Self.randomTexts(seed: 5, count: 600, alphabet: alphabet) {
            let characters = writer.references(inUnits: Array(line))
            #expect(writer.references(inUnits: Array(line.utf8)) == characters, "\(line.debugDescription)")
            #expect(writer.references(inLine: line) == characters, "\(line.debugDescription)")
            let ascii = writer.linkedSubjectASCII(line, repository: repository)
            let characterwise = writer.linkedSubjectCharacterwise(line, repository: repository)
            #expect(ascii.0 == characterwise.0 && ascii.1 == characterwise.1, "\(line.debugDescription)")
            #expect(
                writer.linkMentionsASCII(in: line, repository: repository)
                    == writer.linkMentionsCharacterwise(in: line, repository: repository),
                "\(line.debugDescription)"
            )
        }
        let values = ["host": "https://h", "id": "12", "empty": ""]
        for template in Self.randomTexts(seed: 6, count: 300, alphabet: "{}{{id}}{{host}}{{nope}}{{empty}}/x") {
            #expect(
                expandASCIIURLTemplate(template, values) == expandURLTemplateCharacterwise(template, values),
                "\(template)"
            )
        }
    }
}

/// The two-call shortcut of the release planner against a real git: the same commits and plans as the long way.
@Suite(.tags(.process)) struct GitShortcutTests {
    static func git(_ arguments: [String], in root: String) async throws {
        try await TestProcess.run(["git"] + arguments, in: root)
    }

    /// main: init ─ fix ─ m1 ─ merge(side) ─ feat; side (from fix): s1 (tag v1.2.0) ─ s2; v1.0.0 on init.
    static func mergeHistory() async throws -> String {
        let root = try await GitRepositoryTests.makeRepository()
        try "{\n  \"version\": \"1.0.0\"\n}\n".write(toFile: root + "/package.json", atomically: true, encoding: .utf8)
        try await git(["add", "package.json"], in: root)
        try await GitRepositoryTests.commit("chore: init", in: root)
        try await git(["tag", "v1.0.0"], in: root)
        try await GitRepositoryTests.commit("fix: base", in: root)
        try await git(["checkout", "--quiet", "-b", "side"], in: root)
        try await GitRepositoryTests.commit("feat(side): s1", in: root)
        try await git(["tag", "--annotate", "v1.2.0", "--message", "v1.2.0"], in: root)
        try await GitRepositoryTests.commit("fix(side): s2", in: root)
        try await git(["checkout", "--quiet", "main"], in: root)
        try await GitRepositoryTests.commit("fix: m1", in: root)
        try await git(["merge", "--quiet", "--no-ff", "--message", "Merge branch 'side'", "side"], in: root)
        try await GitRepositoryTests.commit("feat: after merge", in: root)
        return root
    }

    @Test("one rev-parse gives shallowness, HEAD and every tag; the boundary log equals the plain log")
    func snapshotAndBoundaryLog() async throws {
        let root = try await Self.mergeHistory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let repository = GitRepository(path: root, runner: FoundationProcessRunner())
        let snapshot = try #require(await repository.snapshot())
        #expect(snapshot.tags == ["v1.0.0", "v1.2.0"])
        #expect(!snapshot.isShallow)
        #expect(snapshot.head.count == 40)
        for tag in ["v1.0.0", "v1.2.0"] {
            let plain = try await repository.commits(range: "\(tag)..HEAD")
            #expect(await repository.commits(sinceReachableTag: tag) == plain)
        }
        // With --first-parent, v1.2.0 is reachable only through the merge's second parent: no proof, so nil.
        #expect(await repository.commits(sinceReachableTag: "v1.2.0", firstParent: true) == nil)
        #expect(
            await repository.commits(sinceReachableTag: "v1.0.0", firstParent: true)
                == (try await repository.commits(range: "v1.0.0..HEAD", firstParent: true))
        )
        // A tag on HEAD has no boundary, and a tag off HEAD's history is not an ancestor: both nil.
        try await Self.git(["tag", "v9.0.0"], in: root)
        #expect(await repository.commits(sinceReachableTag: "v9.0.0") == nil)
        try await Self.git(["checkout", "--quiet", "side"], in: root)
        #expect(await repository.commits(sinceReachableTag: "v9.0.0") == nil)
        let empty = try await GitRepositoryTests.makeRepository()
        defer { try? FileManager.default.removeItem(atPath: empty) }
        #expect(await GitRepository(path: empty, runner: FoundationProcessRunner()).snapshot() == nil)
    }

    @Test("plans agree with the long way: unreachable higher tag, non-version tag, tag on HEAD, first parent")
    func plansMatchTheLongWay() async throws {
        let root = try await Self.mergeHistory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // v2.0.0 on a branch that HEAD does not contain; `vnext` is not a version.
        try await Self.git(["branch", "unmerged", "v1.0.0"], in: root)
        try await Self.git(["checkout", "--quiet", "unmerged"], in: root)
        try await GitRepositoryTests.commit("feat!: elsewhere", in: root)
        try await Self.git(["tag", "v2.0.0"], in: root)
        try await Self.git(["checkout", "--quiet", "main"], in: root)
        let planner = ReleasePlanner(
            repository: GitRepository(path: root, runner: FoundationProcessRunner()),
            fileSystem: LocalFileSystem()
        )
        let request = ReleaseRequest(root: root, date: CalendarDate("2026-11-25")!)
        let plan = try await planner.plan(request)
        #expect(plan.previousTag == "v1.2.0")
        #expect(plan.nextVersion == "1.3.0")
        #expect(plan.commits.map(\.header) == ["feat: after merge", "Merge branch 'side'", "fix: m1", "fix(side): s2"])
        var firstParent = request
        firstParent.firstParent = true
        #expect(try await planner.plan(firstParent).commits.map(\.header) == plan.commits.map(\.header).dropLast())
        try await Self.git(["tag", "vnext"], in: root)
        #expect(try await planner.plan(request).warnings.contains { $0.contains("1 tag(s) starting with `v`") })
        try await Self.git(["tag", "--delete", "vnext"], in: root)
        try await Self.git(["tag", "v1.3.0"], in: root)
        let onHead = try await planner.plan(request)
        #expect(onHead.previousTag == "v1.3.0")
        #expect(onHead.commits.isEmpty)
        #expect(onHead.nextVersion == "1.3.1")
    }
}

extension GitShortcutTests {
    @Test("equal-precedence tags keep git tag's order, which tag.sort may reverse")
    func precedenceTiesFollowTagSort() async throws {
        let root = try await GitRepositoryTests.makeRepository()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "{\n  \"version\": \"1.0.0\"\n}\n".write(
            toFile: root + "/package.json",
            atomically: true,
            encoding: .utf8
        )
        try await Self.git(["add", "package.json"], in: root)
        try await GitRepositoryTests.commit("chore: init", in: root)
        try await Self.git(["tag", "v1.0.0+a"], in: root)
        try await GitRepositoryTests.commit("fix: one", in: root)
        try await Self.git(["tag", "v1.0.0+b"], in: root)
        try await GitRepositoryTests.commit("fix: two", in: root)
        try await Self.git(["config", "tag.sort", "-refname"], in: root)
        let plan = try await ReleasePlanner(
            repository: GitRepository(path: root, runner: FoundationProcessRunner()),
            fileSystem: LocalFileSystem()
        ).plan(ReleaseRequest(root: root, date: CalendarDate("2026-11-25")!))
        #expect(plan.previousTag == "v1.0.0+b")
        #expect(plan.commits.map(\.header) == ["fix: two"])
    }
}

/// The plan's hand-written JSON against `JSONEncoder` (what `JSONOutput.string` used before).
@Suite struct PlanJSONTests {
    @Test("jsonText() equals JSONOutput.string(plan) byte for byte, escapes and empty lists included")
    func sameBytesAsJSONEncoder() throws {
        var random = SeededRandom(seed: 7)
        var all = ""
        for value in UInt32(0)..<0x80 { all.unicodeScalars.append(Unicode.Scalar(value)!) }
        let alphabet = all + "é\u{2028}🎉/\\\""
        func text() -> String { random.string(Int(random.next() % 12), from: alphabet) }
        for round in 0..<200 {
            let some = round % 2 == 0
            let plan = ReleasePlan(
                previousTag: some ? text() : nil,
                previousVersion: text(),
                nextVersion: some || round % 3 == 0 ? text() : nil,
                releaseType: [nil, .patch, .minor, .major][round % 4],
                tag: round % 5 == 0 ? nil : text(),
                summary: text(),
                commits: (0..<(round % 4)).map { index in
                    .init(
                        hash: text(),
                        header: text(),
                        contributes: [.none, .patch, .minor, .major][index],
                        why: text()
                    )
                },
                unparsedCommits: (0..<(round % 3)).map { _ in text() },
                issueKeys: (0..<(round % 2)).map { _ in text() },
                changelogSection: text(),
                releaseNotes: text(),
                commitMessage: round % 3 == 1 ? nil : text(),
                files: (0..<(round % 3)).map { _ in .init(path: text(), before: "b", after: "a") },
                warnings: (0..<(round % 2 + 1) % 2).map { _ in text() }
            )
            #expect(plan.jsonText() == (try JSONOutput.string(plan)), "round \(round)")
        }
    }

    @Test("footer lines read on bytes equal the character-level reading")
    func footers() {
        let alphabet = "BREAKING CHANGE-Refs: #12 Co-authored-by x \t:"
        for line in FastPathTests.randomTexts(seed: 8, count: 800, alphabet: alphabet) {
            let ascii = ConventionalCommitParser.asciiFooterToken(line[...])
            let characters = ConventionalCommitParser.characterwiseFooterToken(line[...])
            #expect(ascii?.token == characters?.token && ascii?.value == characters?.value, "\(line.debugDescription)")
        }
    }
}
