import Crypto
public import SlipwayCore

/// An artifact's subject entry: the name it is published under and its SHA-256.
public struct ArtifactSubject: Sendable, Hashable {
    /// The file name (last path component).
    public var name: String
    /// Lowercase hex SHA-256 of the file's bytes.
    public var sha256: String

    /// Creates a subject.
    public init(name: String, sha256: String) {
        self.name = name
        self.sha256 = sha256
    }

    /// Hashes the file at `path` through `FileSystem.readChunks`, which streams from disk, so a multi-gigabyte
    /// release archive costs no more memory than a small one.
    ///
    /// - Throws: `ProvenanceError.unreadableArtifact` when the file cannot be read.
    public static func digesting(path: String, fileSystem: any FileSystem) throws(ProvenanceError) -> ArtifactSubject {
        var hasher = SHA256()
        do {
            try fileSystem.readChunks(at: path, chunkSize: 1 << 20) { hasher.update(bufferPointer: $0) }
        } catch {
            throw .unreadableArtifact(path: path, reason: Self.reason(error))
        }
        return ArtifactSubject(name: PathUtilities.lastComponent(of: path), sha256: DSSEHex.string(hasher.finalize()))
    }

    private static func reason(_ error: FileSystemError) -> String {
        switch error {
        case .notFound: "no such file"
        case .unreadable(_, let reason), .unwritable(_, let reason): reason
        }
    }
}
