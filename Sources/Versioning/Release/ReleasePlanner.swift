public import SlipwayCore

/// Why a release could not be planned or carried out.
public enum ReleaseError: Error, Sendable, Equatable, CustomStringConvertible {
    case noVersionSource(root: String, prefix: String)
    case bump(BumpError)
    case versionFile(VersionFileError)
    case git(GitError)
    case fileSystem(FileSystemError)
    case tagExists(tag: String)
    /// The tag the release would create is not a name git accepts (usually because of the tag prefix).
    case invalidTag(tag: String, reason: String)

    public var description: String {
        switch self {
        case .noVersionSource(let root, let prefix):
            return "\(root): error: no release tag (`\(prefix)X.Y.Z`) is reachable from HEAD and no version file "
                + "(package.json, VERSION, …) holds a version; tag the current release (`git tag \(prefix)0.1.0`) "
                + "or run `slipway version --first-release --release-as 0.1.0`"
        case .bump(let error): return "error: \(error)"
        case .versionFile(let error): return error.description
        case .git(let error): return error.description
        case .fileSystem(let error): return error.description
        case .tagExists(let tag):
            return "error: tag \(tag) already exists; pick another version with --release-as or delete the tag"
        case .invalidTag(let tag, let reason):
            return "error: '\(tag)' cannot be a git tag (\(reason)); change the tag prefix (--tag-prefix or "
                + "tagPrefix), or release with --skip-tag"
        }
    }
}

/// Plans a release from git history, the settings and the version files, without changing anything.
public struct ReleasePlanner: Sendable {
    private let repository: GitRepository
    private let fileSystem: any FileSystem

    /// Creates a planner.
    public init(repository: GitRepository, fileSystem: any FileSystem) {
        self.repository = repository
        self.fileSystem = fileSystem
    }

    /// The plan for `request`.
    ///
    /// git is asked twice in the usual case: one `git rev-parse` (shallowness, `HEAD`, every tag), then one
    /// `git log` of the commits since the highest tag that also shows that this tag is reachable from `HEAD`; the
    /// origin URL is read at the same time. Whenever that shortcut cannot prove its answer (no commits, not a
    /// repository, a highest tag that is not reachable, tags that are not versions), the planner asks git the
    /// long way (`git tag --merged HEAD`, then the log), so the plan and the errors are the same either way.
    public func plan(_ request: ReleaseRequest) async throws(ReleaseError) -> ReleasePlan {
        let prefix = request.effectiveTagPrefix
        let snapshot = await repository.snapshot()
        async let prefetchedOrigin = snapshot != nil ? repository.originURLResult() : nil
        var history = try await history(request, snapshot: snapshot)
        let fileVersions = try readVersionFiles(request)
        let current = try currentVersion(request, best: history.best, fileVersions: fileVersions)
        let commits = try await commits(request, history: history)
        let warnings = history.warnings
        let best = history.best
        let results = ConventionalCommitParser.parse(commits)
        let decision: BumpDecision
        do {
            decision = try BumpCalculator(strategy: request.strategy).decide(
                current: current,
                commits: commits,
                parsed: results,
                options: request.options
            )
        } catch {
            throw .bump(error)
        }
        var parsed: [ConventionalCommit] = []
        var unparsed: [String] = []
        for result in results {
            switch result {
            case .success(let commit): parsed.append(commit)
            case .failure(let error): unparsed.append(error.description)
            }
        }
        let issueKeys = IssueKeys(projects: request.settings.issueKeys ?? []).keys(in: parsed)
        guard let next = decision.nextVersion else {
            return ReleasePlan(
                previousTag: best?.tag,
                previousVersion: current.description,
                nextVersion: nil,
                releaseType: nil,
                tag: nil,
                summary: decision.summary,
                commits: decision.commits,
                unparsedCommits: unparsed,
                issueKeys: issueKeys,
                changelogSection: "",
                releaseNotes: "",
                commitMessage: nil,
                files: [],
                warnings: warnings
            )
        }
        let tag = prefix + next.description
        try await checkTagIsNew(tag, request, history: &history)
        var repositoryURL: RepositoryURL?
        let origin: Result<String?, GitError>
        if let prefetched = await prefetchedOrigin {
            origin = prefetched
        } else {
            origin = await repository.originURLResult()
        }
        do {
            repositoryURL = try origin.get().flatMap(RepositoryURL.init(remote:))
        } catch {
            throw .git(error)
        }
        let writer = ChangelogWriter(
            configuration: Self.changelogConfiguration(request.settings),
            repository: repositoryURL
        )
        let release = ChangelogRelease(
            version: next.description,
            currentTag: tag,
            previousTag: best?.tag,
            date: request.date,
            commits: parsed
        )
        let (section, releaseNotes) = writer.render(release)
        var files: [ReleasePlan.FileChange] = []
        let skip = Self.merge(request.skip, request.settings.skip)
        if !skip.bump && !request.options.firstRelease {
            for file in fileVersions where file.version != nil {
                do {
                    let after = try file.updater.writeVersion(next.description, to: file.text, path: file.path)
                    if after != file.text { files.append(.init(path: file.path, before: file.text, after: after)) }
                } catch {
                    throw .versionFile(error)
                }
            }
        }
        if !skip.changelog {
            let path = PathUtilities.join(request.root, request.changelogPath)
            let existing = (try? fileSystem.readText(at: path)) ?? ""
            let header = request.settings.header ?? ChangelogConfiguration.defaultHeader
            let after = ChangelogWriter.insert(section: section, into: existing, header: header)
            files.append(.init(path: request.changelogPath, before: existing, after: after))
        }
        let messageFormat = request.settings.releaseCommitMessageFormat ?? "chore(release): {{currentTag}}"
        return ReleasePlan(
            previousTag: best?.tag,
            previousVersion: current.description,
            nextVersion: next.description,
            releaseType: decision.releaseType,
            tag: skip.tag ? nil : tag,
            summary: decision.summary,
            commits: decision.commits,
            unparsedCommits: unparsed,
            issueKeys: issueKeys,
            changelogSection: skip.changelog ? "" : section,
            releaseNotes: releaseNotes,
            commitMessage: skip.commit ? nil : messageFormat.replacingAll("{{currentTag}}", with: next.description),
            files: files,
            warnings: warnings
        )
    }

    /// The next version only, as ``plan(_:)`` computes it (same version, level, tag, summary, warnings and errors),
    /// without what the answer does not need: no changelog or release notes, no issue keys, no origin URL, no
    /// per-commit reasons, and no version files when a release tag gives the current version.
    ///
    /// The range is still read in full: the walk from `HEAD` down to the tag is what proves the tag reachable,
    /// and the summary counts every commit. Version files are read only when no tag is reachable (then they
    /// give the current version, with the same errors as the full plan); a damaged version file beside a
    /// release tag is therefore reported by the release, not by this answer.
    public func nextVersion(_ request: ReleaseRequest) async throws(ReleaseError) -> NextVersion {
        let prefix = request.effectiveTagPrefix
        var history = try await history(request, snapshot: await repository.snapshot())
        let fileVersions = history.best == nil ? try readVersionFiles(request) : []
        let current = try currentVersion(request, best: history.best, fileVersions: fileVersions)
        let commits = try await commits(request, history: history)
        let outcome: BumpDecision.Outcome
        do {
            outcome = try BumpCalculator(strategy: request.strategy).nextOnly(
                current: current,
                commits: commits,
                options: request.options
            )
        } catch {
            throw .bump(error)
        }
        var answer = NextVersion(
            previousTag: history.best?.tag,
            previousVersion: current.description,
            nextVersion: nil,
            releaseType: nil,
            tag: nil,
            summary: outcome.summary,
            warnings: history.warnings
        )
        guard let next = outcome.nextVersion else { return answer }
        let tag = prefix + next.description
        try await checkTagIsNew(tag, request, history: &history)
        answer.nextVersion = next.description
        answer.releaseType = outcome.releaseType
        answer.tag = Self.merge(request.skip, request.settings.skip).tag ? nil : tag
        return answer
    }

    /// What the repository says about the last release: the tags, the highest release tag, the commits since it
    /// when the shortcut already read them, and the warnings so far.
    struct History {
        var tags: [String]
        /// Whether `tags` are the tags merged into `HEAD` (else every tag, from the snapshot).
        var tagsAreMerged: Bool
        var best: (tag: String, version: SemanticVersion)?
        var commits: [RawCommit]?
        var warnings: [String]
    }

    /// Shallowness, tags and the highest reachable release tag, asking git the long way only when the shortcut
    /// cannot prove its answer (see ``plan(_:)``).
    private func history(
        _ request: ReleaseRequest,
        snapshot: GitRepository.Snapshot?
    ) async throws(ReleaseError)
        -> History
    {
        var warnings: [String] = []
        let prefix = request.effectiveTagPrefix
        // All tags (from the snapshot) until the shortcut fails; then the tags merged into HEAD, as git lists them.
        var tags: [String]
        var tagsAreMerged: Bool
        let shallow: Bool
        if let snapshot {
            tags = snapshot.tags
            tagsAreMerged = false
            shallow = snapshot.isShallow
        } else {
            do {
                guard try await repository.hasCommits() else { throw ReleaseError.git(.noCommits(path: request.root)) }
            } catch let error as ReleaseError {
                throw error
            } catch {
                throw .git(error as? GitError ?? .unavailable(reason: "\(error)"))
            }
            do {
                tags = try await repository.tagsMergedIntoHead()
                shallow = try await repository.isShallow()
            } catch {
                throw .git(error)
            }
            tagsAreMerged = true
        }
        var (best, ignoredTags) = Self.highestTag(in: tags, prefix: prefix)
        var raws: [RawCommit]?
        if !tagsAreMerged, best != nil || ignoredTags > 0 {
            // The highest of all tags is the highest reachable one when the log proves it reachable. Tags of equal
            // precedence (`v1.0.0+a`, `v1.0.0+b`) take the long way: which comes first follows `git tag`'s order,
            // which `tag.sort` may change.
            if ignoredTags == 0, let best, Self.precedenceTies(of: best.version, in: tags, prefix: prefix) == 1,
                let commits = await repository.commits(sinceReachableTag: best.tag, firstParent: request.firstParent)
            {
                raws = commits
            } else {
                do {
                    tags = try await repository.tagsMergedIntoHead()
                } catch {
                    throw .git(error)
                }
                tagsAreMerged = true
                (best, ignoredTags) = Self.highestTag(in: tags, prefix: prefix)
            }
        }
        if ignoredTags > 0 {
            warnings.append(
                "\(ignoredTags) tag(s) starting with `\(prefix)` are not semantic versions and were ignored"
            )
        }
        if shallow {
            if best == nil { throw .git(.shallowClone(path: request.root)) }
            warnings.append(
                "shallow clone: history before the last fetched commit is missing; run `git fetch --tags --unshallow`"
            )
        }
        return History(tags: tags, tagsAreMerged: tagsAreMerged, best: best, commits: raws, warnings: warnings)
    }

    typealias FileVersion = (path: String, updater: any VersionFileUpdater, text: String, version: String?)

    /// Every bump file that exists, with its text and the version it holds.
    private func readVersionFiles(_ request: ReleaseRequest) throws(ReleaseError) -> [FileVersion] {
        var fileVersions: [FileVersion] = []
        for bumpFile in Self.bumpFiles(request.settings) {
            let path = PathUtilities.join(request.root, bumpFile.filename)
            guard case .file = fileSystem.itemKind(at: path) else { continue }
            let updater: any VersionFileUpdater
            do {
                if let pattern = bumpFile.pattern {
                    updater = try RegexVersionUpdater(pattern: pattern)
                } else if let type = bumpFile.type, let byType = VersionFiles.updater(forType: type) {
                    updater = byType
                } else if let byName = VersionFiles.updater(forPath: bumpFile.filename) {
                    updater = byName
                } else {
                    throw VersionFileError.unsupportedFile(path: bumpFile.filename)
                }
                let text = try fileSystem.readText(at: path)
                let version = try updater.readVersion(from: text, path: bumpFile.filename)
                fileVersions.append((bumpFile.filename, updater, text, version))
            } catch let error as VersionFileError {
                throw .versionFile(error)
            } catch let error as FileSystemError {
                throw .fileSystem(error)
            } catch {
                throw .fileSystem(.unreadable(path: path, reason: "\(error)"))
            }
        }
        return fileVersions
    }

    /// The current version: the highest release tag's, else the first version file's, else `--release-as X.Y.Z`
    /// with `--first-release`.
    private func currentVersion(
        _ request: ReleaseRequest,
        best: (tag: String, version: SemanticVersion)?,
        fileVersions: [FileVersion]
    ) throws(ReleaseError) -> SemanticVersion {
        if let best {
            return best.version
        } else if let text = fileVersions.compactMap(\.version).first,
            let version = SemanticVersion(tag: text, prefix: "")
        {
            return version
        } else if request.options.firstRelease, case .version(let version) = request.options.releaseAs {
            return version
        } else {
            throw .noVersionSource(root: request.root, prefix: request.effectiveTagPrefix)
        }
    }

    /// The commits since the highest release tag (all of them without one), newest first.
    private func commits(_ request: ReleaseRequest, history: History) async throws(ReleaseError) -> [RawCommit] {
        if let raws = history.commits { return raws }
        do {
            return try await repository.commits(
                range: history.best.map { "\($0.tag)..HEAD" } ?? "HEAD",
                firstParent: request.firstParent
            )
        } catch {
            throw .git(error)
        }
    }

    /// Throws ``ReleaseError/invalidTag(tag:reason:)`` when the release would create `tag` and git cannot name a tag
    /// so, and ``ReleaseError/tagExists(tag:)`` when `tag` is already reachable from `HEAD` (unless
    /// `--first-release`), asking git for the merged tags when only the snapshot's list was at hand.
    private func checkTagIsNew(
        _ tag: String,
        _ request: ReleaseRequest,
        history: inout History
    ) async throws(ReleaseError) {
        if !Self.merge(request.skip, request.settings.skip).tag, let reason = GitTagName.problem(tag) {
            throw .invalidTag(tag: tag, reason: reason)
        }
        if !history.tagsAreMerged && history.tags.contains(tag) && !request.options.firstRelease {
            do {
                history.tags = try await repository.tagsMergedIntoHead()
            } catch {
                throw .git(error)
            }
            history.tagsAreMerged = true
        }
        if history.tags.contains(tag) && !request.options.firstRelease { throw .tagExists(tag: tag) }
    }

    /// The highest version among the tags that start with `prefix` (the first of equal versions, in `tags` order),
    /// and how many such tags are not versions.
    static func highestTag(
        in tags: [String],
        prefix: String
    ) -> (best: (tag: String, version: SemanticVersion)?, ignored: Int) {
        var best: (tag: String, version: SemanticVersion)?
        var ignored = 0
        for tag in tags where tag.hasPrefix(prefix) {
            guard let version = SemanticVersion(tag: tag, prefix: prefix) else {
                ignored += 1
                continue
            }
            if best.map({ version > $0.version }) ?? true { best = (tag, version) }
        }
        return (best, ignored)
    }

    /// How many of the tags starting with `prefix` have the same precedence as `version`.
    static func precedenceTies(of version: SemanticVersion, in tags: [String], prefix: String) -> Int {
        tags.count { tag in
            guard tag.hasPrefix(prefix), let other = SemanticVersion(tag: tag, prefix: prefix) else { return false }
            return !(other < version) && !(version < other)
        }
    }

    /// The files to bump: `bumpFiles` from the settings, else standard-version's defaults plus the formats Slipway
    /// also understands (`VERSION`, `pyproject.toml`, `Cargo.toml`, `Chart.yaml`).
    static func bumpFiles(_ settings: VersioningSettings) -> [VersioningSettings.BumpFile] {
        if let configured = settings.bumpFiles { return configured }
        return (VersionFiles.defaultBumpFiles + ["VERSION", "pyproject.toml", "Cargo.toml", "Chart.yaml"])
            .map { VersioningSettings.BumpFile(filename: $0) }
    }

    /// The changelog configuration the settings describe (standard-version's defaults otherwise).
    static func changelogConfiguration(_ settings: VersioningSettings) -> ChangelogConfiguration {
        var configuration = ChangelogConfiguration()
        if let types = settings.types {
            configuration.types = types.map { ChangelogType(type: $0.type, section: $0.section, hidden: $0.hidden) }
        }
        if let header = settings.header { configuration.header = header }
        if let format = settings.commitUrlFormat { configuration.commitUrlFormat = format }
        if let format = settings.compareUrlFormat { configuration.compareUrlFormat = format }
        if let format = settings.issueUrlFormat { configuration.issueUrlFormat = format }
        if let format = settings.userUrlFormat { configuration.userUrlFormat = format }
        if let prefixes = settings.issuePrefixes { configuration.issuePrefixes = prefixes }
        if settings.changelogLayout == "commit-and-tag-version" { configuration.layout = .commitAndTagVersion }
        if let keys = settings.issueKeys { configuration.issueKeyProjects = keys }
        return configuration
    }

    static func merge(_ lhs: VersioningSettings.Skip, _ rhs: VersioningSettings.Skip) -> VersioningSettings.Skip {
        var skip = VersioningSettings.Skip()
        skip.bump = lhs.bump || rhs.bump
        skip.changelog = lhs.changelog || rhs.changelog
        skip.commit = lhs.commit || rhs.commit
        skip.tag = lhs.tag || rhs.tag
        return skip
    }
}
