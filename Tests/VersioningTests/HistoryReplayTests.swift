import SlipwayCore
import SlipwayTestSupport
import Testing
import Versioning

/// Replays real release histories (`../shared/corpus/histories`): the bump computed from each pair's commits must be
/// the release type the project actually shipped, derived from its two tags.
@Suite(.enabled(if: Corpus.isAvailable, "shared corpus not present"))
struct HistoryReplayTests {
    static let root = Corpus.sharedRoot + "/corpus/histories"

    /// Every sample folder, relative to `root`: `<owner>__<repo>` and `<owner>__<repo>/more/<range>`.
    static let samples: [String] = {
        let fileSystem = LocalFileSystem()
        guard let projects = try? fileSystem.contentsOfDirectory(at: root) else { return [] }
        var samples: [String] = []
        for project in projects.sorted() where fileSystem.isDirectory(root + "/" + project) {
            samples.append(project)
            let more = root + "/" + project + "/more"
            for range in ((try? fileSystem.contentsOfDirectory(at: more)) ?? []).sorted() {
                samples.append(project + "/more/" + range)
            }
        }
        return samples
    }()

    /// Samples whose release differs from what the rules compute, each with the level the rules give and why.
    ///
    /// These are checked as exactly this computed level, so a change in the calculator still shows up.
    static let knownDifferences: [String: (computed: ReleaseType, why: String)] = [
        // `chore(azure_devops)!: rename azureDevops variable to azure_devops (#1319)` is a breaking change by the
        // spec (and git-cliff's own CHANGELOG lists it as "[**breaking**]"), so standard-version computes 3.0.0. The
        // maintainer picks git-cliff's version by hand (`git cliff --tag`) and shipped 2.12.0.
        "orhun__git-cliff/more/v2.11.0..v2.12.0": (.major, "breaking chore released as a minor by hand")
    ]

    /// Commits of a sample that the parser reports as not conventional, keyed by sample, as short hashes.
    static let expectedParseFailures: [String: Set<String>] = [
        // `fixup! refactor(Commit): …`, an autosquash commit that was pushed without being squashed.
        "commitizen-tools__commitizen/more/v4.9.1..v4.10.0": ["fa8d227"]
    ]

    struct Sample {
        var previous: SemanticVersion
        var release: SemanticVersion
        var commits: [RawCommit]
    }

    static func load(_ sample: String) throws -> Sample {
        let fileSystem = LocalFileSystem()
        let directory = root + "/" + sample
        var tags: [String: SemanticVersion] = [:]
        for line in try fileSystem.readText(at: directory + "/tags.txt").split(separator: "\n") {
            let fields = line.split(separator: "\t")
            guard fields.count >= 2 else { continue }
            tags[String(fields[0])] = SemanticVersion(tag: String(fields[1]), prefix: "v")
        }
        let previous = try #require(tags["previous_tag"])
        let release = try #require(tags["release_tag"])
        return Sample(previous: previous, release: release, commits: try commits(directory + "/commits.txt"))
    }

    /// Reads `git log --format=%H%n%B%n==END==` output: a hash line, the message, then `==END==`.
    static func commits(_ path: String) throws -> [RawCommit] {
        var commits: [RawCommit] = []
        var hash: String?
        var message: [Substring] = []
        for line in try LocalFileSystem().readText(at: path).split(separator: "\n", omittingEmptySubsequences: false) {
            if let current = hash {
                if line == "==END==" {
                    commits.append(RawCommit(hash: current, message: message.joined(separator: "\n")))
                    hash = nil
                    message = []
                } else {
                    message.append(line)
                }
            } else if !line.isEmpty {
                hash = String(line)
            }
        }
        return commits
    }

    static func shippedType(from previous: SemanticVersion, to release: SemanticVersion) -> ReleaseType {
        if previous.major != release.major { return .major }
        if previous.minor != release.minor { return .minor }
        return .patch
    }

    @Test("the corpus holds the nine documented tag pairs")
    func corpusShape() {
        #expect(Self.samples.count == 9, "\(Self.samples)")
    }

    @Test("every commit parses, except the documented autosquash commit", arguments: samples)
    func parsesEveryCommit(_ sample: String) throws {
        let loaded = try Self.load(sample)
        #expect(!loaded.commits.isEmpty)
        let failures = ConventionalCommitParser.parse(loaded.commits).compactMap { result -> String? in
            guard case .failure(let error) = result else { return nil }
            return String(error.hash.prefix(7))
        }
        #expect(Set(failures) == Self.expectedParseFailures[sample] ?? [])
    }

    @Test("standard-version's rules give the release type the project shipped", arguments: samples)
    func replaysRelease(_ sample: String) throws {
        let loaded = try Self.load(sample)
        let decision = try BumpCalculator().decide(current: loaded.previous, commits: loaded.commits)
        let shipped = Self.shippedType(from: loaded.previous, to: loaded.release)
        if let known = Self.knownDifferences[sample] {
            #expect(shipped != known.computed, "no longer a difference; remove it from knownDifferences")
            #expect(decision.releaseType == known.computed, "\(known.why)")
        } else {
            #expect(decision.releaseType == shipped, "\(decision.summary)")
            #expect(decision.nextVersion == loaded.release, "\(loaded.previous) → \(loaded.release)")
        }
    }

    @Test("semantic-release and commitizen rules agree on these histories", arguments: samples)
    func otherStrategies(_ sample: String) throws {
        let loaded = try Self.load(sample)
        let standard = try BumpCalculator().decide(current: loaded.previous, commits: loaded.commits)
        for strategy in [BumpStrategy.semanticRelease, .commitizen] {
            let decision = try BumpCalculator(strategy: strategy).decide(
                current: loaded.previous,
                commits: loaded.commits
            )
            // All previous versions are ≥ 1.0.0 and every range has a feat or fix, so the strategies agree.
            #expect(decision.releaseType == standard.releaseType, "\(strategy)")
        }
    }
}
