import Testing
import Versioning

@Suite struct BumpCalculatorTests {
    private static func version(_ text: String) -> SemanticVersion {
        SemanticVersion(text) ?? SemanticVersion(major: -1, minor: -1, patch: -1)
    }

    private static func commits(_ headers: [String]) -> [RawCommit] {
        headers.enumerated().map { RawCommit(hash: "c0ffee\($0.offset)0000000000", message: $0.element) }
    }

    private func next(
        _ current: String,
        _ headers: [String],
        _ options: BumpOptions = BumpOptions(),
        strategy: BumpStrategy = .standardVersion
    ) throws -> String? {
        try BumpCalculator(strategy: strategy)
            .decide(current: Self.version(current), commits: Self.commits(headers), options: options)
            .nextVersion?.description
    }

    // MARK: standard-version levels

    @Test(
        "standard-version: breaking → major, feat → minor, anything else → patch",
        arguments: [
            ("1.2.3", ["fix: a", "feat: b"], "1.3.0"), ("1.2.3", ["fix: a"], "1.2.4"),
            ("1.2.3", ["chore: a", "docs: b"], "1.2.4"), ("1.2.3", [], "1.2.4"),
            ("1.2.3", ["Update things"], "1.2.4"), ("1.2.3", ["feat!: a"], "2.0.0"),
            ("1.2.3", ["refactor!: a"], "2.0.0"), ("1.2.3", ["fix: a\n\nBREAKING CHANGE: b"], "2.0.0"),
            ("1.2.3", ["feature: long spelling"], "1.3.0"), ("1.2.3", ["Feat: capitalised"], "1.2.4"),
            ("1.2.3", ["fix: a\n\nBody text.\n\nBreaking change: noted anywhere, any case"], "2.0.0"),
            ("1.2.3", ["Rework everything\n\nBREAKING-CHANGE: header is not conventional"], "2.0.0"),
        ] as [(String, [String], String)]
    )
    func standardVersionLevels(current: String, headers: [String], expected: String) throws {
        #expect(try next(current, headers) == expected)
    }

    @Test(
        "standard-version below 1.0.0: every level drops one",
        arguments: [
            ("0.5.0", ["feat!: a"], "0.6.0"), ("0.5.0", ["feat: a"], "0.5.1"), ("0.5.0", ["fix: a"], "0.5.1"),
            ("0.5.0", ["chore: a"], "0.5.1"),
        ] as [(String, [String], String)]
    )
    func preMajor(current: String, headers: [String], expected: String) throws {
        #expect(try next(current, headers) == expected)
    }

    // MARK: standard-version README and test-suite known answers

    @Test("README: --prerelease from 1.0.0 with fixes gives 1.0.1-0, --prerelease alpha gives 1.0.1-alpha.0")
    func readmePrerelease() throws {
        #expect(try next("1.0.0", ["fix: a"], BumpOptions(prerelease: "")) == "1.0.1-0")
        #expect(try next("1.0.0", ["fix: a"], BumpOptions(prerelease: "alpha")) == "1.0.1-alpha.0")
        #expect(try next("1.0.1-alpha.0", ["fix: b"], BumpOptions(prerelease: "alpha")) == "1.0.1-alpha.1")
    }

    @Test("README: --release-as minor or 1.1.0 after only fixes gives 1.1.0 instead of 1.0.1")
    func readmeReleaseAs() throws {
        #expect(try next("1.0.0", ["fix: a"]) == "1.0.1")
        #expect(try next("1.0.0", ["fix: a"], BumpOptions(releaseAs: .init("minor"))) == "1.1.0")
        #expect(try next("1.0.0", ["fix: a"], BumpOptions(releaseAs: .init("1.1.0"))) == "1.1.0")
    }

    @Test("README: --first-release tags the current version without bumping")
    func readmeFirstRelease() throws {
        let decision = try BumpCalculator()
            .decide(
                current: Self.version("1.0.1"),
                commits: Self.commits(["feat: a"]),
                options: .init(firstRelease: true)
            )
        #expect(decision.nextVersion?.description == "1.0.1")
        #expect(decision.releaseType == nil && decision.increment == nil)
    }

    @Test(
        "test suite: --release-as TYPE and --release-as TYPE --prerelease TYPE from 1.0.0",
        arguments: [("major", "2.0.0"), ("minor", "1.1.0"), ("patch", "1.0.1")]
    )
    func releaseAsTypes(type: String, expected: String) throws {
        #expect(try next("1.0.0", ["fix: a"], BumpOptions(releaseAs: .init(type))) == expected)
        #expect(
            try next("1.0.0", ["fix: a"], BumpOptions(releaseAs: .init(type), prerelease: type))
                == "\(expected)-\(type).0"
        )
    }

    @Test("test suite: --release-as v100.0.0 and 200.0.0-amazing are taken as given")
    func releaseAsExact() throws {
        #expect(try next("1.0.0", ["fix: a"], BumpOptions(releaseAs: .init("v100.0.0"))) == "100.0.0")
        #expect(try next("1.0.0", ["fix: a"], BumpOptions(releaseAs: .init("200.0.0-amazing"))) == "200.0.0-amazing")
    }

    @Test("test suite: --release-as major below 1.0.0 gives 1.0.0")
    func releaseAsMajorBelowOne() throws {
        #expect(try next("0.5.0", ["feat!: a"], BumpOptions(releaseAs: .init("major"))) == "1.0.0")
    }

    @Test("test suite: a new minor pre-release line after two patch pre-releases")
    func prereleaseLines() throws {
        let dev = "dev"
        #expect(try next("1.0.0", ["fix: a"], BumpOptions(releaseAs: .init("patch"), prerelease: dev)) == "1.0.1-dev.0")
        #expect(try next("1.0.1-dev.0", ["fix: a"], BumpOptions(prerelease: dev)) == "1.0.1-dev.1")
        #expect(
            try next("1.0.1-dev.1", ["feat: a"], BumpOptions(releaseAs: .init("minor"), prerelease: dev))
                == "1.1.0-dev.0"
        )
        #expect(
            try next("1.1.0-dev.0", ["feat: a"], BumpOptions(releaseAs: .init("minor"), prerelease: dev))
                == "1.1.0-dev.1"
        )
        #expect(try next("1.1.0-dev.1", ["feat: a"], BumpOptions(prerelease: dev)) == "1.1.0-dev.2")
    }

    @Test("issue: a higher level starts a new pre-release line, the same or lower continues it")
    func prereleaseLineRules() throws {
        #expect(try next("1.0.1-alpha.1", ["feat: a"], BumpOptions(prerelease: "alpha")) == "1.1.0-alpha.0")
        #expect(try next("1.1.0-alpha.0", ["fix: a"], BumpOptions(prerelease: "alpha")) == "1.1.0-alpha.1")
        #expect(try next("2.0.0-rc.1", ["feat: a"], BumpOptions(prerelease: "rc")) == "2.0.0-rc.2")
        #expect(try next("1.0.1-alpha.1", ["fix: a"], BumpOptions(prerelease: "beta")) == "1.0.1-beta.0")
        #expect(try next("1.0.1-alpha.3", ["fix: a"]) == "1.0.1", "a plain release finishes the pre-release")
        #expect(try next("1.1.0-alpha.3", ["feat!: a"]) == "2.0.0")
    }

    @Test("an invalid --prerelease identifier or --release-as value is an error")
    func invalidOptions() {
        #expect(throws: BumpError.invalidPrereleaseIdentifier("01")) {
            try next("1.0.0", ["fix: a"], BumpOptions(prerelease: "01"))
        }
        #expect(throws: BumpError.invalidPrereleaseIdentifier("a b")) {
            try next("1.0.0", ["fix: a"], BumpOptions(prerelease: "a b"))
        }
        #expect(throws: BumpError.invalidReleaseAs("huge")) { try BumpOptions.ReleaseAs("huge") }
        #expect(throws: BumpError.numberTooLarge(Self.version("\(Int.max).0.0"))) {
            try next("\(Int.max).0.0", ["feat!: a"])
        }
    }

    // MARK: Other strategies

    @Test(
        "strategies differ where the table in BumpStrategy says",
        arguments: [
            (["chore: a", "docs: b"], "1.2.3", "1.2.4", nil, nil),
            ([], "1.2.3", "1.2.4", nil, nil),
            (["refactor: a"], "1.2.3", "1.2.4", nil, "1.2.4"),
            (["perf: a"], "1.2.3", "1.2.4", "1.2.4", "1.2.4"),
            (["feature: a"], "1.2.3", "1.3.0", nil, "1.3.0"),
            (["feat!: a"], "0.3.1", "0.4.0", "1.0.0", "1.0.0"),
            (["feat: a"], "0.3.1", "0.3.2", "0.4.0", "0.4.0"),
            (["chore: a\n\nfix: mentioned in the body"], "1.2.3", "1.2.4", nil, "1.2.4"),
            (["Revert \"chore: a\"\n\nThis reverts commit 1234567."], "1.2.3", "1.2.4", "1.2.4", nil),
        ] as [([String], String, String, String?, String?)]
    )
    func strategies(
        headers: [String],
        current: String,
        standardVersion: String,
        semanticRelease: String?,
        commitizen: String?
    ) throws {
        #expect(try next(current, headers, strategy: .standardVersion) == standardVersion)
        #expect(try next(current, headers, strategy: .semanticRelease) == semanticRelease)
        #expect(try next(current, headers, strategy: .commitizen) == commitizen)
    }

    @Test("--release-as forces a release even when the strategy would release nothing")
    func releaseAsForcesRelease() throws {
        #expect(
            try next("1.0.0", ["chore: a"], BumpOptions(releaseAs: .init("patch")), strategy: .semanticRelease)
                == "1.0.1"
        )
    }

    // MARK: Reasons

    @Test("the decision lists every commit with its contribution and why")
    func reasons() throws {
        let decision = try BumpCalculator()
            .decide(
                current: Self.version("1.4.0"),
                commits: [
                    RawCommit(hash: "aaaaaaa111", message: "feat(api): add x"),
                    RawCommit(hash: "bbbbbbb222", message: "chore: tidy"),
                    RawCommit(hash: "ccccccc333", message: "fixup! feat(api): add x"),
                ]
            )
        #expect(decision.previousVersion.description == "1.4.0")
        #expect(decision.nextVersion?.description == "1.5.0")
        #expect(decision.recommendedType == .minor && decision.releaseType == .minor && decision.increment == .minor)
        #expect(decision.commits.map(\.contributes) == [.minor, .patch, .patch])
        #expect(decision.commits.map(\.header) == ["feat(api): add x", "chore: tidy", "fixup! feat(api): add x"])
        #expect(decision.commits[0].why == "'feat' is a feature")
        #expect(decision.commits[2].why.contains("'fixup!' commit"))
        #expect(decision.summary == "standard-version: 0 breaking changes, 1 feature, 0 fixes, 2 other commits")
    }

    @Test("a commit reverted in the same range counts for nothing")
    func revertedPair() throws {
        let feature = RawCommit(hash: "1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", message: "feat: add x")
        let revert = RawCommit(
            hash: "2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
            message: "Revert \"feat: add x\"\n\nThis reverts commit 1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa."
        )
        let decision = try BumpCalculator().decide(current: Self.version("1.0.0"), commits: [revert, feature])
        #expect(decision.nextVersion?.description == "1.0.1")
        #expect(decision.commits[1].contributes == .none)
        #expect(decision.commits[1].why.hasPrefix("reverted by 2222222"))
    }

    @Test("below 1.0.0 the reason says the level was lowered")
    func loweredReason() throws {
        let decision = try BumpCalculator().decide(current: Self.version("0.2.0"), commits: Self.commits(["feat!: a"]))
        #expect(decision.commits[0].contributes == .minor)
        #expect(decision.commits[0].why.contains("below 1.0.0"))
        #expect(decision.releaseType == .minor)
    }

    @Test("semantic-release with nothing releasable reports no next version, with reasons")
    func noRelease() throws {
        let decision = try BumpCalculator(strategy: .semanticRelease)
            .decide(current: Self.version("1.0.0"), commits: Self.commits(["docs: a"]))
        #expect(!decision.isRelease && decision.releaseType == nil && decision.recommendedType == nil)
        #expect(decision.commits.map(\.contributes) == [BumpDecision.Contribution.none])
    }

    // MARK: node-semver inc known answers (its test fixtures)

    @Test(
        "increments exactly like node-semver's inc",
        arguments: [
            ("1.2.3", VersionIncrement.major, "", "2.0.0"), ("1.2.3", .minor, "", "1.3.0"),
            ("1.2.3", .patch, "", "1.2.4"),
            ("1.2.3-tag", .major, "", "2.0.0"), ("1.2.0-0", .patch, "", "1.2.0"), ("1.2.3-4", .major, "", "2.0.0"),
            ("1.2.3-4", .minor, "", "1.3.0"), ("1.2.3-4", .patch, "", "1.2.3"), ("1.2.0-1", .minor, "", "1.2.0"),
            ("1.0.0-1", .major, "", "1.0.0"), ("1.2.4", .prerelease, "", "1.2.5-0"),
            ("1.2.3-0", .prerelease, "", "1.2.3-1"), ("1.2.3-alpha.0", .prerelease, "", "1.2.3-alpha.1"),
            ("1.2.3-alpha.0.beta", .prerelease, "", "1.2.3-alpha.1.beta"),
            ("1.2.3-alpha.9.beta", .prerelease, "", "1.2.3-alpha.10.beta"), ("1.2.0", .prepatch, "", "1.2.1-0"),
            ("1.2.0-1", .prepatch, "", "1.2.1-0"), ("1.2.0", .preminor, "", "1.3.0-0"),
            ("1.2.3-1", .preminor, "", "1.3.0-0"), ("1.2.0", .premajor, "", "2.0.0-0"),
            ("1.2.3-1", .premajor, "", "2.0.0-0"), ("1.2.3", .premajor, "dev", "2.0.0-dev.0"),
            ("1.2.3-1", .premajor, "dev", "2.0.0-dev.0"), ("1.2.3", .prepatch, "dev", "1.2.4-dev.0"),
            ("1.2.0", .preminor, "dev", "1.3.0-dev.0"), ("1.2.3-1", .prerelease, "dev", "1.2.3-dev.0"),
            ("1.2.0-dev.1", .prerelease, "dev", "1.2.0-dev.2"), ("1.2.0-dev.1", .prerelease, "alpha", "1.2.0-alpha.0"),
            ("1.2.0-dev", .prerelease, "dev", "1.2.0-dev.0"), ("1.2.3+build", .patch, "", "1.2.4"),
        ] as [(String, VersionIncrement, String, String)]
    )
    func nodeSemverIncrements(from: String, increment: VersionIncrement, identifier: String, expected: String) throws {
        let ids = identifier.isEmpty ? [] : [SemanticVersion.PrereleaseIdentifier.alphanumeric(identifier)]
        #expect(try Self.version(from).incremented(increment, identifier: ids).description == expected)
    }
}
