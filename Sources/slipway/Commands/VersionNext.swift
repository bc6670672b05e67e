import SlipwayCore
import Versioning

/// What `slipway version --next` reads from its command line, and the run that prints the answer.
///
/// Pipelines call `VERSION=$(slipway version --next)` on every build, so the command is mostly start-up: on a range of
/// a few commits, swift-argument-parser's reflection over `Version`'s options (a search of the binary's 11,500
/// protocol-conformance records per option type) took 6 of its 8.5 ms of user CPU. `init?(commandLine:)` reads the
/// plain spellings of the options that matter to `--next` directly, and `main` runs the query without building the
/// parser's model. Anything else (help, a typo, `--option=value`, an invalid value, a repeated option) is declined
/// and parsed by swift-argument-parser as before, so errors and help stay its own. A test parses thousands of random
/// command lines both ways and requires the same values whenever this accepts one.
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

    /// Reads `version --next …` when every argument is one of the spellings below with a valid value; nil otherwise.
    init?(commandLine arguments: [String]) {
        guard arguments.first == "version", arguments.contains("--next") else { return nil }
        var seen = Set<String>()
        var index = 1
        /// The value after the option at `index`, or nil when there is none or it looks like an option.
        func value() -> String? {
            guard index + 1 < arguments.count, !arguments[index + 1].hasPrefix("-") else { return nil }
            index += 1
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            // One name per option, whichever spelling was used: a repeated option is swift-argument-parser's to judge.
            let option = Self.canonicalNames[argument] ?? argument
            guard seen.insert(option).inserted else { return nil }
            switch option {
            case "--next", "--dry-run": break
            case "--path":
                guard let path = value() else { return nil }
                self.path = path
            case "--config":
                guard let config = value() else { return nil }
                self.config = config
            case "--release-as":
                guard let releaseAs = value(), (try? BumpOptions.ReleaseAs(releaseAs)) != nil else { return nil }
                self.releaseAs = releaseAs
            case "--prerelease":
                // `--prerelease alpha`: the identifier is the positional argument right after the flag.
                if index + 1 < arguments.count, !arguments[index + 1].hasPrefix("-") {
                    index += 1
                    prerelease = arguments[index]
                } else {
                    prerelease = ""
                }
            case "--first-release": firstRelease = true
            case "--tag-prefix":
                guard let tagPrefix = value() else { return nil }
                self.tagPrefix = tagPrefix
            case "--strategy":
                guard let text = value(), let strategy = BumpStrategy(rawValue: text) else { return nil }
                self.strategy = strategy
            case "--first-parent": firstParent = true
            case "--skip-tag": skipTag = true
            case "--format":
                guard let text = value(), let format = VersionOutputFormat(rawValue: text) else { return nil }
                self.format = format
            default: return nil
            }
            index += 1
        }
    }

    /// Short and alternative spellings, by the option's long name.
    private static let canonicalNames = [
        "-r": "--release-as", "-p": "--prerelease", "-f": "--first-release", "-t": "--tag-prefix",
        "--no-tag": "--skip-tag",
    ]

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
