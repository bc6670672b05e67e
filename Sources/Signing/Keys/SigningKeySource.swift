public import SlipwayCore

/// Where the secret key comes from: a file (`--secret-key FILE`) or the `SLIPWAY_SECRET_KEY` environment variable
/// holding the key file's text (for CI secrets); the password comes from `SLIPWAY_KEY_PASSWORD`, a
/// `--password-file`, or a prompt the caller provides.
public enum SigningKeySource: Sendable, Equatable {
    /// A secret key file.
    case file(path: String)
    /// An environment variable holding the secret key file's text.
    case environment(variable: String)

    /// The environment variable that may hold the secret key file's text.
    public static let secretKeyVariable = "SLIPWAY_SECRET_KEY"
    /// The environment variable that may hold the secret key's password.
    public static let passwordVariable = "SLIPWAY_KEY_PASSWORD"

    /// `--secret-key FILE` when given, else `SLIPWAY_SECRET_KEY` when set and non-empty.
    ///
    /// - Throws: `SigningError.noSecretKey` when there is neither.
    public static func resolve(
        secretKeyPath: String?,
        environment: [String: String]
    ) throws(SigningError) -> SigningKeySource {
        if let secretKeyPath { return .file(path: secretKeyPath) }
        if let text = environment[secretKeyVariable], !text.trimmingASCIIWhitespace().isEmpty {
            return .environment(variable: secretKeyVariable)
        }
        throw .noSecretKey
    }

    /// How the key is named in messages (never its contents).
    public var displayName: String {
        switch self {
        case .file(let path): path
        case .environment(let variable): "$\(variable)"
        }
    }

    /// Reads and decrypts the key; asks `password` only when the key is encrypted.
    ///
    /// - Parameters:
    ///   - fileSystem: Where key files are read.
    ///   - environment: The process environment.
    ///   - password: Returns the password, or `nil` when there is none; see `SigningPassword.resolve`.
    /// - Throws: `FileSystemError` when the key file cannot be read, `SigningError` when it is not a usable key.
    public func load(
        fileSystem: any FileSystem,
        environment: [String: String],
        password: () throws -> String?
    ) throws -> MinisignSecretKey {
        let text: String
        switch self {
        case .file(let path):
            text = try fileSystem.readText(at: path)
        case .environment(let variable):
            text = environment[variable] ?? ""
        }
        let needsPassword = MinisignSecretKey.isEncrypted(fileText: text) ?? false
        return try MinisignSecretKey.parse(
            fileText: text,
            password: needsPassword ? password() : nil,
            source: displayName
        )
    }
}

/// Where a key password comes from, in order: `--password-file`, `SLIPWAY_KEY_PASSWORD`, then an interactive
/// prompt when the caller has a terminal.
public enum SigningPassword {
    /// The password, or `nil` when none is available.
    ///
    /// - Parameters:
    ///   - passwordFile: A file whose first line is the password.
    ///   - environment: The process environment (`SLIPWAY_KEY_PASSWORD`).
    ///   - fileSystem: Where the password file is read.
    ///   - prompt: Asks the user (without echo); `nil` when there is no terminal.
    /// - Throws: `FileSystemError` for an unreadable password file, `SigningError.emptyPassword` for an empty one.
    public static func resolve(
        passwordFile: String?,
        environment: [String: String],
        fileSystem: any FileSystem,
        prompt: (() -> String?)?
    ) throws -> String? {
        if let passwordFile {
            let text = try fileSystem.readText(at: passwordFile)
            let password = KeyText.lines(text).first ?? ""
            if password.isEmpty { throw SigningError.emptyPassword(source: passwordFile) }
            return password
        }
        if let password = environment[SigningKeySource.passwordVariable], !password.isEmpty { return password }
        return prompt?()
    }
}
