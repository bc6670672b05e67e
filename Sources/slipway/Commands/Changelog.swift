import ArgumentParser
import Foundation
import SlipwayCore
import Versioning

extension Slipway {
    /// `slipway changelog`: the changelog section (or release notes) of the next release, without changing anything.
    struct Changelog: SlipwayCommand {
        static let configuration = CommandConfiguration(
            commandName: "changelog",
            abstract: "Print the changelog section or release notes of the next release (changes nothing).",
            discussion: """
                Examples:
                  slipway changelog
                  slipway changelog --release-notes --output release-notes.md
                """
        )

        @Option(name: .long, help: "Repository root (default: the current directory).")
        var path: String = "."

        @OptionGroup var global: GlobalOptions

        @Option(name: [.short, .customLong("tag-prefix")], help: "Tag prefix (default: tagPrefix setting or v).")
        var tagPrefix: String?

        @Flag(name: .customLong("release-notes"), help: "Print the release notes (no version heading).")
        var releaseNotes = false

        @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of stdout.")
        var output: String?

        func run(_ context: SlipwayContext) async throws -> ExitStatus {
            var skip = VersioningSettings.Skip()
            skip.bump = true
            let (_, request) = try VersioningContext.releaseRequest(
                path: path,
                config: global.config,
                tagPrefix: tagPrefix,
                skip: skip,
                context: context
            )
            let root = request.root
            let repository = GitRepository(path: root, runner: context.processRunner, environment: context.environment)
            let plan = try await ReleasePlanner(repository: repository, fileSystem: context.fileSystem).plan(request)
            let text = releaseNotes ? plan.releaseNotes : plan.changelogSection
            if let output {
                try context.fileSystem.writeTextAtomically(text, to: output)
            } else {
                context.output.write(text)
            }
            return .success
        }
    }
}
