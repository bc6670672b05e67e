import ArgumentParser
import Signing
import SlipwayCore

extension Slipway {
    /// `slipway keygen`: a minisign-compatible Ed25519 key pair.
    struct Keygen: SlipwayCommand {
        static let configuration = CommandConfiguration(
            commandName: "keygen",
            abstract: "Create a minisign-compatible Ed25519 key pair for signing releases.",
            discussion: """
                Writes the public key (share it) and the secret key (mode 0600, written atomically) in minisign's \
                formats, so `minisign -S` can sign with the secret key and `minisign -V` can verify with the \
                public one. The secret key is encrypted with scrypt (minisign's parameters) using the password \
                from --password-file, SLIPWAY_KEY_PASSWORD or a prompt; --unencrypted writes it as `minisign -W` \
                does. Existing keys are never replaced without --force.

                Examples:
                  slipway keygen --public-key release.pub --secret-key release.key
                  SLIPWAY_KEY_PASSWORD=… slipway keygen --public-key ci.pub --secret-key ci.key --comment "CI key"
                  slipway keygen --public-key ci.pub --secret-key ci.key --unencrypted
                """
        )

        @Option(name: .customLong("public-key"), help: "Where to write the public key.")
        var publicKey: String

        @Option(name: .customLong("secret-key"), help: "Where to write the secret key (mode 0600).")
        var secretKey: String

        @Flag(help: "Store the secret key without a password (protect the file like a password).")
        var unencrypted = false

        @Option(help: "The untrusted comment written above the secret key.")
        var comment: String?

        @Flag(help: "Overwrite existing key files.")
        var force = false

        @Option(
            name: .customLong("password-file"),
            help: "Read the password from the first line of this file (default: $SLIPWAY_KEY_PASSWORD, else a prompt)."
        )
        var passwordFile: String?

        /// scrypt cost: minisign's (`sensitive`, 1 GiB) by default; `interactive` (16 MiB) for tests and small runners.
        @Option(name: .customLong("kdf-cost"), help: .hidden)
        var kdfCost: KeyDerivationCost = .sensitive

        func validate() throws {
            if unencrypted && passwordFile != nil {
                throw ValidationError("--unencrypted and --password-file contradict each other; pick one")
            }
            if publicKey == secretKey {
                throw ValidationError("--public-key and --secret-key must be different files")
            }
        }

        func run(_ context: SlipwayContext) async throws -> ExitStatus {
            if !force {
                for path in [secretKey, publicKey] where context.fileSystem.exists(path) {
                    throw SigningError.keyExists(path: path)
                }
            }
            var password: String?
            if !unencrypted {
                password = try SigningPassword.resolve(
                    passwordFile: passwordFile,
                    environment: context.environment,
                    fileSystem: context.fileSystem,
                    prompt: TerminalPassword.promptTwice("Password for the new secret key: ")
                )
                if password == nil { throw SigningError.passwordRequiredForNewKey }
            }
            let key = MinisignSecretKey.generate()
            let secretText = try key.fileText(
                password: password,
                parameters: kdfCost.parameters,
                comment: comment ?? MinisignSecretKey.defaultComment
            )
            try context.fileSystem.writeFileAtomically(Array(secretText.utf8), to: secretKey, permissions: 0o600)
            try context.fileSystem.writeTextAtomically(key.publicKey.fileText, to: publicKey)
            context.output.writeError(
                """
                secret key written to \(secretKey)\(unencrypted ? " (unencrypted)" : "") - keep it secret
                public key written to \(publicKey) (key id \(key.publicKey.keyIDHex))
                verify with: slipway verify FILE --key \(key.publicKey.base64)

                """
            )
            context.output.write(key.publicKey.base64 + "\n")
            return .success
        }
    }
}

/// scrypt cost presets for `keygen --kdf-cost`.
enum KeyDerivationCost: String, CaseIterable, ExpressibleByArgument {
    case sensitive
    case interactive

    var parameters: ScryptParameters {
        switch self {
        case .sensitive: .minisignDefault
        case .interactive: .interactive
        }
    }
}
