import SlipwayCore
import SlipwayTestSupport
import SupplyChain
import Testing

@Suite struct PHPLockfileTests {
    private let reader = ComposerLockReader()

    private let lockfile = """
        {
            "content-hash": "abc",
            "packages": [
                {
                    "name": "symfony/console",
                    "version": "v6.4.1",
                    "dist": { "type": "zip", "url": "https://x/y.zip", "shasum": "0123456789ABCDEF0123456789abcdef01234567" },
                    "require": { "php": ">=8.1", "ext-mbstring": "*", "psr/log": "^3", "symfony/polyfill-mbstring": "~1.0" },
                    "license": ["MIT"]
                },
                {
                    "name": "psr/log",
                    "version": "3.0.0",
                    "dist": { "type": "zip", "url": "https://x/z.zip", "shasum": "" },
                    "license": ["MIT", "Apache-2.0"]
                }
            ],
            "packages-dev": [
                {
                    "name": "PHPUnit/PHPUnit",
                    "version": "10.5.0",
                    "require": { "psr/log": "*" }
                }
            ],
            "plugin-api-version": "2.6.0"
        }
        """

    @Test("runtime and dev packages, shasums, platform requirements skipped, licenses joined with OR")
    func readsComposerLock() throws {
        let manifest =
            #"{ "require": { "php": "^8.1", "symfony/console": "^6" }, "require-dev": { "phpunit/phpunit": "^10" } }"#
        let components = try reader.read(lockfile, path: "composer.lock") { $0 == "composer.json" ? manifest : nil }
        #expect(
            components.map(\.purl) == [
                "pkg:composer/phpunit/phpunit@10.5.0",
                "pkg:composer/psr/log@3.0.0",
                "pkg:composer/symfony/console@v6.4.1",
            ]
        )
        #expect(components.map(\.scope) == [.development, .runtime, .runtime])
        #expect(components.map(\.isDirect) == [true, false, true])
        #expect(components.map { $0.location?.line } == [19, 11, 4])
        #expect(components.map(\.license) == [nil, "MIT OR Apache-2.0", "MIT"])
        #expect(components[0].dependencies == ["pkg:composer/psr/log@3.0.0"])
        #expect(components[2].dependencies == ["pkg:composer/psr/log@3.0.0"])
        #expect(components[2].version == "v6.4.1")
        #expect(
            components[2].hashes == [
                ComponentHash(algorithm: "SHA-1", hex: "0123456789abcdef0123456789abcdef01234567")
            ]
        )
        #expect(components[1].hashes.isEmpty)
        let withoutManifest = try reader.read(lockfile, path: "composer.lock") { _ in nil }
        #expect(withoutManifest.allSatisfy { $0.isDirect == nil })
    }

    @Test("truncated JSON and wrong types are located errors")
    func reportsMalformedInput() throws {
        let error = try #require(throws: LockfileError.self) {
            try reader.read("{\n    \"packages\": [\n        {\"name\": ", path: "composer.lock") { _ in nil }
        }
        guard case .invalidSyntax(_, .some, "JSON", _) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(
            throws: LockfileError.unexpectedShape(
                path: "composer.lock",
                position: SourcePosition(line: 2, column: 17),
                reason: "`packages` must be an array, found a scalar"
            )
        ) {
            try reader.read("{\n    \"packages\": \"x\"\n}", path: "composer.lock") { _ in nil }
        }
        #expect(
            throws: LockfileError.unexpectedShape(
                path: "composer.lock",
                position: SourcePosition(line: 1, column: 15),
                reason: "package `a/b` needs a `version` string"
            )
        ) {
            try reader.read(#"{"packages": [{"name": "a/b"}]}"#, path: "composer.lock") { _ in nil }
        }
    }
}

@Suite(.enabled(if: Corpus.isAvailable, "shared corpus not present"))
struct PHPLockfileCorpusTests {
    @Test(
        "every composer.lock in the corpus gives its MANIFEST entry count",
        arguments: [
            "composer__composer__composer.lock",
            "composer__composer__tests__Composer__Test__Fixtures__functional__installed-versions2__composer.lock",
        ]
    )
    func readsCorpusFile(name: String) throws {
        let file = "composer/" + name
        let components = try ComposerLockReader().read(try phpCorpusText(file), path: file) { _ in nil }
        #expect(components.count == (try phpManifestEntries(file)))
        let purls = Set(components.map(\.purl))
        for component in components {
            #expect(component.purl.hasPrefix("pkg:composer/"))
            for dependency in component.dependencies { #expect(purls.contains(dependency)) }
        }
    }

    @Test("composer's own lockfile: dev scope, licenses and direct dependencies from composer.json")
    func readsComposerOwnLockfile() throws {
        let file = "composer/composer__composer__composer.lock"
        let manifest = try phpCorpusText("composer/composer__composer__composer.json")
        let components = try ComposerLockReader().read(try phpCorpusText(file), path: file) {
            $0 == "composer.json" ? manifest : nil
        }
        #expect(components.filter { $0.scope == .development }.count == 6)
        #expect(components.filter { $0.scope == .runtime }.count == 30)
        #expect(components.contains { $0.isDirect == true } && components.contains { $0.isDirect == false })
        let bundle = try #require(components.first { $0.name == "composer/ca-bundle" })
        #expect(bundle.license == "MIT" && bundle.hashes.isEmpty && bundle.isDirect == true)
    }
}

private func phpCorpusText(_ file: String) throws -> String {
    String(decoding: try LocalFileSystem().readFile(at: Corpus.sharedRoot + "/corpus/lockfiles/" + file), as: UTF8.self)
}

private func phpManifestEntries(_ file: String) throws -> Int? {
    for line in try phpCorpusText("MANIFEST.tsv").split(separator: "\n") {
        let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
        if columns.count > 6, columns[0] == file { return Int(columns[6]) }
    }
    return nil
}
