import Synchronization

/// Receives diagnostics the run survives; the caller decides what to do with them at the end.
public protocol DiagnosticSink: Sendable {
    /// Records one diagnostic.
    func emit(_ diagnostic: Diagnostic)
}

/// A thread-safe sink that keeps every diagnostic in arrival order.
public final class DiagnosticCollector: DiagnosticSink {
    private let storage = Mutex<[Diagnostic]>([])

    /// Creates an empty collector.
    public init() {}

    public func emit(_ diagnostic: Diagnostic) {
        storage.withLock { $0.append(diagnostic) }
    }

    /// Everything emitted so far.
    public var diagnostics: [Diagnostic] { storage.withLock { $0 } }

    /// Whether any error-level diagnostic was emitted.
    public var hasErrors: Bool { storage.withLock { $0.contains { $0.level == .error } } }
}
