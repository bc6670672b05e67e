import Foundation

/// Runs commands with Foundation's `Process`: argv only (no shell), a hard timeout, and captured output.
public struct FoundationProcessRunner: ProcessRunner {
    /// Creates the live runner.
    public init() {}

    public func run(_ request: ProcessRequest) async throws(ProcessError) -> ProcessResult {
        guard let executable = request.arguments.first else {
            throw .launchFailed(arguments: request.arguments, reason: "empty command")
        }
        let process = Process()
        if executable.contains("/") {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = Array(request.arguments.dropFirst())
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = request.arguments
        }
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
        do {
            try process.run()
        } catch {
            throw .launchFailed(arguments: request.arguments, reason: "\(error)")
        }
        inputPipe.fileHandleForWriting.write(Data(request.standardInput))
        try? inputPipe.fileHandleForWriting.close()

        async let output = Task.detachedRead(outputPipe.fileHandleForReading)
        async let errors = Task.detachedRead(errorPipe.fileHandleForReading)
        let deadline = ContinuousClock.now.advanced(by: request.timeout)
        while process.isRunning {
            if ContinuousClock.now >= deadline {
                process.terminate()
                _ = await (output, errors)
                throw .timedOut(arguments: request.arguments, timeout: request.timeout)
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
        let (standardOutput, standardError) = await (output, errors)
        return ProcessResult(
            status: process.terminationStatus,
            standardOutput: standardOutput,
            standardError: standardError
        )
    }
}

extension Task where Success == Never, Failure == Never {
    /// Reads a pipe to its end without blocking the cooperative pool's callers.
    fileprivate static func detachedRead(_ handle: FileHandle) async -> [UInt8] {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: [UInt8](handle.readDataToEndOfFile()))
            }
        }
    }
}
