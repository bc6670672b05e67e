import Foundation
import SupplyChain
import Testing

/// Expects every version in `versions` to sort strictly below every later one, in both argument orders (the
/// shape of Maven's `checkVersionsOrder` and of packaging's sorted `VERSIONS` list).
func expectAscending(
    _ versions: [String],
    in ordering: some VersionOrdering,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    for (lowIndex, low) in versions.enumerated() {
        #expect(ordering.parse(low) != nil, "\(low) should parse", sourceLocation: sourceLocation)
        for high in versions[(lowIndex + 1)...] {
            #expect(
                ordering.compare(low, high) == .orderedAscending,
                "expected \(low) < \(high)",
                sourceLocation: sourceLocation
            )
            #expect(
                ordering.compare(high, low) == .orderedDescending,
                "expected \(high) > \(low)",
                sourceLocation: sourceLocation
            )
        }
    }
}

/// Expects `lhs` and `rhs` to parse and compare equal both ways.
func expectEquivalent(
    _ lhs: String,
    _ rhs: String,
    in ordering: some VersionOrdering,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(ordering.compare(lhs, rhs) == .orderedSame, "expected \(lhs) == \(rhs)", sourceLocation: sourceLocation)
    #expect(ordering.compare(rhs, lhs) == .orderedSame, "expected \(rhs) == \(lhs)", sourceLocation: sourceLocation)
}

/// Expects none of `texts` to parse.
func expectRejected(
    _ texts: [String],
    by ordering: some VersionOrdering,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    for text in texts {
        #expect(
            ordering.parse(text) == nil,
            "expected \(text.debugDescription) to be rejected",
            sourceLocation: sourceLocation
        )
    }
}
