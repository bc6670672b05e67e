import Foundation

/// Reads the process environment once, at the edge; everything else gets it from the context.
enum ProcessEnvironmentSnapshot {
    static func current() -> [String: String] { ProcessInfo.processInfo.environment }
}
