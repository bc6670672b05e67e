import SlipwayCore
import Versioning

/// What `slipway version --next` reads from its command line, and the run that prints the answer.
///
/// Pipelines call `VERSION=$(slipway version --next)` on every build, so the command is mostly start-up: on a range of
/// a few commits, swift-argument-parser's reflection over `Version`'s options (a search of the binary's 11,500
/// protocol-conformance records per option type) took 6 of its 8.5 ms of user CPU. `init?(commandLine:)` reads the
/// plain spellings of the options that matter to `--next` (`PlainCommandLine`), and `main` runs the query without
/// building the parser's model; anything else is declined and parsed by swift-argument-parser as before.
struct VersionNextQuery: Equatable, Sendable {
    var path = "."
    var config: String?
    var releaseAs: String?
    /// The pre-release identifier: nil without `--prerelease`, empty for `--prerelease` alone.
    var prerelease: String?
    var firstRelease = false
    var tagPrefix: String?
    var strategy: BumpStrategy = .standardVersion
    var firstParent = false
    /// `--skip-tag`: the JSON answer then names no tag.
    var skipTag = false
    var format: VersionOutputFormat = .text

    /// The values swift-argument-parser parsed into `command`.
    init(_ command: Slipway.Version) {
        path = command.path
        config = command.global.config
        releaseAs = command.releaseAs
        prerelease = command.prerelease ? (command.prereleaseIdentifier ?? "") : nil
        firstRelease = command.firstRelease
        tagPrefix = command.tagPrefix
        strategy = command.strategy
        firstParent = command.firstParent
        skipTag = command.skipTag
        format = command.format
    }

    /// The spellings read directly: every option that steers `--next`, and `--dry-run`, which it ignores.
    private static let plainCommandLine = PlainCommandLine(
        command: ["version"],
        options: [
            .flag("--next"), .flag("--dry-run"), .value("--path"), .value("--config"), .value("--release-as", "-r"),
            .flag("--prerelease", "-p"), .flag("--first-release", "-f"), .value("--tag-prefix", "-t"),
            .value("--strategy"), .flag("--first-parent"), .flag("--skip-tag", "--no-tag"), .value("--format"),
        ],
        maximumPositionals: 1
    )

    /// Reads `version … --next …` when every argument is a plain spelling with a valid value; nil otherwise.
    init?(commandLine arguments: [String]) {
        guard let reading = Self.plainCommandLine.read(arguments), reading.flags.contains("--next") else { return nil }
        path = reading.value("--path") ?? path
        config = reading.value("--config")
        if let releaseAs = reading.value("--release-as") {
            guard (try? BumpOptions.ReleaseAs(releaseAs)) != nil else { return nil }
            self.releaseAs = releaseAs
        }
        // `--prerelease alpha`: the identifier is the command's one positional argument, wherever it stands.
        if reading.flags.contains("--prerelease") {
            prerelease = reading.positionals.first ?? ""
        } else if !reading.positionals.isEmpty {
            return nil
        }
        firstRelease = reading.flags.contains("--first-release")
        tagPrefix = reading.value("--tag-prefix")
        firstParent = reading.flags.contains("--first-parent")
        skipTag = reading.flags.contains("--skip-tag")
        do {
            strategy = try reading.value("--strategy", as: BumpStrategy.self) ?? strategy
            format = try reading.value("--format", as: VersionOutputFormat.self) ?? format
        } catch {
            return nil
        }
    }

    /// Prints the next version (or the JSON answer) like `slipway version --next`.
    func run(_ context: SlipwayContext) async throws -> ExitStatus {
        var skip = VersioningSettings.Skip()
        skip.tag = skipTag
        let (_, request) = try VersioningContext.releaseRequest(
            path: path,
            config: config,
            options: BumpOptions(
                releaseAs: try releaseAs.map { try BumpOptions.ReleaseAs($0) },
                prerelease: prerelease,
                firstRelease: firstRelease
            ),
            strategy: strategy,
            tagPrefix: tagPrefix,
            firstParent: firstParent,
            skip: skip,
            context: context
        )
        let repository = GitRepository(
            path: request.root,
            runner: context.processRunner,
            environment: context.environment
        )
        let answer = try await ReleasePlanner(repository: repository, fileSystem: context.fileSystem)
            .nextVersion(request)
        for warning in answer.warnings { context.output.writeError("warning: \(warning)\n") }
        switch format {
        case .json: context.output.write(answer.jsonText())
        case .text:
            if let next = answer.nextVersion {
                context.output.write(next + "\n")
            } else {
                // The full command's message, on stderr: `VERSION=$(slipway version --next)` stays empty.
                let previous = answer.previousTag.map { "\($0) (\(answer.previousVersion))" }
                context.output.writeError(
                    "No release: \(answer.summary) (current \(previous ?? answer.previousVersion)).\n"
                )
            }
        }
        return .success
    }
}
