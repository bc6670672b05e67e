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
            let root = PathUtilities.normalize(path)
            let configuration = try ProjectConfiguration.load(near: root, explicit: global.config, context: context)
            let settings = try VersioningSettingsLoader.load(
                root: root,
                configuration: configuration,
                fileSystem: context.fileSystem
            )
            var skip = VersioningSettings.Skip()
            skip.bump = true
            let request = ReleaseRequest(
                root: root,
                settings: settings,
                tagPrefix: tagPrefix,
                date: CalendarDate(secondsSince1970: Int(context.wallClock.now().timeIntervalSince1970)),
                skip: skip
            )
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
