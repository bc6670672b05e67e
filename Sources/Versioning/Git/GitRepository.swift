public import SlipwayCore

/// Why a git operation failed, with what to do about it.
public enum GitError: Error, Sendable, Equatable, CustomStringConvertible {
    case notARepository(path: String)
    case noCommits(path: String)
    case shallowClone(path: String)
    case commandFailed(arguments: [String], status: Int32, message: String)
    case unavailable(reason: String)

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
        }
    }
}

/// Reads history and writes release commits and tags through the `git` command (never a shell).
public struct GitRepository: Sendable {
    /// The working directory of the repository.
    public let path: String
    private let runner: any ProcessRunner
    private let timeout: Duration
    private let environment: [String: String]

    /// Creates a repository handle; nothing runs until a method is called.
    ///
    /// `environment` is the caller's environment (from the context), so git still finds `HOME` and the user's
    /// configuration (identity, signing); slipway only pins the locale and turns off pagers and prompts.
    public init(
        path: String,
        runner: any ProcessRunner,
        environment: [String: String] = [:],
        timeout: Duration = .seconds(60)
    ) {
        self.path = path
        self.runner = runner
        self.environment = environment
        self.timeout = timeout
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
    public func commits(range: String, firstParent: Bool = false) async throws(GitError) -> [RawCommit] {
        var arguments = ["log", "--format=%H%x1f%B%x1e"]
        if firstParent { arguments.append("--first-parent") }
        arguments.append(range)
        let output = try await git(arguments).outputText
        return Self.parseLog(output)
    }

    /// Splits `git log --format=%H%x1f%B%x1e` output into commits.
    static func parseLog(_ output: String) -> [RawCommit] {
        output.split(separator: "\u{1E}").compactMap { record -> RawCommit? in
            let trimmed: Substring = record.drop { $0 == "\n" }
            let parts = trimmed.split(separator: "\u{1F}", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty else { return nil }
            var message = String(parts[1])
            while message.hasSuffix("\n") { message.removeLast() }
            return RawCommit(hash: String(parts[0]), message: message)
        }
    }

    /// The URL of `origin` as configured (`remote.origin.url`; unlike `git remote get-url`, not rewritten by
    /// `url.*.insteadOf` mirrors, so links point at the real host).
    public func originURL() async throws(GitError) -> String? {
        let result = try await git(["config", "--get", "remote.origin.url"], allowFailure: true)
        guard result.status == 0 else { return nil }
        let url = result.outputText.trimmingWhitespace()
        return url.isEmpty ? nil : url
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

    /// Creates an annotated tag `name` at `HEAD` (signed with git's own configuration when `sign`).
    public func tag(_ name: String, message: String, sign: Bool) async throws(GitError) {
        try await git(["tag", sign ? "--sign" : "--annotate", name, "--message", message])
    }
}
