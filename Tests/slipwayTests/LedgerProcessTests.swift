import Foundation
import Ledger
import Signing
import SlipwayCore
import SlipwayTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The built `slipway` binary appending from separate processes: killed with SIGKILL at random points, and racing.
@Suite(.serialized) struct LedgerProcessTests {
    /// The `slipway` executable beside the test bundle, if it was built.
    static let binary: String? = {
        var candidates: [String] = []
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(PathUtilities.directory(of: executable) + "/slipway")
        }
        candidates.append(Corpus.packageRoot + "/.build/debug/slipway")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static func spawn(_ arguments: [String], environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary ?? "/nonexistent")
        process.arguments = arguments
        process.environment = ["GITHUB_ACTOR": "ci", "PATH": "/usr/bin:/bin"].merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Writes a batch of `count` events tagged with `batch`, returning the file.
    static func batchFile(_ directory: String, batch: Int, count: Int) throws -> String {
        let lines = (0..<count).map { #"{"kind":"test.append","details":{"batch":\#(batch),"item":\#($0)}}"# }
        let path = directory + "/batch-\(batch).jsonl"
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The batch numbers of the ledger's events, in log order.
    static func batches(_ ledger: String) async throws -> (batches: [Int], summary: LedgerReadSummary) {
        let (events, summary) = try await Ledger(store: DirectoryLedgerStore(path: ledger)).events()
        let batches = events.map { item -> Int in
            guard case .object(let details) = item.event.details, case .number(let batch) = details["batch"] else {
                return -1
            }
            return Int(batch)
        }
        return (batches, summary)
    }

    static func keys(_ directory: String) throws -> (key: String, verifier: Ed25519CheckpointVerifier) {
        let secret = MinisignSecretKey.generate()
        try secret.fileText(password: nil).write(toFile: directory + "/ledger.key", atomically: true, encoding: .utf8)
        let verifier = try Ed25519CheckpointVerifier(
            name: "slipway.local/ledger",
            publicKey: secret.publicKey.publicKey
        )
        return (directory + "/ledger.key", verifier)
    }

    /// How one child append ended.
    struct ChildOutcome: Sendable {
        var exited: Bool
        var status: Int32
        var seconds: Double
    }

    /// Runs `slipway` with `arguments`, SIGKILLs it after `killAfter` microseconds when given, and waits; all on a
    /// thread of its own, so waiting never holds a thread of the cooperative pool other tests need.
    static func runChild(_ arguments: [String], killAfter: UInt32?) async throws -> ChildOutcome {
        try await offCooperativePool {
            let started = Date()
            let process = try spawn(arguments)
            if let killAfter {
                usleep(killAfter)
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
            return ChildOutcome(
                exited: process.terminationReason == .exit,
                status: process.terminationStatus,
                seconds: Date().timeIntervalSince(started)
            )
        }
    }

    @Test(
        "SIGKILL at random points: reopening yields every acknowledged batch whole, a killed batch whole or not at all, and verify passes",
        .enabled(if: binary != nil, "the slipway binary is not built next to the tests")
    )
    func crashSafety() async throws {
        let directory = try LedgerFixturesDirectory.make()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ledger = directory + "/ledger"
        let (key, verifier) = try Self.keys(directory)
        let perBatch = 3
        var seed = UInt64(Date().timeIntervalSince1970 * 1000)
        // Kill after a random fraction of up to twice an uninterrupted append's duration, measured on this machine
        // now, so about half the appends are interrupted however loaded the machine is.
        var scale: UInt64 = 100_000
        func nextDelay() -> UInt32 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt32((seed >> 33) % (2 * scale))
        }
        var acknowledged: [Int] = []
        var killed: Set<Int> = []
        var tornTails = 0
        for batch in 0..<40 {
            let file = try Self.batchFile(directory, batch: batch, count: perBatch)
            let outcome = try await Self.runChild(
                ["ledger", "append", "--ledger", ledger, "--json", file, "--secret-key", key],
                killAfter: batch == 0 ? nil : nextDelay()
            )
            if batch == 0 { scale = max(1000, UInt64(outcome.seconds * 1_000_000)) }
            if outcome.exited {
                #expect(outcome.status == 0, "batch \(batch) failed (seed \(seed))")
                acknowledged.append(batch)
            } else {
                killed.insert(batch)
            }
            let (batches, summary) = try await Self.batches(ledger)
            if summary.tornTail != nil { tornTails += 1 }
            // Every acknowledged batch is there; everything there is acknowledged or was killed mid-append.
            let present = Set(batches)
            #expect(Set(acknowledged).isSubset(of: present), "lost an acknowledged batch (seed \(seed))")
            #expect(present.isSubset(of: Set(acknowledged).union(killed)), "unknown data (seed \(seed))")
            // Batches are atomic and in order.
            var runs: [(batch: Int, count: Int)] = []
            for batch in batches {
                if runs.last?.batch == batch { runs[runs.count - 1].count += 1 } else { runs.append((batch, 1)) }
            }
            #expect(runs.allSatisfy { $0.count == perBatch }, "a torn batch was read as entries (seed \(seed))")
            #expect(runs.map(\.batch) == runs.map(\.batch).sorted(), "batches out of order (seed \(seed))")
            let report = try await LedgerVerifier(verifiers: [verifier]).verify(DirectoryLedgerStore(path: ledger))
            #expect(report.isValid, "\(report.failures) (seed \(seed))")
        }
        #expect(!killed.isEmpty, "no append was interrupted; the test proved nothing (seed \(seed))")
        #expect(acknowledged.count > 1)
        print(
            "crash test: \(acknowledged.count) acknowledged, \(killed.count) killed, \(tornTails) torn tail(s) seen (seed \(seed))"
        )
    }

    @Test(
        "eight processes appending at once lose nothing and keep one linear, verifiable log",
        .enabled(if: binary != nil, "the slipway binary is not built next to the tests")
    )
    func concurrentProcesses() async throws {
        let directory = try LedgerFixturesDirectory.make()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ledger = directory + "/ledger"
        let (key, verifier) = try Self.keys(directory)
        let perBatch = 5
        for round in 0..<3 {
            var files: [String] = []
            for writer in 0..<8 {
                files.append(try Self.batchFile(directory, batch: round * 8 + writer, count: perBatch))
            }
            let statuses = try await offCooperativePool { [files] in
                let processes = try files.map { file in
                    try Self.spawn(["ledger", "append", "--ledger", ledger, "--json", file, "--secret-key", key])
                }
                return processes.map { process -> Int32 in
                    process.waitUntilExit()
                    return process.terminationStatus
                }
            }
            #expect(statuses == [Int32](repeating: 0, count: 8))
        }
        let (batches, summary) = try await Self.batches(ledger)
        #expect(summary.size == 120)
        #expect(Set(batches) == Set(0..<24))
        for start in stride(from: 0, to: batches.count, by: perBatch) {
            #expect(Set(batches[start..<(start + perBatch)]).count == 1, "interleaved batches at \(start)")
        }
        let report = try await LedgerVerifier(verifiers: [verifier]).verify(DirectoryLedgerStore(path: ledger))
        #expect(report.isValid, "\(report.failures)")
        #expect(report.checkpointsVerified == 24)
    }
}

extension LedgerProcessTests {
    @Test(
        "events record when they happened: SOURCE_DATE_EPOCH pins build outputs, not ledger event times",
        .enabled(if: binary != nil, "the slipway binary is not built next to the tests")
    )
    func eventTimeIgnoresSourceDateEpoch() async throws {
        let directory = try LedgerFixturesDirectory.make()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let ledger = directory + "/ledger"
        let file = try Self.batchFile(directory, batch: 0, count: 1)
        let before = Int(Date().timeIntervalSince1970)
        let status = try await offCooperativePool {
            let process = try Self.spawn(
                ["ledger", "append", "--ledger", ledger, "--json", file],
                environment: ["SOURCE_DATE_EPOCH": "1000000000"]
            )
            process.waitUntilExit()
            return process.terminationStatus
        }
        #expect(status == 0)
        let (events, _) = try await Ledger(store: DirectoryLedgerStore(path: ledger)).events()
        let time = try #require(events.first?.event.time.secondsSince1970)
        #expect(time >= before - 5 && time <= Int(Date().timeIntervalSince1970) + 5, "event time \(time)")
    }
}

/// Runs blocking work on a thread of its own, off Swift's cooperative pool (see `LedgerProcessTests.runChild`).
func offCooperativePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}

/// A temporary directory for one test.
enum LedgerFixturesDirectory {
    static func make() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "slipway-ledger-proc-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }
}
