import Foundation
import SlipwayCore
import SlipwayTestSupport
import Testing

@testable import Versioning

/// `slipway version --next` must answer exactly what the full plan answers: the same next version, level, tag,
/// previous version, summary and warnings, or the same error, for every option combination.
///
/// Two levels: the bump decision alone (``BumpCalculator/nextOnly(current:commits:options:)`` against
/// ``BumpCalculator/decide(current:commits:options:)``) on random histories with revert pairs and on the corpus
/// histories; and the whole planner (``ReleasePlanner/nextVersion(_:)`` against ``ReleasePlanner/plan(_:)``) on
/// real git repositories: the replayed corpus histories, the standard-version edge cases, the version-file
/// fixtures without tags, merges, reverts, pre-release tags and prefixed tags.
@Suite struct NextVersionTests {
    /// Every option combination the bump decision sees.
    static let optionSets: [BumpOptions] = {
        var sets: [BumpOptions] = [BumpOptions()]
        for text in ["major", "minor", "patch", "3.0.0", "1.0.0", "0.1.0-rc.1+build"] {
            sets.append(BumpOptions(releaseAs: try? BumpOptions.ReleaseAs(text)))
        }
        for identifier in ["", "alpha", "beta.1", "bad..id"] {
            sets.append(BumpOptions(prerelease: identifier))
            sets.append(BumpOptions(releaseAs: try? BumpOptions.ReleaseAs("minor"), prerelease: identifier))
            sets.append(BumpOptions(releaseAs: try? BumpOptions.ReleaseAs("2.0.0"), prerelease: identifier))
        }
        sets.append(BumpOptions(firstRelease: true))
        sets.append(BumpOptions(releaseAs: try? BumpOptions.ReleaseAs("0.1.0"), firstRelease: true))
        sets.append(BumpOptions(releaseAs: try? BumpOptions.ReleaseAs("major"), prerelease: "rc", firstRelease: true))
        return sets
    }()

    static let currents = ["0.3.1", "1.0.0", "1.4.2", "1.0.1-alpha.0", "1.1.0-alpha.3", "0.0.0", "2.0.0-0"]
        .compactMap { SemanticVersion(tag: $0, prefix: "") }

    static func decisions(
        _ calculator: BumpCalculator,
        _ current: SemanticVersion,
        _ commits: [RawCommit],
        _ options: BumpOptions
    ) -> (full: Result<BumpDecision.Outcome, BumpError>, next: Result<BumpDecision.Outcome, BumpError>) {
        let full = Result { () throws(BumpError) in
            try calculator.decide(current: current, commits: commits, options: options).outcome
        }
        let next = Result { () throws(BumpError) in
            try calculator.nextOnly(current: current, commits: commits, options: options)
        }
        return (full, next)
    }

    /// Message pieces that steer the level: types in several cases, scopes, `!`, notes in every spelling the
    /// conventional-changelog pattern accepts (and some it does not), autosquash and merge subjects, non-ASCII text.
    static let headers = [
        "feat: a", "feat(x): a", "feat!: a", "feat(x)!: a", "Feat: a", "feature: a", "fix: a", "fix(y)!: b",
        "perf: a", "refactor: a", "chore: a", "docs(readme): a", "ci: a", "revert: feat: a", "fixup! feat: a",
        "Merge branch 'x'", "Merge pull request #1 from a/b", "not conventional", "feat(: a", "feat: ünïcode é",
        "fix(é): a\u{301}", "", "  \n", "chore!: drop", "build(deps)!: bump", "feat : spaced", "x_y: under",
    ]
    static let bodies = [
        "", "\n\nBREAKING CHANGE: gone", "\n\nBREAKING-CHANGE: gone", "\n\nbreaking change: lower",
        "\n\n * BREAKING CHANGE x", "\n\nBREAKING CHANGEx", "\n\nbody\r\nBREAKING CHANGE:\tx", "\n\nRefs: #1",
        "\n\nfeat!: in the body", "\n\nfix: in the body\n\nBREAKING-CHANGE: é", "\r\n\r\nplain body",
        "\n\n\u{0B}BREAKING CHANGE: after a VT",
    ]

    static func randomHistory(_ random: inout SeededRandom, count: Int) -> [RawCommit] {
        var commits: [RawCommit] = []
        for index in 0..<count {
            let hash = String(format: "%040x", index + 1)
            let roll = random.next() % 10
            let message: String
            if roll == 0, !commits.isEmpty {
                // git's revert of an earlier (older) commit, in one of the forms conventional-changelog knows.
                let target = commits[Int(random.next() % UInt64(commits.count))]
                let header = BumpCalculator.firstLine(target.message)
                message =
                    random.next() % 2 == 0
                    ? "Revert \"\(header)\"\n\nThis reverts commit \(target.hash)."
                    : "revert: \(header)\n\nThis reverts commit \(target.hash)."
            } else {
                let header = headers[Int(random.next() % UInt64(headers.count))]
                let body = bodies[Int(random.next() % UInt64(bodies.count))]
                message = header + body
            }
            commits.append(RawCommit(hash: hash, message: message))
        }
        // git log lists newest first; the reverts above name older commits.
        return commits.reversed()
    }

    @Test("the next-only decision equals the full decision on random histories", arguments: BumpStrategy.allCases)
    func randomHistories(_ strategy: BumpStrategy) {
        var random = SeededRandom(seed: 7)
        let calculator = BumpCalculator(strategy: strategy)
        var histories: [[RawCommit]] = [[]]
        for _ in 0..<150 { histories.append(Self.randomHistory(&random, count: Int(random.next() % 12) + 1)) }
        for commits in histories {
            for current in Self.currents {
                for options in Self.optionSets {
                    let (full, next) = Self.decisions(calculator, current, commits, options)
                    #expect(full == next, "\(current) \(options) \(commits.map(\.message))")
                }
            }
        }
    }

    @Test("each single message contributes the same under both paths", arguments: BumpStrategy.allCases)
    func singleMessages(_ strategy: BumpStrategy) {
        let calculator = BumpCalculator(strategy: strategy)
        for header in Self.headers {
            for body in Self.bodies {
                let commits = [RawCommit(hash: String(repeating: "a", count: 40), message: header + body)]
                for current in Self.currents.prefix(2) {
                    let (full, next) = Self.decisions(calculator, current, commits, BumpOptions())
                    #expect(full == next, "\((header + body).debugDescription)")
                }
            }
        }
    }

    @Test(
        "the next-only decision equals the full decision on the corpus histories",
        .enabled(if: Corpus.isAvailable, "shared corpus not present"),
        arguments: HistoryReplayTests.samples
    )
    func corpusHistories(_ name: String) throws {
        let sample = try HistoryReplayTests.load(name)
        for strategy in BumpStrategy.allCases {
            let calculator = BumpCalculator(strategy: strategy)
            for current in [sample.previous] + Self.currents {
                for options in Self.optionSets {
                    let (full, next) = Self.decisions(calculator, current, sample.commits, options)
                    #expect(full == next, "\(name) \(strategy) \(current) \(options)")
                }
            }
        }
    }

    // MARK: - The whole planner on git repositories

    /// A repository to build: `steps` run in order (commits, tags, files, branches).
    enum Step {
        case file(String, String)
        case commit(String)
        case tag(String)
        case git([String])
    }

    static let edgeScenarios: [String: [Step]] = [
        "chore-only": [
            .commit("chore: init"), .tag("v1.4.2"), .commit("chore: a"), .commit("docs: b"), .commit("ci: c"),
            .commit("test: d"),
        ],
        "refactor-only": [.commit("chore: init"), .tag("v1.4.2"), .commit("refactor: a"), .commit("refactor(x): b")],
        "breaking-below-1": [.commit("chore: init"), .tag("v0.3.1"), .commit("fix: a"), .commit("feat!: b")],
        "feature-below-1": [.commit("chore: init"), .tag("v0.3.1"), .commit("feat: a"), .commit("fix: b")],
        "no-commits-since-tag": [.commit("feat: init"), .tag("v2.1.0")],
        "prerelease-tag": [.commit("chore: init"), .tag("v1.0.1-alpha.0"), .commit("fix: a")],
        "two-tags": [
            .commit("chore: init"), .tag("v1.0.0"), .commit("fix: a"), .tag("v1.0.1"), .commit("feat: b"),
        ],
        "annotated-and-prefixed": [
            .commit("chore: init"), .git(["tag", "-a", "pkg@1.2.0", "-m", "pkg"]), .commit("feat: a"),
            .tag("v7.0.0"), .commit("fix(pkg): b"), .tag("vnext"),
        ],
        "no-tags-package-json": [
            .file("package.json", "{\n  \"version\": \"1.2.3\"\n}\n"), .commit("feat: init"), .commit("fix: a"),
        ],
        "no-tags-no-files": [.commit("feat: init")],
        "revert": [
            .commit("chore: init"), .tag("v1.0.0"), .commit("fix: a"), .file("b.txt", "b\n"), .commit("feat!: b"),
            .git(["revert", "--no-edit", "HEAD"]),
        ],
        "merge": [
            .commit("chore: init"), .tag("v1.0.0"), .git(["checkout", "--quiet", "-b", "side"]),
            .commit("feat!: on the side"), .git(["checkout", "--quiet", "main"]), .commit("fix: on main"),
            .git(["merge", "--quiet", "--no-ff", "--no-edit", "side"]), .commit("docs: after the merge"),
        ],
        "unreachable-higher-tag": [
            .commit("chore: init"), .tag("v1.0.0"), .git(["checkout", "--quiet", "-b", "side"]), .commit("feat: x"),
            .tag("v9.0.0"), .git(["checkout", "--quiet", "main"]), .commit("fix: a"),
        ],
    ]

    static let fixtureDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/VersionFiles").path

    /// Every scenario: the corpus histories, the edge cases, and one tag-less repository per version-file fixture.
    static let scenarios: [String] = {
        var names = edgeScenarios.keys.sorted().map { "edge/" + $0 }
        let fixtures = (try? FileManager.default.contentsOfDirectory(atPath: fixtureDirectory)) ?? []
        names += fixtures.sorted().filter { !$0.hasPrefix(".") }.map { "fixture/" + $0 }
        names += HistoryReplayTests.samples.map { "corpus/" + $0 }
        return names
    }()

    static func build(_ scenario: String) async throws -> String {
        let root = try await GitRepositoryTests.makeRepository()
        var steps: [Step]
        if scenario.hasPrefix("edge/") {
            steps = try #require(edgeScenarios[String(scenario.dropFirst(5))])
        } else if scenario.hasPrefix("fixture/") {
            let directory = fixtureDirectory + "/" + scenario.dropFirst(8)
            steps = []
            for name in try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            where !name.contains(".expected") {
                steps.append(.file(name, try String(contentsOfFile: directory + "/" + name, encoding: .utf8)))
            }
            steps += [.commit("chore: init"), .commit("feat: a"), .commit("fix!: b")]
        } else {
            let sample = try HistoryReplayTests.load(String(scenario.dropFirst(7)))
            steps = [
                .file("package.json", "{\n  \"version\": \"\(sample.previous)\"\n}\n"),
                .commit("chore(release): \(sample.previous)"), .tag("v\(sample.previous)"),
            ]
            steps += sample.commits.reversed().map { .commit($0.message) }
        }
        for step in steps {
            switch step {
            case .file(let name, let text):
                try text.write(toFile: root + "/" + name, atomically: true, encoding: .utf8)
                try await TestProcess.run(["git", "add", name], in: root)
            case .commit(let message): try await GitRepositoryTests.commit(message, in: root)
            case .tag(let name): try await TestProcess.run(["git", "tag", name], in: root)
            case .git(let arguments): try await TestProcess.run(["git"] + arguments, in: root)
            }
        }
        return root
    }

    /// The requests compared on every repository.
    static func requests(root: String) -> [ReleaseRequest] {
        let date = CalendarDate("2026-12-06")!
        var requests: [ReleaseRequest] = []
        for strategy in BumpStrategy.allCases {
            for options in optionSets {
                requests.append(ReleaseRequest(root: root, options: options, strategy: strategy, date: date))
            }
            requests.append(ReleaseRequest(root: root, strategy: strategy, firstParent: true, date: date))
            requests.append(ReleaseRequest(root: root, strategy: strategy, tagPrefix: "pkg@", date: date))
            requests.append(
                ReleaseRequest(
                    root: root,
                    options: BumpOptions(firstRelease: true),
                    strategy: strategy,
                    tagPrefix: "pkg@",
                    date: date
                )
            )
        }
        var skipTag = ReleaseRequest(root: root, date: date)
        skipTag.skip.tag = true
        requests.append(skipTag)
        var settings = VersioningSettings()
        settings.tagPrefix = "pkg@"
        requests.append(ReleaseRequest(root: root, settings: settings, date: date))
        return requests
    }

    static func answers(
        _ planner: ReleasePlanner,
        _ request: ReleaseRequest
    ) async -> (full: Result<NextVersion, ReleaseError>, next: Result<NextVersion, ReleaseError>) {
        let full: Result<NextVersion, ReleaseError>
        do {
            full = .success(NextVersion(try await planner.plan(request)))
        } catch {
            full = .failure(error)
        }
        let next: Result<NextVersion, ReleaseError>
        do {
            next = .success(try await planner.nextVersion(request))
        } catch {
            next = .failure(error)
        }
        return (full, next)
    }

    @Test(
        "--next answers what the full plan answers, for every option combination",
        .tags(.process),
        arguments: scenarios
    )
    func planner(_ scenario: String) async throws {
        if scenario.hasPrefix("corpus/"), !Corpus.isAvailable { return }
        let root = try await Self.build(scenario)
        await Self.compare(scenario, root)
        // `rm -rf`, not `FileManager.removeItem`: with many of these trees removed at once, swift-corelibs-foundation
        // crashed here once (an allocation of 110 GB inside removeItem).
        _ = try await TestProcess.run(["rm", "-rf", root], in: FileManager.default.temporaryDirectory.path)
    }

    static func compare(_ scenario: String, _ root: String) async {
        let native = ReleasePlanner(
            repository: GitRepository(path: root, runner: FoundationProcessRunner()),
            fileSystem: LocalFileSystem()
        )
        var releases = 0
        for request in Self.requests(root: root) {
            let (full, next) = await Self.answers(native, request)
            #expect(full == next, "\(scenario) \(request.strategy) \(request.options) \(request.tagPrefix ?? "")")
            if case .success(let answer) = next, answer.isRelease { releases += 1 }
        }
        // Every scenario has at least one release among the combinations (so the comparison is not all errors).
        #expect(releases > 0 || scenario == "edge/no-tags-no-files")
        // The git command's answers (the fallback of the native reader) give the same comparison.
        let viaGit = ReleasePlanner(
            repository: GitRepository(path: root, runner: FoundationProcessRunner(), readsFilesDirectly: false),
            fileSystem: LocalFileSystem()
        )
        for strategy in BumpStrategy.allCases {
            for firstParent in [false, true] {
                let request = ReleaseRequest(
                    root: root,
                    strategy: strategy,
                    firstParent: firstParent,
                    date: CalendarDate("2026-12-06")!
                )
                let (full, next) = await Self.answers(viaGit, request)
                #expect(full == next, "\(scenario) via git \(strategy) first-parent \(firstParent)")
                let nativeNext = await Self.answers(native, request).next
                #expect(next == nativeNext, "\(scenario) native vs git")
            }
        }
    }

    @Test("--next does not read version files when a tag gives the version (the release reports them)", .tags(.process))
    func damagedVersionFileBesideTag() async throws {
        let root = try await GitRepositoryTests.makeRepository()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "{\n  \"version\": \"1.0.0\",\n".write(toFile: root + "/package.json", atomically: true, encoding: .utf8)
        try await TestProcess.run(["git", "add", "package.json"], in: root)
        try await GitRepositoryTests.commit("chore: init", in: root)
        try await TestProcess.run(["git", "tag", "v1.0.0"], in: root)
        try await GitRepositoryTests.commit("feat: a", in: root)
        let planner = ReleasePlanner(
            repository: GitRepository(path: root, runner: FoundationProcessRunner()),
            fileSystem: LocalFileSystem()
        )
        let (full, next) = await Self.answers(planner, ReleaseRequest(root: root, date: CalendarDate("2026-12-06")!))
        guard case .failure(.versionFile) = full else {
            Issue.record("the full plan should report the damaged package.json: \(full)")
            return
        }
        #expect(try next.get().nextVersion == "1.1.0")
        #expect(try next.get().tag == "v1.1.0")
    }
}
