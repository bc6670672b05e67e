import Foundation
import SupplyChain
import Testing

@Suite struct GoVersionOrderingTests {
    let ordering = GoVersionOrdering()

    /// The `tests` table of golang.org/x/mod semver/semver_test.go, in ascending order with canonical forms.
    ///
    /// An empty canonical form marks an invalid version. `TestCompare` expects equal canonical forms to compare
    /// equal and every other pair to follow the list order.
    static let semverTests: [(input: String, canonical: String)] = [
        ("bad", ""), ("v1-alpha.beta.gamma", ""), ("v1-pre", ""), ("v1+meta", ""), ("v1-pre+meta", ""),
        ("v1.2-pre", ""), ("v1.2+meta", ""), ("v1.2-pre+meta", ""), ("v1.0.0-alpha", "v1.0.0-alpha"),
        ("v1.0.0-alpha.1", "v1.0.0-alpha.1"), ("v1.0.0-alpha.beta", "v1.0.0-alpha.beta"),
        ("v1.0.0-beta", "v1.0.0-beta"), ("v1.0.0-beta.2", "v1.0.0-beta.2"), ("v1.0.0-beta.11", "v1.0.0-beta.11"),
        ("v1.0.0-rc.1", "v1.0.0-rc.1"), ("v1", "v1.0.0"), ("v1.0", "v1.0.0"), ("v1.0.0", "v1.0.0"),
        ("v1.2", "v1.2.0"), ("v1.2.0", "v1.2.0"), ("v1.2.3-456", "v1.2.3-456"), ("v1.2.3-456.789", "v1.2.3-456.789"),
        ("v1.2.3-456-789", "v1.2.3-456-789"), ("v1.2.3-456a", "v1.2.3-456a"), ("v1.2.3-pre", "v1.2.3-pre"),
        ("v1.2.3-pre+meta", "v1.2.3-pre"), ("v1.2.3-pre.1", "v1.2.3-pre.1"), ("v1.2.3-zzz", "v1.2.3-zzz"),
        ("v1.2.3", "v1.2.3"), ("v1.2.3+meta", "v1.2.3"), ("v1.2.3+meta-pre", "v1.2.3"),
        ("v1.2.3+meta-pre.sha.256a", "v1.2.3"),
    ]

    @Test("x/mod/semver's validity and order, with and without the v OSV omits")
    func xmodSemverTable() {
        for (input, canonical) in Self.semverTests {
            #expect((ordering.parse(input) == nil) == canonical.isEmpty, "\(input)")
        }
        let valid = Self.semverTests.filter { !$0.canonical.isEmpty }
        for (i, left) in valid.enumerated() {
            for (j, right) in valid.enumerated() {
                let expected: ComparisonResult =
                    left.canonical == right.canonical ? .orderedSame : (i < j ? .orderedAscending : .orderedDescending)
                #expect(ordering.compare(left.input, right.input) == expected, "\(left.input) vs \(right.input)")
                let bare = (String(left.input.dropFirst()), String(right.input.dropFirst()))
                #expect(ordering.compare(bare.0, bare.1) == expected, "\(bare.0) vs \(bare.1)")
            }
        }
    }

    @Test("canonical forms drop the v, fill shorthand and keep build metadata for display")
    func canonicalForms() throws {
        #expect(try #require(ordering.parse("v1")).description == "1.0.0")
        #expect(try #require(ordering.parse("1.2")).description == "1.2.0")
        #expect(try #require(ordering.parse("v2.0.0+incompatible")).description == "2.0.0+incompatible")
    }

    @Test(
        "pseudo-versions sort just above the version they build on",
        arguments: [
            // golang.org/x/mod module/pseudo_test.go `pseudoTests`: (older, pseudo-version derived from it).
            ("v0.0.0", "v0.0.1-0.20060102150405-hash"),
            ("v1.2.3", "v1.2.4-0.20060102150405-hash"),
            ("v1.2.99999999999999999", "v1.2.100000000000000000-0.20060102150405-hash"),
            ("v1.2.3-pre", "v1.2.3-pre.0.20060102150405-hash"),
            ("v1.3.0-pre", "v1.3.0-pre.0.20060102150405-hash"),
            ("v0.0.0--", "v0.0.0--.0.20060102150405-hash"),
            ("v1.0.0+metadata", "v1.0.1-0.20060102150405-hash+metadata"),
            ("v2.0.0+incompatible", "v2.0.1-0.20060102150405-hash+incompatible"),
            ("v2.3.0-pre+incompatible", "v2.3.0-pre.0.20060102150405-hash+incompatible"),
        ]
    )
    func pseudoVersionsFollowTheirBase(older: String, pseudo: String) {
        #expect(ordering.compare(older, pseudo) == .orderedAscending)
        #expect(ordering.compare(String(older.dropFirst()), String(pseudo.dropFirst())) == .orderedAscending)
    }

    @Test("pseudo-versions order by commit time and stay below the next tagged release")
    func pseudoVersionOrder() {
        expectAscending(
            [
                "v0.0.0-20191109021931-daa7c04131f5", "v0.0.0-20200101000000-aaaaaaaaaaaa", "v0.0.0",
                "v1.2.3", "v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.4-0.20200101000000-aaaaaaaaaaaa",
                "v1.2.4-pre", "v1.2.4-pre.0.20191109021931-daa7c04131f5", "v1.2.4",
            ],
            in: ordering
        )
    }

    @Test("+incompatible is build metadata and does not change the order")
    func incompatibleIgnored() {
        expectEquivalent("v2.0.0+incompatible", "v2.0.0", in: ordering)
        expectEquivalent("2.0.0+incompatible", "v2.0.0", in: ordering)
        expectAscending(["v2.0.0+incompatible", "v2.0.1+incompatible", "v3.0.0"], in: ordering)
    }

    @Test("Go rejects what x/mod/semver rejects")
    func rejections() {
        expectRejected(
            [
                "", "v", "vv1.0.0", "V1.0.0", "v01.0.0", "v1.0.0-01", "v1.0.0-", "v1.0.0+", "v1.0.0.0", " v1.0.0",
                "v1.0.0 ",
            ],
            by: ordering
        )
    }

    @Test("\"0\" reads as v0.0.0")
    func zero() {
        expectEquivalent("0", "v0.0.0", in: ordering)
    }
}
