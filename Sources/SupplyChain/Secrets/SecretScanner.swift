public import SlipwayCore

/// What `slipway scan secrets` should scan and how.
public struct SecretScanRequest: Sendable {
    /// Which part of the git history to scan.
    public enum History: Sendable, Equatable {
        /// `A..B` (or any revision range `git rev-list` accepts).
        case range(String)
        /// From the newest tag reachable from HEAD to HEAD (all history when there is no tag).
        case sinceTag
    }

    /// A directory (or one file) to scan.
    public var path: String
    public var scanWorkingTree: Bool
    public var history: History?
    public var settings: SecretScanSettings
    /// Extra rules and allowlists from a gitleaks configuration.
    public var custom: GitleaksConfiguration?
    /// Accepted fingerprints.
    public var baseline: SecretBaseline?

    /// Creates a request.
    public init(
        path: String,
        scanWorkingTree: Bool = true,
        history: History? = nil,
        settings: SecretScanSettings = SecretScanSettings(),
        custom: GitleaksConfiguration? = nil,
        baseline: SecretBaseline? = nil
    ) {
        self.path = path
        self.scanWorkingTree = scanWorkingTree
        self.history = history
        self.settings = settings
        self.custom = custom
        self.baseline = baseline
    }
}

/// Scans a working tree and/or git history for secrets with the built-in and custom rules.
public struct SecretScanner: Sendable {
    private let fileSystem: any FileSystem
    private let processRunner: any ProcessRunner
    private let concurrency: Int

    /// Directories never entered, even when tracked.
    public static let skippedDirectories: Set<String> = [".git", "node_modules", ".build"]
    /// Files with a NUL byte in this many leading bytes are binary and skipped.
    public static let binaryProbeLength = 8192

    /// Creates a scanner over the injected disk and process runner (for git); `concurrency` files at a time.
    public init(fileSystem: any FileSystem, processRunner: any ProcessRunner, concurrency: Int = 2) {
        self.fileSystem = fileSystem
        self.processRunner = processRunner
        self.concurrency = max(1, concurrency)
    }

    /// The engine for `settings` and `custom` rules.
    public static func engine(
        settings: SecretScanSettings,
        custom: GitleaksConfiguration?
    ) -> SecretEngine {
        var rules = SecretRuleCatalog.builtIn.filter { !settings.disabledRules.contains($0.id) }
        var allow = settings.allowSecrets.compactMap { try? CompiledPattern($0) }
        var stopwords = SecretText.defaultStopwords + settings.stopwords
        var ruleAllow: [String: [CompiledPattern]] = [:]
        var ruleStopwords: [String: [String]] = [:]
        if let custom {
            rules += custom.rules.map(\.rule)
            allow += custom.allowSecrets
            stopwords += custom.stopwords
            for rule in custom.rules {
                ruleAllow[rule.rule.id] = rule.allowSecrets
                ruleStopwords[rule.rule.id] = rule.stopwords
            }
        }
        return SecretEngine(
            rules: rules,
            stopwords: stopwords,
            allowSecrets: allow,
            ruleAllowSecrets: ruleAllow,
            ruleStopwords: ruleStopwords
        )
    }

    /// Runs the scan.
    ///
    /// - Throws: ``SecretScanError`` for a missing path or a failing git; ``FileSystemError`` for unreadable input.
    public func scan(_ request: SecretScanRequest) async throws -> SecretReport {
        guard let kind = fileSystem.itemKind(at: request.path) else {
            throw SecretScanError.notFound(path: request.path)
        }
        let engine = Self.engine(settings: request.settings, custom: request.custom)
        let root = kind == .directory ? request.path : PathUtilities.directory(of: request.path)
        var collector = Collector(engine: engine, request: request)

        if request.scanWorkingTree {
            let files: [String]
            if kind == .directory {
                files = try await listFiles(root: root, request: request, collector: &collector)
            } else {
                files = [PathUtilities.lastComponent(of: request.path)]
            }
            try await scanFiles(files, root: root, engine: engine, maxSize: request.settings.maxFileSize, &collector)
        }
        if let history = request.history {
            guard kind == .directory else { throw SecretScanError.historyOutsideRepository(path: request.path) }
            try await scanHistory(history, root: root, engine: engine, &collector)
        }
        return collector.report(failOn: request.settings.failOn)
    }

    // MARK: - Working tree

    private func listFiles(
        root: String,
        request: SecretScanRequest,
        collector: inout Collector
    ) async throws -> [String] {
        var files: [String]
        if let tracked = try? await gitFiles(root: root) {
            files = tracked
        } else {
            files = []
            try walk(root, relative: "", depth: 0, into: &files)
        }
        files = files.filter { path in
            !path.split(separator: "/").contains { Self.skippedDirectories.contains(String($0)) }
                && !collector.isAllowedPath(path)
        }
        return files.sorted()
    }

    /// `git ls-files` (tracked plus untracked, minus ignored) when `root` is in a work tree.
    private func gitFiles(root: String) async throws -> [String]? {
        let probe = try await processRunner.run(
            ProcessRequest(["git", "-C", root, "rev-parse", "--is-inside-work-tree"], timeout: .seconds(30))
        )
        guard probe.status == 0, probe.outputText.hasPrefix("true") else { return nil }
        let arguments = [
            "git", "-C", root, "-c", "core.quotePath=false", "ls-files", "-z", "--cached", "--others",
            "--exclude-standard",
        ]
        let listing = try await processRunner.run(ProcessRequest(arguments, timeout: .seconds(300)))
        guard listing.status == 0 else { return nil }
        var seen = Set<String>()
        return listing.standardOutput.split(separator: 0).compactMap { bytes in
            let path = String(decoding: bytes, as: UTF8.self)
            return seen.insert(path).inserted ? path : nil
        }
    }

    private func walk(_ directory: String, relative: String, depth: Int, into files: inout [String]) throws {
        // Symbolic links to directories could loop; 64 levels is far deeper than any real tree.
        guard depth < 64 else { return }
        for entry in try fileSystem.directoryEntries(at: directory) {
            if Self.skippedDirectories.contains(entry.name) { continue }
            let child = relative.isEmpty ? entry.name : relative + "/" + entry.name
            switch entry.kind {
            case .directory:
                try walk(PathUtilities.join(directory, entry.name), relative: child, depth: depth + 1, into: &files)
            case .file: files.append(child)
            case nil: continue
            }
        }
    }

    private func scanFiles(
        _ files: [String],
        root: String,
        engine: SecretEngine,
        maxSize: Int,
        _ collector: inout Collector
    ) async throws {
        let fileSystem = self.fileSystem
        let chunkCount = min(files.count, concurrency * 4)
        guard chunkCount > 0 else { return }
        // Interleaved chunks spread large files across workers; results are merged and sorted afterwards.
        let results = try await withThrowingTaskGroup(of: [FileOutcome].self) { group in
            var next = 0
            var collected: [[FileOutcome]] = []
            func add(_ chunk: Int) {
                group.addTask {
                    var outcomes: [FileOutcome] = []
                    var index = chunk
                    while index < files.count {
                        try Task.checkCancellation()
                        outcomes.append(
                            Self.scanFile(files[index], root: root, engine: engine, maxSize: maxSize, fileSystem)
                        )
                        index += chunkCount
                    }
                    return outcomes
                }
            }
            while next < min(concurrency, chunkCount) {
                add(next)
                next += 1
            }
            while let outcome = try await group.next() {
                collected.append(outcome)
                if next < chunkCount {
                    add(next)
                    next += 1
                }
            }
            return collected
        }
        for outcome in results.joined() { collector.add(outcome) }
    }

    /// What scanning one file produced.
    struct FileOutcome: Sendable {
        var path: String
        var matches: [SecretMatch] = []
        var bytes = 0
        var skipped: Skip?

        enum Skip: Sendable {
            case binary
            case large(Int)
            case unreadable(String)
        }
    }

    private static func scanFile(
        _ path: String,
        root: String,
        engine: SecretEngine,
        maxSize: Int,
        _ fileSystem: any FileSystem
    ) -> FileOutcome {
        let full = PathUtilities.join(root, path)
        var outcome = FileOutcome(path: path)
        guard case .file(let size) = fileSystem.itemKind(at: full) else {
            // Deleted since listing, or not a regular file.
            outcome.skipped = .unreadable("not a regular file")
            return outcome
        }
        if size > maxSize {
            outcome.skipped = .large(size)
            return outcome
        }
        let bytes: [UInt8]
        do {
            bytes = try fileSystem.readFile(at: full)
        } catch {
            outcome.skipped = .unreadable("\(error)")
            return outcome
        }
        if bytes.prefix(binaryProbeLength).contains(0) {
            outcome.skipped = .binary
            return outcome
        }
        outcome.bytes = bytes.count
        outcome.matches = engine.scan(bytes)
        return outcome
    }

    // MARK: - History

    private func scanHistory(
        _ history: SecretScanRequest.History,
        root: String,
        engine: SecretEngine,
        _ collector: inout Collector
    ) async throws {
        let probe = try await git(["git", "-C", root, "rev-parse", "--is-inside-work-tree"], timeout: 30)
        guard probe.status == 0 else { throw SecretScanError.notARepository(path: root) }
        let range: String
        switch history {
        case .range(let value): range = value
        case .sinceTag:
            let describe = try await git(["git", "-C", root, "describe", "--tags", "--abbrev=0", "HEAD"], timeout: 30)
            let tag = describe.outputText.trimmingWhitespace()
            if describe.status == 0, !tag.isEmpty {
                range = "\(tag)..HEAD"
            } else {
                range = "HEAD"
                collector.notes.append(Diagnostic(.note, "no tag reachable from HEAD; scanning the whole history"))
            }
        }
        let revList = ["git", "-C", root, "rev-list", "--reverse", range, "--"]
        let listed = try await git(revList, timeout: 300)
        guard listed.status == 0 else {
            throw SecretScanError.git(arguments: revList, reason: Self.tail(listed.errorText))
        }
        let commits = listed.outputText.split(whereSeparator: \.isNewline).map(String.init)
        collector.commitsScanned += commits.count
        var batchStart = 0
        while batchStart < commits.count {
            let batch = commits[batchStart..<min(commits.count, batchStart + 64)]
            batchStart += 64
            let arguments =
                [
                    "git", "-C", root, "-c", "core.quotePath=false", "show", "--no-color", "--no-ext-diff",
                    "--no-textconv", "--unified=0", "--relative", "--diff-merges=first-parent",
                    "--format=commit %H",
                ] + batch + ["--"]
            let shown = try await git(arguments, timeout: 600)
            guard shown.status == 0 else {
                throw SecretScanError.git(arguments: Array(arguments.prefix(6)), reason: Self.tail(shown.errorText))
            }
            GitPatchParser.parse(shown.standardOutput) { added in
                if collector.isAllowedPath(added.path) { return }
                if added.path.split(separator: "/").contains(where: { Self.skippedDirectories.contains(String($0)) }) {
                    return
                }
                let matches = engine.scan(added.bytes).map { match in
                    var mapped = match
                    mapped.line = added.lineNumbers[min(added.lineNumbers.count - 1, max(0, match.line - 1))]
                    return mapped
                }
                collector.add(matches, path: added.path, commit: added.commit)
            }
        }
    }

    /// Runs a git command; failing to start it (git missing, a timeout) is an input error, not a crash.
    private func git(_ arguments: [String], timeout seconds: Int64) async throws(SecretScanError) -> ProcessResult {
        do {
            return try await processRunner.run(ProcessRequest(arguments, timeout: .seconds(seconds)))
        } catch {
            throw .git(arguments: Array(arguments.prefix(6)), reason: error.description)
        }
    }

    private static func tail(_ text: String) -> String {
        let trimmed = text.trimmingWhitespace()
        return trimmed.count > 300 ? "…" + String(trimmed.suffix(300)) : trimmed
    }
}

/// Gathers matches into findings: paths and commits attached, allow-lists and baseline applied, counts kept.
struct Collector {
    let engine: SecretEngine
    let request: SecretScanRequest
    let accepted: Set<String>
    var findings: [SecretFinding] = []
    var candidates: [SecretBaseline.Entry] = []
    var summary = SecretReport.Summary()
    var notes: [Diagnostic] = []
    var commitsScanned = 0
    private var seenHistory = Set<String>()

    init(engine: SecretEngine, request: SecretScanRequest) {
        self.engine = engine
        self.request = request
        accepted = request.baseline?.accepted ?? []
    }

    func isAllowedPath(_ path: String) -> Bool {
        if request.settings.allowPaths.contains(where: { SecretPathGlob.matches($0, path) }) { return true }
        if let custom = request.custom, custom.allowPaths.contains(where: { $0.occurs(in: path) }) {
            return true
        }
        return false
    }

    mutating func add(_ outcome: SecretScanner.FileOutcome) {
        switch outcome.skipped {
        case .binary:
            summary.binarySkipped += 1
            return
        case .large(let size):
            summary.largeSkipped += 1
            notes.append(
                Diagnostic(
                    .note,
                    "skipped: \(size) bytes is over the \(request.settings.maxFileSize)-byte limit "
                        + "(scan.secrets.max-file-size)",
                    at: SourceLocation(path: outcome.path, line: 1, column: 1)
                )
            )
            return
        case .unreadable(let reason):
            notes.append(
                Diagnostic(.warning, "skipped: \(reason)", at: SourceLocation(path: outcome.path, line: 1, column: 1))
            )
            return
        case nil:
            summary.filesScanned += 1
            summary.bytesScanned += outcome.bytes
        }
        add(outcome.matches, path: outcome.path, commit: nil)
    }

    mutating func add(_ matches: [SecretMatch], path: String, commit: String?) {
        for match in matches {
            let rule = engine.rules[match.ruleIndex]
            if let custom = request.custom, !custom.applies(ruleID: rule.id, path: path) { continue }
            let fingerprint = SecretText.fingerprint(ruleID: rule.id, path: path, secret: match.secret)
            if let suppression = match.suppression {
                summary.suppressed[suppression.rawValue, default: 0] += 1
                continue
            }
            // The same secret in the same file is reported once per commit that added it, and once in the tree.
            if commit != nil, !seenHistory.insert(fingerprint + (commit ?? "")).inserted { continue }
            candidates.append(SecretBaseline.Entry(fingerprint: fingerprint, rule: rule.id, path: path))
            if accepted.contains(fingerprint) {
                summary.suppressed[SecretSuppression.baseline.rawValue, default: 0] += 1
                continue
            }
            findings.append(
                SecretFinding(
                    rule: rule.id,
                    description: rule.description,
                    severity: rule.severity,
                    path: path,
                    line: match.line,
                    column: match.column,
                    endColumn: match.endColumn,
                    commit: commit,
                    secret: SecretText.redact(match.secret),
                    fingerprint: fingerprint
                )
            )
        }
    }

    func report(failOn: Severity) -> SecretReport {
        var summary = self.summary
        summary.commitsScanned = commitsScanned
        let sorted = findings.sorted { lhs, rhs in
            let left = (lhs.commit == nil ? 0 : 1, lhs.path, lhs.line, lhs.column, lhs.rule, lhs.commit ?? "")
            let right = (rhs.commit == nil ? 0 : 1, rhs.path, rhs.line, rhs.column, rhs.rule, rhs.commit ?? "")
            return left < right
        }
        summary.findings = sorted.count
        for finding in sorted { summary.severities[finding.severity.rawValue, default: 0] += 1 }
        summary.failOn = failOn
        summary.failed = sorted.contains { $0.severity >= failOn }
        return SecretReport(
            findings: sorted,
            summary: summary,
            notes: notes.sorted { ($0.location?.path ?? "") < ($1.location?.path ?? "") },
            baselineCandidates: Array(Set(candidates)).sorted(),
            ruleIDs: engine.rules.map(\.id)
        )
    }
}
