public import SlipwayCore

/// The git plumbing the ledger sync needs, run through the injected process runner (argv only, no shell).
///
/// Every command reads or writes objects and refs under `refs/` only: the working tree, the index and the branches
/// are never touched.
public struct GitPlumbing: Sendable {
    /// The repository (its working directory or git directory).
    public let repository: String
    private let runner: any ProcessRunner
    private let environment: [String: String]
    private let localTimeout: Duration
    private let networkTimeout: Duration

    /// A handle on the repository at `repository`; `environment` is the caller's (for `HOME`, credentials, SSH).
    public init(
        repository: String,
        runner: any ProcessRunner,
        environment: [String: String],
        localTimeout: Duration = .seconds(60),
        networkTimeout: Duration = .seconds(300)
    ) {
        self.repository = repository
        self.runner = runner
        self.environment = environment
        self.localTimeout = localTimeout
        self.networkTimeout = networkTimeout
    }

    /// The `PATH` git runs with when the caller's environment has none.
    static let searchPath = "/usr/local/bin:/usr/bin:/bin"

    /// The identity of ledger commits when the caller's environment names none: ledger commits are bookkeeping,
    /// and a runner without a git identity must still be able to write them.
    static let defaultIdentity = (name: "Slipway Ledger", email: "ledger@slipway.invalid")

    /// Runs `git <arguments>` in the repository.
    ///
    /// - Throws: `LedgerSyncError.gitUnavailable` when git cannot be started or times out; `.notARepository`;
    ///   `.gitFailed` for a non-zero status unless `allowFailure`.
    @discardableResult
    func run(
        _ arguments: [String],
        input: [UInt8] = [],
        network: Bool = false,
        allowFailure: Bool = false
    ) async throws(LedgerSyncError) -> ProcessResult {
        let argv = ["git", "-C", repository] + arguments
        var environment = self.environment
        environment["LC_ALL"] = "C"
        environment["GIT_PAGER"] = "cat"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        if environment["PATH"] == nil { environment["PATH"] = Self.searchPath }
        for (role, part, value) in [
            ("AUTHOR", "NAME", Self.defaultIdentity.name), ("AUTHOR", "EMAIL", Self.defaultIdentity.email),
            ("COMMITTER", "NAME", Self.defaultIdentity.name), ("COMMITTER", "EMAIL", Self.defaultIdentity.email),
        ] where (environment["GIT_\(role)_\(part)"] ?? "").isEmpty {
            environment["GIT_\(role)_\(part)"] = value
        }
        let result: ProcessResult
        do {
            result = try await runner.run(
                ProcessRequest(
                    argv,
                    environment: environment,
                    standardInput: input,
                    timeout: network ? networkTimeout : localTimeout
                )
            )
        } catch {
            throw .gitUnavailable(reason: error.description)
        }
        if result.status != 0 && !allowFailure {
            let message = Self.lastLines(result.errorText)
            if message.contains("not a git repository") || message.contains("cannot change to") {
                throw .notARepository(path: repository)
            }
            throw .gitFailed(arguments: argv, status: result.status, message: message)
        }
        return result
    }

    /// git's `fatal:`/`error:` lines (else its last three lines), joined, for messages.
    static func lastLines(_ text: String) -> String {
        let lines = text.split(separator: "\n").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        let errors = lines.filter { $0.hasPrefix("fatal:") || $0.hasPrefix("error:") }
        return (errors.isEmpty ? lines : errors).suffix(3).joined(separator: " ")
    }

    /// Fetches `ref` from `remote` into `privateRef` (forced: it only mirrors the remote); `nil` when the remote has
    /// no such ref.
    func fetch(remote: String, ref: String, into privateRef: String) async throws(LedgerSyncError) -> String? {
        let result = try await run(
            ["fetch", "--no-tags", "--no-write-fetch-head", "--quiet", remote, "+\(ref):\(privateRef)"],
            network: true,
            allowFailure: true
        )
        if result.status != 0 {
            if result.errorText.contains("couldn't find remote ref") {
                // The remote has no ledger (yet, or any more): forget what was mirrored.
                try await run(["update-ref", "-d", privateRef], allowFailure: true)
                return nil
            }
            let message = Self.lastLines(result.errorText)
            if message.contains("not a git repository") || message.contains("cannot change to") {
                throw .notARepository(path: repository)
            }
            throw .gitFailed(
                arguments: ["git", "-C", repository, "fetch", remote, ref],
                status: result.status,
                message: message
            )
        }
        return try await resolveCommit(privateRef)
    }

    /// The commit `name` points at, or `nil` when it does not exist.
    func resolveCommit(_ name: String) async throws(LedgerSyncError) -> String? {
        let result = try await run(["rev-parse", "--verify", "--quiet", name + "^{commit}"], allowFailure: true)
        guard result.status == 0 else { return nil }
        let commit = result.outputText.trimmingWhitespace()
        return commit.isEmpty ? nil : commit
    }

    /// Points `ref` at `commit` (a private ref; never a branch).
    func updateRef(_ ref: String, to commit: String) async throws(LedgerSyncError) {
        try await run(["update-ref", ref, commit])
    }

    /// Whether `ancestor` is `commit` or one of its ancestors; `false` when git does not know `ancestor`.
    func isAncestor(_ ancestor: String, of commit: String) async throws(LedgerSyncError) -> Bool {
        let result = try await run(["merge-base", "--is-ancestor", ancestor, commit], allowFailure: true)
        return result.status == 0
    }

    /// One entry of a tree listing.
    struct TreeEntry: Sendable, Equatable {
        var mode: String
        var type: String
        var object: String
        var path: String
    }

    /// Every blob under `commit`'s tree, recursively.
    func listTree(_ commit: String) async throws(LedgerSyncError) -> [TreeEntry] {
        let output = try await run(["ls-tree", "-r", "-z", commit]).standardOutput
        var entries: [TreeEntry] = []
        for record in output.split(separator: 0) {
            guard let tab = record.firstIndex(of: 0x09) else { continue }
            let fields = String(decoding: record[record.startIndex..<tab], as: UTF8.self).split(separator: " ")
            guard fields.count == 3 else { continue }
            entries.append(
                TreeEntry(
                    mode: String(fields[0]),
                    type: String(fields[1]),
                    object: String(fields[2]),
                    path: String(decoding: record[(tab + 1)...], as: UTF8.self)
                )
            )
        }
        return entries
    }

    /// The contents of `objects` (blob ids), in order, read by one `git cat-file --batch`.
    func readBlobs(_ objects: [String]) async throws(LedgerSyncError) -> [[UInt8]] {
        guard !objects.isEmpty else { return [] }
        let input = Array(objects.map { $0 + "\n" }.joined().utf8)
        let output = try await run(["cat-file", "--batch"], input: input).standardOutput
        var blobs: [[UInt8]] = []
        var position = 0
        for object in objects {
            // "<id> <type> <size>\n<contents>\n", or "<id> missing\n".
            guard let newline = output[position...].firstIndex(of: 0x0A) else {
                throw .gitFailed(arguments: ["git", "cat-file", "--batch"], status: 0, message: "output cut short")
            }
            let header = String(decoding: output[position..<newline], as: UTF8.self).split(separator: " ")
            guard header.count == 3, let size = Int(header[2]), newline + 1 + size <= output.count else {
                throw .gitFailed(
                    arguments: ["git", "cat-file", "--batch"],
                    status: 0,
                    message: "object \(object) could not be read (\(header.joined(separator: " ")))"
                )
            }
            blobs.append(Array(output[(newline + 1)..<(newline + 1 + size)]))
            position = newline + 1 + size + 1
        }
        return blobs
    }

    /// Writes `contents` as a blob and returns its id.
    func writeBlob(_ contents: [UInt8]) async throws(LedgerSyncError) -> String {
        try await run(["hash-object", "-w", "-t", "blob", "--stdin"], input: contents).outputText.trimmingWhitespace()
    }

    /// Writes a tree of `entries` (names without slashes) and returns its id.
    func writeTree(_ entries: [TreeEntry]) async throws(LedgerSyncError) -> String {
        let listing = entries.map { "\($0.mode) \($0.type) \($0.object)\t\($0.path)\n" }.joined()
        return try await run(["mktree"], input: Array(listing.utf8)).outputText.trimmingWhitespace()
    }

    /// Writes a commit of `tree` with `parent` and `message`, and returns its id.
    func writeCommit(tree: String, parent: String?, message: String) async throws(LedgerSyncError) -> String {
        var arguments = ["commit-tree", tree]
        if let parent { arguments += ["-p", parent] }
        return try await run(arguments + ["-F", "-"], input: Array(message.utf8)).outputText.trimmingWhitespace()
    }

    /// How a push ended.
    enum PushResult: Sendable, Equatable {
        case pushed
        /// The remote ref moved (another writer appended first), or was locked by a concurrent push.
        case beaten(String)
        case refused(String)
    }

    /// Pushes `commit` to `ref` on `remote` without force: the remote accepts it only if its ref still points at
    /// the commit's parent.
    func push(commit: String, remote: String, ref: String) async throws(LedgerSyncError) -> PushResult {
        let result = try await run(
            ["push", "--porcelain", remote, "\(commit):\(ref)"],
            network: true,
            allowFailure: true
        )
        if result.status == 0 { return .pushed }
        let text = result.outputText + "\n" + result.errorText
        let message = Self.lastLines(text)
        let raced = [
            "non-fast-forward", "fetch first", "stale info", "cannot lock ref", "failed to lock",
            "failed to update ref",
            "incorrect old value", "reference already exists",
        ]
        if raced.contains(where: { text.contains($0) }) { return .beaten(message) }
        return .refused(message)
    }
}
