#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// Tells the time for timestamps in output; honours `SOURCE_DATE_EPOCH` so builds are reproducible.
public struct WallClock: Sendable {
    private let source: @Sendable () -> Date

    /// Creates a clock from a time source.
    public init(_ source: @escaping @Sendable () -> Date) {
        self.source = source
    }

    /// The current time.
    public func now() -> Date { source() }

    /// The system clock, unless `SOURCE_DATE_EPOCH` in `environment` pins the time.
    public static func live(environment: [String: String]) -> WallClock {
        if let epoch = environment["SOURCE_DATE_EPOCH"].flatMap({ Int($0.trimmingWhitespace()) }) {
            return .fixed(Date(timeIntervalSince1970: TimeInterval(epoch)))
        }
        return WallClock { Date() }
    }

    /// The system clock, whatever the environment says.
    public static let system = WallClock { Date() }

    /// A clock stopped at `date`, for tests and reproducible output.
    public static func fixed(_ date: Date) -> WallClock {
        WallClock { date }
    }
}
