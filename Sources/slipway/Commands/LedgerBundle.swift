import ArgumentParser
import Foundation
import Ledger
import SlipwayCore

extension Slipway {
    /// `slipway ledger bundle`: the evidence of one release, for auditors, in one reproducible tar file.
    struct LedgerBundle: SlipwayCommand {
        static let configuration = CommandConfiguration(
            commandName: "bundle",
            abstract: "Write an auditor's evidence bundle for a release: events, inclusion proofs, checkpoint, files.",
            discussion: """
                Collects the events whose subject.version is VERSION (and version-less events of the same \
                workflow runs), an inclusion proof of each against the newest signed checkpoint, that \
                checkpoint, and the files the events reference (SBOMs, reports, signatures) when they are \
                found relative to --root and still match their recorded sha256. The tar file holds README.md, \
                manifest.json, events.jsonl, checkpoint, proofs/INDEX.json, files/ and SHA256SUMS; it is \
                reproducible (member times from SOURCE_DATE_EPOCH) and written atomically.

                Examples:
                  slipway ledger bundle 1.4.0
                  slipway ledger bundle 1.4.0 --output evidence.tar --key ledger.pub
                  tar -xf evidence.tar && cd evidence-1.4.0 && sha256sum -c SHA256SUMS

                Exit status: 0 written; 1 --key given and the ledger does not verify (nothing written); \
                2 no events for the version, or an unreadable ledger.
                """
        )

        @OptionGroup var location: LedgerLocationOptions

        @Argument(help: "The release version whose evidence to bundle.")
        var releaseVersion: String

        @Option(name: .long, help: "Only events of this project (subject.project).")
        var project: String?

        @Option(name: .shortAndLong, help: "The tar file to write (default: evidence-VERSION.tar).")
        var output: String?

        @Option(name: .long, help: "Resolve the file names events recorded against this directory (default: .).")
        var root: String?

        @Option(name: .customLong("max-file-size"), help: "Copy referenced files up to this many MiB (default 100).")
        var maxFileSize: Int = 100

        @OptionGroup var keys: LedgerKeyOptions

        func validate() throws {
            if maxFileSize < 0 { throw ValidationError("--max-file-size must be zero or more") }
        }

        func run(_ context: SlipwayContext) async throws -> ExitStatus {
            let settings = try location.settings(context)
            let ledger = try location.open(context, settings: settings)
            guard let manifest = try await ledger.store.manifest() else {
                throw LedgerStoreError.notFound(path: ledger.store.location)
            }
            let verifiers = try keys.verifiers(origin: manifest.origin, settings: settings, context: context)
            if !verifiers.isEmpty {
                // An auditor's bundle must not be made from a log that does not verify.
                let report = try await LedgerVerifier(verifiers: verifiers).verify(ledger.store)
                if let failure = report.firstFailure {
                    context.output.writeError("\(ledger.store.location): \(failure); no bundle written\n")
                    return .findings
                }
            }
            let request = EvidenceBundle.Request(
                version: releaseVersion,
                project: project,
                baseDirectory: PathUtilities.join(context.fileSystem.currentDirectory, root ?? "."),
                maxFileSize: maxFileSize << 20,
                modificationTime: Int(context.wallClock.now().timeIntervalSince1970)
            )
            let bundle = try await EvidenceBundle.build(ledger, request: request, fileSystem: context.fileSystem)
            let path = output ?? EvidenceBundle.directoryName(version: releaseVersion) + ".tar"
            try context.fileSystem.writeFileAtomically(bundle.archive, to: path)
            for warning in bundle.warnings { context.output.writeError("warning: \(warning)\n") }
            let manifestOut = bundle.manifest
            context.output.write(
                "wrote \(path): \(manifestOut.events.count) event(s), \(manifestOut.files.count) file(s)"
                    + (manifestOut.checkpointSize.map { ", proofs against the checkpoint at size \($0)" }
                        ?? ", no signed checkpoint") + "\n"
            )
            return .success
        }
    }
}
