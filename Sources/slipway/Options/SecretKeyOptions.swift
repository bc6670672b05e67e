import ArgumentParser
import Signing
import SlipwayCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the minisign secret key and its password come from; shared by `sign` and the other signing commands.
struct SecretKeyOptions: ParsableArguments {
    @Option(
        name: .customLong("secret-key"),
        help: "minisign secret key file (default: the key text in $SLIPWAY_SECRET_KEY)."
    )
    var secretKey: String?

    @Option(
        name: .customLong("password-file"),
        help: "Read the key password from the first line of this file (default: $SLIPWAY_KEY_PASSWORD, else a prompt)."
    )
    var passwordFile: String?

    /// Loads and decrypts the key; prompts for the password on a terminal when neither source has one.
    func loadKey(_ context: SlipwayContext) throws -> MinisignSecretKey {
        let source = try SigningKeySource.resolve(secretKeyPath: secretKey, environment: context.environment)
        return try source.load(fileSystem: context.fileSystem, environment: context.environment) {
            try password(context, prompt: "Password for \(source.displayName): ")
        }
    }

    /// The password from `--password-file`, `SLIPWAY_KEY_PASSWORD` or a prompt without echo.
    func password(_ context: SlipwayContext, prompt: String) throws -> String? {
        try SigningPassword.resolve(
            passwordFile: passwordFile,
            environment: context.environment,
            fileSystem: context.fileSystem,
            prompt: TerminalPassword.prompt(prompt)
        )
    }
}

/// Reads a password from the controlling terminal with echo off.
enum TerminalPassword {
    /// A prompt function when stdin is a terminal, else `nil` (CI, pipes, tests).
    static func prompt(_ text: String) -> (() -> String?)? {
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        return {
            guard let pointer = getpass(text) else { return nil }
            let password = String(cString: pointer)
            return password.isEmpty ? nil : password
        }
    }
}
