import Foundation
import SupplyChain
import Testing

@Suite struct PythonVersionOrderingTests {
    let ordering = PythonVersionOrdering()

    /// pypa/packaging tests/test_version.py `VERSIONS`, which "must be in the correct sorting order".
    static let sortedVersions = [
        "1.0.dev0", "1.0.dev456", "1.0.dev456+local", "1.0a0", "1.0a0.post0.dev0", "1.0a0.post0", "1.0a1.dev1",
        "1.0a1.dev1+local", "1.0a1", "1.0a1+local", "1.0b0", "1.0b1.dev456", "1.0b2", "1.0b2.post345.dev456",
        "1.0b2.post345", "1.0b2-346", "1.0rc0", "1.0rc1.dev1", "1.0c1", "1.0rc2", "1.0", "1.0.post0.dev0",
        "1.0.post0", "1.0.post456.dev34", "1.0.post456", "1.0.post456+local", "1.0.1.dev1", "1.0.1a1", "1.0.1",
        "1.0.1+local", "1.0.1.post1", "1.1.dev1", "1.2+a", "1.2+abc", "1.2+abcdef", "1.2+def", "1.2+0", "1.2+1",
        "1.2+1.abc", "1.2+1.1", "1.2+1.1.0", "1.2+2", "1.2+123", "1.2+123456", "1.2.r32+123456",
        "1.2.rev33+123456",
    ]

    @Test("packaging's sorted VERSIONS list, with implicit epoch 0 and with epoch 1 above it")
    func packagingSortOrder() {
        // `1.0rc1.dev1` < `1.0c1`: `c` is `rc`, so these are distinct; `1.0rc1` would equal `1.0c1`.
        let withEpoch = Self.sortedVersions.map { "1!" + $0 }
        expectAscending(Self.sortedVersions + withEpoch, in: ordering)
    }

    @Test("PEP 440's summary of suffix ordering")
    func pep440SuffixOrder() {
        // PEP 440, "Summary of permitted suffixes and relative ordering".
        expectAscending(
            [
                "1.0.dev0", "1.0a1.dev0", "1.0a1", "1.0a1.post0.dev0", "1.0a1.post0", "1.0b1", "1.0rc1", "1.0",
                "1.0.post0.dev0", "1.0.post0", "1.1.dev0",
            ],
            in: ordering
        )
    }

    @Test("trailing zeros, spellings and separators do not change a version")
    func equivalentSpellings() {
        expectEquivalent("1.0", "1.0.0", in: ordering)
        expectEquivalent("1", "1.0.0.0", in: ordering)
        expectEquivalent("1.0c1", "1.0rc1", in: ordering)
        expectEquivalent("1.0-1", "1.0.post1", in: ordering)
        expectEquivalent("0!1.0", "1.0", in: ordering)
        expectEquivalent("1.0+Ubuntu-1", "1.0+ubuntu.1", in: ordering)
        expectEquivalent("1.0+01", "1.0+1", in: ordering)
    }

    @Test("invalid versions from packaging's test suite are rejected")
    func invalidVersions() {
        // pypa/packaging tests/test_version.py `test_invalid_versions`.
        expectRejected(
            [
                "french toast", "1.0+a+", "1.0++", "1.0+_foobar", "1.0+foo&asd", "1.0+1+1", "1. 0", "1 .0", "1. 0a1",
                "1 .0a1", "1.0 a1", "1.0a 1", "٠١٢.٣٤٥.٦٧٨٩", ".", "..", "1..0", "1.0.", ".1.0", "1..2.3",
                "1.0+\u{0130}",
            ],
            by: ordering
        )
        expectRejected(
            ["", "v", "1.0-", "1.0+", "1.0+a.", "1!", "!1.0", "1.0.post1.post2", "1.0dev1dev2"],
            by: ordering
        )
    }

    @Test(
        "normalisation matches packaging's str(Version(...))",
        arguments: [
            // pypa/packaging tests/test_version.py `test_normalized_versions`.
            ("1.0dev", "1.0.dev0"), ("1.0.dev", "1.0.dev0"), ("1.0dev1", "1.0.dev1"), ("1.0-dev", "1.0.dev0"),
            ("1.0-dev1", "1.0.dev1"), ("1.0DEV", "1.0.dev0"), ("1.0.DEV", "1.0.dev0"), ("1.0DEV1", "1.0.dev1"),
            ("1.0.DEV1", "1.0.dev1"), ("1.0-DEV", "1.0.dev0"), ("1.0-DEV1", "1.0.dev1"), ("1.0a", "1.0a0"),
            ("1.0.a", "1.0a0"), ("1.0.a1", "1.0a1"), ("1.0-a", "1.0a0"), ("1.0-a1", "1.0a1"), ("1.0alpha", "1.0a0"),
            ("1.0.alpha", "1.0a0"), ("1.0.alpha1", "1.0a1"), ("1.0-alpha", "1.0a0"), ("1.0-alpha1", "1.0a1"),
            ("1.0A", "1.0a0"), ("1.0.A", "1.0a0"), ("1.0.A1", "1.0a1"), ("1.0-A", "1.0a0"), ("1.0-A1", "1.0a1"),
            ("1.0ALPHA", "1.0a0"), ("1.0.ALPHA", "1.0a0"), ("1.0.ALPHA1", "1.0a1"), ("1.0-ALPHA", "1.0a0"),
            ("1.0-ALPHA1", "1.0a1"), ("1.0b", "1.0b0"), ("1.0.b", "1.0b0"), ("1.0.b1", "1.0b1"), ("1.0-b", "1.0b0"),
            ("1.0-b1", "1.0b1"), ("1.0beta", "1.0b0"), ("1.0.beta", "1.0b0"), ("1.0.beta1", "1.0b1"),
            ("1.0-beta", "1.0b0"), ("1.0-beta1", "1.0b1"), ("1.0B", "1.0b0"), ("1.0.B", "1.0b0"), ("1.0.B1", "1.0b1"),
            ("1.0-B", "1.0b0"), ("1.0-B1", "1.0b1"), ("1.0BETA", "1.0b0"), ("1.0.BETA", "1.0b0"),
            ("1.0.BETA1", "1.0b1"), ("1.0-BETA", "1.0b0"), ("1.0-BETA1", "1.0b1"), ("1.0c", "1.0rc0"),
            ("1.0.c", "1.0rc0"), ("1.0.c1", "1.0rc1"), ("1.0-c", "1.0rc0"), ("1.0-c1", "1.0rc1"), ("1.0rc", "1.0rc0"),
            ("1.0.rc", "1.0rc0"), ("1.0.rc1", "1.0rc1"), ("1.0-rc", "1.0rc0"), ("1.0-rc1", "1.0rc1"),
            ("1.0C", "1.0rc0"),
            ("1.0.C", "1.0rc0"), ("1.0.C1", "1.0rc1"), ("1.0-C", "1.0rc0"), ("1.0-C1", "1.0rc1"), ("1.0RC", "1.0rc0"),
            ("1.0.RC", "1.0rc0"), ("1.0.RC1", "1.0rc1"), ("1.0-RC", "1.0rc0"), ("1.0-RC1", "1.0rc1"),
            ("1.0post", "1.0.post0"), ("1.0.post", "1.0.post0"), ("1.0post1", "1.0.post1"), ("1.0-post", "1.0.post0"),
            ("1.0-post1", "1.0.post1"), ("1.0POST", "1.0.post0"), ("1.0.POST", "1.0.post0"), ("1.0POST1", "1.0.post1"),
            ("1.0r", "1.0.post0"), ("1.0rev", "1.0.post0"), ("1.0.POST1", "1.0.post1"), ("1.0.r1", "1.0.post1"),
            ("1.0.rev1", "1.0.post1"), ("1.0-POST", "1.0.post0"), ("1.0-POST1", "1.0.post1"), ("1.0-5", "1.0.post5"),
            ("1.0-r5", "1.0.post5"), ("1.0-rev5", "1.0.post5"), ("1.0+AbC", "1.0+abc"), ("1.01", "1.1"),
            ("1.0a05", "1.0a5"), ("1.0b07", "1.0b7"), ("1.0c056", "1.0rc56"), ("1.0rc09", "1.0rc9"),
            ("1.0.post000", "1.0.post0"), ("1.1.dev09000", "1.1.dev9000"), ("00!1.2", "1.2"), ("0100!0.0", "100!0.0"),
            ("v1.0", "1.0"), ("   v1.0\t\n", "1.0"), ("\u{202F}1.0\t\u{2029}\n ", "1.0"),
            // pypa/packaging tests/test_version.py `test_version_str_repr`.
            ("1.0b2.post345.dev456", "1.0b2.post345.dev456"), ("0!1.0.2", "1.0.2"), ("0!1.0.4+8.0", "1.0.4+8.0"),
            ("1.2+123abc456", "1.2+123abc456"), ("7!1.0.post456.dev34", "7!1.0.post456.dev34"),
        ]
    )
    func normalisation(text: String, normalised: String) throws {
        #expect(try #require(ordering.parse(text)).description == normalised)
    }

    @Test("pre-release and development releases are pre-releases; post-releases and local labels are not")
    func prereleaseFlag() throws {
        #expect(try #require(ordering.parse("1.0a1")).isPrerelease)
        #expect(try #require(ordering.parse("1.0.dev1")).isPrerelease)
        #expect(try !#require(ordering.parse("1.0.post1")).isPrerelease)
        #expect(try !#require(ordering.parse("1.0+local")).isPrerelease)
    }

    @Test("numbers of any length compare numerically")
    func longNumbers() {
        expectAscending(["1.9", "1.10", "1.99999999999999999999", "1.100000000000000000000", "2"], in: ordering)
    }

    @Test("\"0\" is the first release")
    func zero() {
        expectAscending(["0.dev0", "0", "0.0.1"], in: ordering)
    }
}
