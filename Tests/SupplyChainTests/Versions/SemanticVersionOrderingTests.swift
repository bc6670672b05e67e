import Foundation
import SupplyChain
import Testing

@Suite struct SemanticVersionOrderingTests {
    static let syntaxes: [SemanticVersionOrdering] = [.strict, .tolerant, .npm]

    @Test("semver.org §11's precedence examples hold in every syntax", arguments: syntaxes)
    func specificationPrecedence(ordering: SemanticVersionOrdering) {
        // semver.org 2.0.0 §11, items 2 and 4.
        expectAscending(["1.0.0", "2.0.0", "2.1.0", "2.1.1"], in: ordering)
        expectAscending(
            [
                "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
                "1.0.0-rc.1", "1.0.0",
            ],
            in: ordering
        )
    }

    @Test("build metadata is ignored for precedence (semver.org §10)", arguments: syntaxes)
    func buildMetadataIgnored(ordering: SemanticVersionOrdering) throws {
        // semver.org 2.0.0 §10's examples.
        for text in [
            "1.0.0-alpha+001", "1.0.0+20130313144700", "1.0.0-beta+exp.sha.5114f85", "1.0.0+21AF26D3----117B344092BD",
        ] {
            #expect(ordering.parse(text) != nil, "\(text)")
        }
        expectEquivalent("1.0.0+20130313144700", "1.0.0", in: ordering)
        expectEquivalent("1.0.0-beta+exp.sha.5114f85", "1.0.0-beta+other", in: ordering)
        let version = try #require(ordering.parse("1.0.0-beta+exp.sha.5114f85"))
        #expect(version.description == "1.0.0-beta+exp.sha.5114f85")
        #expect(version.isPrerelease)
    }

    @Test("identifiers: numbers numerically and below text, text in ASCII order, longer lists above their prefixes")
    func identifierRules() {
        let ordering = SemanticVersionOrdering.strict
        expectAscending(["1.2.3-2", "1.2.3-10", "1.2.3-a", "1.2.3-a.1", "1.2.3-a.b", "1.2.3-b"], in: ordering)
        // ASCII order puts upper case and `-` before lower case.
        expectAscending(["1.2.3--", "1.2.3-Z", "1.2.3-a"], in: ordering)
        expectAscending(["9.0.0", "10.0.0", "18446744073709551615.0.0"], in: ordering)
    }

    @Test("strict syntax rejects what Cargo's semver crate rejects")
    func strictRejections() {
        // dtolnay/semver tests/test_version.rs `test_parse` error cases, plus a `v` prefix.
        expectRejected(
            [
                "", "  ", "1", "1.2", "1.2.3-", "a.b.c", "1.2.3 abc", "1.2.3-01", "1.2.3++", "07", "8\0",
                "111111111111111111111.0.0", "v1.2.3", "=1.2.3", " 1.2.3", "1.2.3.4", "1.2.3-alpha..1", "1.2.3+",
                "01.2.3", "1.02.3", "1.2.03",
            ],
            by: SemanticVersionOrdering.strict
        )
    }

    @Test("strict syntax reads what Cargo's semver crate reads")
    func strictAcceptance() throws {
        // dtolnay/semver tests/test_version.rs `test_parse` successes.
        let ordering = SemanticVersionOrdering.strict
        for (text, canonical) in [
            ("1.2.3", "1.2.3"), ("1.2.3-alpha1", "1.2.3-alpha1"), ("1.2.3+build5", "1.2.3+build5"),
            ("1.2.3+5build", "1.2.3+5build"), ("1.2.3-alpha1+build5", "1.2.3-alpha1+build5"),
            ("1.2.3-1.alpha1.9+build5.7.3aedf", "1.2.3-1.alpha1.9+build5.7.3aedf"),
            ("1.2.3-0a.alpha1.9+05build.7.3aedf", "1.2.3-0a.alpha1.9+05build.7.3aedf"),
            ("0.4.0-beta.1+0851523", "0.4.0-beta.1+0851523"), ("1.1.0-beta-10", "1.1.0-beta-10"),
        ] {
            let version = try #require(ordering.parse(text), "\(text)")
            #expect(version.description == canonical)
        }
    }

    @Test("the tolerant syntax takes a leading v and nothing else")
    func tolerantSyntax() {
        let ordering = VersionOrderings.semver
        expectEquivalent("v1.2.3", "1.2.3", in: ordering)
        expectEquivalent("v1.2.3-rc.1+build", "1.2.3-rc.1", in: ordering)
        expectRejected(["=1.2.3", " v1.2.3", "V1.2.3", "vv1.2.3", "v1.2", "v01.2.3"], by: ordering)
    }

    @Test("npm compares as node-semver does")
    func nodeSemverComparisons() {
        // npm/node-semver test/fixtures/comparisons.js: each first version is greater than the second.
        let pairs = [
            ("0.0.0", "0.0.0-foo"), ("0.0.1", "0.0.0"), ("1.0.0", "0.9.9"), ("0.10.0", "0.9.0"), ("0.99.0", "0.10.0"),
            ("2.0.0", "1.2.3"), ("v0.0.0", "0.0.0-foo"), ("v0.0.1", "0.0.0"), ("v1.0.0", "0.9.9"),
            ("v0.10.0", "0.9.0"), ("v0.99.0", "0.10.0"), ("v2.0.0", "1.2.3"), ("0.0.0", "v0.0.0-foo"),
            ("0.0.1", "v0.0.0"), ("1.0.0", "v0.9.9"), ("0.10.0", "v0.9.0"), ("0.99.0", "v0.10.0"),
            ("2.0.0", "v1.2.3"), ("1.2.3", "1.2.3-asdf"), ("1.2.3", "1.2.3-4"), ("1.2.3", "1.2.3-4-foo"),
            ("1.2.3-5-foo", "1.2.3-5"), ("1.2.3-5", "1.2.3-4"), ("1.2.3-5-foo", "1.2.3-5-Foo"), ("3.0.0", "2.7.2+asdf"),
            ("1.2.3-a.10", "1.2.3-a.5"), ("1.2.3-a.b", "1.2.3-a.5"), ("1.2.3-a.b", "1.2.3-a"),
            ("1.2.3-a.b.c.10.d.5", "1.2.3-a.b.c.5.d.100"), ("1.2.3-r2", "1.2.3-r100"), ("1.2.3-r100", "1.2.3-R2"),
        ]
        for (greater, lesser) in pairs {
            #expect(
                SemanticVersionOrdering.npm.compare(greater, lesser) == .orderedDescending,
                "\(greater) > \(lesser)"
            )
            #expect(SemanticVersionOrdering.npm.compare(lesser, greater) == .orderedAscending, "\(lesser) < \(greater)")
        }
    }

    @Test("npm reads node-semver's loose spellings")
    func nodeSemverEquality() {
        // npm/node-semver test/fixtures/equality.js.
        let pairs = [
            ("1.2.3", "v1.2.3"), ("1.2.3", "=1.2.3"), ("1.2.3", "v 1.2.3"), ("1.2.3", "= 1.2.3"), ("1.2.3", " v1.2.3"),
            ("1.2.3", " =1.2.3"), ("1.2.3", " v 1.2.3"), ("1.2.3", " = 1.2.3"), ("1.2.3-0", "v1.2.3-0"),
            ("1.2.3-0", "=1.2.3-0"), ("1.2.3-0", "v 1.2.3-0"), ("1.2.3-0", "= 1.2.3-0"), ("1.2.3-0", " v1.2.3-0"),
            ("1.2.3-0", " =1.2.3-0"), ("1.2.3-0", " v 1.2.3-0"), ("1.2.3-0", " = 1.2.3-0"), ("1.2.3-1", "v1.2.3-1"),
            ("1.2.3-1", "=1.2.3-1"), ("1.2.3-1", "v 1.2.3-1"), ("1.2.3-1", "= 1.2.3-1"), ("1.2.3-1", " v1.2.3-1"),
            ("1.2.3-1", " =1.2.3-1"), ("1.2.3-1", " v 1.2.3-1"), ("1.2.3-1", " = 1.2.3-1"),
            ("1.2.3-beta", "v1.2.3-beta"), ("1.2.3-beta", "=1.2.3-beta"), ("1.2.3-beta", "v 1.2.3-beta"),
            ("1.2.3-beta", "= 1.2.3-beta"), ("1.2.3-beta", " v1.2.3-beta"), ("1.2.3-beta", " =1.2.3-beta"),
            ("1.2.3-beta", " v 1.2.3-beta"), ("1.2.3-beta", " = 1.2.3-beta"),
            ("1.2.3-beta+build", " = 1.2.3-beta+otherbuild"), ("1.2.3+build", " = 1.2.3+otherbuild"),
            ("1.2.3-beta+build", "1.2.3-beta+otherbuild"), ("1.2.3+build", "1.2.3+otherbuild"),
            ("  v1.2.3+build", "1.2.3+otherbuild"),
        ]
        for (lhs, rhs) in pairs {
            expectEquivalent(lhs, rhs, in: SemanticVersionOrdering.npm)
        }
        // node-semver's LOOSE pattern: leading zeros, and a pre-release without its hyphen.
        expectEquivalent("01.02.03", "1.2.3", in: SemanticVersionOrdering.npm)
        expectEquivalent("1.2.3beta.01", "1.2.3-beta.1", in: SemanticVersionOrdering.npm)
    }

    @Test("npm rejects what node-semver rejects even in loose mode")
    func nodeSemverInvalid() {
        // npm/node-semver test/fixtures/invalid-versions.js (MAX_LENGTH is 256, MAX_SAFE_INTEGER 2^53 - 1).
        expectRejected(
            [
                String(repeating: "1", count: 255) + ".0.0", "90071992547409910.0.0", "0.90071992547409910.0",
                "0.0.90071992547409910", "hello, world", "xyz", "1.2", "1.2.3.4", "1.2.3+", "1.2.3-a..b",
            ],
            by: SemanticVersionOrdering.npm
        )
        #expect(SemanticVersionOrdering.npm.parse("9007199254740991.0.0") != nil)
        // LOOSE's `-?` may skip the hyphen and read it as the identifier `-`: node-semver 7 parses `1.2.3-` (loose)
        // as `1.2.3--` and `1.2.3-.a` as `1.2.3--.a`.
        expectEquivalent("1.2.3-", "1.2.3--", in: SemanticVersionOrdering.npm)
        expectEquivalent("1.2.3-.a", "1.2.3--.a", in: SemanticVersionOrdering.npm)
        // Its backtracking also hands patch digits to a hyphenless pre-release when nothing else fits (node-semver 7
        // run on these inputs with { loose: true }).
        expectEquivalent("12.7.12.1", "12.7.1-2.1", in: SemanticVersionOrdering.npm)
        expectEquivalent("1.2.9007199254740992.1", "1.2.900719925474099-2.1", in: SemanticVersionOrdering.npm)
        expectRejected(["1.2.9007199254740992"], by: SemanticVersionOrdering.npm)
    }

    @Test("\"0\" reads as 0.0.0 in every syntax, for OSV's introduced: \"0\"", arguments: syntaxes)
    func zeroIsTheFirstRelease(ordering: SemanticVersionOrdering) throws {
        let zero = try #require(ordering.parse("0"))
        #expect(zero.description == "0.0.0")
        expectAscending(["0.0.0-alpha", "0", "0.0.1"], in: ordering)
    }
}
