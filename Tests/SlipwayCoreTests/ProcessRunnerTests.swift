import Foundation
import Testing

@testable import SlipwayCore

/// The real process runner: large outputs arrive whole, and its pipe reader survives interrupted reads.
@Suite struct ProcessRunnerTests {
    @Test("a child's output larger than the pipe buffer and the read buffer arrives whole, stdout and stderr apart")
    func largeOutput() async throws {
        let script = "head -c 300000 /dev/zero | tr '\\000' a; printf err >&2; exit 3"
        let result = try await FoundationProcessRunner().run(
            ProcessRequest(["/bin/sh", "-c", script], timeout: .seconds(60))
        )
        #expect(result.status == 3)
        #expect(result.standardOutput.count == 300_000)
        #expect(result.standardOutput.allSatisfy { $0 == UInt8(ascii: "a") })
        #expect(result.errorText == "err")
    }

    @Test("the runner's ends of the pipes are closed when a run returns, not left to Foundation")
    func pipesClosed() async throws {
        // Each leaked run used to hold two pipe ends (a test run was seen with 4,600, and Process.run() crashed).
        // Other tests running in parallel hold a few pipes of their own at any moment, far fewer than 400.
        func openPipes() throws -> Int {
            try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count { name in
                (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + name))?
                    .hasPrefix("pipe:") == true
            }
        }
        let before = try openPipes()
        for _ in 0..<200 {
            let result = try await FoundationProcessRunner().run(
                ProcessRequest(["/bin/sh", "-c", "printf out; printf err >&2"], standardInput: Array("in".utf8))
            )
            #expect(result.status == 0 && result.standardOutput == Array("out".utf8) && result.errorText == "err")
        }
        #expect(try openPipes() - before < 100)
    }

    @Test("readToEnd keeps reading after a signal interrupts its blocked read")
    func interruptedRead() throws {
        // A no-op SIGUSR2 handler installed without SA_RESTART makes a read blocked on an empty pipe return EINTR.
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        action.sa_flags = 0
        sigemptyset(&action.sa_mask)
        sigaction(SIGUSR2, &action, nil)
        let pipe = Pipe()
        let descriptor = pipe.fileHandleForReading.fileDescriptor
        let state = ReaderState()
        let reader = Thread {
            state.start(thread: pthread_self())
            state.finish(FoundationProcessRunner.readToEnd(descriptor))
        }
        reader.start()
        let thread = try #require(state.waitForThread())
        for _ in 0..<3 {
            usleep(50_000)
            pthread_kill(thread, SIGUSR2)
        }
        try pipe.fileHandleForWriting.write(contentsOf: Data("after the signals".utf8))
        try pipe.fileHandleForWriting.close()
        #expect(String(decoding: try #require(state.waitForResult()), as: UTF8.self) == "after the signals")
    }
}

/// Hands the reader thread's id and its result to the test, with a lock and condition.
private final class ReaderState: @unchecked Sendable {
    private let condition = NSCondition()
    private var thread: pthread_t?
    private var result: [UInt8]?

    func start(thread: pthread_t) {
        condition.withLock {
            self.thread = thread
            condition.broadcast()
        }
    }

    func finish(_ bytes: [UInt8]) {
        condition.withLock {
            result = bytes
            condition.broadcast()
        }
    }

    func waitForThread() -> pthread_t? {
        condition.withLock {
            let deadline = Date().addingTimeInterval(30)
            while thread == nil, condition.wait(until: deadline) {}
            return thread
        }
    }

    func waitForResult() -> [UInt8]? {
        condition.withLock {
            let deadline = Date().addingTimeInterval(30)
            while result == nil, condition.wait(until: deadline) {}
            return result
        }
    }
}
