import Foundation
import SupplyChain
import Testing

@Suite struct NuGetVersionOrderingTests {
    let ordering = NuGetVersionOrdering()

    @Test(
        "equal versions from NuGet's VersionComparerTests (Default mode)",
        arguments: [
            // NuGet.Client test/NuGet.Core.Tests/NuGet.Versioning.Test/VersionComparerTests.cs
            // `VersionComparisonDefaultEqual` and `VersionComparisonDefaultEqualWithNuGetVersion`.
            ("1.0.0", "1.0.0"), ("1.0.0-BETA", "1.0.0-beta"), ("1.0.0-BETA+AA", "1.0.0-beta+aa"),
            ("1.0.0-BETA.X.y.5.77.0+AA", "1.0.0-beta.x.y.5.77.0+aa"), ("1.0.0", "1.0.0+beta"), ("1.0", "1.0.0.0"),
            ("1.0+test", "1.0.0.0"), ("1.0.0.1-1.2.A", "1.0.0.1-1.2.a+A"), ("1.0.01", "1.0.1.0"),
        ]
    )
    func equalVersions(lhs: String, rhs: String) {
        expectEquivalent(lhs, rhs, in: ordering)
    }

    @Test(
        "ordered versions from NuGet's VersionComparerTests",
        arguments: [
            // `VersionComparisonDefaultLess` (first < second) and `VersionComparisonDefaultNotEqualWithNuGetVersion`.
            ("0.0.0", "1.0.0"), ("1.0.0", "1.1.0"), ("1.0.0", "1.0.1"), ("1.999.9999", "2.1.1"),
            ("1.0.0-BETA", "1.0.0-beta2"), ("1.0.0-beta+AA", "1.0.0+aa"), ("1.0.0-BETA", "1.0.0-beta.1+AA"),
            ("1.0.0-BETA.X.y.5.77.0+AA", "1.0.0-beta.x.y.5.79.0+aa"),
            ("1.0.0-BETA.X.y.5.79.0+AA", "1.0.0-beta.x.y.5.790.0+abc"),
            ("1.0", "1.0.0.1"), ("1.0+test", "1.0.0.1"), ("1.0.0.1-1.2.A", "1.0.0.1-1.2.a.A+A"), ("1.0.01", "1.0.1.2"),
        ]
    )
    func orderedVersions(lower: String, higher: String) {
        expectAscending([lower, higher], in: ordering)
    }

    @Test("SemVer 2.0 precedence with numeric labels below text and text ignoring case")
    func labelOrder() {
        expectAscending(
            [
                "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
                "1.0.0-rc.1", "1.0.0",
            ],
            in: ordering
        )
        expectAscending(["1.0.0-2", "1.0.0-10", "1.0.0-A", "1.0.0-b", "1.0.0-C"], in: ordering)
        expectAscending(["1.0.0", "1.0.0.1-alpha", "1.0.0.1", "1.0.1"], in: ordering)
    }

    @Test("invalid versions from NuGet's NuGetVersionTest are rejected")
    func invalidVersions() {
        // NuGet.Client NuGetVersionTest.cs `ParseThrowsIfStringIsNotAValidSemVer` and friends.
        expectRejected(
            [
                "", "         ", "1beta", "1.2Av^c", "1.2..", "1.2.3.4.5", "1.2.3.Beta",
                "1.2.3.4This version is full of awesomeness!!", "So.is.this", "1.34.2Alpha",
                "1.34.2Release Candidate", "1.4.7-", "1.4.7-*", "1.4.7+*", "1.4.7-AA.01^", "1.4.7-AA.0A^", "1.4.7-A^A",
                "1.4.7+AA.01^", "1.2147483648", "1.1.2147483648", "1.1.1.2147483648", "1.1.1.1.2147483648",
                "10000000000000000000", "1.10000000000000000000", "1.1.10000000000000000000", "1..2", "....", "..1",
                "-1.1.1.1", "1.-1.1.1", "1.1.-1.1", "1.1.1.-1", "1.", "1.1.", "1.1.1.", "1.1.1.1.", "1     1.1.1.1",
                "1.1     1.1.1", " .1.1.1", "1. .1.1", "1.1.1. ", "1 .", "2147483648.2.3.4", "..1.2", "   1 9",
                "19   .1 9   ", "1.0.0-01", "1.0.0-beta..1", "1.0.0+",
            ],
            by: ordering
        )
    }

    @Test(
        "valid versions normalise as NuGet prints them",
        arguments: [
            // NuGetVersionTest.cs `ParseReadsLegacyStyleVersionNumbers`, `ParseReadsSemverAndHybridSemverVersionNumbers`,
            // `ParseIgnoresLeadingAndTrailingWhitespace`, VersionParsingTests.cs `VersionLength`, and (last) the
            // whitespace `NuGetVersionFactory.TryGetNormalizedVersion` allows around each number.
            ("1.022", "1.22.0"), ("23.2.3", "23.2.3"), ("1.3.42.10133", "1.3.42.10133"), ("1.022-Beta", "1.22.0-Beta"),
            ("1.3.42.200930-RC-2", "1.3.42.200930-RC-2"), ("  1.022-Beta", "1.22.0-Beta"),
            ("    1.3.42.10133-PreRelease  ", "1.3.42.10133-PreRelease"), ("2", "2.0.0"), ("2.0.0.0", "2.0.0"),
            ("1.2.3-X.yZ.3.234.243.3242342+METADATA", "1.2.3-X.yZ.3.234.243.3242342+METADATA"), ("1.2.3+0", "1.2.3+0"),
            ("1.2.3-0", "1.2.3-0"), ("19   .   19   .   1", "19.19.1"),
        ]
    )
    func normalisation(text: String, normalised: String) throws {
        #expect(try #require(ordering.parse(text)).description == normalised)
    }

    @Test(
        "versions order by every number, then by labels",
        arguments: [
            // NuGetVersionTest.cs `SemVerLessThanAndGreaterThanOperatorsWorks`.
            ("1.0", "1.0.1"), ("1.23", "1.231"), ("1.4.5.6", "1.45.6"), ("1.4.5.6", "1.4.5.60"), ("1.01", "1.10"),
            ("1.01-alpha", "1.10-beta"), ("1.01.0-RC-1", "1.10.0-rc-2"), ("1.01-RC-1", "1.01"), ("1.01", "1.2-preview"),
        ]
    )
    func legacyVersions(lower: String, higher: String) {
        expectAscending([lower, higher], in: ordering)
    }

    @Test("\"0\" is the first release")
    func zero() {
        expectAscending(["0.0.0-alpha", "0", "0.0.0.1"], in: ordering)
    }
}
