import Foundation
import SupplyChain
import Testing

/// Properties every ecosystem's ordering must have, whatever its rules: a consistent total order over the versions
/// it accepts, and `nil` rather than a crash for anything else.
@Suite struct VersionOrderingPropertyTests {
    /// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014), so the fuzzed
    /// strings are the same on every run.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
    }

    /// Versions in ascending order for each ecosystem, starting at OSV's `"0"`.
    static let ascending: [Ecosystem: [String]] = [
        .npm: [
            "0", "0.0.1", "0.1.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta", "1.0.0-rc.1", "1.0.0", "v1.0.1",
            "1.10.0",
        ],
        .cargo: [
            "0", "0.0.1", "0.1.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta", "1.0.0-rc.1", "1.0.0", "1.0.1",
            "1.10.0",
        ],
        .swift: ["0", "0.0.1", "v0.1.0", "1.0.0-alpha", "1.0.0-beta.2", "1.0.0-beta.11", "v1.0.0", "1.0.1", "v2.0.0"],
        .go: [
            "0", "v0.0.1", "0.1.0", "v1.0.0-20191109021931-daa7c04131f5", "v1.0.0-rc.1", "v1.0.0",
            "1.0.1-0.20200101000000-abcdefabcdef", "v1.0.1", "v2.0.0+incompatible", "v2.1.0",
        ],
        .pypi: ["0", "0.1", "1.0.dev0", "1.0a1", "1.0b1", "1.0rc1", "1.0", "1.0+local", "1.0.post1", "1.1", "2!0.1"],
        .rubygems: ["0", "0.1", "1.0.a", "1.0.b1", "1.0.rc1", "1.0", "1.0.1", "1.1", "2.0.0-1", "2.0"],
        .packagist: [
            "0", "0.1", "1.0.0-dev", "1.0.0-alpha1", "1.0.0-beta2", "1.0.0-RC1", "v1.0.0", "1.0.0-p1", "1.0.1",
            "1.x-dev",
            "2.0",
        ],
        .maven: [
            "0", "0.1", "1.0-alpha-1", "1.0-beta-2", "1.0-m1", "1.0-rc1", "1.0-SNAPSHOT", "1.0", "1.0-sp1", "1.0-abc",
            "1.0-1", "1.0.1", "1.1",
        ],
        .nuget: ["0", "0.1", "1.0.0-alpha", "1.0.0-beta.2", "1.0.0-rc.1", "1.0.0", "1.0.0.1", "1.0.1", "2.0"],
    ]

    @Test(
        "every ecosystem has an ordering whose ascending list sorts strictly increasing",
        arguments: Ecosystem.allCases
    )
    func ascendingListSorts(ecosystem: Ecosystem) throws {
        let ordering = VersionOrderings.ordering(for: ecosystem)
        let versions = try #require(Self.ascending[ecosystem])
        for (index, version) in versions.enumerated() {
            #expect(ordering.compare(version, version) == .orderedSame, "\(version)")
            for later in versions[(index + 1)...] {
                #expect(ordering.compare(version, later) == .orderedAscending, "\(version) < \(later)")
                #expect(ordering.compare(later, version) == .orderedDescending, "\(later) > \(version)")
            }
        }
        var generator = SeededGenerator(state: 42)
        let resorted = versions.shuffled(using: &generator).sorted { ordering.compare($0, $1) == .orderedAscending }
        #expect(resorted == versions)
    }

    @Test("\"0\" parses in every ecosystem", arguments: Ecosystem.allCases)
    func zeroParses(ecosystem: Ecosystem) {
        #expect(VersionOrderings.ordering(for: ecosystem).compare("0", "0") == .orderedSame)
    }

    @Test("fuzzed text never crashes, and what parses is ordered consistently", arguments: Ecosystem.allCases)
    func fuzzedText(ecosystem: Ecosystem) {
        var generator = SeededGenerator(state: 0x5EED_0000 &+ UInt64(ecosystem.rawValue.utf8.count))
        let texts = (0..<400).map { index in
            index.isMultiple(of: 2) ? Self.junk(using: &generator) : Self.versionLike(using: &generator)
        }
        checkConsistency(VersionOrderings.ordering(for: ecosystem), texts, using: &generator)
    }

    /// Parses each text once, then checks the parsed versions form a total preorder (irreflexive and antisymmetric
    /// `<`, `==` exactly when neither is less, and a sorted list with no later element below an earlier one), and
    /// that the string API agrees with the parsed values.
    private func checkConsistency(
        _ ordering: some VersionOrdering,
        _ texts: [String],
        using generator: inout SeededGenerator
    ) {
        let parsed = texts.compactMap { text in ordering.parse(text).map { (text, $0) } }
        #expect(parsed.count >= 30, "the fuzzer should produce enough valid versions to test the order")
        for (text, version) in parsed {
            #expect(!(version < version), "\(text) < itself")
            #expect(version == version, "\(text) != itself")
        }
        for _ in 0..<2_000 {
            guard let (leftText, left) = parsed.randomElement(using: &generator),
                let (rightText, right) = parsed.randomElement(using: &generator)
            else {
                break
            }
            #expect(!(left < right && right < left), "\(leftText) and \(rightText) are each below the other")
            #expect((left == right) == (!(left < right) && !(right < left)), "\(leftText) vs \(rightText)")
            let forward = ordering.compare(leftText, rightText)
            let backward = ordering.compare(rightText, leftText)
            #expect(
                forward == backward.map(Self.reversed),
                "\(leftText) vs \(rightText): \(String(describing: forward))"
            )
        }
        let sorted = parsed.map(\.1).sorted()
        for (index, version) in sorted.enumerated() {
            for later in sorted[(index + 1)...] where later < version {
                Issue.record("sorting is not transitive: \(later) sorts after \(version) yet is below it")
                return
            }
        }
    }

    private static func reversed(_ result: ComparisonResult) -> ComparisonResult {
        switch result {
        case .orderedAscending: .orderedDescending
        case .orderedDescending: .orderedAscending
        case .orderedSame: .orderedSame
        }
    }

    /// Characters versions are made of, and some they are not.
    private static let alphabet = Array("0123456789...---+++__vV=!*^~ abcdeilmnoprstxzABCRSTé\t\u{0}\u{668}")

    private static func junk(using generator: inout SeededGenerator) -> String {
        let length = Int.random(in: 0...14, using: &generator)
        return String((0..<length).compactMap { _ in alphabet.randomElement(using: &generator) })
    }

    private static let words = [
        "alpha", "a", "beta", "b", "rc", "RC", "c", "pre", "preview", "dev", "post", "r", "rev", "patch", "pl", "p",
        "snapshot", "SNAPSHOT", "sp", "ga", "final", "m", "milestone", "x", "0", "1", "20191109021931",
    ]
    private static let separators = [".", "-", "-", "-", "_", "", "+"]

    /// Numbers joined by dots, perhaps with a prefix, qualifiers and build metadata: mostly valid somewhere.
    private static func versionLike(using generator: inout SeededGenerator) -> String {
        var text = Bool.random(using: &generator) && Bool.random(using: &generator) ? "v" : ""
        let numbers = [1, 2, 3, 3, 3, 3, 4].randomElement(using: &generator) ?? 3
        for index in 0..<numbers {
            if index > 0 {
                text += "."
            }
            switch Int.random(in: 0..<10, using: &generator) {
            case 0: text += "0\(Int.random(in: 0...9, using: &generator))"
            case 1: text += String(repeating: "9", count: Int.random(in: 15...25, using: &generator))
            default: text += String(Int.random(in: 0...12, using: &generator))
            }
        }
        for _ in 0..<Int.random(in: 0...3, using: &generator) {
            text += separators.randomElement(using: &generator) ?? "."
            text += words.randomElement(using: &generator) ?? "a"
            if Bool.random(using: &generator) {
                text += String(Int.random(in: 0...11, using: &generator))
            }
        }
        return text
    }
}
