import ArgumentParser
import Foundation
import Ledger
import SlipwayCore
import SupplyChain
import Versioning

extension Slipway {
    /// `slipway sbom`: a CycloneDX or SPDX SBOM of every lockfile under a path.
    struct SBOM: SlipwayCommand {
        static let configuration = CommandConfiguration(
            commandName: "sbom",
            abstract: "Write a CycloneDX 1.6/1.5 or SPDX 2.3 SBOM from the lockfiles under a path.",
            discussion: """
                Finds lockfiles recursively (package-lock.json, yarn.lock, pnpm-lock.yaml, Package.resolved, \
                requirements*.txt, poetry.lock, Pipfile.lock, uv.lock, Cargo.lock, go.mod, Gemfile.lock, \
                composer.lock, pom.xml), skipping node_modules, .build, vendor and .git. Identical input gives \
                byte-identical output; the timestamp honours SOURCE_DATE_EPOCH.

                Examples:
                  slipway sbom --output sbom.cdx.json
                  slipway sbom --format spdx --output sbom.spdx.json
                  SOURCE_DATE_EPOCH=1700000000 slipway sbom --spec-version 1.5
                """
        )

        @Argument(help: "A directory or lockfile (default: .).")
        var path: String = "."

        @Option(name: .shortAndLong, help: "cyclonedx or spdx.")
        var format: SBOMFormat = .cyclonedx

        @Option(name: .customLong("spec-version"), help: "CycloneDX spec version: 1.5 or 1.6.")
        var specVersion: String = "1.6"

        @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of stdout.")
        var output: String?

        @Option(
            name: .customLong("name"),
            help:
                "Name of the component under release (default: from package.json, pyproject.toml, Cargo.toml, composer.json or pom.xml, else the directory name)."
        )
        var name: String?

        @Option(
            name: .customLong("component-version"),
            help: "Version of the component under release (default: from the same manifest)."
        )
        var componentVersion: String?

        @OptionGroup var ledgerRecording: LedgerRecordingOptions

        func validate() throws {
            guard CycloneDXWriter.SpecVersion(rawValue: specVersion) != nil else {
                throw ValidationError("--spec-version must be 1.5 or 1.6")
            }
        }

        func run(_ context: SlipwayContext) async throws -> ExitStatus {
            // A mistyped path would otherwise give a valid SBOM with no components, and a passing step.
            guard context.fileSystem.itemKind(at: path) != nil else { throw FileSystemError.notFound(path: path) }
            let inventory = LockfileDiscovery(fileSystem: context.fileSystem, readers: LockfileReaders.all)
                .inventory(of: path)
            for diagnostic in inventory.diagnostics { context.output.writeError("\(diagnostic)\n") }
            if inventory.foundNothing {
                // An SBOM of a project without dependencies is valid, but more often the path is wrong.
                context.output.writeError(
                    "\(path): warning: no lockfiles found (\(LockfileDiscovery.examples)); the SBOM "
                        + "lists no components\n"
                )
            }
            let root = context.fileSystem.isDirectory(path) ? path : PathUtilities.directory(of: path)
            let identity = componentIdentity(root: root, context)
            let input = SBOMInput(
                name: identity.name,
                version: identity.version,
                components: inventory.components,
                timestamp: Int(context.wallClock.now().timeIntervalSince1970),
                toolVersion: Slipway.version
            )
            let document: String
            switch format {
            case .cyclonedx:
                document = try CycloneDXWriter.write(
                    input,
                    specVersion: CycloneDXWriter.SpecVersion(rawValue: specVersion) ?? .v16
                )
            case .spdx:
                document = try SPDXWriter.write(input)
            }
            if let output {
                try context.fileSystem.writeTextAtomically(document, to: output)
            } else {
                context.output.write(document)
            }
            context.output.writeError(
                "\(inventory.components.count) component(s) from \(inventory.sources.count) lockfile(s)\n"
            )
            try await ledgerRecording.record(
                .sbomGenerated,
                context,
                subject: EventSubject(project: name, version: identity.version),
                inputs: try LedgerRecordingOptions.digests(
                    ofFiles: inventory.sources.map { PathUtilities.join(root, $0.path) },
                    context
                ),
                outputs: [LedgerRecordingOptions.digest(of: document, writtenTo: output)],
                result: inventory.diagnostics.isEmpty ? "success" : "partial",
                details: .object([
                    "format": .string(format.rawValue),
                    "components": .number(Double(inventory.components.count)),
                ])
            )
            return inventory.diagnostics.isEmpty ? .success : .inputError
        }

        /// `--name` and `--component-version`, else what the project's manifest says (package.json, pyproject.toml,
        /// Cargo.toml, composer.json, pom.xml), else the directory's name and no version.
        private func componentIdentity(root: String, _ context: SlipwayContext) -> (name: String, version: String?) {
            if let name, let componentVersion { return (name, componentVersion) }
            var manifest: ProjectIdentity?
            do {
                manifest = try ProjectIdentity.read(root: root, fileSystem: context.fileSystem)
            } catch {
                context.output.writeError(
                    DiagnosticFormatter.line(
                        level: "warning",
                        message: "cannot read the project's name: \(error.problem); using the directory's name "
                            + "(fix the manifest, or pass --name and --component-version)",
                        location: error.location
                    ) + "\n"
                )
            }
            let directory = PathUtilities.lastComponent(
                of: PathUtilities.join(context.fileSystem.currentDirectory, root)
            )
            // `/` has no last component, and an SBOM's component needs a name.
            let fallback = directory.isEmpty ? "unnamed" : directory
            return (name ?? manifest?.name ?? fallback, componentVersion ?? manifest?.version)
        }
    }
}

/// SBOM formats.
enum SBOMFormat: String, CaseIterable, ExpressibleByArgument {
    case cyclonedx
    case spdx
}
