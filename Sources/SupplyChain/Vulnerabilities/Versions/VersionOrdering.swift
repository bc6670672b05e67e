#if canImport(FoundationEssentials)
    public import FoundationEssentials
#else
    public import Foundation
#endif

/// How one ecosystem orders its version strings, so OSV ranges can be evaluated against installed versions.
///
/// Implementations parse without regular expressions and return `nil` for text that is not a version in the
/// ecosystem; they never trap on bad input. Every ordering accepts `"0"`, which OSV uses for "from the start".
public protocol VersionOrdering: Sendable {
    associatedtype Version: Comparable & Sendable
    /// The parsed version, or nil when `text` is not a version in this ecosystem.
    func parse(_ text: String) -> Version?
}

extension VersionOrdering {
    /// Compares two version strings; nil when either does not parse.
    public func compare(_ lhs: String, _ rhs: String) -> ComparisonResult? {
        guard let left = parse(lhs), let right = parse(rhs) else {
            return nil
        }
        if left < right {
            return .orderedAscending
        }
        if right < left {
            return .orderedDescending
        }
        return .orderedSame
    }
}
