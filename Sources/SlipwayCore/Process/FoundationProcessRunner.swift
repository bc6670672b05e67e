import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs commands with Foundation's `Process`: argv only (no shell), a hard timeout, and captured output.
public struct FoundationProcessRunner: ProcessRunner {
    /// Creates the live runner.
    public init() {}

    public func run(_ request: ProcessRequest) async throws(ProcessError) -> ProcessResult {
        guard let executable = request.arguments.first else {
            throw .launchFailed(arguments: request.arguments, reason: "empty command")
        }
        let process = Process()
        let searchPath = request.environment?["PATH"] ?? ProcessInfo.processInfo.environment["PATH"] ?? ""
        guard let resolved = Self.resolve(executable, searchPath: searchPath) else {
            throw .launchFailed(arguments: request.arguments, reason: "`\(executable)` was not found on PATH")
        }
        // Resolving here instead of going through /usr/bin/env saves a process image and a PATH walk per call.
        process.executableURL = URL(fileURLWithPath: resolved)
        process.arguments = Array(request.arguments.dropFirst())
        if let environment = request.environment { process.environment = environment }
        if let directory = request.workingDirectory {
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
        }
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        let inputPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        process.standardInput = inputPipe
        // The termination handler feeds a stream, so waiting costs nothing (no polling) and races the timeout.
        let (exits, exitContinuation) = AsyncStream<Int32>.makeStream(bufferingPolicy: .bufferingNewest(1))
        process.terminationHandler = { finished in
            exitContinuation.yield(finished.terminationStatus)
            exitContinuation.finish()
        }
        // Our ends of the pipes are closed here, when the exchange is over, not whenever Foundation releases the
        // `Process` and its `Pipe`s: a test run of a few thousand git calls was seen holding 1,300 pipe ends, and
        // `Process.run()` then crashed (a memcpy past its buffer) while it prepared the next child.
        defer {
            for handle in [
                outputPipe.fileHandleForReading, errorPipe.fileHandleForReading, inputPipe.fileHandleForWriting,
            ] {
                try? handle.close()
            }
        }
        do {
            try process.run()
        } catch {
            for handle in [
                outputPipe.fileHandleForWriting, errorPipe.fileHandleForWriting, inputPipe.fileHandleForReading,
            ] {
                try? handle.close()
            }
            throw .launchFailed(arguments: request.arguments, reason: "\(error)")
        }
        // Input is written while the output is read, so a child that writes before it reads cannot deadlock with us.
        async let input: Void = Task.detachedWrite(request.standardInput, to: inputPipe.fileHandleForWriting)
        async let output = Task.detachedRead(outputPipe.fileHandleForReading)
        async let errors = Task.detachedRead(errorPipe.fileHandleForReading)
        let timeout = request.timeout
        let status: Int32? = await withTaskGroup(of: Int32?.self) { group in
            group.addTask {
                for await status in exits { return status }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        guard let status else {
            process.terminate()
            _ = await (input, output, errors)
            throw .timedOut(arguments: request.arguments, timeout: request.timeout)
        }
        let (_, standardOutput, standardError) = await (input, output, errors)
        return ProcessResult(status: status, standardOutput: standardOutput, standardError: standardError)
    }
}

extension FoundationProcessRunner {
    /// Every byte until end of file, retrying reads a signal interrupts (`FileHandle.readDataToEndOfFile` traps on
    /// `EINTR`, which a busy test run with many children delivers); stops at the first other read error.
    static func readToEnd(_ descriptor: Int32) -> [UInt8] {
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                result.append(contentsOf: buffer[0..<count])
            } else if count == 0 || errno != EINTR {
                return result
            }
        }
    }

    /// The path of `executable`: itself when it contains a `/`, else the first executable match on `searchPath`.
    static func resolve(_ executable: String, searchPath: String) -> String? {
        if executable.contains("/") { return executable }
        for directory in searchPath.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(executable)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}

extension FoundationProcessRunner {
    /// Writes all of `bytes` to `descriptor`, retrying interrupted writes; stops quietly when the child has closed
    /// its end (`EPIPE`: it exited or does not read its input, which is its business, not an error of ours).
    ///
    /// Such a write also raises `SIGPIPE`, whose default action would kill this process; the signal is blocked on
    /// the calling thread for the duration and the pending one consumed, so the process-wide disposition is left
    /// alone. Call it on a thread of its own.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        var offset = 0
        var brokenPipe = false
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return }
            while offset < raw.count {
                let count = write(descriptor, base + offset, raw.count - offset)
                if count > 0 {
                    offset += count
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    brokenPipe = count < 0 && errno == EPIPE
                    return
                }
            }
        }
        if brokenPipe {
            var now = timespec(tv_sec: 0, tv_nsec: 0)
            while sigtimedwait(&pipeSignal, nil, &now) == SIGPIPE {}
        }
    }
}

extension Task where Success == Never, Failure == Never {
    /// Writes the child's standard input and closes our end, without blocking the cooperative pool's callers.
    fileprivate static func detachedWrite(_ bytes: [UInt8], to handle: FileHandle) async {
        if bytes.isEmpty {
            try? handle.close()
            return
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                FoundationProcessRunner.writeAll(bytes, to: handle.fileDescriptor)
                try? handle.close()
                continuation.resume()
            }
        }
    }

    /// Reads a pipe to its end without blocking the cooperative pool's callers.
    fileprivate static func detachedRead(_ handle: FileHandle) async -> [UInt8] {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: FoundationProcessRunner.readToEnd(handle.fileDescriptor))
            }
        }
    }
}
