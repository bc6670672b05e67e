import Foundation
import SlipwayCore
import Versioning

/// Shared plumbing of the versioning commands: configuration discovery, text output and GitHub outputs.
enum VersioningContext {
    /// Loads `slipway.yml` (or `config`) and the versioning settings (`versioning:` or `.versionrc`) near `path`.
    static func settings(
        near path: String,
        config: String?,
        context: SlipwayContext
    ) throws -> (root: String, configuration: SlipwayConfiguration, settings: VersioningSettings) {
        let root = PathUtilities.normalize(path)
        let configuration = try ProjectConfiguration.load(near: root, explicit: config, context: context)
        let settings = try VersioningSettingsLoader.load(
            root: root,
            configuration: configuration,
            fileSystem: context.fileSystem
        )
        return (root, configuration, settings)
    }

    /// The settings near `path` and the request that `slipway version`, `version --next` and `changelog` plan from.
    static func releaseRequest(
        path: String,
        config: String?,
        options: BumpOptions = BumpOptions(),
        strategy: BumpStrategy = .standardVersion,
        tagPrefix: String?,
        firstParent: Bool = false,
        changelogPath: String = "CHANGELOG.md",
        skip: VersioningSettings.Skip,
        context: SlipwayContext
    ) throws -> (configuration: SlipwayConfiguration, request: ReleaseRequest) {
        let (root, configuration, settings) = try settings(near: path, config: config, context: context)
        let request = ReleaseRequest(
            root: root,
            settings: settings,
            options: options,
            strategy: strategy,
            tagPrefix: tagPrefix,
            firstParent: firstParent,
            date: CalendarDate(secondsSince1970: Int(context.wallClock.now().timeIntervalSince1970)),
            changelogPath: changelogPath,
            skip: skip
        )
        return (configuration, request)
    }

    /// The human summary of a plan.
    static func describe(_ plan: ReleasePlan, dryRun: Bool) -> String {
        var out = ""
        let previous = plan.previousTag.map { "\($0) (\(plan.previousVersion))" } ?? plan.previousVersion
        guard let next = plan.nextVersion else {
            return "No release: \(plan.summary) (current \(previous)).\n"
        }
        out += "\(dryRun ? "Would release" : "Releasing") \(next)"
        out += plan.releaseType.map { " (\($0.rawValue))" } ?? ""
        out += " after \(previous): \(plan.summary)\n"
        for reason in plan.commits where reason.contributes != .none {
            out += "  \(String(reason.hash.prefix(7))) \(reason.contributes.rawValue): \(reason.header)\n"
        }
        if !plan.issueKeys.isEmpty { out += "Issues: \(plan.issueKeys.joined(separator: ", "))\n" }
        for file in plan.files { out += "\(dryRun ? "would update" : "updated") \(file.path)\n" }
        if let message = plan.commitMessage { out += "\(dryRun ? "would commit" : "committed"): \(message)\n" }
        if let tag = plan.tag { out += "\(dryRun ? "would tag" : "tagged") \(tag)\n" }
        if dryRun, !plan.changelogSection.isEmpty { out += "\n---\n" + plan.changelogSection + "---\n" }
        return out
    }

    /// Under GitHub Actions, appends `version`, `previous-version`, `tag`, `release-type`, `released` and
    /// `issue-keys` to `$GITHUB_OUTPUT`.
    static func writeGitHubOutputs(_ plan: ReleasePlan, context: SlipwayContext) throws {
        guard context.isGitHubActions, let path = context.environment["GITHUB_OUTPUT"], !path.isEmpty else { return }
        var lines = [
            "released=\(plan.isRelease)",
            "previous-version=\(plan.previousVersion)",
            "version=\(plan.nextVersion ?? plan.previousVersion)",
            "tag=\(plan.tag ?? "")",
            "release-type=\(plan.releaseType?.rawValue ?? "")",
            "issue-keys=\(plan.issueKeys.joined(separator: ","))",
        ]
        lines.append("release-notes<<SLIPWAY_EOF\n\(plan.releaseNotes)\nSLIPWAY_EOF")
        try context.fileSystem.appendFile(Array((lines.joined(separator: "\n") + "\n").utf8), to: path)
    }
}
