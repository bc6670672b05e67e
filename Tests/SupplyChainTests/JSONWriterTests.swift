import SlipwayCore
import SlipwayTestSupport
import SupplyChain
import Testing

/// The SBOM and report writers stream their JSON by hand; Foundation's `JSONEncoder` over their `Codable` models (as
/// `JSONOutput` configures it) is the reference, and the two must agree byte for byte on real and awkward inputs.
@Suite struct JSONWriterTests {
    /// Text that exercises every escape and a few multi-byte characters.
    static let awkward =
        "quote \" back\\slash /slash tab\t nl\n cr\r bs\u{8} ff\u{C} nul\u{0} us\u{1F} del\u{7F} é 😀 \u{2028}"

    static func input(_ components: [Component], version: String? = "1.0.0") -> SBOMInput {
        SBOMInput(
            name: "demo " + awkward,
            version: version,
            components: components,
            timestamp: 1_700_000_000,
            toolVersion: "0.1.0"
        )
    }

    static func expectSameSBOMs(_ input: SBOMInput, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        for version in CycloneDXWriter.SpecVersion.allCases {
            let fast = try CycloneDXWriter.write(input, specVersion: version)
            let reference = try CycloneDXWriter.writeThroughEncoder(input, specVersion: version)
            #expect(fast == reference, "CycloneDX \(version.rawValue)", sourceLocation: sourceLocation)
        }
        #expect(
            try SPDXWriter.write(input) == SPDXWriter.writeThroughEncoder(input),
            "SPDX",
            sourceLocation: sourceLocation
        )
    }

    @Test("SBOMs with escapes, non-ASCII text, licenses, hashes, graphs and empty lists match JSONEncoder's bytes")
    func awkwardSBOMs() throws {
        let components = [
            Component(
                ecosystem: .npm,
                name: "@scope/na\"me",
                version: "1.0.0-\(Self.awkward)",
                scope: .development,
                hashes: [
                    ComponentHash(algorithm: "SHA-512", hex: String(repeating: "aB", count: 64)),
                    ComponentHash(algorithm: "SHA-256", hex: "not hex"),
                    ComponentHash(algorithm: "SHA-1", hex: "１２３"),  // fullwidth digits count as hex digits
                ],
                isDirect: true,
                dependencies: ["pkg:npm/debug@4.3.4", "pkg:npm/unknown@1"],
                license: "MIT OR Apache-2.0"
            ),
            Component(ecosystem: .npm, name: "debug", version: "4.3.4", scope: .optional, isDirect: false),
            Component(ecosystem: .pypi, name: "Zope.Interface", version: "5.0", license: "Some \"custom\" license\t"),
            Component(
                ecosystem: .go,
                name: "github.com/a/b",
                version: "v1.2.3",
                license: "Apache License, Version 2.0"
            ),
            Component(ecosystem: .maven, name: "org.example:lib", version: "2.0", scope: .runtime),
        ]
        try Self.expectSameSBOMs(Self.input(components))
        try Self.expectSameSBOMs(Self.input(components, version: nil))
        try Self.expectSameSBOMs(Self.input([], version: nil))
    }

    @Test("reports with findings, scores, exceptions (accepted, expired, unused), undetermined matches and warnings")
    func awkwardReport() async throws {
        let quoted = String(try JSONOutput.string(Self.awkward, pretty: false).dropLast())
        func record(_ id: String, package: String, extra: String) -> String {
            """
            {"id": "\(id)", "modified": "2024-01-01T00:00:00Z", "aliases": ["CVE-\(id)"], \(extra)
             "affected": [{"package": {"ecosystem": "PyPI", "name": "\(package)"},
               "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.2.0"}, {"fixed": "2.0"}]}]}]}
            """
        }
        let vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
        let records = [
            "GHSA-1": record(
                "GHSA-1",
                package: "demo",
                extra: """
                    "summary": \(quoted), "severity": [{"type": "CVSS_V3", "score": "\(vector)"}],
                    "references": [{"type": "ADVISORY", "url": "https://example.com/a?b=\\"c\\""}],
                    """
            ),
            "GHSA-2": record(
                "GHSA-2",
                package: "second",
                extra: """
                    "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/junk"}], "database_specific": {"severity": "MODERATE"},
                    """
            ),
            "GHSA-3": record(
                "GHSA-3",
                package: "demo",
                extra: """
                    "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"}],
                    """
            ),
            "GHSA-4": record(
                "GHSA-4",
                package: "demo",
                extra: """
                    "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N"}],
                    """
            ),
            "GHSA-5": record("GHSA-5", package: "third", extra: ""),
        ]
        let fileSystem = InMemoryFileSystem(
            files: Dictionary(uniqueKeysWithValues: records.map { ("osv/\($0.key).json", $0.value) })
        )
        let index = AdvisoryIndex(database: try await AdvisoryDatabaseLoader(fileSystem: fileSystem).load("osv"))
        var demo = Component(ecosystem: .pypi, name: "demo", version: "1.0", scope: .runtime, isDirect: false)
        demo.location = SourceLocation(path: "dir/requirements.txt", line: 3, column: 1, endLine: 4, endColumn: 7)
        let components = [
            demo,
            Component(ecosystem: .pypi, name: "second", version: "1.0.0", scope: .development),
            Component(ecosystem: .pypi, name: "third", version: "not a version " + Self.awkward),
        ]
        let accepted = VulnerabilityException(
            id: "CVE-GHSA-1",
            packages: ["pkg:pypi/demo"],
            reason: "not reachable: " + Self.awkward,
            owner: "sec",
            expires: CalendarDate("2026-12-31")!,
            justification: .codeNotReachable,
            location: SourceLocation(path: "slipway.yml", line: 9, column: 7)
        )
        let expired = VulnerabilityException(
            id: "GHSA-2",
            reason: "waiting",
            owner: "sec",
            expires: CalendarDate("2026-11-17")!
        )
        let unused = VulnerabilityException(
            id: "GHSA-9",
            reason: "old",
            owner: "sec",
            expires: CalendarDate("2027-01-01")!
        )
        let policy = VulnerabilityPolicy(
            failOn: .critical,
            unknownSeverity: .high,
            exceptions: [accepted, expired, unused]
        )
        let report = try VulnerabilityScanner(policy: policy, today: CalendarDate(secondsSince1970: 1_795_000_000))
            .scan(components, lookup: index)
        #expect(report.findings.count == 3 && report.excepted.count == 1 && report.undetermined.count == 1)
        #expect(report.expiredExceptions.count == 1 && report.unusedExceptions.count == 1 && !report.warnings.isEmpty)
        #expect(Set(report.findings.compactMap(\.severity.score)) == [10.0, 0.0])
        for toolVersion in ["0.1.0", "1.0.0-" + Self.awkward] {
            #expect(
                try VulnerabilityReportRenderer.json(report, toolVersion: toolVersion)
                    == VulnerabilityReportRenderer.jsonThroughEncoder(report, toolVersion: toolVersion)
            )
        }
        let empty = try VulnerabilityScanner(policy: VulnerabilityPolicy(), today: CalendarDate(secondsSince1970: 0))
            .scan([], lookup: index)
        #expect(
            try VulnerabilityReportRenderer.json(empty, toolVersion: "0.1.0")
                == VulnerabilityReportRenderer.jsonThroughEncoder(empty, toolVersion: "0.1.0")
        )
    }
}

/// The same comparison on every lockfile of the corpus and on a scan of the whole corpus database.
@Suite(.enabled(if: Corpus.isAvailable, "shared corpus not present"))
struct JSONWriterCorpusTests {
    /// `(corpus file, lockfile name)` for every row of the lockfile MANIFEST.
    static var lockfiles: [(file: String, name: String)] {
        let manifest = (try? LocalFileSystem().readText(at: Corpus.sharedRoot + "/corpus/lockfiles/MANIFEST.tsv")) ?? ""
        return manifest.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count > 2 else { return nil }
            return (String(fields[0]), PathUtilities.lastComponent(of: String(fields[2])))
        }
    }

    @Test("SBOMs of every corpus lockfile, alone and all together, match JSONEncoder's bytes")
    func corpusSBOMs() throws {
        var everything: [Component] = []
        var read = 0
        for (file, name) in Self.lockfiles {
            guard let reader = LockfileReaders.all.first(where: { $0.handles(path: name) }) else { continue }
            let components = try readCorpusLockfile(reader, file, lockfileName: name)
            try JSONWriterTests.expectSameSBOMs(JSONWriterTests.input(components))
            everything += components
            read += 1
        }
        #expect(read > 40)
        try JSONWriterTests.expectSameSBOMs(JSONWriterTests.input(everything))
    }

    @Test("the report of a scan that finds thousands of corpus advisories matches JSONEncoder's bytes")
    func corpusReport() async throws {
        var components: [Component] = []
        for folder in ["PyPI", "Go"] {
            let database = try await AdvisoryDatabaseLoader(fileSystem: LocalFileSystem()).load(
                Corpus.sharedRoot + "/corpus/osv/" + folder
            )
            let index = AdvisoryIndex(database: database)
            for (key, advisories) in index.packages.sorted(by: { $0.key < $1.key }) {
                // A version some advisory lists as affected, else one that is not a version at all.
                let version = advisories.lazy.compactMap { $0.affected.first?.versions?.first }.first ?? "0.0.0-x"
                var component = Component(ecosystem: key.ecosystem, name: key.name, version: version)
                component.location = SourceLocation(path: "lock/\(folder)", line: components.count + 1, column: 1)
                components.append(component)
            }
            let report = try VulnerabilityScanner(
                policy: VulnerabilityPolicy(),
                today: CalendarDate(secondsSince1970: 1_795_000_000)
            )
            .scan(components, lookup: index)
            #expect(report.findings.count > 500)
            #expect(
                try VulnerabilityReportRenderer.json(report, toolVersion: "0.1.0")
                    == VulnerabilityReportRenderer.jsonThroughEncoder(report, toolVersion: "0.1.0")
            )
            components = []
        }
    }
}
