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
        // Until the commit exists the release is undone whole: the files are put back as they were (and files it
        // created removed) when a write or the commit fails, for example on a failing pre-commit hook.
        let existed = plan.files.map { fileSystem.exists(PathUtilities.join(root, $0.path)) }
        var written = 0
        do {
            for file in plan.files {
                try fileSystem.writeTextAtomically(file.after, to: PathUtilities.join(root, file.path))
                written += 1
            }
        } catch {
            restore(plan.files.prefix(written), existed: existed, root: root)
            throw .fileSystem(error)
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
        } catch {
            restore(plan.files[...], existed: existed, root: root)
            // `git add` ran before the commit failed: the index would still hold the release's files.
            try? await repository.unstage(files: plan.files.map(\.path))
            throw .git(error)
        }
        do {
            if let tag = plan.tag, let version = plan.nextVersion {
                try await repository.tag(tag, message: "chore(release): \(version)", sign: options.sign)
            }
        } catch {
            throw .git(error)
        }
    }

    /// Puts `files` back as they were before the release: the previous content, or no file where there was none.
    private func restore(_ files: ArraySlice<ReleasePlan.FileChange>, existed: [Bool], root: String) {
        for (index, file) in zip(files.indices, files) {
            let path = PathUtilities.join(root, file.path)
            if existed[index] {
                try? fileSystem.writeTextAtomically(file.before, to: path)
            } else {
                try? fileSystem.removeFile(at: path)
            }
        }
    }
}
