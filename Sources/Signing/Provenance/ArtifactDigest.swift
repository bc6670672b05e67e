import Crypto
public import SlipwayCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

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

    /// Hashes the file at `path`, streaming it from disk in 1 MiB chunks when `fileSystem` is the real disk, so a
    /// multi-gigabyte release archive costs no more memory than a small one.
    ///
    /// - Throws: `ProvenanceError.unreadableArtifact` when the file cannot be read.
    public static func digesting(path: String, fileSystem: any FileSystem) throws(ProvenanceError) -> ArtifactSubject {
        let name = PathUtilities.lastComponent(of: path)
        guard fileSystem is LocalFileSystem else {
            do {
                return ArtifactSubject(
                    name: name,
                    sha256: DSSEHex.string(SHA256.hash(data: try fileSystem.readFile(at: path)))
                )
            } catch {
                throw .unreadableArtifact(path: path, reason: Self.reason(error))
            }
        }
        if fileSystem.isDirectory(path) { throw .unreadableArtifact(path: path, reason: "it is a directory") }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .unreadableArtifact(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        var hasher = SHA256()
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadableArtifact(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            chunk.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
        return ArtifactSubject(name: name, sha256: DSSEHex.string(hasher.finalize()))
    }

    private static func reason(_ error: FileSystemError) -> String {
        switch error {
        case .notFound: "no such file"
        case .unreadable(_, let reason), .unwritable(_, let reason): reason
        }
    }
}
