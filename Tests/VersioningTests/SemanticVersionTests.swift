import Foundation
import SlipwayCore
import Testing
import Versioning

@Suite struct SemanticVersionTests {
    @Test("parses every part of a full version")
    func parsesParts() throws {
        let version = try #require(SemanticVersion("1.2.3-rc.1.x-y+build.5.sha-abc"))
        #expect(version.major == 1 && version.minor == 2 && version.patch == 3)
        #expect(version.prerelease == [.alphanumeric("rc"), .numeric(1), .alphanumeric("x-y")])
        #expect(version.build == ["build", "5", "sha-abc"])
        #expect(version.description == "1.2.3-rc.1.x-y+build.5.sha-abc")
        #expect(version.isPrerelease)
        #expect(version.release.description == "1.2.3")
    }

    // The "valid" examples of the regular expression linked from semver.org's FAQ (regex101.com/r/Ly7O1x/3).
    @Test(
        "accepts the official regex's valid examples",
        arguments: [
            "0.0.4", "1.2.3", "10.20.30", "1.1.2-prerelease+meta", "1.1.2+meta", "1.1.2+meta-valid", "1.0.0-alpha",
            "1.0.0-beta", "1.0.0-alpha.beta", "1.0.0-alpha.beta.1", "1.0.0-alpha.1", "1.0.0-alpha0.valid",
            "1.0.0-alpha.0valid", "1.0.0-alpha-a.b-c-somethinglong+build.1-aef.1-its-okay", "1.0.0-rc.1+build.1",
            "2.0.0-rc.1+build.123", "1.2.3-beta", "10.2.3-DEV-SNAPSHOT", "1.2.3-SNAPSHOT-123", "1.0.0", "2.0.0",
            "1.1.7", "2.0.0+build.1848", "2.0.1-alpha.1227", "1.0.0-alpha+beta", "1.2.3----RC-SNAPSHOT.12.9.1--.12+788",
            "1.2.3----R-S.12.9.1--.12+meta", "1.2.3----RC-SNAPSHOT.12.9.1--.12", "1.0.0+0.build.1-rc.10000aaa-kk-0.1",
            "1.0.0-0A.is.legal",
        ]
    )
    func acceptsValid(_ text: String) throws {
        let version = try #require(SemanticVersion(text))
        #expect(version.description == text, "round-trips to the same text")
    }

    // The "invalid" examples of the same regular expression.
    @Test(
        "rejects the official regex's invalid examples",
        arguments: [
            "1", "1.2", "1.2.3-0123", "1.2.3-0123.0123", "1.1.2+.123", "+invalid", "-invalid", "-invalid+invalid",
            "-invalid.01", "alpha", "alpha.beta", "alpha.beta.1", "alpha.1", "alpha+beta", "alpha_beta", "alpha.",
            "alpha..", "beta", "1.0.0-alpha_beta", "-alpha.", "1.0.0-alpha..", "1.0.0-alpha..1", "1.0.0-alpha...1",
            "1.0.0-alpha....1", "1.0.0-alpha.....1", "1.0.0-alpha......1", "1.0.0-alpha.......1", "01.1.1", "1.01.1",
            "1.1.01", "1.2.3.DEV", "1.2-SNAPSHOT", "1.2.31.2.3----RC-SNAPSHOT.12.09.1--..12+788", "1.2-RC-SNAPSHOT",
            "-1.0.3-gamma+b7718", "+justmeta", "9.8.7+meta+meta", "9.8.7-whatever+meta+meta",
            "99999999999999999999999.999999999999999999.99999999999999999----RC-SNAPSHOT.12.09.1"
                + "--------------------------------..12",
            "", " 1.2.3", "1.2.3 ", "v1.2.3", "1.2.3-", "1.2.3+", "1.2.3-é",
        ]
    )
    func rejectsInvalid(_ text: String) {
        #expect(SemanticVersion(text) == nil)
    }

    @Test("rejects numbers beyond Int, as node-semver rejects those beyond MAX_SAFE_INTEGER")
    func rejectsHugeNumbers() {
        // Deliberate, documented difference: the official regex accepts this example, but the parts do not fit in
        // `Int`; node-semver (standard-version's parser) rejects it too.
        #expect(SemanticVersion("99999999999999999999999.999999999999999999.99999999999999999") == nil)
        #expect(SemanticVersion("1.0.0-99999999999999999999") == nil)
        #expect(SemanticVersion("\(Int.max).0.0") != nil)
    }

    @Test("orders the precedence chain of semver.org section 11")
    func precedenceChain() throws {
        let chain = [
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
            "1.0.0-rc.1", "1.0.0", "2.0.0", "2.1.0", "2.1.1",
        ]
        let versions = try chain.map { try #require(SemanticVersion($0)) }
        for (lower, higher) in zip(versions, versions.dropFirst()) {
            #expect(lower < higher, "\(lower) < \(higher)")
            #expect(!(higher < lower))
            #expect(lower != higher)
        }
        #expect(versions.reversed().sorted() == versions)
    }

    @Test("compares numeric identifiers numerically and below alphanumeric ones")
    func identifierOrdering() throws {
        let v = { (text: String) in try #require(SemanticVersion(text)) }
        #expect(try v("1.0.0-2") < v("1.0.0-10"))
        #expect(try v("1.0.0-999") < v("1.0.0-a"))
        #expect(try v("1.0.0-B") < v("1.0.0-a"), "ASCII order: uppercase first")
        #expect(try v("1.0.0-alpha-1") < v("1.0.0-alpha1"), "'-' sorts before digits")
        #expect(try v("1.9.0") < v("1.10.0"))
    }

    @Test("ignores build metadata for equality, hashing and order, but not for identity")
    func buildMetadataIgnored() throws {
        let first = try #require(SemanticVersion("1.0.0+a"))
        let second = try #require(SemanticVersion("1.0.0+b.2"))
        #expect(first == second)
        #expect(!(first < second) && !(second < first))
        #expect(Set([first, second]).count == 1)
        #expect(!first.isIdentical(to: second))
        #expect(first.isIdentical(to: try #require(SemanticVersion("1.0.0+a"))))
    }

    @Test(
        "parses release tags leniently",
        arguments: [
            ("v1.2.3", "v", "1.2.3"), ("pkg@2.0.0-rc.1", "pkg@", "2.0.0-rc.1"), (" v1.0.0\n", "v", "1.0.0"),
            ("v1.2.3", "", "1.2.3"), ("=1.2.3", "", "1.2.3"), ("1.2.3", "", "1.2.3"),
            ("@scope/pkg@1.0.0", "@scope/pkg@", "1.0.0"),
        ]
    )
    func parsesTags(tag: String, prefix: String, expected: String) throws {
        let version = try #require(SemanticVersion(tag: tag, prefix: prefix))
        #expect(version.description == expected)
    }

    @Test(
        "rejects tags without the prefix or with an invalid version",
        arguments: [("1.2.3", "v"), ("v01.2.3", "v"), ("other@1.0.0", "pkg@"), ("vv1.2.3", ""), ("release-1", "")]
    )
    func rejectsTags(tag: String, prefix: String) {
        #expect(SemanticVersion(tag: tag, prefix: prefix) == nil)
    }

    @Test("encodes and decodes as the version string")
    func codable() throws {
        let version = try #require(SemanticVersion("3.1.4-beta.2+exp.sha.5114f85"))
        let encoded = try JSONOutput.string([version], pretty: false)
        #expect(encoded == "[\"3.1.4-beta.2+exp.sha.5114f85\"]\n")
        let decoded = try JSONDecoder().decode([SemanticVersion].self, from: Data(encoded.utf8))
        #expect(decoded.first?.isIdentical(to: version) == true)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([SemanticVersion].self, from: Data("[\"1.0\"]".utf8))
        }
    }

    @Test("round-trips through LosslessStringConvertible")
    func lossless() throws {
        let version = try #require(SemanticVersion("0.0.0-0+0"))
        #expect(SemanticVersion(version.description)?.isIdentical(to: version) == true)
    }
}
