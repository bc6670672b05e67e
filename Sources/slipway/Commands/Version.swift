import ArgumentParser
import Foundation
import Ledger
import SlipwayCore
import Versioning

extension Slipway {
    /// `slipway version`: next version, version files, CHANGELOG.md, release commit and tag.
    struct Version: SlipwayCommand {
        static let configuration = CommandConfiguration(
            commandName: "version",
            abstract:
                "Bump the version from conventional commits, write the changelog, commit and tag (standard-version compatible).",
            discussion: """
                Reads the commits since the last release tag, decides the next version like standard-version, \
                updates version files (package.json, VERSION, pyproject.toml, Cargo.toml, Chart.yaml, …) and \
                CHANGELOG.md, then creates the release commit and an annotated tag. Nothing is pushed.

                Examples:
                  slipway version --dry-run
                  slipway version --release-as minor
                  slipway version --prerelease alpha
                  slipway version --first-release
                  slipway version --format json --dry-run
                  VERSION=$(slipway version --next)

                --next prints only the next version (without the tag prefix) and changes nothing: no changelog, \
                notes or plan are computed. Without a release (--strategy semantic-release or commitizen on a \
                chore-only history) it prints nothing to stdout, the reason to stderr, and exits 0 like the full \
                command. With --format json it prints nextVersion, previousVersion, previousTag, releaseType, tag, \
                summary and warnings (keys without a value are left out, as in the full plan's JSON).

                Settings come from `versioning:` in slipway.yml or from .versionrc / .versionrc.json.
                See docs/versioning.md, which also maps every standard-version flag.
                """
        )

        @Option(name: .long, help: "Repository root (default: the current directory).")
        var path: String = "."

        @OptionGroup var global: GlobalOptions

        @OptionGroup var ledgerRecording: LedgerRecordingOptions

        @Flag(name: .customLong("dry-run"), help: "Print the plan and the changelog section; write nothing.")
        var dryRun = false

        @Flag(
            name: .customLong("next"),
            help: "Print only the next version (no tag prefix; nothing if no release) and write nothing."
        )
        var nextOnly = false

        @Option(name: [.short, .customLong("release-as")], help: "major, minor, patch, or an exact version.")
        var releaseAs: String?

        @Flag(name: [.short, .customLong("prerelease")], help: "Make a pre-release (`--prerelease [id]`, e.g. alpha).")
        var prerelease = false

        @Argument(help: ArgumentHelp("The pre-release identifier after --prerelease.", visibility: .hidden))
        var prereleaseIdentifier: String?

        @Flag(name: [.short, .customLong("first-release")], help: "Tag the current version without bumping it.")
        var firstRelease = false

        @Option(name: [.short, .customLong("tag-prefix")], help: "Tag prefix (default: tagPrefix setting or v).")
        var tagPrefix: String?

        @Option(help: "Bump strategy: standard-version, semantic-release or commitizen.")
        var strategy: BumpStrategy = .standardVersion

        @Flag(name: .customLong("first-parent"), help: "Follow only the first parent of merges.")
        var firstParent = false

        @Option(name: .customLong("changelog"), help: "Changelog file (default: CHANGELOG.md).")
        var changelogPath = "CHANGELOG.md"

        @Option(name: .customLong("release-notes"), help: "Also write the release notes (Markdown) to this file.")
        var releaseNotesPath: String?

        @Flag(name: .customLong("skip-bump"), help: "Do not change version files.")
        var skipBump = false

        @Flag(name: .customLong("skip-changelog"), help: "Do not write the changelog.")
        var skipChangelog = false

        @Flag(name: [.customLong("skip-commit"), .customLong("no-commit")], help: "Do not create the release commit.")
        var skipCommit = false

        @Flag(name: [.customLong("skip-tag"), .customLong("no-tag")], help: "Do not create the release tag.")
        var skipTag = false

        @Flag(name: [.short, .customLong("sign")], help: "Sign the commit and tag with git's signing configuration.")
        var sign = false

        @Flag(name: [.short, .customLong("no-verify")], help: "Skip git hooks when committing.")
        var noVerify = false

        @Flag(name: [.short, .customLong("commit-all")], help: "Commit all tracked changes with the release.")
        var commitAll = false

        @Option(name: .long, help: "Output format: text or json.")
        var format: VersionOutputFormat = .text

        func validate() throws {
            if prereleaseIdentifier != nil && !prerelease {
                throw ValidationError(
                    "unexpected argument '\(prereleaseIdentifier ?? "")'; did you mean --prerelease \(prereleaseIdentifier ?? "")?"
                )
            }
            if nextOnly, releaseNotesPath != nil {
                throw ValidationError("--next writes nothing; drop --release-notes (or --next)")
            }
            if let releaseAs {
                do {
                    _ = try BumpOptions.ReleaseAs(releaseAs)
                } catch {
                    throw ValidationError("\(error)")
                }
            }
        }

        func run(_ context: SlipwayContext) async throws -> ExitStatus {
            if nextOnly { return try await VersionNextQuery(self).run(context) }
            var skip = VersioningSettings.Skip()
            skip.bump = skipBump
            skip.changelog = skipChangelog
            skip.commit = skipCommit
            skip.tag = skipTag
            let (configuration, request) = try VersioningContext.releaseRequest(
                path: path,
                config: global.config,
                options: BumpOptions(
                    releaseAs: try releaseAs.map { try BumpOptions.ReleaseAs($0) },
                    prerelease: prerelease ? (prereleaseIdentifier ?? "") : nil,
                    firstRelease: firstRelease
                ),
                strategy: strategy,
                tagPrefix: tagPrefix,
                firstParent: firstParent,
                changelogPath: changelogPath,
                skip: skip,
                context: context
            )
            let root = request.root
            let repository = GitRepository(path: root, runner: context.processRunner, environment: context.environment)
            let plan = try await ReleasePlanner(repository: repository, fileSystem: context.fileSystem).plan(request)
            for warning in plan.warnings { context.output.writeError("warning: \(warning)\n") }
            for problem in plan.unparsedCommits.prefix(5) { context.output.writeError("note: skipped \(problem)\n") }
            if plan.unparsedCommits.count > 5 {
                context.output.writeError(
                    "note: \(plan.unparsedCommits.count - 5) more non-conventional commit(s) skipped "
                        + "(listed under unparsedCommits in --format json)\n"
                )
            }
            switch format {
            case .json: context.output.write(plan.jsonText())
            case .text: context.output.write(VersioningContext.describe(plan, dryRun: dryRun))
            }
            if dryRun { return .success }
            try await ReleaseExecutor(repository: repository, fileSystem: context.fileSystem).apply(
                plan,
                root: root,
                options: ReleaseExecutor.GitOptions(sign: sign, noVerify: noVerify, commitAll: commitAll)
            )
            if let releaseNotesPath, plan.isRelease {
                try context.fileSystem.writeTextAtomically(plan.releaseNotes, to: releaseNotesPath)
            }
            try VersioningContext.writeGitHubOutputs(plan, context: context)
            if let next = plan.nextVersion {
                var details: [String: JSONValue] = [
                    "previousVersion": .string(plan.previousVersion),
                    "commits": .number(Double(plan.commits.count)),
                ]
                if let tag = plan.tag { details["tag"] = .string(tag) }
                if let type = plan.releaseType { details["releaseType"] = .string(type.rawValue) }
                if !plan.issueKeys.isEmpty { details["issueKeys"] = .array(plan.issueKeys.map(JSONValue.string)) }
                try await ledgerRecording.record(
                    .versionComputed,
                    context,
                    configuration: configuration,
                    subject: EventSubject(version: next),
                    outputs: [LedgerRecordingOptions.digest(of: plan.changelogSection, writtenTo: nil)],
                    result: "success",
                    details: .object(details)
                )
            }
            return .success
        }
    }
}

/// Output formats of `slipway version`.
enum VersionOutputFormat: String, CaseIterable, ExpressibleByArgument {
    case text
    case json
}
