import ArgumentParser
import Foundation
import Ledger
import Signing
import SlipwayCore
import SlipwayTestSupport
import Testing

@testable import slipway

/// `slipway ledger push|pull` in-process, against a bare repository and clones in a temporary directory.
@Suite(.tags(.process)) struct LedgerGitSyncCommandTests {
    /// A bare "remote", clones of it, and a minisign key pair.
    struct Workspace {
        let root: String
        var bare: String { root + "/remote.git" }
        var key: String { root + "/ledger.key" }
        var pub: String { root + "/ledger.pub" }
        var environment: [String: String] {
            ["PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": root, "GIT_CONFIG_NOSYSTEM": "1", "GITHUB_ACTOR": "ci"]
        }

        init() async throws {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("slipway-sync-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            root = url.path
            let secret = MinisignSecretKey.generate()
            try secret.fileText(password: nil).write(toFile: key, atomically: true, encoding: .utf8)
            try secret.publicKey.fileText.write(toFile: pub, atomically: true, encoding: .utf8)
            try await git(["init", "--quiet", "--bare", bare])
        }

        func remove() { try? FileManager.default.removeItem(atPath: root) }

        @discardableResult
        func git(_ arguments: [String], in directory: String? = nil) async throws -> String {
            try await TestProcess.run(["git"] + arguments, in: directory ?? root, environment: environment)
        }

        /// A clone: an empty repository with `origin` set; returns its path.
        func clone(_ name: String) async throws -> String {
            try await git(["init", "--quiet", root + "/" + name])
            try await git(["remote", "add", "origin", bare], in: root + "/" + name)
            return root + "/" + name
        }

        func run(_ arguments: [String]) async throws -> CommandRun {
            try await CommandHarness.run(arguments, environment: environment)
        }

        /// Runs `slipway ledger SUBCOMMAND` on a clone's ledger and repository.
        func ledger(_ subcommand: String, _ clone: String, _ extra: [String] = []) async throws -> CommandRun {
            try await run(
                ["ledger", subcommand, "--ledger", clone + "/.slipway/ledger", "--repository", clone] + extra
            )
        }

        func append(_ clone: String, kind: String, count: Int) async throws {
            let lines = (0..<count).map { #"{"kind":"\#(kind)","details":{"n":\#($0)}}"# }
            let file = root + "/\(kind)-\(UUID().uuidString).jsonl"
            try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
            let run = try await run([
                "ledger", "append", "--ledger", clone + "/.slipway/ledger", "--json", file, "--secret-key", key,
            ])
            #expect(run.status == .success, "\(run.errors)")
        }
    }

    @Test(
        "push publishes the events, pull copies them into another clone, verify passes there, and a re-push is a no-op"
    )
    func pushPullVerify() async throws {
        let workspace = try await Workspace()
        defer { workspace.remove() }
        let first = try await workspace.clone("a")
        let second = try await workspace.clone("b")
        try await workspace.append(first, kind: "build.finished", count: 3)

        let push = try await workspace.ledger("push", first, ["--secret-key", workspace.key, "--key", workspace.pub])
        #expect(push.status == .success, "\(push.errors)")
        #expect(push.output.hasPrefix("pushed 3 event(s) to origin refs/slipway/ledger at indices 0…2; ledger size 3"))
        #expect(push.errors.contains("signed checkpoint for size 3"))

        let pull = try await workspace.ledger("pull", second, ["--key", workspace.pub])
        #expect(pull.status == .success, "\(pull.errors)")
        #expect(pull.output.hasPrefix("pulled entries 0…2 from origin refs/slipway/ledger (commit "))
        let verify = try await workspace.run([
            "ledger", "verify", "--ledger", second + "/.slipway/ledger", "--key", workspace.pub,
        ])
        #expect(verify.status == .success, "\(verify.output)\(verify.errors)")
        #expect(verify.output.contains("verified 3 entries of slipway.local/ledger"))

        // The second clone appends and pushes; the first pulls it back as JSON.
        try await workspace.append(second, kind: "deployment.succeeded", count: 1)
        let again = try await workspace.ledger("push", second, ["--format", "json"])
        #expect(again.status == .success)
        #expect(again.output.contains(#""firstIndex" : 3"#))
        #expect(again.output.contains(#""pushed" : 1"#))
        #expect(again.errors.isEmpty)
        let back = try await workspace.ledger("pull", first, ["--format", "json"])
        #expect(back.output.contains(#""state" : "fast-forwarded""#))
        #expect(back.output.contains(#""localSize" : 4"#))

        let nothing = try await workspace.ledger("push", first, ["--secret-key", workspace.key])
        #expect(nothing.status == .success)
        #expect(nothing.output.hasPrefix("nothing to push"))
        #expect(nothing.output.contains("up to date with origin refs/slipway/ledger"))
    }

    @Test("a ref on a branch is a usage error; a directory that is not a repository exits 2 with what to do")
    func badRepositoryAndRef() async throws {
        let workspace = try await Workspace()
        defer { workspace.remove() }
        #expect {
            _ = try Slipway.parseAsRoot(["ledger", "push", "--ref", "refs/heads/main"])
        } throws: { error in
            Slipway.exitCode(for: error) == .validationFailure
                && Slipway.message(for: error).contains("must be a full ref outside refs/heads/")
        }
        let notARepository = workspace.root + "/plain"
        try FileManager.default.createDirectory(atPath: notARepository, withIntermediateDirectories: true)
        let pull = try await workspace.ledger("pull", notARepository)
        #expect(pull.status == .inputError)
        #expect(pull.errors.contains("not a git repository; run in a clone of the repository or pass --repository"))
    }

    @Test("a remote that rewrote synced history makes pull and push exit 1 naming the index")
    func rewrittenHistoryExitsOne() async throws {
        let workspace = try await Workspace()
        defer { workspace.remove() }
        let first = try await workspace.clone("a")
        let second = try await workspace.clone("b")
        try await workspace.append(first, kind: "build.finished", count: 2)
        #expect(try await workspace.ledger("push", first, ["--secret-key", workspace.key]).status == .success)
        #expect(try await workspace.ledger("pull", second).status == .success)
        // Another ledger force-pushed over the ref.
        let other = try await workspace.clone("c")
        try await workspace.append(other, kind: "something.else", count: 2)
        #expect(
            try await workspace.ledger("push", other, ["--ref", "refs/slipway/other", "--secret-key", workspace.key])
                .status == .success
        )
        let forged = try await workspace.git(["rev-parse", "refs/slipway/other"], in: workspace.bare)
        try await workspace.git(["update-ref", "refs/slipway/ledger", forged.trimmingWhitespace()], in: workspace.bare)
        for subcommand in ["pull", "push"] {
            let run = try await workspace.ledger(subcommand, second)
            #expect(run.status == .findings)
            #expect(run.errors.contains("history rewritten: entry 0 differs"), "\(run.errors)")
        }
    }
}

// In the serialized process suite, so its child processes never start while that suite's SIGKILL test spawns its
// own: Foundation's Process is fragile when many children start and exit at once in one test process.
extension LedgerProcessTests {
    /// Runs the built `slipway` with `arguments` and waits; returns its status and standard error (kept in a file,
    /// so no thread blocks reading a pipe).
    static func runBinary(_ arguments: [String], environment: [String: String]) throws -> (Int32, String) {
        let errorsPath = FileManager.default.temporaryDirectory.appendingPathComponent("slipway-\(UUID().uuidString)")
        try Data().write(to: errorsPath)
        defer { try? FileManager.default.removeItem(at: errorsPath) }
        let errors = try FileHandle(forWritingTo: errorsPath)
        defer { try? errors.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary ?? "/nonexistent")
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOf: errorsPath, encoding: .utf8)) ?? "")
    }

    @Test(
        "slipway processes on three clones appending and pushing at once keep every batch exactly once, in one linear log",
        .enabled(if: binary != nil, "the slipway binary is not built next to the tests")
    )
    func racingProcesses() async throws {
        let workspace = try await LedgerGitSyncCommandTests.Workspace()
        defer { workspace.remove() }
        let (key, verifier) = try Self.keys(workspace.root)
        let clones = 3
        let rounds = 3
        let perBatch = 2
        var paths: [String] = []
        for index in 0..<clones { paths.append(try await workspace.clone("runner-\(index)")) }
        let environment = workspace.environment
        let failures = try await withThrowingTaskGroup(of: [String].self) { group in
            for (index, clone) in paths.enumerated() {
                let files = try (0..<rounds).map {
                    try Self.batchFile(clone, batch: index * 100 + $0, count: perBatch)
                }
                group.addTask {
                    try await offCooperativePool {
                        var failures: [String] = []
                        let ledger = clone + "/.slipway/ledger"
                        for file in files {
                            let append = try Self.runBinary(
                                ["ledger", "append", "--ledger", ledger, "--json", file, "--secret-key", key],
                                environment: environment
                            )
                            let push = try Self.runBinary(
                                [
                                    "ledger", "push", "--ledger", ledger, "--repository", clone, "--secret-key", key,
                                    "--max-attempts", "60",
                                ],
                                environment: environment
                            )
                            for (status, errors) in [append, push] where status != 0 { failures.append(errors) }
                        }
                        return failures
                    }
                }
            }
            var all: [String] = []
            for try await some in group { all += some }
            return all
        }
        #expect(failures.isEmpty, "\(failures)")

        let auditor = try await workspace.clone("auditor")
        let pull = try await workspace.ledger("pull", auditor)
        #expect(pull.status == .success, "\(pull.errors)")
        let (batches, summary) = try await Self.batches(auditor + "/.slipway/ledger")
        let expected = (0..<clones).flatMap { clone in (0..<rounds).map { clone * 100 + $0 } }
        #expect(summary.size == UInt64(clones * rounds * perBatch))
        #expect(Set(batches) == Set(expected))
        for start in stride(from: 0, to: batches.count, by: perBatch) {
            #expect(Set(batches[start..<(start + perBatch)]).count == 1, "a batch was split at \(start)")
        }
        let report = try await LedgerVerifier(verifiers: [verifier]).verify(
            DirectoryLedgerStore(path: auditor + "/.slipway/ledger")
        )
        #expect(report.isValid, "\(report.failures)")
        #expect(report.checkpointsVerified == clones * rounds)
        let history = try await workspace.git(["rev-list", "--count", "refs/slipway/ledger"], in: workspace.bare)
        #expect(history.trimmingWhitespace() == "\(clones * rounds)")
    }
}
