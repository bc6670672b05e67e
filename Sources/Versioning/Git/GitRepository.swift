public import SlipwayCore

/// Why a git operation failed, with what to do about it.
public enum GitError: Error, Sendable, Equatable, CustomStringConvertible {
    case notARepository(path: String)
    case noCommits(path: String)
    case shallowClone(path: String)
    case commandFailed(arguments: [String], status: Int32, message: String)
    case unavailable(reason: String)
    /// A commit range git cannot resolve (a ref that is not fetched, a typo) or that is not a range at all.
    case badRange(range: String, reason: String)

    public var description: String {
        switch self {
        case .notARepository(let path):
            return "\(path): error: not a git repository; run slipway in a clone (or pass --path)"
        case .noCommits(let path):
            return "\(path): error: the repository has no commits yet; commit something before releasing"
        case .shallowClone(let path):
            return "\(path): error: this is a shallow clone, so older commits and tags are missing; "
                + "fetch them with `git fetch --tags --unshallow` (or `actions/checkout` with `fetch-depth: 0`)"
        case .commandFailed(let arguments, let status, let message):
            return "error: `\(arguments.joined(separator: " "))` exited with status \(status): \(message)"
        case .unavailable(let reason):
            return "error: git could not be run (\(reason)); install git and make sure it is on PATH"
        case .badRange(let range, let reason):
            return "error: cannot read the commits of '\(range)': \(reason); check the range, and in CI fetch its "
                + "base first (`git fetch origin main`, or `actions/checkout` with `fetch-depth: 0`)"
        }
    }
}

/// Reads history and writes release commits and tags through the `git` command (never a shell).
///
/// The reads `slipway version` makes on every run (``snapshot()``, ``commits(sinceReachableTag:firstParent:)``,
/// ``originURL()``) first try ``NativeGitReader``, which answers from the repository's files without starting a
/// process and gives up whenever it cannot be sure to answer as git would; git then runs as before.
public struct GitRepository: Sendable {
    /// The working directory of the repository.
    public let path: String
    private let runner: any ProcessRunner
    private let timeout: Duration
    let environment: [String: String]
    /// Whether the history reads try the repository's files first (tests turn this off to get git's own answers).
    let readsFilesDirectly: Bool

    /// Creates a repository handle; nothing runs until a method is called.
    ///
    /// `environment` is the caller's environment (from the context), so git still finds `HOME` and the user's
    /// configuration (identity, signing); slipway only pins the locale and turns off pagers and prompts.
    public init(
        path: String,
        runner: any ProcessRunner,
        environment: [String: String] = [:],
        timeout: Duration = .seconds(60),
        readsFilesDirectly: Bool = true
    ) {
        self.path = path
        self.runner = runner
        self.environment = environment
        self.timeout = timeout
        self.readsFilesDirectly = readsFilesDirectly
    }

    /// Runs `git <arguments>` in the repository and returns its standard output.
    @discardableResult
    func git(_ arguments: [String], allowFailure: Bool = false) async throws(GitError) -> ProcessResult {
        let argv = ["git", "-C", path] + arguments
        let result: ProcessResult
        do {
            // Fixed, locale-independent output; no pager, no prompts.
            var environment = self.environment
            environment["LC_ALL"] = "C"
            environment["GIT_PAGER"] = "cat"
            environment["GIT_TERMINAL_PROMPT"] = "0"
            if environment["PATH"] == nil { environment["PATH"] = Self.searchPath }
            result = try await runner.run(ProcessRequest(argv, environment: environment, timeout: timeout))
        } catch {
            throw .unavailable(reason: error.description)
        }
        if result.status != 0 && !allowFailure {
            let message = result.errorText.split(separator: "\n").suffix(3).joined(separator: " ")
            if message.contains("not a git repository") { throw .notARepository(path: path) }
            throw .commandFailed(arguments: argv, status: result.status, message: message)
        }
        return result
    }

    /// The `PATH` git runs with: the usual system directories.
    static let searchPath = "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin"

    /// Whether the clone is shallow (history and tags may be missing).
    public func isShallow() async throws(GitError) -> Bool {
        try await git(["rev-parse", "--is-shallow-repository"]).outputText.trimmingWhitespace() == "true"
    }

    /// Whether `HEAD` points at a commit; throws `notARepository` outside a git work tree.
    public func hasCommits() async throws(GitError) -> Bool {
        try await git(["rev-parse", "--git-dir"])
        return try await git(["rev-parse", "--verify", "--quiet", "HEAD"], allowFailure: true).status == 0
    }

    /// Tags reachable from `HEAD`, newest tag creation first as git lists them.
    public func tagsMergedIntoHead() async throws(GitError) -> [String] {
        try await git(["tag", "--merged", "HEAD", "--list"]).outputText
            .split(separator: "\n").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }

    /// Commits in `range` (for example `v1.2.0..HEAD`, or `HEAD` for all), newest first.
    ///
    /// Records are separated with ASCII unit and record separators, which commit messages do not contain.
    ///
    /// - Throws: `GitError.badRange` when git does not know a revision of the range, or when the range starts with
    ///   `-`, which git would read as an option (`--output=…` writes a file).
    public func commits(range: String, firstParent: Bool = false) async throws(GitError) -> [RawCommit] {
        guard !range.hasPrefix("-") else {
            throw .badRange(range: range, reason: "a range cannot start with '-'")
        }
        var arguments = ["log", "--format=%H%x1f%B%x1e"]
        if firstParent { arguments.append("--first-parent") }
        arguments.append(range)
        do {
            return Self.parseLog(try await git(arguments).standardOutput)
        } catch .commandFailed(_, 128, let message)
            where message.contains("unknown revision") || message.contains("bad revision")
            || message.contains("ambiguous argument")
        {
            throw .badRange(range: range, reason: "git says: \(message)")
        }
    }

    /// Splits `git log --format=%H%x1f%B%x1e` output into commits.
    static func parseLog(_ output: String) -> [RawCommit] {
        parseLog(Array(output.utf8))
    }

    /// Splits `git log --format=%H%x1f%B%x1e` output into commits, working on the bytes.
    ///
    /// The same records as splitting the decoded text at `U+001E` and the first `U+001F`: both are control
    /// characters, which never join a neighbour into one `Character`, and decoding stops at ASCII bytes, so
    /// splitting first and decoding each piece gives the same strings. A message loses its trailing line feeds,
    /// except the one of a final CR LF (one `Character`, which `hasSuffix("\n")` does not match).
    static func parseLog(_ output: [UInt8]) -> [RawCommit] {
        var commits: [RawCommit] = []
        output.withUnsafeBufferPointer { bytes in
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x1E { end += 1 }
                if let commit = record(bytes, start..<end) { commits.append(commit) }
                start = end + 1
            }
        }
        return commits
    }

    /// One `%H%x1f%B` record (leading line feeds skipped); `nil` without a separator or a hash.
    private static func record(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> RawCommit? {
        var start = range.lowerBound
        while start < range.upperBound, bytes[start] == 0x0A { start += 1 }
        var separator = start
        while separator < range.upperBound, bytes[separator] != 0x1F { separator += 1 }
        guard separator < range.upperBound, separator > start else { return nil }
        return RawCommit(
            hash: decode(bytes, start..<separator),
            message: decode(bytes, (separator + 1)..<messageEnd(bytes, from: separator + 1, to: range.upperBound))
        )
    }

    /// Where a message ends once trailing line feeds are dropped (a line feed after a carriage return stays).
    static func messageEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        var end = end
        while end > start, bytes[end - 1] == 0x0A, !(end - 1 > start && bytes[end - 2] == 0x0D) { end -= 1 }
        return end
    }

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    // MARK: - Two calls instead of six

    /// What `git rev-parse --is-shallow-repository HEAD --symbolic-full-name --tags` says in one process.
    public struct Snapshot: Sendable, Hashable {
        /// Whether the clone is shallow.
        public var isShallow: Bool
        /// The commit `HEAD` names.
        public var head: String
        /// Every tag (reachable from `HEAD` or not), in git's ref order (the order `git tag --list` uses).
        public var tags: [String]
    }

    /// Shallowness, `HEAD` and every tag from one `git rev-parse`; `nil` when that call fails or says something
    /// unexpected (not a repository, no commits, an old git), so the caller asks again the slow way, which
    /// reports the problem precisely.
    public func snapshot() async -> Snapshot? {
        if readsFilesDirectly, let snapshot = nativeSnapshot() { return snapshot }
        guard
            let result = try? await git(
                ["rev-parse", "--is-shallow-repository", "HEAD", "--symbolic-full-name", "--tags"],
                allowFailure: true
            ),
            result.status == 0
        else { return nil }
        let lines = result.outputText.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 3, lines[0] == "true" || lines[0] == "false", Self.isObjectName(lines[1]),
            lines.last == ""
        else { return nil }
        var tags: [String] = []
        for line in lines[2..<(lines.count - 1)] {
            guard line.hasPrefix("refs/tags/"), line.count > "refs/tags/".count else { return nil }
            tags.append(String(line.dropFirst("refs/tags/".count)))
        }
        return Snapshot(isShallow: lines[0] == "true", head: String(lines[1]), tags: tags)
    }

    /// The commits of `<tag>..HEAD` as ``commits(range:firstParent:)`` returns them, when that log proves the tag
    /// reachable from `HEAD`.
    ///
    /// The same `git log`, with `--boundary`, shows the tag's commit as a boundary commit decorated with the tag
    /// exactly when it is an ancestor of `HEAD`. `nil` when git fails, or when the boundary does
    /// not show the tag (the tag is not reachable, sits on `HEAD` itself, or is reachable with `--first-parent`
    /// only through a second parent); the caller then asks `git tag --merged HEAD`.
    public func commits(sinceReachableTag tag: String, firstParent: Bool = false) async -> [RawCommit]? {
        if readsFilesDirectly, let native = nativeCommits(sinceReachableTag: tag) {
            switch native {
            case .commits(let commits): return commits
            case .tagOnHead: return nil
            }
        }
        var arguments = ["log", "--boundary", "--decorate-refs=refs/tags/", "--format=%m%H%x1f%D%x1f%B%x1e"]
        if firstParent { arguments.append("--first-parent") }
        arguments.append("\(tag)..HEAD")
        guard let result = try? await git(arguments, allowFailure: true), result.status == 0 else { return nil }
        return Self.parseBoundaryLog(result.standardOutput, tag: tag)
    }

    /// Splits `git log --boundary --format=%m%H%x1f%D%x1f%B%x1e` output: the commits of the range (mark `>`), and
    /// whether a boundary commit (mark `-`) carries `tag`; `nil` when it does not or a record is malformed.
    static func parseBoundaryLog(_ output: [UInt8], tag: String) -> [RawCommit]? {
        let decoration = Array(", tag: \(tag), ".utf8)
        var commits: [RawCommit] = []
        var tagIsBoundary = false
        let wellFormed = output.withUnsafeBufferPointer { bytes -> Bool in
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x1E { end += 1 }
                defer { start = end + 1 }
                var first = start
                while first < end, bytes[first] == 0x0A { first += 1 }
                if first == end, end == bytes.count { break }  // the line feed after the last record
                guard first < end else { return false }
                let mark = bytes[first]
                var hashEnd = first + 1
                while hashEnd < end, bytes[hashEnd] != 0x1F { hashEnd += 1 }
                var decorationEnd = hashEnd + 1
                while decorationEnd < end, bytes[decorationEnd] != 0x1F { decorationEnd += 1 }
                guard decorationEnd < end, isObjectName(UnsafeBufferPointer(rebasing: bytes[(first + 1)..<hashEnd]))
                else { return false }
                switch mark {
                case UInt8(ascii: ">"):
                    let messageStart = decorationEnd + 1
                    commits.append(
                        RawCommit(
                            hash: decode(bytes, (first + 1)..<hashEnd),
                            message: decode(bytes, messageStart..<messageEnd(bytes, from: messageStart, to: end))
                        )
                    )
                case UInt8(ascii: "-"):
                    // `%D` joins decorations with ", "; tag names cannot contain a space, so that splits exactly.
                    let decorations = [UInt8](", ".utf8) + bytes[(hashEnd + 1)..<decorationEnd] + [UInt8](", ".utf8)
                    if decorations.firstRange(of: decoration) != nil { tagIsBoundary = true }
                default:
                    return false
                }
            }
            return true
        }
        return wellFormed && tagIsBoundary ? commits : nil
    }

    /// A full object name: 40 (SHA-1) or 64 (SHA-256) lowercase hexadecimal digits.
    static func isObjectName(_ text: some Collection<UInt8>) -> Bool {
        (text.count == 40 || text.count == 64)
            && text.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    static func isObjectName(_ text: Substring) -> Bool { isObjectName(text.utf8) }

    /// The URL of `origin` as configured (`remote.origin.url`; unlike `git remote get-url`, not rewritten by
    /// `url.*.insteadOf` mirrors, so links point at the real host).
    public func originURL() async throws(GitError) -> String? {
        if readsFilesDirectly, case .some(let url) = nativeOriginURL() { return url }
        let result = try await git(["config", "--get", "remote.origin.url"], allowFailure: true)
        guard result.status == 0 else { return nil }
        let url = result.outputText.trimmingWhitespace()
        return url.isEmpty ? nil : url
    }

    /// ``originURL()`` as a value, so that it can run concurrently with other git calls.
    public func originURLResult() async -> Result<String?, GitError> {
        do {
            return .success(try await originURL())
        } catch {
            return .failure(error)
        }
    }

    /// Stages `files` (or everything tracked, with `all`) and commits them with `message`, honouring the
    /// repository's signing configuration.
    public func commit(
        files: [String],
        message: String,
        sign: Bool,
        noVerify: Bool = false,
        all: Bool = false
    ) async throws(GitError) {
        if !files.isEmpty { try await git(["add", "--"] + files) }
        var arguments = ["commit", "--message", message]
        if all { arguments.append("--all") }
        if sign { arguments.append("--gpg-sign") }
        if noVerify { arguments.append("--no-verify") }
        try await git(arguments)
    }

    /// Takes `files` out of the index again (back to `HEAD`'s version), after a commit that staged them failed.
    public func unstage(files: [String]) async throws(GitError) {
        guard !files.isEmpty else { return }
        try await git(["reset", "--quiet", "--"] + files)
    }

    /// Creates an annotated tag `name` at `HEAD` (signed with git's own configuration when `sign`).
    ///
    /// `--` ends the options: a name from a tag prefix such as `--points-at=` is then refused by git as a tag name
    /// instead of being read as an option.
    public func tag(_ name: String, message: String, sign: Bool) async throws(GitError) {
        try await git(["tag", sign ? "--sign" : "--annotate", "--message", message, "--", name])
    }
}
