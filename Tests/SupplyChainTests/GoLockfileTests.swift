import SlipwayCore
import SlipwayTestSupport
import SupplyChain
import Testing

@Suite struct GoLockfileTests {
    private let reader = GoModReader()

    private let goMod = """
        module example.com/app

        go 1.22

        require github.com/pkg/errors v0.9.1

        require (
        \tgolang.org/x/text v0.14.0 // indirect
        \tgithub.com/old/lib v1.0.0
        \tgithub.com/local/fork v1.2.0
        \t"github.com/quoted/mod" v2.0.0+incompatible // indirect; used by tests
        )

        replace github.com/old/lib => github.com/new/lib v1.1.0

        replace github.com/local/fork v1.2.0 => ../fork

        exclude golang.org/x/text v0.13.0
        """

    private let goSum = """
        github.com/pkg/errors v0.9.1 h1:FEBLx1zS214owpjy7qsBeixbURkuhQAwrK5UwLGTwt4=
        github.com/pkg/errors v0.9.1/go.mod h1:bwawxfHBFNV+L2hUp1rHADufV3IMtnDRdf1r5NINEl0=
        golang.org/x/text v0.14.0/go.mod h1:18ZOQIKpY8NJVqYksKHtTdi31H5itFRjB5/qKTNYzSU=
        """

    @Test("requires in both forms, indirect markers, replacements and go.sum module hashes")
    func readsGoMod() throws {
        let sum = goSum
        let components = try reader.read(goMod, path: "go.mod") { $0 == "go.sum" ? sum : nil }
        #expect(
            components.map(\.purl) == [
                "pkg:golang/github.com/new/lib@v1.1.0",
                "pkg:golang/github.com/pkg/errors@v0.9.1",
                "pkg:golang/github.com/quoted/mod@v2.0.0%2Bincompatible",
                "pkg:golang/golang.org/x/text@v0.14.0",
            ]
        )
        #expect(components.map(\.isDirect) == [true, true, false, false])
        #expect(components.map { $0.location?.line } == [9, 5, 11, 8])
        #expect(components.map { $0.location?.column } == [2, 9, 2, 2])
        #expect(components[0].name == "github.com/new/lib")
        #expect(
            components[1].hashes == [
                ComponentHash(
                    algorithm: "SHA-256",
                    hex: "14404bc75cd2db5e28c298f2eeab017a2c5b51192e850030acae54c0b193c2de"
                )
            ]
        )
        #expect(components[3].hashes.isEmpty, "only the /go.mod line is in go.sum, so no module hash")
        #expect(components.allSatisfy { $0.scope == nil && $0.dependencies.isEmpty })
    }

    @Test("an unclosed block and a short require are located errors")
    func reportsMalformedInput() {
        #expect(
            throws: LockfileError.invalidSyntax(
                path: "go.mod",
                position: SourcePosition(line: 3, column: 1),
                format: "go.mod",
                reason: "the `require (` block is never closed with `)`"
            )
        ) {
            try reader.read("module m\n\nrequire (\n\ta v1.0.0\n", path: "go.mod") { _ in nil }
        }
        #expect(
            throws: LockfileError.unexpectedShape(
                path: "go.mod",
                position: SourcePosition(line: 2, column: 9),
                reason: "`require` needs a module path and a version"
            )
        ) {
            try reader.read("module m\nrequire github.com/a/b\n", path: "go.mod") { _ in nil }
        }
        #expect(throws: LockfileError.self) {
            try reader.read("module m\nreplace a v1 => \n", path: "go.mod") { _ in nil }
        }
    }
}

@Suite(.enabled(if: Corpus.isAvailable, "shared corpus not present"))
struct GoLockfileCorpusTests {
    @Test(
        "every go.mod in the corpus gives its MANIFEST entry count, with go.sum hashes",
        arguments: [
            "golang__vulndb__", "slsa-framework__slsa-github-generator__",
        ]
    )
    func readsCorpusFile(prefix: String) throws {
        let file = "go/" + prefix + "go.mod"
        let sum = try goCorpusText("go/" + prefix + "go.sum")
        let components = try GoModReader().read(try goCorpusText(file), path: file) { $0 == "go.sum" ? sum : nil }
        #expect(components.count == (try goManifestEntries(file)))
        #expect(components.contains { $0.isDirect == true } && components.contains { $0.isDirect == false })
        for component in components {
            #expect(component.purl.hasPrefix("pkg:golang/") && component.version.hasPrefix("v"))
            #expect(component.hashes.count == 1, "\(component.purl) has no go.sum module hash")
        }
    }

    @Test("the vulndb cloud.google.com/go hash is the decoded h1 value")
    func decodesKnownHash() throws {
        let file = "go/golang__vulndb__go.mod"
        let sum = try goCorpusText("go/golang__vulndb__go.sum")
        let components = try GoModReader().read(try goCorpusText(file), path: file) { $0 == "go.sum" ? sum : nil }
        let cloud = try #require(components.first { $0.name == "cloud.google.com/go" })
        #expect(cloud.version == "v0.123.0" && cloud.isDirect == false && cloud.location?.line == 54)
        #expect(cloud.hashes.first?.hex == "d8d0142703d1e3babe137e6e689798a0d86e34433d90cf128e046075e3895121")
    }
}

private func goCorpusText(_ file: String) throws -> String {
    String(decoding: try LocalFileSystem().readFile(at: Corpus.sharedRoot + "/corpus/lockfiles/" + file), as: UTF8.self)
}

private func goManifestEntries(_ file: String) throws -> Int? {
    for line in try goCorpusText("MANIFEST.tsv").split(separator: "\n") {
        let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
        if columns.count > 6, columns[0] == file { return Int(columns[6]) }
    }
    return nil
}
