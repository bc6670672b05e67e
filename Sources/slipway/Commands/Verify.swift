import ArgumentParser
import Signing
import SlipwayCore

extension Slipway {
    /// `slipway verify`: checks a minisign signature.
    struct Verify: SlipwayCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Verify a minisign signature of a file (made by slipway sign or minisign -S).",
            discussion: """
                Checks the key id, the signature of the file and the global signature of the trusted comment, \
                then prints the trusted comment on stdout. Exit status: 0 verified; 1 signature rejected (the \
                reason is on stderr); 2 unreadable or malformed file, signature or key.

                Examples:
                  slipway verify dist/app.tar.gz --key release.pub
                  slipway verify app.tar.gz --sig app.tar.gz.minisig --key RWQ… --require-prehash
                """
        )

        @Argument(help: "The signed file.")
        var file: String

        @Option(name: .customLong("sig"), help: "The signature file (default: FILE.minisig).")
        var signature: String?

        @Option(name: .customLong("key"), help: "The public key: a .pub file or its base64 string (as minisign -P).")
        var key: String

        @Flag(name: .customLong("require-prehash"), help: "Reject legacy (non-prehashed) signatures.")
        var requirePrehash = false

        func run(_ context: SlipwayContext) async throws -> ExitStatus {
            let publicKey = try loadPublicKey(context.fileSystem)
            let signaturePath = signature ?? file + ".minisig"
            let parsed = try MinisignSignature(
                text: try context.fileSystem.readText(at: signaturePath),
                path: signaturePath
            )
            do {
                let trusted = try Minisign.verify(
                    parsed,
                    signaturePath: signaturePath,
                    fileAt: file,
                    fileSystem: context.fileSystem,
                    publicKey: publicKey,
                    requirePrehash: requirePrehash
                )
                context.output.writeError(
                    "signature and trusted comment verified (key id \(publicKey.keyIDHex), "
                        + "\(parsed.algorithm == .prehashed ? "prehashed" : "legacy"))\n"
                )
                context.output.write(trusted + "\n")
                return .success
            } catch let failure as MinisignVerificationFailure {
                context.output.writeError("\(file): \(failure)\n")
                return .findings
            }
        }

        /// A `.pub` file when one exists at `key`, otherwise the base64 key string.
        private func loadPublicKey(_ fileSystem: any FileSystem) throws -> MinisignPublicKey {
            if fileSystem.exists(key) {
                return try MinisignPublicKey(fileText: try fileSystem.readText(at: key), source: key)
            }
            // A minisign public key string is 56 base64 characters starting "RW" ("Ed" || …); it may contain "/".
            if key.hasPrefix("RW"), key.utf8.count == 56 {
                return try MinisignPublicKey(base64: key)
            }
            throw FileSystemError.notFound(path: key)
        }
    }
}
