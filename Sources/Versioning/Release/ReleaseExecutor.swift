public import SlipwayCore

/// Carries out a plan: writes each file atomically, then commits and tags (never pushes).
public struct ReleaseExecutor: Sendable {
    private let repository: GitRepository
    private let fileSystem: any FileSystem

    /// Creates an executor.
    public init(repository: GitRepository, fileSystem: any FileSystem) {
        self.repository = repository
        self.fileSystem = fileSystem
    }

    /// Options of the git steps.
    public struct GitOptions: Sendable {
        public var sign: Bool
        public var noVerify: Bool
        public var commitAll: Bool

        /// Creates options.
        public init(sign: Bool = false, noVerify: Bool = false, commitAll: Bool = false) {
            self.sign = sign
            self.noVerify = noVerify
            self.commitAll = commitAll
        }
    }

    /// Applies `plan` in `root`.
    ///
    /// Files are replaced whole (temporary file, then rename), so an interrupted run never leaves a half-written
    /// version file or changelog.
    public func apply(_ plan: ReleasePlan, root: String, options: GitOptions = GitOptions()) async throws(ReleaseError)
    {
        guard plan.isRelease else { return }
        for file in plan.files {
            do {
                try fileSystem.writeTextAtomically(file.after, to: PathUtilities.join(root, file.path))
            } catch {
                throw .fileSystem(error)
            }
        }
        do {
            if let message = plan.commitMessage {
                try await repository.commit(
                    files: options.commitAll ? [] : plan.files.map(\.path),
                    message: message,
                    sign: options.sign,
                    noVerify: options.noVerify,
                    all: options.commitAll
                )
            }
            if let tag = plan.tag, let version = plan.nextVersion {
                try await repository.tag(tag, message: "chore(release): \(version)", sign: options.sign)
            }
        } catch {
            throw .git(error)
        }
    }
}
