import Foundation
import SlipwayCore
import SlipwayTestSupport
import Testing

@testable import Versioning

/// The native reader (repository files, no git process) against the git command, which is its oracle: wherever the
/// reader answers, the answer must be git's byte for byte; where it gives up, ``GitRepository`` still gives git's.
@Suite(.tags(.process)) struct NativeGitReaderTests {
    static let gitEnvironment = [
        "PATH": "/usr/local/bin:/usr/bin:/bin", "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com", "GIT_CONFIG_NOSYSTEM": "1",
    ]

    /// Runs git in `root` with `input` on its standard input; returns its standard output.
    @discardableResult
    static func git(_ arguments: [String], in root: String, input: [UInt8] = []) async throws -> [UInt8] {
        var environment = gitEnvironment
        environment["HOME"] = root
        let result = try await FoundationProcessRunner().run(
            ProcessRequest(
                ["git", "-C", root] + arguments,
                environment: environment,
                standardInput: input,
                timeout: .seconds(60)
            )
        )
        if result.status != 0 { Issue.record("git \(arguments) failed: \(result.errorText)") }
        return result.standardOutput
    }

    /// Packs every object reachable from a ref into one pack with deltas and drops the loose copies, as
    /// `git repack -a -d -f` does, but naming the revisions on pack-objects' standard input ourselves: under
    /// `swift test`, `git repack` and `git gc` were seen failing with "bad revision" on bytes that were not theirs.
    static func repack(_ root: String, window: Int, depth: Int) async throws {
        let packs = root + "/.git/objects/pack"
        let old = try FileManager.default.contentsOfDirectory(atPath: packs).filter { $0.hasPrefix("pack-") }
        let written = try await git(
            [
                "pack-objects", "--revs", "--all", "--quiet", "--no-reuse-delta", "--delta-base-offset",
                "--window=\(window)", "--depth=\(depth)", ".git/objects/pack/pack",
            ],
            in: root,
            input: Array("\n".utf8)
        )
        let name = String(decoding: written, as: UTF8.self).trimmingWhitespace()
        #expect(GitRepository.isObjectName(name[...]), "pack-objects named no pack")
        for file in old where !file.contains(name) { try FileManager.default.removeItem(atPath: packs + "/" + file) }
        try await git(["prune-packed", "--quiet"], in: root)
    }

    static func temporaryDirectory(_ name: String) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("slipway-native-\(name)-\(UUID())")
            .path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        return root
    }

    /// A `git fast-import` stream: each commit's message is stored byte for byte, dates one minute apart.
    static func stream(_ messages: [[UInt8]], branch: String = "main", from: String? = nil, start: Int = 0) -> [UInt8] {
        var out: [UInt8] = []
        for (index, message) in messages.enumerated() {
            let ident = "Test <test@example.com> \(1_700_000_000 + 60 * (start + index)) +0000\n"
            out += Array("commit refs/heads/\(branch)\nauthor \(ident)committer \(ident)data \(message.count)\n".utf8)
            out += message + [0x0A]
            if index == 0, let from { out += Array("from \(from)\n".utf8) }
            out += [0x0A]
        }
        return out
    }

    static func makeRepository(_ name: String) async throws -> String {
        let root = try temporaryDirectory(name)
        try await git(["init", "--quiet", "--initial-branch=main"], in: root)
        return root
    }

    /// What the comparison saw: how many answers the native reader gave itself.
    struct Coverage {
        var snapshot = false
        var origin = false
        var logs = 0
    }

    /// Compares every answer the planner asks for: snapshot, origin URL, and the log since every tag, with and
    /// without `--first-parent`, native against git; and ``GitRepository`` (fast path on) against git.
    @discardableResult
    static func compare(_ root: String, environment: [String: String] = [:]) async throws -> Coverage {
        let cli = GitRepository(
            path: root,
            runner: FoundationProcessRunner(),
            environment: environment,
            readsFilesDirectly: false
        )
        let fast = GitRepository(path: root, runner: FoundationProcessRunner(), environment: environment)
        var coverage = Coverage()
        let expected = await cli.snapshot()
        if let native = fast.nativeSnapshot() {
            coverage.snapshot = true
            #expect(native == expected, "\(root)")
        }
        #expect(await fast.snapshot() == expected)
        let origin = try await cli.originURL()
        if let native = fast.nativeOriginURL() {
            coverage.origin = true
            #expect(native == origin, "\(root)")
        }
        #expect(try await fast.originURL() == origin)
        for tag in expected?.tags ?? [] {
            for firstParent in [false, true] {
                let log = await cli.commits(sinceReachableTag: tag, firstParent: firstParent)
                switch fast.nativeCommits(sinceReachableTag: tag) {
                case .commits(let commits):
                    coverage.logs += 1
                    #expect(commits == log, "\(root) \(tag) first-parent \(firstParent)")
                case .tagOnHead:
                    coverage.logs += 1
                    #expect(log == nil, "\(root) \(tag)")
                case nil:
                    break
                }
                #expect(await fast.commits(sinceReachableTag: tag, firstParent: firstParent) == log)
            }
        }
        return coverage
    }

    static let awkwardMessages: [[UInt8]] = [
        Array("chore: initial commit\n".utf8),
        Array("feat(api): add things\n\nA body\nwith lines.\n\nBREAKING CHANGE: gone\nRefs: ABC-12\n".utf8),
        Array("fix: no trailing newline".utf8),
        Array("fix: several trailing newlines\n\n\n\n".utf8),
        Array("fix: windows line ends\r\n\r\nbody\r\n".utf8),
        Array("fix: invalid UTF-8 \u{FF}".utf8) + [0xFF, 0xFE, 0x0A],
        Array("docs: unicode é 🎉 \u{301}\n".utf8),
        Array("\n\nfix: leading blank lines\n".utf8),
        [],
        Array("feat!: last\n".utf8),
    ]

    @Test("linear history with awkward messages, annotated and lightweight tags, loose then packed")
    func linearHistory() async throws {
        let root = try await Self.makeRepository("linear")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try await Self.git(
            ["fast-import", "--quiet", "--done"],
            in: root,
            input: Self.stream(Self.awkwardMessages) + Array("done\n".utf8)
        )
        try await Self.git(["reset", "--quiet", "--hard", "main"], in: root)
        try await Self.git(["tag", "--annotate", "v1.0.0", "--message", "release", "main~8"], in: root)
        try await Self.git(["tag", "v1.1.0", "main~5"], in: root)
        try await Self.git(["tag", "nested/v2.0.0", "main~3"], in: root)
        try await Self.git(["tag", "v1.2.0-rc.1", "main~1"], in: root)
        try await Self.git(["tag", "on-head"], in: root)
        try await Self.git(["remote", "add", "origin", "git@github.com:acme/app.git"], in: root)
        // Loose objects from `git commit` on top of the imported pack.
        try await Self.git(["commit", "--quiet", "--allow-empty", "--message", "fix: loose commit"], in: root)
        var coverage = try await Self.compare(root)
        #expect(coverage.snapshot && coverage.origin && coverage.logs == 10)
        // Everything packed (refs with peeled lines, objects with deltas).
        try await Self.git(["pack-refs", "--all"], in: root)
        try await Self.repack(root, window: 250, depth: 50)
        coverage = try await Self.compare(root)
        #expect(coverage.snapshot && coverage.origin && coverage.logs == 10)
        // A loose tag ref overrides a packed one.
        try await Self.git(["tag", "--force", "v1.1.0", "main~4"], in: root)
        coverage = try await Self.compare(root)
        #expect(coverage.snapshot && coverage.logs == 10)
    }

    @Test("a damaged size (far more than the compressed bytes can hold) is refused, not allocated")
    func refusesImpossibleSizes() throws {
        let input: [UInt8] = [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]  // zlib of nothing
        let inflater = GitInflater()
        let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: input.count, alignment: 1)
        defer { bytes.deallocate() }
        bytes.copyBytes(from: input)
        let view = UnsafeRawBufferPointer(bytes)
        #expect(try inflater.inflate(view, from: 0, expectedSize: 0).isEmpty)
        for size in [1 << 40, Int.max - 1, -1] {
            #expect(throws: GitNativeUnsupported.self) { try inflater.inflate(view, from: 0, expectedSize: size) }
        }
    }

    @Test("every object of a packed repository with deltas reads as git cat-file gives it")
    func deltasAndPacks() async throws {
        let root = try await Self.makeRepository("deltas")
        defer { try? FileManager.default.removeItem(atPath: root) }
        var text = (0..<400).map { "line \($0) of a file that changes a little each time\n" }.joined()
        for round in 0..<12 {
            text = text.replacingOccurrences(of: "line \(round * 7) ", with: "LINE \(round * 7) changed ")
            try text.write(toFile: root + "/file.txt", atomically: true, encoding: .utf8)
            try await Self.git(["add", "file.txt"], in: root)
            try await Self.git(
                [
                    "commit", "--quiet", "--message",
                    "fix: round \(round)\n\n" + String(repeating: "same body\n", count: 20),
                ],
                in: root
            )
        }
        try await Self.git(["tag", "--annotate", "v0.1.0", "--message", "first", "HEAD~11"], in: root)
        try await Self.repack(root, window: 250, depth: 50)
        let list = String(
            decoding: try await Self.git(["cat-file", "--batch-all-objects", "--batch-check"], in: root),
            as: UTF8.self
        )
        let reader = try NativeGitReader(path: root, environment: [:])
        let objects = GitObjectDatabase(objectsDirectory: reader.commonDirectory + "/objects")
        var checked = 0
        for line in list.split(separator: "\n") {
            let fields = line.split(separator: " ")
            let id = try #require(GitObjectID(hex: fields[0]))
            let object = try objects.object(id)
            let content = try await Self.git(["cat-file", String(fields[1]), String(fields[0])], in: root)
            #expect(object.data == content, "\(line)")
            #expect("\(object.kind)" == String(fields[1]))
            checked += 1
        }
        #expect(checked > 30)
        let deltas = String(
            decoding: try await Self.git(["verify-pack", "-v"] + [try Self.packIndex(root)], in: root),
            as: UTF8.self
        )
        #expect(deltas.contains("chain length = 1"), "the repack made no deltas; the test proves nothing")
        let coverage = try await Self.compare(root)
        #expect(coverage.snapshot && coverage.logs == 2)
        // A damaged pack: reads fail cleanly (never a crash) and the answers stay git's.
        let pack = try Self.packIndex(root).replacingOccurrences(of: ".idx", with: ".pack")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: pack)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: pack)))
        for index in stride(from: 12, to: bytes.count - 20, by: 7) { bytes[index] ^= 0xA5 }
        try Data(bytes).write(to: URL(fileURLWithPath: pack))
        let damaged = GitObjectDatabase(objectsDirectory: reader.commonDirectory + "/objects")
        var failures = 0
        for line in list.split(separator: "\n") {
            let id = try #require(GitObjectID(hex: line.prefix(40)))
            if (try? damaged.object(id)) == nil { failures += 1 }
        }
        #expect(failures > 0)
        try await Self.compare(root)
    }

    static func packIndex(_ root: String) throws -> String {
        let directory = root + "/.git/objects/pack"
        let name = try #require(
            try FileManager.default.contentsOfDirectory(atPath: directory).first { $0.hasSuffix(".idx") }
        )
        return directory + "/" + name
    }

    @Test("merges make the reader give up; the answers stay git's")
    func merges() async throws {
        let root = try await GitShortcutTests.mergeHistory()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let coverage = try await Self.compare(root)
        #expect(coverage.snapshot)
        let fast = GitRepository(path: root, runner: FoundationProcessRunner())
        #expect(fast.nativeCommits(sinceReachableTag: "v1.0.0") == nil)
    }

    @Test("a shallow clone: shallowness from the files, logs across the boundary left to git")
    func shallowClone() async throws {
        let source = try await Self.makeRepository("shallow-source")
        defer { try? FileManager.default.removeItem(atPath: source) }
        try await Self.git(
            ["fast-import", "--quiet", "--done"],
            in: source,
            input: Self.stream(Self.awkwardMessages) + Array("done\n".utf8)
        )
        try await Self.git(["tag", "v1.0.0", "main~8"], in: source)
        try await Self.git(["tag", "v1.1.0", "main~2"], in: source)
        let clone = try Self.temporaryDirectory("shallow-clone")
        defer { try? FileManager.default.removeItem(atPath: clone) }
        try await Self.git(
            ["clone", "--quiet", "--depth", "4", "--no-single-branch", "file://" + source, clone + "/repo"],
            in: clone
        )
        try await Self.git(["fetch", "--quiet", "--tags", "--depth", "4"], in: clone + "/repo")
        let coverage = try await Self.compare(clone + "/repo")
        #expect(coverage.snapshot && coverage.origin)
        #expect(
            GitRepository(path: clone + "/repo", runner: FoundationProcessRunner()).nativeSnapshot()?.isShallow == true
        )
    }

    @Test("an empty repository, a plain directory and a damaged object: no answer from the files, never a crash")
    func emptyAndDamaged() async throws {
        let empty = try await Self.makeRepository("empty")
        defer { try? FileManager.default.removeItem(atPath: empty) }
        #expect(GitRepository(path: empty, runner: FoundationProcessRunner()).nativeSnapshot() == nil)
        try await Self.compare(empty)
        let plain = try Self.temporaryDirectory("plain")
        defer { try? FileManager.default.removeItem(atPath: plain) }
        #expect(GitRepository(path: plain, runner: FoundationProcessRunner()).nativeSnapshot() == nil)

        let root = try await Self.makeRepository("damaged")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try await Self.git(["commit", "--quiet", "--allow-empty", "--message", "chore: one"], in: root)
        try await Self.git(["tag", "v1.0.0"], in: root)
        try await Self.git(["commit", "--quiet", "--allow-empty", "--message", "fix: two"], in: root)
        try await Self.git(["commit", "--quiet", "--allow-empty", "--message", "fix: three"], in: root)
        let head = String(decoding: try await Self.git(["rev-parse", "HEAD~1"], in: root), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let path = root + "/.git/objects/" + head.prefix(2) + "/" + head.dropFirst(2)
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        for index in stride(from: 4, to: bytes.count, by: 3) { bytes[index] ^= 0x5A }
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let fast = GitRepository(path: root, runner: FoundationProcessRunner())
        #expect(fast.nativeCommits(sinceReachableTag: "v1.0.0") == nil)
        try await Self.compare(root)
    }

    @Test("environment variables that change git, config includes and extensions send the reads to git")
    func refusesWhatItCannotProve() async throws {
        let root = try await Self.makeRepository("refuses")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try await Self.git(["commit", "--quiet", "--allow-empty", "--message", "chore: one"], in: root)
        try await Self.git(["tag", "v1.0.0"], in: root)
        try await Self.git(["commit", "--quiet", "--allow-empty", "--message", "fix: two"], in: root)
        let plain = GitRepository(path: root, runner: FoundationProcessRunner())
        #expect(plain.nativeSnapshot() != nil)
        let withDir = GitRepository(
            path: root,
            runner: FoundationProcessRunner(),
            environment: ["GIT_DIR": root + "/.git"]
        )
        #expect(withDir.nativeSnapshot() == nil)
        try await Self.compare(root, environment: ["GIT_DIR": root + "/.git"])
        try await Self.git(["config", "include.path", "other.config"], in: root)
        #expect(plain.nativeOriginURL() == nil)
        try await Self.git(["config", "--unset", "include.path"], in: root)
        try await Self.git(["config", "i18n.logOutputEncoding", "ISO-8859-1"], in: root)
        #expect(plain.nativeCommits(sinceReachableTag: "v1.0.0") == nil)
        try await Self.compare(root)
    }

    @Test("config quoting, escapes, comments and the last of several URLs, as git config --get reads them")
    func originURLSyntax() async throws {
        let root = try await Self.makeRepository("config")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try await Self.git(["commit", "--quiet", "--allow-empty", "--message", "chore: one"], in: root)
        let config = root + "/.git/config"
        let original = try String(contentsOfFile: config, encoding: .utf8)
        let variants = [
            "[remote \"origin\"]\n\turl = https://example.com/a.git\n",
            "[Remote \"origin\"]\n  URL = \"https://example.com/quoted repo.git\" ; comment\n",
            "[remote \"origin\"]\nurl=one\n[remote \"origin\"]\n\turl = two # comment\n",
            "[remote \"Origin\"]\n\turl = wrong-case\n",
            "[remote \"origin\"]\n\turl = a\\\n  continued\\tand\\\\ \"  spaced  \"   \n",
            "[remote \"origin\"]\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n",
            "[remote \"origin\"] url = same-line\n",
            "[remote \"or\\\"ig\"]\n\turl = escaped-subsection\n",
        ]
        var handled = 0
        for variant in variants {
            try (original + variant).write(toFile: config, atomically: true, encoding: .utf8)
            let coverage = try await Self.compare(root)
            if coverage.origin { handled += 1 }
        }
        #expect(handled == variants.count)
    }

    @Test(
        "replayed corpus histories read the same from the files as from git",
        .enabled(if: Corpus.isAvailable, "shared corpus not present"),
        arguments: HistoryReplayTests.samples
    )
    func corpusHistories(_ name: String) async throws {
        let sample = try HistoryReplayTests.load(name)
        let root = try await Self.makeRepository("corpus")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let messages =
            [Array("chore(release): \(sample.previous)\n".utf8)]
            + sample.commits.reversed().map { Array($0.message.utf8) + [0x0A] }
        try await Self.git(
            ["fast-import", "--quiet", "--done"],
            in: root,
            input: Self.stream(messages) + Array("done\n".utf8)
        )
        try await Self.git(["reset", "--quiet", "--hard", "main"], in: root)
        try await Self.git(
            ["tag", "--annotate", "v\(sample.previous)", "--message", "release", "main~\(sample.commits.count)"],
            in: root
        )
        try await Self.git(["remote", "add", "origin", "https://github.com/example/\(name).git"], in: root)
        let coverage = try await Self.compare(root)
        #expect(coverage.snapshot && coverage.origin && coverage.logs == 2)
    }

    @Test("the project's own repository (a linked worktree or a clone): snapshot, origin and every commit message")
    func ownRepository() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: root + "/.git") else {
            print("skipped: \(root) is not a git checkout")
            return
        }
        // How CI checked the project out is not ours to choose (a shallow clone, no `origin`, extra config), and the
        // native reader rightly gives up on some of those; so here every answer it gives must equal git's, and which
        // answers it gave is reported rather than required (the constructed repositories above require coverage).
        let coverage = try await Self.compare(root)
        print(
            "own repository \(root): native snapshot \(coverage.snapshot), origin \(coverage.origin),"
                + " logs \(coverage.logs)"
        )
        // Every commit's message, read from the packs and loose objects, against `git log` run as the checkout's
        // owner would run it (the ambient environment: a CI checkout owned by another user needs its safe.directory).
        let listed = try await FoundationProcessRunner().run(
            ProcessRequest(["git", "-C", root, "log", "--all", "--format=%H%x1f%B%x1e"], timeout: .seconds(60))
        )
        guard listed.status == 0 else {
            print("own repository \(root): git log failed, messages not compared: \(listed.errorText)")
            return
        }
        let log = listed.standardOutput
        let commits = GitRepository.parseLog(log)
        let reader: NativeGitReader
        do {
            reader = try NativeGitReader(path: root, environment: [:])
        } catch {
            print("own repository \(root): the native reader declines (\(error.reason)); git answered every question")
            return
        }
        let shallow = FileManager.default.fileExists(atPath: reader.commonDirectory + "/shallow")
        let objects = GitObjectDatabase(objectsDirectory: reader.commonDirectory + "/objects")
        for commit in commits {
            let object = try objects.object(try #require(GitObjectID(hex: commit.hash.utf8)))
            let message = try NativeGitReader.parseCommit(object.data).message
            #expect(GitRepository.logMessage(message) == commit.message, "\(commit.hash)")
        }
        if shallow {
            print("own repository \(root) is a shallow clone: \(commits.count) commit(s) compared")
        } else {
            #expect(commits.count > 10)
        }
    }
}
