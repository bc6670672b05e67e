import SlipwayCore
import SlipwayTestSupport
import SupplyChain
import Testing

@Suite struct RubyLockfileTests {
    private let reader = GemfileLockReader()

    private let lockfile = """
        GIT
          remote: https://github.com/witgo/nilsimsa
          revision: fd184883048b922b176939f851338d0a4971a532
          specs:
            nilsimsa (1.1.2)

        GEM
          remote: https://rubygems.org/
          specs:
            mini_portile2 (2.8.5)
            nokogiri (1.15.0-x86_64-linux)
              racc (~> 1.4)
            nokogiri (1.15.0)
              mini_portile2 (~> 2.8.2)
              racc (~> 1.4)
            racc (1.7.3)

        PLATFORMS
          ruby
          x86_64-linux

        DEPENDENCIES
          nilsimsa!
          nokogiri (~> 1.15)

        CHECKSUMS
          nokogiri (1.15.0-x86_64-linux) sha256=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
          racc (1.7.3) sha256=BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB

        BUNDLED WITH
           2.5.3
        """

    @Test("specs, platform variants, direct markers, dependencies and checksums")
    func readsGemfileLock() throws {
        let components = try reader.read(lockfile, path: "Gemfile.lock") { _ in nil }
        #expect(
            components.map(\.purl) == [
                "pkg:gem/mini_portile2@2.8.5",
                "pkg:gem/nilsimsa@1.1.2",
                "pkg:gem/nokogiri@1.15.0",
                "pkg:gem/nokogiri@1.15.0?platform=x86_64-linux",
                "pkg:gem/racc@1.7.3",
            ]
        )
        #expect(components.map(\.isDirect) == [false, true, true, true, false])
        #expect(components.map { $0.location?.line } == [10, 5, 13, 11, 16])
        #expect(components[2].dependencies == ["pkg:gem/mini_portile2@2.8.5", "pkg:gem/racc@1.7.3"])
        #expect(components[3].version == "1.15.0")
        #expect(components[3].dependencies == ["pkg:gem/racc@1.7.3"])
        #expect(components[3].hashes == [ComponentHash(algorithm: "SHA-256", hex: String(repeating: "a", count: 64))])
        #expect(components[4].hashes.first?.hex == String(repeating: "b", count: 64))
        #expect(components[2].hashes.isEmpty)
    }

    @Test("a truncated spec line and a file without sections are located errors")
    func reportsMalformedInput() {
        #expect(
            throws: LockfileError.unexpectedShape(
                path: "Gemfile.lock",
                position: SourcePosition(line: 4, column: 5),
                reason: "expected `name (version)`, found `rails (5.2`"
            )
        ) {
            try reader.read("GEM\n  remote: https://rubygems.org/\n  specs:\n    rails (5.2", path: "Gemfile.lock") {
                _ in
                nil
            }
        }
        #expect(
            throws: LockfileError.unexpectedShape(
                path: "Gemfile.lock",
                position: SourcePosition(line: 1, column: 1),
                reason: "no `GEM`, `GIT` or `PATH` section found"
            )
        ) {
            try reader.read("", path: "Gemfile.lock") { _ in nil }
        }
    }
}

@Suite(.enabled(if: Corpus.isAvailable, "shared corpus not present"))
struct RubyLockfileCorpusTests {
    @Test(
        "every Gemfile.lock in the corpus gives its MANIFEST entry count",
        arguments: [
            "lobsters__lobsters__Gemfile.lock",
            "mastodon__mastodon__Gemfile.lock",
            "ossf__osv-schema__docs__Gemfile.lock",
        ]
    )
    func readsCorpusFile(name: String) throws {
        let file = "bundler/" + name
        let components = try GemfileLockReader().read(try rubyCorpusText(file), path: file) { _ in nil }
        #expect(components.count == (try rubyManifestEntries(file)))
        #expect(Set(components.map(\.purl)).count == components.count)
        #expect(components.contains { $0.isDirect == true })
        let purls = Set(components.map(\.purl))
        for component in components {
            for dependency in component.dependencies { #expect(purls.contains(dependency)) }
        }
    }

    @Test("bundler 2.6 CHECKSUMS give every spec of osv-schema's docs a SHA-256")
    func readsChecksums() throws {
        let file = "bundler/ossf__osv-schema__docs__Gemfile.lock"
        let components = try GemfileLockReader().read(try rubyCorpusText(file), path: file) { _ in nil }
        #expect(components.allSatisfy { $0.hashes.count == 1 && $0.hashes[0].algorithm == "SHA-256" })
        #expect(components.filter { $0.name == "ffi" }.count == 8)
    }
}

private func rubyCorpusText(_ file: String) throws -> String {
    String(decoding: try LocalFileSystem().readFile(at: Corpus.sharedRoot + "/corpus/lockfiles/" + file), as: UTF8.self)
}

private func rubyManifestEntries(_ file: String) throws -> Int? {
    for line in try rubyCorpusText("MANIFEST.tsv").split(separator: "\n") {
        let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
        if columns.count > 6, columns[0] == file { return Int(columns[6]) }
    }
    return nil
}
