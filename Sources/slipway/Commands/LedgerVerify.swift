import ArgumentParser
import Ledger
import SlipwayCore

extension Slipway {
    /// `slipway ledger verify`: recomputes the tree and checks every checkpoint.
    struct LedgerVerify: SlipwayCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Recompute the Merkle tree and check every signed checkpoint; report the first bad index.",
            discussion: """
                Reads every entry once (checking its index and checksum), recomputes the RFC 9162 root at \
                every checkpoint size, checks each checkpoint's signature against the trusted keys and its root \
                against the entries. Pass checkpoints you kept from earlier runs with --checkpoint to detect a \
                log rolled back together with its checkpoints.

                Examples:
                  slipway ledger verify --key ledger.pub
                  slipway ledger verify --key ledger.pub --checkpoint last-seen.note --format json

                Exit status: 0 verified; 1 tampering or damage found (the first bad index is reported); \
                2 no key, or the ledger or a key cannot be read.
                """
        )

        @OptionGroup var location: LedgerLocationOptions
        @OptionGroup var keys: LedgerKeyOptions

        @Option(name: .customLong("checkpoint"), help: "A checkpoint note kept from an earlier run (repeatable).")
        var checkpoints: [String] = []

        @Option(name: .shortAndLong, help: "text or json.")
        var format: LedgerReportFormat = .text

        func run(_ context: SlipwayContext) async throws -> ExitStatus {
            let settings = try location.settings(context)
            let ledger = try location.open(context, settings: settings)
            guard let manifest = try await ledger.store.manifest() else {
                throw LedgerStoreError.notFound(path: ledger.store.location)
            }
            let verifiers = try keys.verifiers(origin: manifest.origin, settings: settings, context: context)
            guard !verifiers.isEmpty else {
                context.output.writeError(
                    "error: no trusted key; pass --key FILE.pub or set ledger.public-key in slipway.yml\n"
                )
                return .inputError
            }
            var trusted: [StoredCheckpoint] = []
            for path in checkpoints {
                let note = try context.fileSystem.readText(at: path)
                let body = try SignedNote(parsing: note).text
                trusted.append(StoredCheckpoint(location: path, size: try Checkpoint(body: body).size, note: note))
            }
            let report = try await LedgerVerifier(verifiers: verifiers, trustedCheckpoints: trusted).verify(
                ledger.store
            )
            Slipway.reportTornTail(report.tornTail, context)
            switch format {
            case .json:
                var object: [String: JSONValue] = [
                    "origin": .string(report.origin),
                    "size": .number(Double(report.size)),
                    "rootHash": .string(Hex.encode(report.rootHash)),
                    "checkpointsVerified": .number(Double(report.checkpointsVerified)),
                    "valid": .bool(report.isValid),
                    "warnings": .array(report.warnings.map { .string($0) }),
                    "failures": .array(
                        report.failures.map {
                            .object(["index": .number(Double($0.index)), "reason": .string($0.reason)])
                        }
                    ),
                ]
                if let latest = report.latestCheckpoint {
                    object["latestCheckpointSize"] = .number(Double(latest.size))
                }
                if let failure = report.firstFailure { object["firstBadIndex"] = .number(Double(failure.index)) }
                context.output.write(try JSONOutput.string(JSONValue.object(object)))
            case .text:
                for warning in report.warnings { context.output.writeError("warning: \(warning)\n") }
                if let failure = report.firstFailure {
                    context.output.write("FAILED: \(ledger.store.location): \(failure)\n")
                    for other in report.failures.dropFirst() { context.output.write("  also: \(other)\n") }
                } else {
                    context.output.write(
                        "verified \(report.size) entries of \(report.origin); root \(Hex.encode(report.rootHash)); "
                            + "\(report.checkpointsVerified) signed checkpoint(s), the latest at size "
                            + "\(report.latestCheckpoint?.size ?? 0)\n"
                    )
                }
            }
            return report.isValid ? .success : .findings
        }
    }
}

/// `ledger verify` formats.
enum LedgerReportFormat: String, CaseIterable, ExpressibleByArgument {
    case text
    case json
}
