import Foundation

/// Runs blocking system calls (a `flock` wait, `fsync`) on a thread of its own and resumes the caller when they
/// finish, so an `async` store never parks one of the cooperative pool's threads on the kernel.
enum BlockingWork {
    /// The result of `body`, run on a new thread.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }
}
