#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads what `slipway version` asks git for (shallowness, `HEAD`, tags, the commits since a tag, the origin URL)
/// straight from the repository's files, without starting a process.
///
/// A fast path only: it handles the common layout (a `.git` directory or a `.git` file of a linked worktree, loose
/// and packed refs, loose objects and version-2 pack indexes, a linear range) and throws
/// ``GitNativeUnsupported`` for anything it cannot answer exactly as the git command would (environment variables
/// that change git's behaviour, repository extensions, alternates, grafts, replace refs, config includes,
/// re-encoded or unusual messages, merges in the range, a repository owned by someone else, damaged objects).
/// ``GitRepository`` then runs git as before, so the two paths never disagree; tests compare them on real
/// repositories.
struct NativeGitReader {
    let gitDirectory: String
    let commonDirectory: String
    let config: [GitConfigEntry]
    private let packedRefs: [String: GitObjectID]

    /// Environment variables that do not change what the reads return (identities, editors, network and tracing
    /// settings); any other `GIT_*` variable sends the reads to git.
    static let harmlessVariables: Set<String> = [
        "GIT_PAGER", "GIT_TERMINAL_PROMPT", "GIT_EDITOR", "GIT_SEQUENCE_EDITOR", "GIT_ASKPASS", "GIT_SSH",
        "GIT_SSH_COMMAND", "GIT_SSH_VARIANT", "GIT_CONFIG_NOSYSTEM", "GIT_PROTOCOL_FROM_USER", "GIT_ALLOW_PROTOCOL",
        "GIT_PROXY_COMMAND",
    ]

    /// Prefixes of harmless variable families.
    static let harmlessPrefixes = ["GIT_AUTHOR_", "GIT_COMMITTER_", "GIT_SSL_", "GIT_HTTP_", "GIT_CURL_", "GIT_TRACE"]

    static func isHarmless(_ name: String) -> Bool {
        !name.hasPrefix("GIT_") || harmlessVariables.contains(name) || harmlessPrefixes.contains { name.hasPrefix($0) }
    }

    /// Finds the repository that contains `path` as `git -C path` would, and reads its configuration.
    init(path: String, environment: [String: String]) throws(GitNativeUnsupported) {
        for name in environment.keys where !Self.isHarmless(name) {
            throw GitNativeUnsupported(reason: "environment variable \(name)")
        }
        guard let resolved = realpath(path, nil) else { throw GitNativeUnsupported(reason: "no such path") }
        var directory = String(cString: resolved)
        free(resolved)
        guard let start = gitFileStatus(directory), start.st_mode & S_IFMT == S_IFDIR else {
            throw GitNativeUnsupported(reason: "not a directory")
        }
        let owner = geteuid()
        var gitDirectory: String
        while true {
            let dotGit = (directory == "/" ? "" : directory) + "/.git"
            if let status = gitFileStatus(dotGit) {
                guard status.st_uid == owner, gitFileStatus(directory)?.st_uid == owner else {
                    throw GitNativeUnsupported(reason: "repository owned by another user")
                }
                switch status.st_mode & S_IFMT {
                case S_IFDIR:
                    gitDirectory = dotGit
                case S_IFREG:
                    guard let text = gitReadFile(dotGit), text.starts(with: Array("gitdir: ".utf8)),
                        text.last == 0x0A, !text.dropLast().contains(0x0A), !text.contains(0x0D)
                    else { throw GitNativeUnsupported(reason: ".git file is not a plain gitdir pointer") }
                    let target = String(decoding: text.dropFirst(8).dropLast(), as: UTF8.self)
                    gitDirectory = target.hasPrefix("/") ? target : directory + "/" + target
                    guard gitFileStatus(gitDirectory)?.st_uid == owner else {
                        throw GitNativeUnsupported(reason: "git directory missing or owned by another user")
                    }
                default:
                    throw GitNativeUnsupported(reason: ".git is neither a directory nor a file")
                }
                break
            }
            if gitFileStatus(directory + "/HEAD") != nil && gitFileStatus(directory + "/objects") != nil {
                throw GitNativeUnsupported(reason: "a bare repository or a git directory itself")
            }
            guard directory != "/" else { throw GitNativeUnsupported(reason: "not in a git repository") }
            let parent = String(directory[..<(directory.lastIndex(of: "/") ?? directory.startIndex)])
            let next = parent.isEmpty ? "/" : parent
            guard gitFileStatus(next)?.st_dev == start.st_dev else {
                throw GitNativeUnsupported(reason: "discovery would cross a file system boundary")
            }
            directory = next
        }
        var commonDirectory = gitDirectory
        if let text = gitReadFile(gitDirectory + "/commondir") {
            var name = text
            while name.last == 0x0A { name.removeLast() }
            guard !name.isEmpty, !name.contains(0x0A), !name.contains(0x0D) else {
                throw GitNativeUnsupported(reason: "unusual commondir file")
            }
            let target = String(decoding: name, as: UTF8.self)
            commonDirectory = target.hasPrefix("/") ? target : gitDirectory + "/" + target
        }
        for required in ["/objects", "/refs"] where gitFileStatus(commonDirectory + required) == nil {
            throw GitNativeUnsupported(reason: "no \(required) in the git directory")
        }
        if gitFileStatus(commonDirectory + "/objects/info/alternates") != nil {
            throw GitNativeUnsupported(reason: "alternate object stores")
        }
        self.gitDirectory = gitDirectory
        self.commonDirectory = commonDirectory
        config = try Self.readConfiguration(commonDirectory: commonDirectory, environment: environment)
        packedRefs = try Self.readPackedRefs(commonDirectory + "/packed-refs")
    }

    /// The configuration git reads (system, global, repository), refusing what could change the answers.
    static func readConfiguration(
        commonDirectory: String,
        environment: [String: String]
    ) throws(GitNativeUnsupported) -> [GitConfigEntry] {
        var files: [String] = []
        switch environment["GIT_CONFIG_NOSYSTEM"]?.lowercased() {
        case nil, "", "0", "false", "no", "off": files.append("/etc/gitconfig")
        case "1", "true", "yes", "on": break
        default: throw GitNativeUnsupported(reason: "GIT_CONFIG_NOSYSTEM is not a boolean")
        }
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            files.append(xdg + "/git/config")
        } else if let home = environment["HOME"] {
            files.append(home + "/.config/git/config")
        }
        if let home = environment["HOME"] { files.append(home + "/.gitconfig") }
        files.append(commonDirectory + "/config")
        var entries: [GitConfigEntry] = []
        for file in files {
            guard let bytes = gitReadFile(file) else { continue }
            entries += try GitConfigFile.parse(bytes)
        }
        for entry in entries {
            switch (entry.section, entry.key) {
            case ("include", _), ("includeif", _), ("extensions", _):
                throw GitNativeUnsupported(reason: "config \(entry.section).\(entry.key)")
            case ("core", "repositoryformatversion"):
                guard entry.subsection == nil, entry.value == Array("0".utf8) || entry.value == Array("1".utf8) else {
                    throw GitNativeUnsupported(reason: "repository format version")
                }
            case ("i18n", "logoutputencoding"), ("i18n", "commitencoding"), ("log", "showsignature"),
                ("log", "excludedecoration"), ("core", "usereplacerefs"):
                throw GitNativeUnsupported(reason: "config \(entry.section).\(entry.key)")
            default:
                continue
            }
        }
        return entries
    }

    /// `packed-refs`: `<id> <name>` lines (with `^<id>` peeled lines, which the reader recomputes), sorted or not.
    static func readPackedRefs(_ path: String) throws(GitNativeUnsupported) -> [String: GitObjectID] {
        guard let bytes = gitReadFile(path) else { return [:] }
        var refs: [String: GitObjectID] = [:]
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            if line.isEmpty || line.first == 0x23 || line.first == 0x5E && line.count == 41 { continue }
            guard line.count > 41, line[line.startIndex + 40] == 0x20,
                let id = GitObjectID(hex: line.prefix(40))
            else { throw GitNativeUnsupported(reason: "unusual packed-refs line") }
            refs[String(decoding: line.dropFirst(41), as: UTF8.self)] = id
        }
        return refs
    }

    /// A ref's loose file: an object name, or the target of a symbolic ref; `nil` when there is no such file.
    private func looseRef(_ name: String, in directory: String) throws(GitNativeUnsupported) -> LooseRef? {
        guard let bytes = gitReadFile(directory + "/" + name) else {
            if let status = gitFileStatus(directory + "/" + name), status.st_mode & S_IFMT != S_IFDIR {
                throw GitNativeUnsupported(reason: "unreadable ref \(name)")
            }
            return nil
        }
        if bytes.starts(with: Array("ref: ".utf8)), bytes.last == 0x0A {
            let target = bytes.dropFirst(5).dropLast()
            guard !target.isEmpty, !target.contains(0x0A), !target.contains(0x20) else {
                throw GitNativeUnsupported(reason: "unusual symbolic ref \(name)")
            }
            return .symbolic(String(decoding: target, as: UTF8.self))
        }
        guard bytes.count == 41, bytes.last == 0x0A, let id = GitObjectID(hex: bytes.prefix(40)) else {
            throw GitNativeUnsupported(reason: "unusual ref file \(name)")
        }
        return .direct(id)
    }

    private enum LooseRef {
        case direct(GitObjectID)
        case symbolic(String)
    }

    /// The object a ref names (loose first, then packed), following symbolic refs; `nil` when it does not exist.
    func resolve(_ name: String) throws(GitNativeUnsupported) -> GitObjectID? {
        var name = name
        for _ in 0..<5 {
            let directory = name.hasPrefix("refs/") ? commonDirectory : gitDirectory
            switch try looseRef(name, in: directory) {
            case .direct(let id): return id
            case .symbolic(let target):
                guard target.hasPrefix("refs/") else {
                    throw GitNativeUnsupported(reason: "symbolic ref outside refs/")
                }
                name = target
            case nil:
                return packedRefs[name]
            }
        }
        throw GitNativeUnsupported(reason: "symbolic refs nested too deeply")
    }

    /// Whether `name` passes the checks of `git check-ref-format` that matter here, in plain ASCII (names git would
    /// skip or treat specially make the reader give up).
    static func isPlainRefName(_ name: String) -> Bool {
        guard !name.isEmpty, !name.hasSuffix("/"), !name.hasSuffix("."), !name.contains(".."), !name.contains("@{"),
            name != "@", !name.contains("//")
        else { return false }
        for byte in name.utf8 {
            if byte < 0x21 || byte >= 0x7F { return false }
            if "~^:?*[\\".utf8.contains(byte) { return false }
        }
        return name.split(separator: "/").allSatisfy { !$0.hasPrefix(".") && !$0.hasSuffix(".lock") }
    }

    /// Every loose ref file below `refs/<prefix>` (relative names), `nil`-free; throws on anything unusual.
    private func looseRefNames(under prefix: String) throws(GitNativeUnsupported) -> [String] {
        var names: [String] = []
        var pending = [prefix]
        while let relative = pending.popLast() {
            guard let handle = opendir(commonDirectory + "/" + relative) else { continue }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                let path = relative + "/" + name
                guard let status = gitFileStatus(commonDirectory + "/" + path) else { continue }
                switch status.st_mode & S_IFMT {
                case S_IFDIR: pending.append(path)
                case S_IFREG: names.append(path)
                default: throw GitNativeUnsupported(reason: "unusual entry \(path)")
                }
            }
        }
        return names
    }

    /// Whether any ref (loose or packed) starts with `prefix`.
    private func hasRefs(under prefix: String) throws(GitNativeUnsupported) -> Bool {
        if packedRefs.keys.contains(where: { $0.hasPrefix(prefix + "/") }) { return true }
        return try !looseRefNames(under: prefix).isEmpty
    }

    // MARK: - The answers

    /// What `git rev-parse --is-shallow-repository HEAD --symbolic-full-name --tags` prints.
    func snapshot(objects: GitObjectDatabase) throws(GitNativeUnsupported) -> GitRepository.Snapshot {
        guard let head = try resolve("HEAD") else { throw GitNativeUnsupported(reason: "HEAD has no commit") }
        // `--symbolic-full-name` expands each name by git's lookup rules; names these rules could make ambiguous
        // make the reader give up.
        for prefix in ["refs/refs", "refs/heads/refs", "refs/remotes/refs"] where try hasRefs(under: prefix) {
            throw GitNativeUnsupported(reason: "refs under \(prefix)")
        }
        var tags = Set(packedRefs.keys.filter { $0.hasPrefix("refs/tags/") })
        for name in try looseRefNames(under: "refs/tags") { tags.insert(name) }
        var sorted: [String] = []
        for name in tags.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let short = String(name.dropFirst("refs/tags/".count))
            guard Self.isPlainRefName(name), !short.hasPrefix("refs/") else {
                throw GitNativeUnsupported(reason: "unusual tag name \(name)")
            }
            // git skips (with an error) refs whose object is missing; give up instead.
            guard let id = try resolve(name), try objects.contains(id) else {
                throw GitNativeUnsupported(reason: "tag \(name) does not name an object")
            }
            sorted.append(short)
        }
        let shallow = gitFileStatus(commonDirectory + "/shallow") != nil
        return GitRepository.Snapshot(isShallow: shallow, head: head.hex, tags: sorted)
    }

    /// The URL `git config --get remote.origin.url` prints (the last one), `nil` when none is set.
    func originURL() throws(GitNativeUnsupported) -> [UInt8]? {
        var url: [UInt8]?
        for entry in config where entry.section == "remote" && entry.subsection == "origin" && entry.key == "url" {
            guard let value = entry.value else { throw GitNativeUnsupported(reason: "remote.origin.url has no value") }
            url = value
        }
        return url
    }

    /// The result of the log of `<tag>..HEAD` (`--first-parent` or not) when the range is a plain chain of commits
    /// from `HEAD` down to the commit `tag` names: the commits newest first, hash and `%B` message bytes.
    ///
    /// `.tagOnHead` when `HEAD` is the tag's commit (the log is empty and has no boundary). Throws when the range
    /// holds a merge, reaches a root or a shallow boundary first, or anything else is unusual.
    func chain(
        sinceTag tag: String,
        objects: GitObjectDatabase
    ) throws(GitNativeUnsupported) -> ChainResult {
        let name = "refs/tags/" + tag
        guard Self.isPlainRefName(name), GitObjectID(hex: tag.utf8) == nil, !tag.hasPrefix("refs/") else {
            throw GitNativeUnsupported(reason: "unusual tag name")
        }
        // `<tag>` resolves to `$GIT_DIR/<tag>` or `refs/<tag>` before `refs/tags/<tag>`.
        if gitFileStatus(gitDirectory + "/" + tag) != nil || gitFileStatus(commonDirectory + "/" + tag) != nil
            || packedRefs[tag] != nil || gitFileStatus(commonDirectory + "/refs/" + tag) != nil
            || packedRefs["refs/" + tag] != nil
        {
            throw GitNativeUnsupported(reason: "\(tag) could name another ref")
        }
        let replaced = try hasRefs(under: "refs/replace")
        if replaced || gitFileStatus(commonDirectory + "/info/grafts") != nil {
            throw GitNativeUnsupported(reason: "grafts or replace refs")
        }
        guard var target = try resolve(name) else { throw GitNativeUnsupported(reason: "no tag \(tag)") }
        var object = try objects.object(target)
        var depth = 0
        while object.kind == .tag {
            guard depth < 16, let tagged = Self.taggedObject(object.data) else {
                throw GitNativeUnsupported(reason: "unusual tag object")
            }
            target = tagged
            object = try objects.object(target)
            depth += 1
        }
        guard object.kind == .commit else { throw GitNativeUnsupported(reason: "tag does not name a commit") }
        guard let head = try resolve("HEAD") else { throw GitNativeUnsupported(reason: "HEAD has no commit") }
        if head == target { return .tagOnHead }
        let shallow = try shallowCommits()
        var commits: [(id: GitObjectID, message: String)] = []
        var parents: [GitObjectID] = []
        var current = head
        // A long range: the commits ahead are inflated on a second thread while this one parses (same answers).
        defer { objects.stopPrefetching() }
        while true {
            guard !shallow.contains(current) else { throw GitNativeUnsupported(reason: "shallow boundary") }
            let commit = try objects.object(current)
            guard commit.kind == .commit else { throw GitNativeUnsupported(reason: "not a commit") }
            let messageStart = try Self.parseCommit(commit.data, parents: &parents)
            guard parents.count == 1 else { throw GitNativeUnsupported(reason: "merge or root in the range") }
            commits.append((current, GitRepository.logMessage(commit.data, from: messageStart)))
            if parents[0] == target { return .commits(commits) }
            if commits.count == Self.commitsBeforePrefetching {
                objects.prefetchCommits(next: parents[0], after: current, boundary: target)
            }
            current = parents[0]
        }
    }

    /// How many commits a walk reads alone before it starts the second thread (a short range is not worth one).
    static let commitsBeforePrefetching = 64

    enum ChainResult {
        case tagOnHead
        /// Newest first: each commit's name and its message as the log parsers return it.
        case commits([(id: GitObjectID, message: String)])
    }

    private func shallowCommits() throws(GitNativeUnsupported) -> Set<GitObjectID> {
        guard let bytes = gitReadFile(commonDirectory + "/shallow") else { return [] }
        var result: Set<GitObjectID> = []
        for line in bytes.split(separator: 0x0A) {
            guard let id = GitObjectID(hex: line) else { throw GitNativeUnsupported(reason: "unusual shallow file") }
            result.insert(id)
        }
        return result
    }

    /// The `object` line of a tag object.
    static func taggedObject(_ data: [UInt8]) -> GitObjectID? {
        guard data.count > 48, data.starts(with: Array("object ".utf8)), data[47] == 0x0A else { return nil }
        return GitObjectID(hex: data[7..<47])
    }

    /// The parents (the `parent` lines right after `tree`, as git reads them) and the raw message (`%B`: everything
    /// after the blank line that ends the header) of a commit object.
    static func parseCommit(
        _ data: [UInt8]
    ) throws(GitNativeUnsupported) -> (parents: [GitObjectID], message: [UInt8]) {
        var parents: [GitObjectID] = []
        let start = try parseCommit(data, parents: &parents)
        return (parents, Array(data[start...]))
    }

    /// ``parseCommit(_:)`` without copying: fills `parents` (emptied first, so that one array serves a whole walk)
    /// and returns where the message starts in `data`.
    static func parseCommit(
        _ data: [UInt8],
        parents: inout [GitObjectID]
    ) throws(GitNativeUnsupported) -> Int {
        parents.removeAll(keepingCapacity: true)
        let result = data.withUnsafeBufferPointer { bytes in
            Result { () throws(GitNativeUnsupported) in try parseCommit(bytes, parents: &parents) }
        }
        return try result.get()
    }

    private static func parseCommit(
        _ data: UnsafeBufferPointer<UInt8>,
        parents: inout [GitObjectID]
    ) throws(GitNativeUnsupported) -> Int {
        guard data.count > 46, startsWith(data, at: 0, "tree "), data[45] == 0x0A else {
            throw GitNativeUnsupported(reason: "commit without a tree line")
        }
        var position = 46
        while position + 48 <= data.count, data[position + 47] == 0x0A, startsWith(data, at: position, "parent ") {
            guard let id = GitObjectID(hex: UnsafeBufferPointer(rebasing: data[(position + 7)..<(position + 47)]))
            else { throw GitNativeUnsupported(reason: "bad parent line") }
            parents.append(id)
            position += 48
        }
        // The rest of the header: no other parent lines, an encoding that needs no re-encoding, then a blank line.
        let base = data.baseAddress.unsafelyUnwrapped
        while true {
            guard position < data.count else { throw GitNativeUnsupported(reason: "commit without a message") }
            if data[position] == 0x0A {
                position += 1
                break
            }
            var end = data.count
            if let found = memchr(base + position, 0x0A, data.count - position) {
                end = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
            }
            if startsWith(data, at: position, "parent ") {
                throw GitNativeUnsupported(reason: "parent line out of place")
            }
            if startsWith(data, at: position, "encoding ") {
                let encoding = String(decoding: data[(position + 9)..<end], as: UTF8.self).lowercased()
                guard encoding == "utf-8" || encoding == "utf8" else {
                    throw GitNativeUnsupported(reason: "message in \(encoding)")
                }
            }
            position = end + 1
        }
        // git stops `%B` at a NUL byte; the log parser splits at the separators. Leave such messages to git.
        let rest = data.count - position
        if rest > 0,
            memchr(base + position, 0, rest) != nil || memchr(base + position, 0x1E, rest) != nil
                || memchr(base + position, 0x1F, rest) != nil
        {
            throw GitNativeUnsupported(reason: "message with a NUL or separator byte")
        }
        return position
    }

    /// Whether `data` has the ASCII `prefix` at `position`.
    static func startsWith(_ data: UnsafeBufferPointer<UInt8>, at position: Int, _ prefix: StaticString) -> Bool {
        prefix.withUTF8Buffer { prefix in
            guard position + prefix.count <= data.count else { return false }
            for index in 0..<prefix.count where data[position + index] != prefix[index] { return false }
            return true
        }
    }
}
