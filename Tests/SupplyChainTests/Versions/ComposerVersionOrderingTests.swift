import Foundation
import SupplyChain
import Testing

@Suite struct ComposerVersionOrderingTests {
    let ordering = ComposerVersionOrdering()

    @Test(
        "normalisation matches composer/semver's VersionParser::normalize",
        arguments: [
            // composer/semver tests/VersionParserTest.php `successfulNormalizedVersions` (branch names excluded).
            ("1.0.0", "1.0.0.0"), ("1.2.3.4", "1.2.3.4"), ("1.0.0RC1dev", "1.0.0.0-RC1-dev"),
            ("1.0.0-rC15-dev", "1.0.0.0-RC15-dev"), ("1.0.0.RC.15-dev", "1.0.0.0-RC15-dev"),
            ("1.0.0-rc1", "1.0.0.0-RC1"),
            ("1.0.0.pl3-dev", "1.0.0.0-patch3-dev"), ("1.0-dev", "1.0.0.0-dev"), ("0", "0.0.0.0"),
            ("99999", "99999.0.0.0"), ("10.4.13-beta", "10.4.13.0-beta"), ("10.4.13beta2", "10.4.13.0-beta2"),
            ("10.4.13beta.2", "10.4.13.0-beta2"), ("v1.13.11-beta.0", "1.13.11.0-beta0"),
            ("1.13.11.0-beta0", "1.13.11.0-beta0"), ("10.4.13-b", "10.4.13.0-beta"), ("10.4.13-b5", "10.4.13.0-beta5"),
            ("v1.0.0", "1.0.0.0"), ("2010.01", "2010.01.0.0"), ("2010.01.02", "2010.01.02.0"),
            ("2010.1.555", "2010.1.555.0"), ("2010.10.200", "2010.10.200.0"), ("20230131.0.0", "20230131.0.0"),
            ("202301310000.0.0", "202301310000.0.0"), ("v20100102", "20100102"), ("20100102", "20100102"),
            ("20100102.0", "20100102.0"), ("20100102.1.0", "20100102.1.0"), ("20100102.0.3", "20100102.0.3"),
            ("100000", "100000"), ("2010-01-02-10-20-30.0.3", "2010.01.02.10.20.30.0.3"),
            ("2010-01-02-10-20-30.5", "2010.01.02.10.20.30.5"), ("2010-01-02", "2010.01.02"),
            ("2012.06.07", "2012.06.07.0"), ("2010-01-02.5", "2010.01.02.5"), ("20100102-203040", "20100102.203040"),
            ("20100102.x-dev", "20100102.9999999.9999999.9999999-dev"),
            ("20100102.203040.x-dev", "20100102.203040.9999999.9999999-dev"),
            ("20100102203040-10", "20100102203040.10"), ("20100102-203040-p1", "20100102.203040-patch1"),
            ("201903.0", "201903.0"), ("201903.x-dev", "201903.9999999.9999999.9999999-dev"),
            ("201903.0-p2", "201903.0-patch2"), ("1.x-dev", "1.9999999.9999999.9999999-dev"),
            ("1.0.0+foo@dev", "1.0.0.0"), ("1.0.0-beta.5+foo", "1.0.0.0-beta5"), ("1.0.0+foo", "1.0.0.0"),
            ("1.0.0-alpha.3.1+foo", "1.0.0.0-alpha3.1"), ("1.0.0-alpha2.1+foo", "1.0.0.0-alpha2.1"),
            ("1.0.0-alpha-2.1-3+foo", "1.0.0.0-alpha2.1-3"), ("1.0.0+foo as 2.0", "1.0.0.0"),
            ("00.01.03.04", "00.01.03.04"), ("000.001.003.004", "000.001.003.004"), ("0.000.103.204", "0.000.103.204"),
            ("0700", "0700.0.0.0"), ("041.x-dev", "041.9999999.9999999.9999999-dev"), (" 1.0.0", "1.0.0.0"),
            ("1.0.0 ", "1.0.0.0"),
            // `successfulNormalizedBranches`, as `<branch>-dev` versions.
            ("v1.x-dev", "1.9999999.9999999.9999999-dev"), ("v1.*-dev", "1.9999999.9999999.9999999-dev"),
            ("v1.0.x-dev", "1.0.9999999.9999999-dev"), ("v1.0.3.*-dev", "1.0.3.9999999-dev"),
        ]
    )
    func normalisation(text: String, normalised: String) throws {
        #expect(try #require(ordering.parse(text)).description == normalised)
    }

    @Test("versions Composer cannot normalise, and branches, do not parse")
    func rejections() {
        // composer/semver tests/VersionParserTest.php `failingNormalizedVersions`.
        expectRejected(
            [
                "", "a", "1.0.0-meh", "1.0.0.0.0", "feature-foo", "1.0.0+foo bar", "1.0.1-SNAPSHOT", "1.0.0<1.0.5-dev",
                "1.0.0-dev<1.0.5-dev", "foo bar-dev", "1.0 .2", " as ", " as 1.2", "^", "^8 || ^", "~", "~1 ~", "~1",
                "^1", "1.*", "20100102.0.3.4", "100000.0.0.0", "2023013.0.0", "202301311.0.0", "20230131000.0.0",
                "2023013100000.0.0",
            ],
            by: ordering
        )
        // Branches normalise to `dev-…` names, which version_compare cannot place among releases.
        expectRejected(
            ["dev-master", "master", "dev-trunk", "trunk", "dev-feature-foo", "DEV-FOOBAR", "dev-master as 1.0.0"],
            by: ordering
        )
    }

    @Test("comparisons from composer/semver's ComparatorTest")
    func comparatorProvider() {
        // composer/semver tests/ComparatorTest.php `compareProvider` and `lessThanProvider`.
        expectAscending(["1.24.0", "1.25.0", "1.26.0"], in: ordering)
        expectAscending(["1.25.0-beta2.1", "1.25.0-b.3"], in: ordering)
        expectAscending(["1.25.0-b2.1", "1.25.0beta.3"], in: ordering)
        expectAscending(["1.25.0-b-2.1", "1.25.0-rc"], in: ordering)
        expectAscending(["1.0.0", "1.2-dev"], in: ordering)
        expectEquivalent("1.25.0-beta2.1", "1.25.0-b.2.1", in: ordering)
        expectEquivalent("1.25.0beta2.1", "1.25.0-b2.1", in: ordering)
    }

    @Test("Semver::sort's order of releases")
    func semverSort() {
        // composer/semver tests/SemverTest.php `sortProvider`.
        expectAscending(["0.1", "1.0", "2.4.0-alpha", "2.4.0", "3.2.1", "50.2"], in: ordering)
        expectEquivalent("0.1", "0.1.0.0", in: ordering)
    }

    @Test("stabilities order dev < alpha < beta < RC < stable < patch, each numbered")
    func stabilityOrder() {
        // PHP ext/standard/versioning.c special forms: dev, alpha = a, beta = b, RC = rc, #, pl = p.
        expectAscending(
            [
                "1.0.0-dev", "1.0.0-alpha", "1.0.0-alpha1-dev", "1.0.0-alpha1", "1.0.0-alpha2", "1.0.0-beta",
                "1.0.0-b2", "1.0.0-RC1", "1.0.0-rc2", "1.0.0", "1.0.0-p1", "1.0.0-patch2", "1.0.1-dev", "1.0.1",
                "1.x-dev", "2.0.0",
            ],
            in: ordering
        )
        expectEquivalent("v1.2", "1.2.0.0", in: ordering)
        expectEquivalent("1.0.0-stable", "1.0.0", in: ordering)
    }
}
