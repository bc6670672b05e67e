import Foundation
import SupplyChain
import Testing

@Suite struct RubyGemsVersionOrderingTests {
    let ordering = RubyGemsVersionOrdering()

    @Test("Gem::Version#<=> as rubygems' test_spaceship asserts it")
    func spaceship() {
        // rubygems test/rubygems/test_gem_version.rb `test_spaceship`.
        let cases: [(String, String, ComparisonResult)] = [
            ("1.0", "1.0.0", .orderedSame), ("1.0", "1.0.a", .orderedDescending),
            ("1.8.2", "0.0.0", .orderedDescending),
            ("1.8.2", "1.8.2.a", .orderedDescending), ("1.8.2.b", "1.8.2.a", .orderedDescending),
            ("1.8.2.a", "1.8.2", .orderedAscending), ("1.8.2.a10", "1.8.2.a9", .orderedDescending),
            ("", "0", .orderedSame), ("0.beta.1", "0.0.beta.1", .orderedSame),
            ("0.0.beta", "0.0.beta.1", .orderedAscending),
            ("0.0.beta", "0.beta.1", .orderedAscending), ("5.a", "5.0.0.rc2", .orderedAscending),
            ("5.x", "5.0.0.rc2", .orderedDescending), ("1.9.3", "1.9.3", .orderedSame),
            ("1.9.3", "1.9.2.99", .orderedDescending), ("1.9.3", "1.9.3.1", .orderedAscending),
        ]
        for (lhs, rhs, expected) in cases {
            #expect(ordering.compare(lhs, rhs) == expected, "\(lhs) <=> \(rhs)")
        }
        #expect(ordering.compare("1.0", "whatever") == nil)
    }

    @Test("SemVer-style pre-releases order as rubygems' test_semver asserts")
    func semverStyle() {
        // rubygems test/rubygems/test_gem_version.rb `test_semver`.
        expectAscending(["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1"], in: ordering)
        expectAscending(["1.0.0-rc1", "1.0.0"], in: ordering)
        expectAscending(["1.0.0-1", "1"], in: ordering)
    }

    @Test("equal versions from test_equals2, test_eql_eh and test_canonical_segments")
    func equalVersions() throws {
        expectEquivalent("1.2.b1", "1.2.b.1", in: ordering)
        expectEquivalent("1.2", "1.2.0", in: ordering)
        expectEquivalent("1.0.0.a.1.0", "1.a.1", in: ordering)
        expectEquivalent("1.2.3-1", "1.2.3.pre.1", in: ordering)
        #expect(try #require(ordering.parse("1.2.3-1")).description == "1.2.3.pre.1")
        #expect(ordering.compare("1.2", "1.3") == .orderedAscending)
    }

    @Test("surrounding whitespace is ignored, as in test_initialize")
    func whitespace() {
        for text in ["1.0 ", " 1.0 ", "1.0\n", "\n1.0\n"] {
            expectEquivalent("1.0", text, in: ordering)
        }
    }

    @Test("malformed versions from test_initialize_invalid are rejected")
    func invalid() {
        expectRejected(
            [
                "junk", "1.0\n2.0", "1..2", "1.2 3.4", "2.3422222.222.222222222.22222.ads0as.dasd0.ddd2222.2.qd3e.",
                "1a", "v1.0", "1.0-", "1.0+build", "-1", ".1",
            ],
            by: ordering
        )
    }

    @Test("any letter makes a pre-release, as in test_prerelease")
    func prerelease() throws {
        for text in ["1.2.0.a", "2.9.b", "22.1.50.0.d", "1.2.d.42", "1.A", "1-1", "1-a"] {
            #expect(try #require(ordering.parse(text)).isPrerelease, "\(text)")
        }
        for text in ["1.2.0", "2.9", "22.1.50.0"] {
            #expect(try !#require(ordering.parse(text)).isPrerelease, "\(text)")
        }
    }

    @Test("letters sort below numbers and zeros before a letter do not count")
    func segmentRules() {
        expectAscending(["1.0.a", "1.0.b", "1.0", "1.0.0.1", "1.1.a", "1.1", "1.10"], in: ordering)
        expectEquivalent("1.0.0a1", "1.a1", in: ordering)
        expectEquivalent("1.0a", "1.a", in: ordering)
    }

    @Test("\"0\" is the first release")
    func zero() {
        expectAscending(["0.a", "0", "0.0.1"], in: ordering)
    }
}
