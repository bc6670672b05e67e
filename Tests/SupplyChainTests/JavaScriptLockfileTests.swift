import SlipwayCore
import SlipwayTestSupport
import SupplyChain
import Testing

/// SHA-512 of `a`, as SRI base64 and as hex.
private let sha512A = "H0D8ktokFpR1CXnubPWC8tXX0o4YM13gWrxU0FYOD1MChgxlK/CNVgJSql50IQVG82n7u86MEs/HlXsmUv6adQ=="
private let sha512AHex =
    "1f40fc92da241694750979ee6cf582f2d5d7d28e18335de05abc54d0560e0f53"
    + "02860c652bf08d560252aa5e74210546f369fbbbce8c12cfc7957b2652fe9a75"
/// SHA-1 of `c`, as SRI base64 and as hex.
private let sha1C = "hKUWhBuneltGSN4s0N/LMOpG27Q="
private let sha1CHex = "84a516841ba77a5b4648de2cd0dfcb30ea46dbb4"

/// Reads `text` with `reader`, answering companion requests from `companions`.
private func read(
    _ reader: some LockfileReader,
    _ text: String,
    path: String,
    companions: [String: String] = [:]
) throws(LockfileError) -> [Component] {
    try reader.read(text, path: path) { companions[$0] }
}

/// One line per component with everything a reader sets, so expectations read like the lockfile.
private func summary(_ components: [Component]) -> [String] {
    components.map { component in
        var parts = [component.purl, component.scope?.rawValue ?? "-"]
        parts.append(component.isDirect.map { $0 ? "direct" : "transitive" } ?? "-")
        parts.append("deps=[" + component.dependencies.joined(separator: ",") + "]")
        parts.append("hashes=[" + component.hashes.map { "\($0.algorithm):\($0.hex)" }.joined(separator: ",") + "]")
        parts.append("line=\(component.location?.line ?? 0)")
        return parts.joined(separator: " ")
    }
}

@Suite struct JavaScriptLockfileTests {
    // MARK: npm

    @Test("package-lock v3 resolves nested node_modules, flags, SRI hashes, direct dependencies and skips links")
    func npmPackagesMap() throws {
        let text = """
            {
              "name": "app",
              "lockfileVersion": 3,
              "packages": {
                "": {
                  "name": "app",
                  "workspaces": ["tools"],
                  "dependencies": { "a": "^1.0.0" },
                  "devDependencies": { "@scope/b": "^1.0.0", "tools": "file:tools" }
                },
                "tools": { "name": "tools", "dependencies": { "c": "^1.0.0" } },
                "node_modules/tools": { "resolved": "tools", "link": true },
                "node_modules/a": {
                  "version": "1.0.0",
                  "license": "MIT",
                  "integrity": "sha512-\(sha512A)",
                  "dependencies": { "c": "^2.0.0", "tools": "*" }
                },
                "node_modules/a/node_modules/c": { "version": "2.0.0", "integrity": "sha1-\(sha1C)" },
                "node_modules/@scope/b": { "version": "1.0.0", "dev": true, "dependencies": { "c": "^1.0.0" } },
                "node_modules/c": { "version": "1.0.0", "devOptional": true },
                "node_modules/string-width-cjs": { "name": "string-width", "version": "4.2.3", "optional": true }
              }
            }
            """
        let components = try read(NPMPackageLockReader(), text, path: "app/package-lock.json")
        #expect(
            summary(components) == [
                "pkg:npm/%40scope/b@1.0.0 development direct deps=[pkg:npm/c@1.0.0] hashes=[] line=20",
                "pkg:npm/a@1.0.0 runtime direct deps=[pkg:npm/c@2.0.0] hashes=[SHA-512:\(sha512AHex)] line=13",
                "pkg:npm/c@1.0.0 optional direct deps=[] hashes=[] line=21",
                "pkg:npm/c@2.0.0 runtime transitive deps=[] hashes=[SHA-1:\(sha1CHex)] line=19",
                "pkg:npm/string-width@4.2.3 optional transitive deps=[] hashes=[] line=22",
            ]
        )
        #expect(components.first?.location == SourceLocation(path: "app/package-lock.json", line: 20, column: 5))
        #expect(components.map(\.license) == [nil, "MIT", nil, nil, nil])
        #expect(NPMPackageLockReader().handles(path: "x/npm-shrinkwrap.json"))
        #expect(!NPMPackageLockReader().handles(path: "x/package.json"))
    }

    @Test("copies of one package merge to the license of the first copy in the file that declares one")
    func duplicateCopiesKeepTheFirstLicense() throws {
        // Twenty nested copies of `a@1.0.0`: the first in the file has no license, the second says MIT, a later one
        // ISC. The reader walks a JSON object whose order is not the file's, so the merge must not depend on it.
        var entries = [#""": { "name": "app", "dependencies": { "a": "^1.0.0" } }"#]
        for copy in 0..<20 {
            let license = copy == 1 ? #", "license": "MIT""# : copy == 7 ? #", "license": "ISC""# : ""
            entries.append(#""node_modules/x\#(copy)/node_modules/a": { "version": "1.0.0"\#(license) }"#)
        }
        let text = "{\n\"lockfileVersion\": 3,\n\"packages\": {\n" + entries.joined(separator: ",\n") + "\n}\n}\n"
        for _ in 0..<5 {
            let components = try read(NPMPackageLockReader(), text, path: "package-lock.json")
            #expect(components.map(\.purl) == ["pkg:npm/a@1.0.0"])
            #expect(components.first?.license == "MIT")
            #expect(components.first?.location?.line == 5)
        }
    }

    @Test("package-lock v1 walks the nested tree and resolves requires outwards; package.json tells direct")
    func npmDependencyTree() throws {
        let text = """
            {
              "lockfileVersion": 1,
              "requires": true,
              "dependencies": {
                "a": {
                  "version": "1.0.0",
                  "integrity": "sha512-\(sha512A)",
                  "requires": { "b": "^1.0.0", "c": "^2.0.0" },
                  "dependencies": {
                    "c": { "version": "2.0.0", "requires": { "b": "^1.0.0" } }
                  }
                },
                "b": { "version": "1.0.0", "dev": true },
                "c": { "version": "1.0.0", "optional": true },
                "w": { "version": "npm:wrap-ansi@7.0.0" }
              }
            }
            """
        let manifest = #"{ "dependencies": { "a": "^1.0.0" }, "devDependencies": { "b": "^1.0.0" } }"#
        let components = try read(
            NPMPackageLockReader(),
            text,
            path: "package-lock.json",
            companions: ["package.json": manifest]
        )
        #expect(
            summary(components) == [
                "pkg:npm/a@1.0.0 runtime direct deps=[pkg:npm/b@1.0.0,pkg:npm/c@2.0.0] "
                    + "hashes=[SHA-512:\(sha512AHex)] line=5",
                "pkg:npm/b@1.0.0 development direct deps=[] hashes=[] line=13",
                "pkg:npm/c@1.0.0 optional transitive deps=[] hashes=[] line=14",
                "pkg:npm/c@2.0.0 runtime transitive deps=[pkg:npm/b@1.0.0] hashes=[] line=10",
                "pkg:npm/wrap-ansi@7.0.0 runtime transitive deps=[] hashes=[] line=15",
            ]
        )
        let withoutManifest = try read(NPMPackageLockReader(), text, path: "package-lock.json")
        #expect(withoutManifest.allSatisfy { $0.isDirect == nil })
    }

    @Test("one package installed at several paths is one component, merged")
    func npmDuplicatesMerge() throws {
        let text = """
            {"lockfileVersion": 2, "packages": {
              "": {"dependencies": {"a": "1", "b": "1"}},
              "node_modules/a": {"version": "1.0.0", "dependencies": {"d": "1"}},
              "node_modules/a/node_modules/d": {"version": "1.0.0", "dev": true},
              "node_modules/b": {"version": "1.0.0", "dependencies": {"d": "1"}},
              "node_modules/b/node_modules/d": {"version": "1.0.0", "integrity": "sha1-\(sha1C)"}
            }}
            """
        let components = try read(NPMPackageLockReader(), text, path: "package-lock.json")
        #expect(
            summary(components).last == "pkg:npm/d@1.0.0 runtime transitive deps=[] hashes=[SHA-1:\(sha1CHex)] line=4"
        )
        #expect(components.count == 3)
    }

    // MARK: yarn

    @Test("yarn classic: descriptors, aliases, resolved SHA-1 fragments, and scopes from package.json")
    func yarnClassic() throws {
        let text = """
            # THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.
            # yarn lockfile v1


            "@scope/a@^1.0.0", "@scope/a@^1.1.0":
              version "1.1.0"
              resolved "https://registry.yarnpkg.com/@scope/a/-/a-1.1.0.tgz#\(sha1CHex)"
              integrity sha512-\(sha512A)
              dependencies:
                b "~2.0.0"
              optionalDependencies:
                fsevents "^2.0.0"

            b@~2.0.0:
              version "2.0.1"

            fsevents@^2.0.0:
              version "2.3.3"

            test-runner@^3:
              version "3.0.0"
              dependencies:
                b "~2.0.0"
                s "npm:string-width@^4"

            "s@npm:string-width@^4":
              version "4.2.3"
            """
        let manifest = #"{"dependencies": {"@scope/a": "^1.0.0"}, "devDependencies": {"test-runner": "^3"}}"#
        let components = try read(YarnLockReader(), text, path: "yarn.lock", companions: ["package.json": manifest])
        #expect(
            summary(components) == [
                "pkg:npm/%40scope/a@1.1.0 runtime direct deps=[pkg:npm/b@2.0.1,pkg:npm/fsevents@2.3.3] "
                    + "hashes=[SHA-512:\(sha512AHex),SHA-1:\(sha1CHex)] line=5",
                "pkg:npm/b@2.0.1 runtime transitive deps=[] hashes=[] line=14",
                "pkg:npm/fsevents@2.3.3 runtime transitive deps=[] hashes=[] line=17",
                "pkg:npm/string-width@4.2.3 development transitive deps=[] hashes=[] line=26",
                "pkg:npm/test-runner@3.0.0 development direct deps=[pkg:npm/b@2.0.1,pkg:npm/string-width@4.2.3] "
                    + "hashes=[] line=20",
            ]
        )
        let withoutManifest = try read(YarnLockReader(), text, path: "yarn.lock")
        #expect(withoutManifest.allSatisfy { $0.isDirect == nil && $0.scope == nil })
    }

    @Test("yarn berry: workspaces are the project, patches merge into their package, checksums are not hashes")
    func yarnBerry() throws {
        let longHeader =
            (0..<60).map { "\"resolve@patch:resolve@^1.\($0).0#~builtin<compat/resolve>" }
            .joined(separator: ", ").replacingQuotes() + "\":"
        let text = """
            # This file is generated by running "yarn install" inside your project.

            __metadata:
              version: 8
              cacheKey: 10c0

            "app@workspace:.":
              version: 0.0.0-use.local
              resolution: "app@workspace:."
              dependencies:
                resolve: "npm:^1.22.0"
                s: "npm:string-width@^4"
              languageName: unknown
              linkType: soft

            "resolve@npm:^1.22.0":
              version: 1.22.8
              resolution: "resolve@npm:1.22.8"
              dependencies:
                "@scope/p": "npm:^1.0.0"
              peerDependenciesMeta:
                typescript:
                  optional: true
              checksum: 10c0/\(sha1CHex)
              languageName: node
              linkType: hard

            \(longHeader)
              version: 1.22.8
              resolution: "resolve@patch:resolve@npm%3A1.22.8#~builtin<compat/resolve>::version=1.22.8&hash=c3c19d"
              languageName: node
              linkType: hard

            "@scope/p@npm:^1.0.0":
              version: 1.0.0
              resolution: "@scope/p@npm:1.0.0"
              languageName: node
              linkType: hard

            "s@npm:string-width@^4":
              version: 4.2.3
              resolution: "string-width@npm:4.2.3"
              languageName: node
              linkType: hard
            """
        let components = try read(YarnLockReader(), text, path: "web/yarn.lock")
        #expect(
            summary(components) == [
                "pkg:npm/%40scope/p@1.0.0 - transitive deps=[] hashes=[] line=34",
                "pkg:npm/resolve@1.22.8 - direct deps=[pkg:npm/%40scope/p@1.0.0] hashes=[] line=16",
                "pkg:npm/string-width@4.2.3 - direct deps=[] hashes=[] line=40",
            ]
        )
    }

    // MARK: pnpm

    @Test("pnpm 5.x: /name/version keys, underscore peer suffixes, dev flags, top-level direct dependencies")
    func pnpmVersion5() throws {
        let text = """
            lockfileVersion: 5.4

            specifiers:
              '@scope/a': ^1.0.0
              b: ^2.0.0

            dependencies:
              '@scope/a': 1.0.0_b@2.0.0

            devDependencies:
              b: 2.0.0

            packages:

              /@scope/a/1.0.0_b@2.0.0:
                resolution: {integrity: sha512-\(sha512A)}
                peerDependencies:
                  b: ^2
                dependencies:
                  b: 2.0.0
                  c_d: 1.0.0
                dev: false

              /b/2.0.0:
                resolution: {integrity: sha1-\(sha1C)}
                dev: true

              /c_d/1.0.0:
                resolution: {integrity: sha1-\(sha1C)}
                dev: false
                optional: true
            """
        let components = try read(PNPMLockReader(), text, path: "pnpm-lock.yaml")
        #expect(
            summary(components) == [
                "pkg:npm/%40scope/a@1.0.0 runtime direct deps=[pkg:npm/b@2.0.0,pkg:npm/c_d@1.0.0] "
                    + "hashes=[SHA-512:\(sha512AHex)] line=15",
                "pkg:npm/b@2.0.0 development direct deps=[] hashes=[SHA-1:\(sha1CHex)] line=24",
                "pkg:npm/c_d@1.0.0 optional transitive deps=[] hashes=[SHA-1:\(sha1CHex)] line=28",
            ]
        )
    }

    @Test("pnpm 6.x: /name@version(peer) keys and specifier/version maps")
    func pnpmVersion6() throws {
        let text = """
            lockfileVersion: '6.0'

            dependencies:
              a:
                specifier: ^1.0.0
                version: 1.0.0(b@2.0.0)
              w:
                specifier: npm:wrap-ansi@^7
                version: /wrap-ansi@7.0.0

            packages:

              /a@1.0.0(b@2.0.0):
                resolution: {integrity: sha512-\(sha512A)}
                dependencies:
                  b: 2.0.0
                dev: false

              /b@2.0.0:
                resolution: {integrity: sha1-\(sha1C)}
                dev: false

              /wrap-ansi@7.0.0:
                resolution: {integrity: sha1-\(sha1C)}
                dev: false
            """
        let components = try read(PNPMLockReader(), text, path: "pnpm-lock.yaml")
        #expect(
            summary(components) == [
                "pkg:npm/a@1.0.0 runtime direct deps=[pkg:npm/b@2.0.0] hashes=[SHA-512:\(sha512AHex)] line=13",
                "pkg:npm/b@2.0.0 runtime transitive deps=[] hashes=[SHA-1:\(sha1CHex)] line=19",
                "pkg:npm/wrap-ansi@7.0.0 runtime direct deps=[] hashes=[SHA-1:\(sha1CHex)] line=23",
            ]
        )
    }

    @Test("pnpm 9.x: packages plus snapshots, importers for direct dependencies, scopes inferred from importers")
    func pnpmVersion9() throws {
        let text = """
            lockfileVersion: '9.0'

            importers:

              .:
                dependencies:
                  a:
                    specifier: ^1.0.0
                    version: 1.0.0(b@2.0.0)
                  local:
                    specifier: file:./local
                    version: local@file:local
                devDependencies:
                  b:
                    specifier: ^2.0.0
                    version: 2.0.0
              packages/tool:
                dependencies:
                  app:
                    specifier: workspace:*
                    version: link:../..

            packages:

              a@1.0.0:
                resolution: {integrity: sha512-\(sha512A)}
                peerDependencies:
                  b: ^2

              b@2.0.0:
                resolution: {integrity: sha1-\(sha1C)}

              c@3.0.0:
                resolution: {integrity: sha1-\(sha1C)}

              local@file:local:
                resolution: {directory: local, type: directory}

            snapshots:

              a@1.0.0(b@2.0.0):
                dependencies:
                  b: 2.0.0
                  c-alias: c@3.0.0

              b@2.0.0: {}

              c@3.0.0:
                optional: true

              local@file:local: {}
            """
        let components = try read(PNPMLockReader(), text, path: "pnpm-lock.yaml")
        #expect(
            summary(components) == [
                "pkg:npm/a@1.0.0 runtime direct deps=[pkg:npm/b@2.0.0,pkg:npm/c@3.0.0] "
                    + "hashes=[SHA-512:\(sha512AHex)] line=25",
                "pkg:npm/b@2.0.0 runtime direct deps=[] hashes=[SHA-1:\(sha1CHex)] line=30",
                "pkg:npm/c@3.0.0 optional transitive deps=[] hashes=[SHA-1:\(sha1CHex)] line=33",
            ]
        )
    }

    // MARK: Malformed input

    struct MalformedCase: CustomTestStringConvertible, Sendable {
        var name: String
        var reader: any LockfileReader
        var path: String
        var text: String
        var expected: LockfileError

        var testDescription: String { name }
    }

    static let malformedCases: [MalformedCase] = [
        MalformedCase(
            name: "truncated package-lock",
            reader: NPMPackageLockReader(),
            path: "package-lock.json",
            text: "{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"node_modules/a\": {\"version\": ",
            expected: .invalidSyntax(
                path: "package-lock.json",
                position: SourcePosition(line: 4, column: 35),
                format: "JSON",
                reason: ""
            )
        ),
        MalformedCase(
            name: "packages is a list",
            reader: NPMPackageLockReader(),
            path: "package-lock.json",
            text: "{\n  \"lockfileVersion\": 2,\n  \"packages\": [1, 2]\n}",
            expected: .unexpectedShape(
                path: "package-lock.json",
                position: SourcePosition(line: 3, column: 15),
                reason: "`packages` is a sequence, expected a mapping"
            )
        ),
        MalformedCase(
            name: "package without version",
            reader: NPMPackageLockReader(),
            path: "package-lock.json",
            text: "{\"lockfileVersion\": 3, \"packages\": {\n  \"node_modules/a\": {\"resolved\": \"x\"}}}",
            expected: .unexpectedShape(
                path: "package-lock.json",
                position: SourcePosition(line: 2, column: 3),
                reason: "package `node_modules/a` has no version"
            )
        ),
        MalformedCase(
            name: "unknown npm lockfile version",
            reader: NPMPackageLockReader(),
            path: "package-lock.json",
            text: "{\n  \"lockfileVersion\": 4,\n  \"packages\": {}\n}",
            expected: .unsupportedVersion(
                path: "package-lock.json",
                position: SourcePosition(line: 2, column: 22),
                version: "4",
                supported: ["1", "2", "3"]
            )
        ),
        MalformedCase(
            name: "yarn classic with a bad indentation",
            reader: YarnLockReader(),
            path: "yarn.lock",
            text: "# yarn lockfile v1\n\na@^1:\n   version \"1.0.0\"\n",
            expected: .invalidSyntax(
                path: "yarn.lock",
                position: SourcePosition(line: 4, column: 4),
                format: "yarn.lock",
                reason: "unexpected indentation of 3 spaces"
            )
        ),
        MalformedCase(
            name: "truncated yarn classic entry",
            reader: YarnLockReader(),
            path: "yarn.lock",
            text: "# yarn lockfile v1\n\na@^1:\n  version \"1.0.0\"\n\nb@^2:\n  resolved \"https://x",
            expected: .invalidSyntax(
                path: "yarn.lock",
                position: SourcePosition(line: 7, column: 3),
                format: "yarn.lock",
                reason: "unterminated quote"
            )
        ),
        MalformedCase(
            name: "unknown yarn berry metadata version",
            reader: YarnLockReader(),
            path: "yarn.lock",
            text: "__metadata:\n  version: 99\n  cacheKey: 10c0\n",
            expected: .unsupportedVersion(
                path: "yarn.lock",
                position: SourcePosition(line: 2, column: 3),
                version: "99",
                supported: ["1", "berry 4", "berry 5", "berry 6", "berry 7", "berry 8"]
            )
        ),
        MalformedCase(
            name: "yarn berry entry without resolution",
            reader: YarnLockReader(),
            path: "yarn.lock",
            text: "__metadata:\n  version: 8\n\n\"a@npm:^1\":\n  version: 1.0.0\n",
            expected: .unexpectedShape(
                path: "yarn.lock",
                position: SourcePosition(line: 4, column: 1),
                reason: "entry `a@npm:^1` has no `name@reference` resolution"
            )
        ),
        MalformedCase(
            name: "unknown pnpm lockfile version",
            reader: PNPMLockReader(),
            path: "pnpm-lock.yaml",
            text: "lockfileVersion: '7.0'\npackages: {}\n",
            expected: .unsupportedVersion(
                path: "pnpm-lock.yaml",
                position: SourcePosition(line: 1, column: 18),
                version: "7.0",
                supported: ["5.x", "6.x", "9.x"]
            )
        ),
        MalformedCase(
            name: "pnpm package that is a string",
            reader: PNPMLockReader(),
            path: "pnpm-lock.yaml",
            text: "lockfileVersion: '9.0'\npackages:\n  a@1.0.0: yes\n",
            expected: .unexpectedShape(
                path: "pnpm-lock.yaml",
                position: SourcePosition(line: 3, column: 12),
                reason: "package `a@1.0.0` is a scalar, expected a mapping"
            )
        ),
        MalformedCase(
            name: "truncated pnpm lockfile",
            reader: PNPMLockReader(),
            path: "pnpm-lock.yaml",
            text: "lockfileVersion: '9.0'\npackages:\n  a@1.0.0:\n    resolution: {integrity: sha512-",
            expected: .invalidSyntax(
                path: "pnpm-lock.yaml",
                position: SourcePosition(line: 4, column: 36),
                format: "YAML",
                reason: ""
            )
        ),
    ]

    @Test("a lockfile over 64 MiB is refused before parsing")
    func oversizedLockfile() {
        let text = String(repeating: "a@^1:\n  version \"1.0.0\"\n", count: (64 << 20) / 24 + 1)
        let limit = 64 << 20
        #expect(throws: LockfileError.tooLarge(path: "yarn.lock", bytes: text.utf8.count, limit: limit)) {
            try YarnLockReader().read(text, path: "yarn.lock") { _ in nil }
        }
        #expect(throws: LockfileError.tooLarge(path: "pnpm-lock.yaml", bytes: text.utf8.count, limit: limit)) {
            try PNPMLockReader().read(text, path: "pnpm-lock.yaml") { _ in nil }
        }
    }

    @Test("malformed lockfiles give located errors", arguments: malformedCases)
    func malformed(_ testCase: MalformedCase) {
        do {
            let components = try testCase.reader.read(testCase.text, path: testCase.path) { _ in nil }
            Issue.record("expected an error, read \(components.count) components")
        } catch {
            if case .invalidSyntax(let path, let position, let format, _) = error,
                case .invalidSyntax(let expectedPath, let expectedPosition, let expectedFormat, let reason) = testCase
                    .expected, reason.isEmpty
            {
                // The parser's wording is its own; the position and format are what matter.
                #expect(path == expectedPath)
                #expect(position == expectedPosition)
                #expect(format == expectedFormat)
            } else {
                #expect(error == testCase.expected)
            }
            #expect(!error.description.isEmpty)
        }
    }
}

/// Every npm, yarn and pnpm lockfile of the shared corpus, with its component count checked against the manifest.
@Suite(.enabled(if: Corpus.isAvailable, "shared corpus not present"))
struct JavaScriptLockfileCorpusTests {
    static let root = Corpus.sharedRoot + "/corpus/lockfiles"

    /// The common prefix of the corpus's copies of snyk's dependency-graph fixtures.
    static let builders = "npm/snyk__nodejs-lockfile-parser__test__jest__dep-graph-builders__fixtures__"

    /// Our component count where it differs from the manifest's `entries`, and why.
    ///
    /// A component is one purl (`name@version`): the project's own root, workspace, `link:` and local-directory
    /// entries are not components, and one version installed at several places is one component.
    static let expectedDifferences: [String: Int] = [
        // 2,308 `packages` keys: the root, 2 workspace folders and their 2 `link` entries are the project; the
        // other 2,303 install paths hold 2,051 distinct name@version.
        "npm/lerna__lerna__package-lock.json": 2_051,
        // 528 keys: the root; 527 install paths of 508 distinct name@version.
        "npm/slsa-framework__slsa-github-generator__.github__actions__detect-workflow-js__package-lock.json": 508,
        // 1,018 keys: the root; 1,017 install paths of 925 distinct name@version.
        "npm/slsa-framework__slsa-github-generator__package-lock.json": 925,
        // v1: the manifest counts the 956 top-level `dependencies`; the nested tree has 1,811 entries of 1,219
        // distinct name@version.
        "npm/snyk__nodejs-lockfile-parser__test__fixtures__cyclic-dep__package-lock.json": 1_219,
        // v1: 326 top-level entries; the nested tree has 698 entries of 552 distinct name@version.
        "npm/snyk__nodejs-lockfile-parser__test__fixtures__goof__package-lock.json": 552,
        // 693 keys: the root; 692 install paths of 567 distinct name@version.
        builders + "npm-lock-v2__goof__package-lock.json": 567,
        // 288 entries: the `workspace:` entry is the project, 2 `patch:` entries are the same packages patched.
        "yarn/orhun__git-cliff__npm__git-cliff__yarn.lock": 285,
        // 5,153 entries: 1 workspace, 7 `patch:` entries, and winston-transport 4.4.0 resolved both from npm and
        // from a GitHub tarball (one purl).
        "yarn/snyk__nodejs-lockfile-parser__test__fixtures__yarn__yarn2__big__yarn.lock": 5_144,
        // 619 entries: 1 workspace and 2 `patch:` entries.
        "yarn/" + builders.dropFirst(4) + "yarn-lock-v3__real__goof__yarn.lock": 616,
        "yarn/" + builders.dropFirst(4) + "yarn-lock-v4__real__goof__yarn.lock": 616,
        // 425 keys: debug 2.6.9 appears with and without a peer suffix (`_supports-color@1.3.1`).
        "pnpm/" + builders.dropFirst(4) + "pnpm-lock-v5__goof__pnpm-lock.yaml": 424,
        // 1,405 packages: 109 are the repository's own playground folders (`file:` with a directory resolution).
        "pnpm/vitejs__vite__pnpm-lock.yaml": 1_296,
    ]

    struct CorpusFile: CustomTestStringConvertible, Sendable {
        var file: String
        var entries: Int
        var testDescription: String { file }
    }

    static let readers: [any LockfileReader] = [NPMPackageLockReader(), YarnLockReader(), PNPMLockReader()]

    /// The manifest rows of files one of the JavaScript readers handles.
    static let files: [CorpusFile] = {
        guard Corpus.isAvailable, let bytes = try? LocalFileSystem().readFile(at: root + "/MANIFEST.tsv") else {
            return []
        }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").dropFirst().compactMap { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 7, let entries = Int(columns[6]) else { return nil }
            guard readers.contains(where: { $0.handles(path: columns[2]) }) else { return nil }
            return CorpusFile(file: columns[0], entries: entries)
        }
    }()

    @Test("the manifest lists every JavaScript lockfile of the corpus")
    func manifestCoverage() {
        #expect(Self.files.count == 18)
    }

    @Test(
        "each corpus lockfile reads with the expected count, sorted, located and with a closed graph",
        arguments: files
    )
    func corpusLockfile(_ corpusFile: CorpusFile) throws {
        let fileSystem = LocalFileSystem()
        let text = String(decoding: try fileSystem.readFile(at: Self.root + "/" + corpusFile.file), as: UTF8.self)
        let upstreamPath = String(corpusFile.file.split(separator: "/").last ?? "")
        let reader = try #require(
            Self.readers.first { $0.handles(path: upstreamPath.split(separator: "_").last.map(String.init) ?? "") }
        )
        // The corpus flattens paths (`owner__repo__dir__file`); a sibling `package.json` has the same prefix.
        let prefix = corpusFile.file.dropLast(upstreamPath.split(separator: "_").last?.count ?? 0)
        let manifestPath = Self.root + "/" + prefix + "package.json"
        let components = try reader.read(text, path: corpusFile.file) { name in
            guard name == "package.json", let bytes = try? fileSystem.readFile(at: manifestPath) else { return nil }
            return String(decoding: bytes, as: UTF8.self)
        }
        #expect(components.count == Self.expectedDifferences[corpusFile.file] ?? corpusFile.entries)
        let purls = components.map(\.purl)
        #expect(purls == purls.sorted())
        #expect(Set(purls).count == purls.count)
        #expect(components.allSatisfy { $0.ecosystem == .npm && $0.purl.hasPrefix("pkg:npm/") && $0.location != nil })
        let known = Set(purls)
        #expect(components.allSatisfy { $0.dependencies.allSatisfy(known.contains) })
        let again = try reader.read(text, path: corpusFile.file) { _ in nil }
        #expect(again.map(\.purl) == purls)
    }
}

extension String {
    /// The text with its first character (an opening quote in the test's long header) kept and the rest unquoted.
    fileprivate func replacingQuotes() -> String {
        guard let first else { return self }
        return String(first) + dropFirst().filter { $0 != "\"" }
    }
}
