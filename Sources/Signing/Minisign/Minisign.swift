import Crypto
public import SlipwayCore

/// Signs and verifies files and messages in minisign's format (Ed25519, prehashed with BLAKE2b-512 by default).
public enum Minisign {
    /// Read size for hashing files.
    static let chunkSize = 1 << 20

    /// minisign's default trusted comment: `timestamp:<unix>\tfile:<name>` plus `\thashed` for prehashed
    /// signatures (tab-separated, as minisign writes it).
    public static func defaultTrustedComment(
        fileName: String,
        timestamp: Int,
        algorithm: MinisignSignatureAlgorithm
    )
        -> String
    {
        "timestamp:\(timestamp)\tfile:\(fileName)" + (algorithm == .prehashed ? "\thashed" : "")
    }

    /// Signs the file at `path`, streaming it through BLAKE2b-512 for a prehashed signature.
    ///
    /// - Throws: `FileSystemError` when the file cannot be read, `SigningError` for a bad comment.
    public static func sign(
        fileAt path: String,
        fileSystem: any FileSystem,
        secretKey: MinisignSecretKey,
        algorithm: MinisignSignatureAlgorithm = .prehashed,
        trustedComment: String,
        untrustedComment: String = MinisignSignature.defaultUntrustedComment
    ) throws -> MinisignSignature {
        let message = try signedMessage(fileAt: path, fileSystem: fileSystem, algorithm: algorithm)
        return try sign(
            signedBytes: message,
            secretKey: secretKey,
            algorithm: algorithm,
            trustedComment: trustedComment,
            untrustedComment: untrustedComment
        )
    }

    /// Signs `message` held in memory (for small documents such as ledgers and attestations).
    ///
    /// - Throws: `SigningError` for a bad comment or a signing failure.
    public static func sign(
        message: [UInt8],
        secretKey: MinisignSecretKey,
        algorithm: MinisignSignatureAlgorithm = .prehashed,
        trustedComment: String,
        untrustedComment: String = MinisignSignature.defaultUntrustedComment
    ) throws(SigningError) -> MinisignSignature {
        let signed = algorithm == .prehashed ? BLAKE2b.hash(message) : message
        return try sign(
            signedBytes: signed,
            secretKey: secretKey,
            algorithm: algorithm,
            trustedComment: trustedComment,
            untrustedComment: untrustedComment
        )
    }

    /// Checks `signature` over the file at `path` with `publicKey`; returns the trusted comment.
    ///
    /// - Throws: `MinisignVerificationFailure` when the signature does not hold, `FileSystemError` when the
    ///   file cannot be read.
    @discardableResult
    public static func verify(
        _ signature: MinisignSignature,
        signaturePath: String = "signature",
        fileAt path: String,
        fileSystem: any FileSystem,
        publicKey: MinisignPublicKey,
        requirePrehash: Bool = false
    ) throws -> String {
        try precheck(signature, signaturePath: signaturePath, publicKey: publicKey, requirePrehash: requirePrehash)
        let message = try signedMessage(fileAt: path, fileSystem: fileSystem, algorithm: signature.algorithm)
        try check(signature, signedBytes: message, filePath: path, signaturePath: signaturePath, publicKey: publicKey)
        return signature.trustedComment
    }

    /// Checks `signature` over `message` held in memory; returns the trusted comment.
    ///
    /// - Throws: `MinisignVerificationFailure` when the signature does not hold.
    @discardableResult
    public static func verify(
        _ signature: MinisignSignature,
        message: [UInt8],
        publicKey: MinisignPublicKey,
        requirePrehash: Bool = false
    ) throws(MinisignVerificationFailure) -> String {
        try precheck(signature, signaturePath: "signature", publicKey: publicKey, requirePrehash: requirePrehash)
        let signed = signature.algorithm == .prehashed ? BLAKE2b.hash(message) : message
        try check(signature, signedBytes: signed, filePath: "message", signaturePath: "signature", publicKey: publicKey)
        return signature.trustedComment
    }

    /// The BLAKE2b-512 digest of the file at `path`, read in chunks.
    ///
    /// - Throws: `FileSystemError` when the file cannot be read.
    public static func blake2b512(fileAt path: String, fileSystem: any FileSystem) throws(FileSystemError) -> [UInt8] {
        var hasher = BLAKE2b()
        try fileSystem.readChunks(at: path, chunkSize: chunkSize) { hasher.update($0) }
        return hasher.finalize()
    }

    private static func signedMessage(
        fileAt path: String,
        fileSystem: any FileSystem,
        algorithm: MinisignSignatureAlgorithm
    ) throws(FileSystemError) -> [UInt8] {
        switch algorithm {
        case .prehashed: try blake2b512(fileAt: path, fileSystem: fileSystem)
        case .legacy: try fileSystem.readFile(at: path)
        }
    }

    private static func sign(
        signedBytes: [UInt8],
        secretKey: MinisignSecretKey,
        algorithm: MinisignSignatureAlgorithm,
        trustedComment: String,
        untrustedComment: String
    ) throws(SigningError) -> MinisignSignature {
        try MinisignComment.validate(untrustedComment, kind: "untrusted comment", limit: 1024 - 19)
        try MinisignComment.validate(trustedComment, kind: "trusted comment", limit: 8192 - 17)
        do {
            let signature = Array(try secretKey.signingKey.signature(for: signedBytes))
            let global = Array(try secretKey.signingKey.signature(for: signature + Array(trustedComment.utf8)))
            return MinisignSignature(
                algorithm: algorithm,
                keyID: secretKey.keyID,
                signature: signature,
                untrustedComment: untrustedComment,
                trustedComment: trustedComment,
                globalSignature: global
            )
        } catch {
            throw .signingFailed(reason: "\(error)")
        }
    }

    private static func precheck(
        _ signature: MinisignSignature,
        signaturePath: String,
        publicKey: MinisignPublicKey,
        requirePrehash: Bool
    ) throws(MinisignVerificationFailure) {
        if requirePrehash && signature.algorithm == .legacy {
            throw .legacySignatureRejected(path: signaturePath)
        }
        if signature.keyID != publicKey.keyID {
            throw .keyIDMismatch(signatureKeyID: signature.keyIDHex, publicKeyID: publicKey.keyIDHex)
        }
    }

    private static func check(
        _ signature: MinisignSignature,
        signedBytes: [UInt8],
        filePath: String,
        signaturePath: String,
        publicKey: MinisignPublicKey
    ) throws(MinisignVerificationFailure) {
        guard publicKey.publicKey.isValidSignature(signature.signature, for: signedBytes) else {
            throw .fileSignatureInvalid(path: filePath)
        }
        let covered = signature.signature + Array(signature.trustedComment.utf8)
        guard publicKey.publicKey.isValidSignature(signature.globalSignature, for: covered) else {
            throw .trustedCommentSignatureInvalid(path: signaturePath)
        }
    }
}
