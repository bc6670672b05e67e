import Foundation
import SupplyChain
import Testing

/// Known answers from apache/maven `ComparableVersionTest.java` on the maven-3.9.x branch.
///
/// Maven 4's tests of non-ASCII text are included too (Maven 4 reads only ASCII digits as digits, where 3.9 used
/// `Character.isDigit`). Maven 4's MNG-7714 change (`1.0.final-redhat` < `1.0-sp1-redhat`) is not part of the 3.9
/// order and is not asserted.
@Suite struct MavenVersionOrderingTests {
    let ordering = MavenVersionOrdering()

    @Test("VERSIONS_QUALIFIER is in ascending order")
    func qualifierOrder() {
        expectAscending(
            [
                "1-alpha2snapshot", "1-alpha2", "1-alpha-123", "1-beta-2", "1-beta123", "1-m2", "1-m11", "1-rc",
                "1-cr2",
                "1-rc123", "1-SNAPSHOT", "1", "1-sp", "1-sp2", "1-sp123", "1-abc", "1-def", "1-pom-1", "1-1-snapshot",
                "1-1", "1-2", "1-123",
            ],
            in: ordering
        )
    }

    @Test("VERSIONS_NUMBER is in ascending order")
    func numberOrder() {
        expectAscending(
            [
                "2.0", "2.0.a", "2-1", "2.0.2", "2.0.123", "2.1.0", "2.1-a", "2.1b", "2.1-c", "2.1-1", "2.1.0.1", "2.2",
                "2.123", "11.a2", "11.a11", "11.b2", "11.b11", "11.m2", "11.m11", "11", "11.a", "11b", "11c", "11m",
            ],
            in: ordering
        )
    }

    @Test(
        "testVersionsEqual",
        arguments: [
            ("1", "1"), ("1", "1.0"), ("1", "1.0.0"), ("1.0", "1.0.0"), ("1", "1-0"), ("1", "1.0-0"), ("1.0", "1.0-0"),
            ("1a", "1-a"), ("1a", "1.0-a"), ("1a", "1.0.0-a"), ("1.0a", "1-a"), ("1.0.0a", "1-a"), ("1x", "1-x"),
            ("1x", "1.0-x"), ("1x", "1.0.0-x"), ("1.0x", "1-x"), ("1.0.0x", "1-x"), ("1ga", "1"), ("1release", "1"),
            ("1final", "1"), ("1cr", "1rc"), ("1a1", "1-alpha-1"), ("1b2", "1-beta-2"), ("1m3", "1-milestone-3"),
            ("1X", "1x"), ("1A", "1a"), ("1B", "1b"), ("1M", "1m"), ("1Ga", "1"), ("1GA", "1"), ("1RELEASE", "1"),
            ("1release", "1"), ("1RELeaSE", "1"), ("1Final", "1"), ("1FinaL", "1"), ("1FINAL", "1"), ("1Cr", "1Rc"),
            ("1cR", "1rC"), ("1m3", "1Milestone3"), ("1m3", "1MileStone3"), ("1m3", "1MILESTONE3"),
            // testLocaleIndependent, testLexicographicASCIISortOrder, testCompareLowerCaseToUpperCase*.
            ("1-abcdefghijklmnopqrstuvwxyz", "1-ABCDEFGHIJKLMNOPQRSTUVWXYZ"), ("1.0.0-alpha1", "1.0.0-ALPHA1"),
            ("1.a", "1.A"), ("1.é", "1.É"),
        ]
    )
    func versionsEqual(lhs: String, rhs: String) {
        expectEquivalent(lhs, rhs, in: ordering)
    }

    @Test(
        "testVersionComparing",
        arguments: [
            ("1", "2"), ("1.5", "2"), ("1", "2.5"), ("1.0", "1.1"), ("1.1", "1.2"), ("1.0.0", "1.1"), ("1.0.1", "1.1"),
            ("1.1", "1.2.0"), ("1.0-alpha-1", "1.0"), ("1.0-alpha-1", "1.0-alpha-2"), ("1.0-alpha-1", "1.0-beta-1"),
            ("1.0-beta-1", "1.0-SNAPSHOT"), ("1.0-SNAPSHOT", "1.0"), ("1.0-alpha-1-SNAPSHOT", "1.0-alpha-1"),
            ("1.0", "1.0-1"), ("1.0-1", "1.0-2"), ("1.0.0", "1.0-1"), ("2.0-1", "2.0.1"), ("2.0.1-klm", "2.0.1-lmn"),
            ("2.0.1", "2.0.1-xyz"), ("2.0.1", "2.0.1-123"), ("2.0.1-xyz", "2.0.1-123"),
            // testLeadingZeroes (Maven 4), testMng5568, testMng6572, testMng6964.
            ("0.7", "2"), ("0.2", "1.0.7"), ("6.1.0rc3", "6.1.0"), ("6.1.0rc3", "6.1H.5-beta"),
            ("6.1.0", "6.1H.5-beta"),
            ("20190126.230843", "1234567890.12345"), ("1234567890.12345", "123456789012345.1H.5-beta"),
            ("20190126.230843", "123456789012345.1H.5-beta"),
            ("123456789012345.1H.5-beta", "12345678901234567890.1H.5-beta"),
            ("1234567890.12345", "12345678901234567890.1H.5-beta"),
            ("20190126.230843", "12345678901234567890.1H.5-beta"),
            ("1-0.alpha", "1"), ("1-0.beta", "1"), ("1-0.alpha", "1-0.beta"),
            // Maven 4's testCompareDigitToLetter, testDigitGreaterThanNonAscii, testNonAsciiDigits, testLexicographicOrder.
            ("J", "7"), ("c", "7"), ("é", "1"), ("\u{0668}", "1"), ("\u{0668}", "9"), ("aardvark", "zebra"),
            ("zebra", "ζέβρα"),
        ]
    )
    func versionComparing(lower: String, higher: String) {
        expectAscending([lower, higher], in: ordering)
    }

    @Test("leading zeros do not matter, even for numbers too big for a long")
    func leadingZeroes() {
        // testVersionEqualWithLeadingZeroes and testVersionZeroEqualWithLeadingZeroes: lengths 1 to 19.
        for length in 1...19 {
            expectEquivalent(String(repeating: "0", count: length - 1) + "1", "1", in: ordering)
            expectEquivalent(String(repeating: "0", count: length), "0", in: ordering)
        }
    }

    @Test(
        "MNG-7644: 1.0.0.X1 < 1.0.0-X2 and 2-X == 2.0.X == 2.0.0.X for any qualifier X",
        arguments: [
            "abc", "alpha", "a", "beta", "b", "def", "milestone", "m", "RC",
        ]
    )
    func mng7644(qualifier: String) {
        expectAscending(["1.0.0.\(qualifier)1", "1.0.0-\(qualifier)2"], in: ordering)
        expectEquivalent("2-\(qualifier)", "2.0.\(qualifier)", in: ordering)
        expectEquivalent("2-\(qualifier)", "2.0.0.\(qualifier)", in: ordering)
        expectEquivalent("2.0.\(qualifier)", "2.0.0.\(qualifier)", in: ordering)
    }

    @Test("the canonical form is what ComparableVersion.getCanonical prints")
    func canonicalForm() throws {
        // testGetCanonical (MNG-7700) and the maven-artifact command-line examples.
        #expect(try #require(ordering.parse("0.x")).canonical == "x")
        #expect(try #require(ordering.parse("0.2")).canonical == "0.2")
        #expect(try #require(ordering.parse("3.2.4-alpha-1")).canonical == "3.2.4-alpha-1")
        #expect(try #require(ordering.parse("1a1")).canonical == "1-alpha-1")
        #expect(try #require(ordering.parse("1.0.0")).canonical == "1")
        #expect(try #require(ordering.parse("1.0-SNAPSHOT")).description == "1.0-SNAPSHOT")
    }

    @Test("every non-empty string is some Maven version; \"0\" is the first release")
    func everyStringParses() {
        for text in ["junk", "-", ".", "1..2", "--1", "é", " 1 "] {
            #expect(ordering.parse(text) != nil, "\(text)")
        }
        #expect(ordering.parse("") == nil)
        expectAscending(["0-alpha", "0", "0.0.1"], in: ordering)
    }
}
