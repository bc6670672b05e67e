import ArgumentParser
import Foundation
import Ledger
import Signing
import SlipwayCore

extension Slipway {
    /// `slipway sign`: minisign signatures of release files.
    struct Sign: SlipwayCommand {
        static let configuration = CommandConfiguration(
            commandName: "sign",
            abstract: "Sign files with a minisign secret key, writing FILE.minisig beside each.",
            discussion: """
                Signatures are prehashed (`ED`: Ed25519 over the file's BLAKE2b-512) unless --legacy asks for \
                Ed25519 over the whole file (`Ed`). The trusted comment is signed too; by default it is \
                `timestamp:<unix>\\tfile:<name>\\thashed` like minisign's, and the timestamp honours \
                SOURCE_DATE_EPOCH. `minisign -V` and `slipway verify` accept the result.

                Examples:
                  slipway sign dist/app.tar.gz --secret-key release.key
                  SLIPWAY_SECRET_KEY="$(cat ci.key)" slipway sign dist/*.tar.gz --trusted-comment "app 1.2.3"
                """
        )

        @Argument(help: "Files to sign.")
        var files: [String]

        @OptionGroup var key: SecretKeyOptions

        @OptionGroup var ledgerRecording: LedgerRecordingOptions

        @Flag(help: "Sign the whole file (minisign -l) instead of its BLAKE2b-512 digest.")
        var legacy = false

        @Option(name: .customLong("trusted-comment"), help: "Signed comment (default: timestamp and file name).")
        var trustedComment: String?

        @Option(help: "Unsigned comment on the first line.")
        var comment: String?

        func validate() throws {
            if files.isEmpty { throw ValidationError("name at least one file to sign") }
        }

        func run(_ context: SlipwayContext) async throws -> ExitStatus {
            let secretKey = try key.loadKey(context)
            let algorithm: MinisignSignatureAlgorithm = legacy ? .legacy : .prehashed
            let timestamp = Int(context.wallClock.now().timeIntervalSince1970)
            var signatures: [EventDigest] = []
            for file in files {
                let signature = try Minisign.sign(
                    fileAt: file,
                    fileSystem: context.fileSystem,
                    secretKey: secretKey,
                    algorithm: algorithm,
                    trustedComment: trustedComment
                        ?? Minisign.defaultTrustedComment(
                            fileName: PathUtilities.lastComponent(of: file),
                            timestamp: timestamp,
                            algorithm: algorithm
                        ),
                    untrustedComment: comment ?? MinisignSignature.defaultUntrustedComment
                )
                try context.fileSystem.writeTextAtomically(signature.text, to: file + ".minisig")
                signatures.append(EventDigest.sha256(of: signature.text.utf8, name: file + ".minisig"))
                context.output.writeError(
                    "signed \(file) -> \(file).minisig (key id \(secretKey.publicKey.keyIDHex))\n"
                )
            }
            try await ledgerRecording.record(
                .artifactSigned,
                context,
                inputs: try LedgerRecordingOptions.digests(ofFiles: files, context),
                outputs: signatures,
                result: "success",
                details: .object([
                    "format": .string("minisign"),
                    "algorithm": .string(legacy ? "Ed" : "ED"),
                    "keyID": .string(secretKey.publicKey.keyIDHex),
                ])
            )
            return .success
        }
    }
}
