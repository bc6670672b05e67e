import SlipwayCore
import Testing
import Versioning

/// The fixtures beside this file, found through `#filePath` (style 3.10).
private let fixtures = PathUtilities.directory(of: "\(#filePath)") + "/Fixtures/VersionFiles"

private func fixture(_ name: String) throws -> String {
    String(decoding: try LocalFileSystem().readFile(at: fixtures + "/" + name), as: UTF8.self)
}

/// Catches the typed error of `body`, or records an issue when it does not throw.
private func error(
    _ body: () throws(VersionFileError) -> some Any,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> VersionFileError? {
    do {
        _ = try body()
        Issue.record("expected a VersionFileError", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// One fixture file, the updater for it and the exact text expected after bumping to `2.0.0-rc.1`.
struct FixtureCase: Sendable, CustomTestStringConvertible {
    var input: String
    var expected: String
    var oldVersion: String
    var updater: any VersionFileUpdater
    /// Whether writing `oldVersion` back restores the input (not when `appVersion` differed from `version`).
    var restoresInput = true

    var testDescription: String { "\(input) → \(expected)" }
}

@Suite struct VersionFileTests {
    static let newVersion = "2.0.0-rc.1"

    static let fixtureCases: [FixtureCase] = [
        FixtureCase(
            input: "tabs/package.json",
            expected: "tabs/package.expected.json",
            oldVersion: "1.2.3",
            updater: JSONVersionUpdater()
        ),
        FixtureCase(
            input: "crlf/bower.json",
            expected: "crlf/bower.expected.json",
            oldVersion: "0.9.0",
            updater: JSONVersionUpdater()
        ),
        FixtureCase(
            input: "lockfile/package-lock.json",
            expected: "lockfile/package-lock.expected.json",
            oldVersion: "1.2.3",
            updater: JSONVersionUpdater(updatesRootPackageEntry: true)
        ),
        FixtureCase(
            input: "minified/composer.json",
            expected: "minified/composer.expected.json",
            oldVersion: "1.2.3",
            updater: JSONVersionUpdater()
        ),
        FixtureCase(
            input: "python/pyproject.toml",
            expected: "python/pyproject.expected.toml",
            oldVersion: "1.2.3",
            updater: PyprojectVersionUpdater()
        ),
        FixtureCase(
            input: "rust/Cargo.toml",
            expected: "rust/Cargo.expected.toml",
            oldVersion: "0.4.2",
            updater: CargoVersionUpdater()
        ),
        FixtureCase(
            input: "rust-workspace/Cargo.toml",
            expected: "rust-workspace/Cargo.expected.toml",
            oldVersion: "0.4.2",
            updater: CargoVersionUpdater()
        ),
        FixtureCase(
            input: "helm/Chart.yaml",
            expected: "helm/Chart.expected.yaml",
            oldVersion: "0.1.0",
            updater: HelmChartVersionUpdater()
        ),
        FixtureCase(
            input: "helm/Chart.yaml",
            expected: "helm/Chart.app.expected.yaml",
            oldVersion: "0.1.0",
            updater: HelmChartVersionUpdater(updatesAppVersion: true),
            restoresInput: false
        ),
        FixtureCase(
            input: "plain/VERSION",
            expected: "plain/VERSION.expected",
            oldVersion: "1.2.3",
            updater: PlainTextVersionUpdater()
        ),
    ]

    @Test("a bump changes only the version text, byte for byte, and reads back", arguments: fixtureCases)
    func fixtureBump(_ testCase: FixtureCase) throws {
        let input = try fixture(testCase.input)
        let expected = try fixture(testCase.expected)
        let path = testCase.input
        #expect(try testCase.updater.readVersion(from: input, path: path) == testCase.oldVersion)
        let output = try testCase.updater.writeVersion(Self.newVersion, to: input, path: path)
        #expect(Array(output.utf8) == Array(expected.utf8))
        #expect(try testCase.updater.readVersion(from: output, path: path) == Self.newVersion)
        // Writing the old version back restores the original bytes.
        if testCase.restoresInput {
            let restored = try testCase.updater.writeVersion(testCase.oldVersion, to: output, path: path)
            #expect(Array(restored.utf8) == Array(input.utf8))
        }
    }

    @Test("the registry picks the fixture's updater by file name", arguments: fixtureCases)
    func registryReadsFixtures(_ testCase: FixtureCase) throws {
        let updater = try #require(VersionFiles.updater(forPath: testCase.input))
        #expect(try updater.readVersion(from: try fixture(testCase.input), path: testCase.input) == testCase.oldVersion)
    }

    // MARK: - Registry

    @Test("default bump files are standard-version's")
    func defaultBumpFiles() {
        #expect(VersionFiles.defaultPackageFiles == ["package.json", "bower.json", "manifest.json"])
        #expect(
            VersionFiles.defaultBumpFiles == [
                "package.json", "bower.json", "manifest.json", "package-lock.json", "npm-shrinkwrap.json",
            ]
        )
    }

    @Test(
        "the registry chooses by the last path component",
        arguments: [
            ("package.json", "JSONVersionUpdater"),
            ("packages/web/bower.json", "JSONVersionUpdater"),
            ("manifest.json", "JSONVersionUpdater"),
            ("composer.json", "JSONVersionUpdater"),
            ("npm-shrinkwrap.json", "JSONVersionUpdater"),
            ("VERSION", "PlainTextVersionUpdater"),
            ("VERSION.txt", "PlainTextVersionUpdater"),
            ("sub/version.txt", "PlainTextVersionUpdater"),
            ("pyproject.toml", "PyprojectVersionUpdater"),
            ("crates/core/Cargo.toml", "CargoVersionUpdater"),
            ("charts/web/Chart.yaml", "HelmChartVersionUpdater"),
        ]
    )
    func registryChoice(path: String, typeName: String) throws {
        let updater = try #require(VersionFiles.updater(forPath: path))
        #expect(String(describing: type(of: updater)) == typeName)
    }

    @Test("only npm lockfiles update packages[\"\"].version; unknown names have no updater")
    func registryLockfilesAndUnknown() {
        let lock = VersionFiles.updater(forPath: "a/package-lock.json") as? JSONVersionUpdater
        let shrinkwrap = VersionFiles.updater(forPath: "npm-shrinkwrap.json") as? JSONVersionUpdater
        let manifest = VersionFiles.updater(forPath: "package.json") as? JSONVersionUpdater
        #expect(lock?.updatesRootPackageEntry == true)
        #expect(shrinkwrap?.updatesRootPackageEntry == true)
        #expect(manifest?.updatesRootPackageEntry == false)
        #expect(VersionFiles.updater(forPath: "Makefile") == nil)
        #expect(VersionFiles.updater(forPath: "package.json5") == nil)
        #expect(VersionFiles.updater(forType: "json") is JSONVersionUpdater)
        #expect(VersionFiles.updater(forType: "plain-text") is PlainTextVersionUpdater)
        #expect(VersionFiles.updater(forType: "gradle") == nil)
    }

    @Test("an unsupported file's error says how to configure it")
    func unsupportedFileMessage() {
        #expect(
            VersionFileError.unsupportedFile(path: "build/Makefile").description
                == "build/Makefile:1:1: error: no built-in version updater for 'Makefile'; give the bumpFiles entry "
                + "a `type` (json or plain-text) or a regex pattern"
        )
    }

    // MARK: - JSON

    @Test("an npm-formatted package.json comes out as standard-version's stringify-package writes it")
    func npmFormattedPackageJSONMatchesStandardVersion() throws {
        let input = "{\n  \"name\": \"a\",\n  \"version\": \"1.0.0\",\n  \"private\": true\n}\n"
        let output = try JSONVersionUpdater().writeVersion("1.1.0", to: input, path: "package.json")
        #expect(output == "{\n  \"name\": \"a\",\n  \"version\": \"1.1.0\",\n  \"private\": true\n}\n")
    }

    @Test("duplicate top-level keys: the last one is read, as JSON.parse does, and all are written")
    func duplicateVersionKeys() throws {
        let input = #"{"version": "1.0.0", "version": "1.0.1"}"#
        let updater = JSONVersionUpdater()
        #expect(try updater.readVersion(from: input, path: "package.json") == "1.0.1")
        #expect(try updater.writeVersion("2.0.0", to: input, path: "p") == #"{"version": "2.0.0", "version": "2.0.0"}"#)
    }

    @Test("keys are compared after unescaping, and nested or non-object documents have no top-level version")
    func keyEscapesAndShapes() throws {
        let updater = JSONVersionUpdater()
        #expect(try updater.readVersion(from: #"{"versio\u006e": "3.1.4"}"#, path: "p") == "3.1.4")
        #expect(try updater.readVersion(from: #"{"a": {"version": "1.0.0"}}"#, path: "p") == nil)
        #expect(try updater.readVersion(from: #"[{"version": "1.0.0"}]"#, path: "p") == nil)
        #expect(try updater.readVersion(from: #"{"name": "x"}"#, path: "p") == nil)
        #expect(
            error { () throws(VersionFileError) in try updater.writeVersion("1.0.0", to: #"{"name": "x"}"#, path: "p") }
                == .versionNotFound(path: "p", expected: "a top-level \"version\" key")
        )
    }

    @Test("a v1 lockfile without packages only changes the top-level version")
    func lockfileVersion1() throws {
        let input = "{\n  \"version\": \"1.0.0\",\n  \"dependencies\": {\"a\": {\"version\": \"1.0.0\"}}\n}\n"
        let output = try JSONVersionUpdater(updatesRootPackageEntry: true).writeVersion("1.0.1", to: input, path: "p")
        #expect(output == "{\n  \"version\": \"1.0.1\",\n  \"dependencies\": {\"a\": {\"version\": \"1.0.0\"}}\n}\n")
    }

    @Test("a large lockfile changes in exactly two places")
    func largeLockfile() throws {
        var text = "{\n  \"name\": \"big\",\n  \"version\": \"1.0.0\",\n  \"lockfileVersion\": 3,\n  \"packages\": {\n"
        text += "    \"\": {\n      \"name\": \"big\",\n      \"version\": \"1.0.0\"\n    }"
        for index in 0..<20_000 {
            text += ",\n    \"node_modules/p\(index)\": {\n      \"version\": \"1.0.0\",\n      \"dev\": true\n    }"
        }
        text += "\n  }\n}\n"
        let output = try JSONVersionUpdater(updatesRootPackageEntry: true)
            .writeVersion("1.0.1", to: text, path: "package-lock.json")
        let expected =
            text
            .replacing("\"big\",\n  \"version\": \"1.0.0\"", with: "\"big\",\n  \"version\": \"1.0.1\"")
            .replacing("\"big\",\n      \"version\": \"1.0.0\"", with: "\"big\",\n      \"version\": \"1.0.1\"")
        #expect(output == expected)
    }

    /// A malformed or unusable input, and the exact error expected.
    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var updater: any VersionFileUpdater
        var expected: VersionFileError

        var testDescription: String { name }
    }

    private static func json(_ position: (Int, Int), _ reason: String) -> VersionFileError {
        .invalidSyntax(
            path: "package.json",
            format: "JSON",
            position: SourcePosition(line: position.0, column: position.1),
            reason: reason
        )
    }

    static let jsonErrors: [ErrorCase] = [
        ErrorCase(
            name: "missing colon at 3:14",
            text: "{\n  \"name\": \"a\",\n  \"version\"  \"1.0.0\"\n}\n",
            updater: JSONVersionUpdater(),
            expected: json((3, 14), "expected ':' after a member name, found '\"'")
        ),
        ErrorCase(
            name: "trailing comma",
            text: "{\n  \"version\": \"1.0.0\",\n}\n",
            updater: JSONVersionUpdater(),
            expected: json((3, 1), "expected a member name in double quotes, found '}'")
        ),
        ErrorCase(
            name: "comment",
            text: "{\n  // bumped by CI\n  \"version\": \"1.0.0\"\n}",
            updater: JSONVersionUpdater(),
            expected: json((2, 3), "expected a member name in double quotes, found '/'")
        ),
        ErrorCase(
            name: "unterminated string points at its opening quote",
            text: "{\"version\": \"1.0.0",
            updater: JSONVersionUpdater(),
            expected: json((1, 13), "unterminated string; add the closing '\"'")
        ),
        ErrorCase(
            name: "columns count Unicode scalars",
            text: "{\"név\": \"ő☕\", \"version\": 1.0.0}",
            updater: JSONVersionUpdater(),
            expected: json((1, 29), "expected ',' or '}' after an object member, found '.'")
        ),
        ErrorCase(
            name: "raw line break in a string",
            text: "{\"version\": \"1.0\n.0\"}",
            updater: JSONVersionUpdater(),
            expected: json((1, 17), "a line break inside a string; write line breaks and tabs as \\n and \\t")
        ),
        ErrorCase(
            name: "empty file",
            text: "",
            updater: JSONVersionUpdater(),
            expected: json((1, 1), "expected a value, found the end of the file")
        ),
        ErrorCase(
            name: "text after the document",
            text: "{\"version\": \"1.0.0\"}\n}",
            updater: JSONVersionUpdater(),
            expected: json((2, 1), "unexpected '}' after the end of the JSON document")
        ),
        ErrorCase(
            name: "leading zero",
            text: "{\"a\": 01, \"version\": \"1.0.0\"}",
            updater: JSONVersionUpdater(),
            expected: json((1, 8), "expected ',' or '}' after an object member, found '1'")
        ),
        ErrorCase(
            name: "version is a number",
            text: "{\n\t\"version\": 1.2\n}",
            updater: JSONVersionUpdater(),
            expected: .versionNotString(
                path: "package.json",
                position: SourcePosition(line: 2, column: 13),
                key: "\"version\"",
                found: "a number"
            )
        ),
        ErrorCase(
            name: "lockfile root package version is null",
            text: "{\"version\": \"1.0.0\", \"packages\": {\"\": {\"version\": null}}}",
            updater: JSONVersionUpdater(updatesRootPackageEntry: true),
            expected: .versionNotString(
                path: "package.json",
                position: SourcePosition(line: 1, column: 51),
                key: "packages[\"\"].version",
                found: "null"
            )
        ),
    ]

    @Test("malformed JSON is reported at its line and column and nothing is written", arguments: jsonErrors)
    func jsonError(_ testCase: ErrorCase) {
        let thrown = error { () throws(VersionFileError) in
            try testCase.updater.writeVersion("2.0.0", to: testCase.text, path: "package.json")
        }
        #expect(thrown == testCase.expected)
    }

    @Test("the JSON error message names the place and what to do")
    func jsonErrorMessage() {
        let thrown = error { () throws(VersionFileError) in
            try JSONVersionUpdater().readVersion(
                from: "{\n  \"name\": \"a\",\n  \"version\"  \"1.0.0\"\n}\n",
                path: "web/package.json"
            )
        }
        #expect(
            thrown?.description
                == "web/package.json:3:14: error: invalid JSON: expected ':' after a member name, found '\"'; "
                + "fix the file (nothing was written)"
        )
        let notString = VersionFileError.versionNotString(
            path: "package.json",
            position: SourcePosition(line: 2, column: 13),
            key: "\"version\"",
            found: "a number"
        )
        #expect(
            notString.description
                == "package.json:2:13: error: \"version\" must be a one-line string such as \"1.2.3\", found a number; "
                + "write the version as a string"
        )
    }

    @Test("deeply nested JSON is rejected without exhausting the stack")
    func deepNesting() {
        let text = String(repeating: "[", count: 200_000)
        let thrown = error { () throws(VersionFileError) in
            try JSONVersionUpdater().readVersion(from: text, path: "package.json")
        }
        #expect(thrown == Self.json((1, 200_001), "expected a value, found the end of the file"))
    }

    // MARK: - Plain text

    @Test(
        "a plain version file keeps the whitespace around the version",
        arguments: [
            ("1.2.3\n", "2.0.0\n"),
            ("1.2.3", "2.0.0"),
            ("1.2.3\r\n", "2.0.0\r\n"),
            ("  1.2.3 \n\n", "  2.0.0 \n\n"),
            ("", "2.0.0"),
            ("\n", "2.0.0\n"),
            ("\u{FEFF} \r\n", "\u{FEFF}2.0.0 \r\n"),
        ]
    )
    func plainText(input: String, expected: String) throws {
        let updater = PlainTextVersionUpdater()
        #expect(try updater.writeVersion("2.0.0", to: input, path: "VERSION") == expected)
        #expect(try updater.readVersion(from: expected, path: "VERSION") == "2.0.0")
    }

    @Test("a blank plain version file has no version; one with more text is an error at that text")
    func plainTextErrors() {
        #expect((try? PlainTextVersionUpdater().readVersion(from: " \n", path: "VERSION")) == .some(nil))
        let thrown = error { () throws(VersionFileError) in
            try PlainTextVersionUpdater().readVersion(from: "1.2.3\nbuilt by CI\n", path: "VERSION")
        }
        #expect(thrown == .extraContent(path: "VERSION", position: SourcePosition(line: 2, column: 1)))
        #expect(
            thrown?.description
                == "VERSION:2:1: error: a plain version file must hold only the version, found more text here; "
                + "move that text elsewhere or use a regex updater for this file"
        )
    }

    // MARK: - pyproject.toml

    @Test(
        "pyproject versions change only in [project] and [tool.poetry]",
        arguments: [
            ("[project]\nversion=\"1.0.0\"\n", "[project]\nversion=\"2.0.0\"\n"),
            ("[tool.poetry]\nversion = '1.0.0'  # x\n", "[tool.poetry]\nversion = '2.0.0'  # x\n"),
            ("[ tool . \"poetry\" ]\r\nversion = \"1.0.0\"", "[ tool . \"poetry\" ]\r\nversion = \"2.0.0\""),
            (
                "project.version = \"1.0.0\"\n[tool.other]\nversion = \"1.0.0\"\n",
                "project.version = \"2.0.0\"\n[tool.other]\nversion = \"1.0.0\"\n"
            ),
            (
                "[project]\ndescription = '''\nversion = \"0\"'''\nversion = \"1.0.0\"\n",
                "[project]\ndescription = '''\nversion = \"0\"'''\nversion = \"2.0.0\"\n"
            ),
            (
                "[project]\ncreated = 1979-05-27 07:32:00Z\nversion = \"1.0.0\"\n",
                "[project]\ncreated = 1979-05-27 07:32:00Z\nversion = \"2.0.0\"\n"
            ),
        ]
    )
    func pyproject(input: String, expected: String) throws {
        let updater = PyprojectVersionUpdater()
        #expect(try updater.writeVersion("2.0.0", to: input, path: "pyproject.toml") == expected)
        #expect(try updater.readVersion(from: expected, path: "pyproject.toml") == "2.0.0")
    }

    private static func toml(_ path: String, _ position: (Int, Int), _ reason: String) -> VersionFileError {
        .invalidSyntax(
            path: path,
            format: "TOML",
            position: SourcePosition(line: position.0, column: position.1),
            reason: reason
        )
    }

    static let tomlErrors: [ErrorCase] = [
        ErrorCase(
            name: "dynamic version over several lines",
            text: "[project]\nname = \"x\"\ndynamic = [\n  \"readme\",\n  \"version\",\n]\n",
            updater: PyprojectVersionUpdater(),
            expected: .dynamicVersion(path: "pyproject.toml", position: SourcePosition(line: 3, column: 1))
        ),
        ErrorCase(
            name: "version is a number",
            text: "[project]\nversion = 1\n",
            updater: PyprojectVersionUpdater(),
            expected: .versionNotString(
                path: "pyproject.toml",
                position: SourcePosition(line: 2, column: 11),
                key: "[project] version",
                found: "a number, boolean or date"
            )
        ),
        ErrorCase(
            name: "version is a multi-line string",
            text: "[tool.poetry]\nversion = \"\"\"1.0.0\"\"\"\n",
            updater: PyprojectVersionUpdater(),
            expected: .versionNotString(
                path: "pyproject.toml",
                position: SourcePosition(line: 2, column: 11),
                key: "[tool.poetry] version",
                found: "a multi-line string"
            )
        ),
        ErrorCase(
            name: "no version in the two tables",
            text: "[project]\nname = \"x\"\n[tool.hatch]\nversion = \"1.0.0\"\n",
            updater: PyprojectVersionUpdater(),
            expected: .versionNotFound(
                path: "pyproject.toml",
                expected: "`version = \"…\"` under [project] or [tool.poetry]"
            )
        ),
        ErrorCase(
            name: "unclosed table header",
            text: "[project\nversion = \"1\"\n",
            updater: PyprojectVersionUpdater(),
            expected: toml("pyproject.toml", (1, 9), "expected ']' to close the table header, found a line break")
        ),
        ErrorCase(
            name: "unterminated string",
            text: "[project]\nversion = \"1.0\n",
            updater: PyprojectVersionUpdater(),
            expected: toml("pyproject.toml", (2, 15), "unterminated string; add the closing '\"' on the same line")
        ),
        ErrorCase(
            name: "unterminated multi-line string",
            text: "[project]\ndescription = \"\"\"\nversion = \"1\"\n",
            updater: PyprojectVersionUpdater(),
            expected: toml("pyproject.toml", (2, 15), "unterminated multi-line string; add the closing delimiter")
        ),
        ErrorCase(
            name: "missing equals sign",
            text: "[project]\nversion \"1.0.0\"\n",
            updater: PyprojectVersionUpdater(),
            expected: toml("pyproject.toml", (2, 9), "expected '=' after the key, found '\"'")
        ),
        ErrorCase(
            name: "workspace-inherited version (dotted key)",
            text: "[package]\nname = \"member\"\nversion.workspace = true\n",
            updater: CargoVersionUpdater(),
            expected: .workspaceVersion(path: "pyproject.toml", position: SourcePosition(line: 3, column: 1))
        ),
        ErrorCase(
            name: "workspace-inherited version (inline table)",
            text: "[package]\r\nversion = { workspace = true }\r\n",
            updater: CargoVersionUpdater(),
            expected: .workspaceVersion(path: "pyproject.toml", position: SourcePosition(line: 2, column: 1))
        ),
        ErrorCase(
            name: "crate without a package version",
            text: "[package]\nname = \"m\"\n\n[dependencies]\nversion = \"1\"\n",
            updater: CargoVersionUpdater(),
            expected: .versionNotFound(
                path: "pyproject.toml",
                expected: "`version = \"…\"` under [package] (or [workspace.package] in a workspace root)"
            )
        ),
    ]

    @Test("TOML problems are typed, located errors", arguments: tomlErrors)
    func tomlError(_ testCase: ErrorCase) {
        let thrown = error { () throws(VersionFileError) in
            try testCase.updater.writeVersion("2.0.0", to: testCase.text, path: "pyproject.toml")
        }
        #expect(thrown == testCase.expected)
    }

    @Test("dynamic and workspace versions explain where the version lives")
    func dynamicAndWorkspaceMessages() {
        #expect(
            VersionFileError.dynamicVersion(path: "pyproject.toml", position: SourcePosition(line: 3, column: 1))
                .description
                == "pyproject.toml:3:1: error: [project] lists \"version\" in `dynamic`, so there is no static version "
                + "to update; bump the file your build backend reads the version from (list it in `bumpFiles`), "
                + "or remove pyproject.toml from `bumpFiles`"
        )
        #expect(
            VersionFileError.workspaceVersion(path: "a/Cargo.toml", position: SourcePosition(line: 3, column: 1))
                .description
                == "a/Cargo.toml:3:1: error: the package inherits its version from the workspace "
                + "(`version.workspace = true`); bump the workspace root Cargo.toml, whose [workspace.package] "
                + "holds the version, and remove this file from `bumpFiles`"
        )
    }

    @Test("a crate without a version reads as none; a dynamic pyproject cannot be read either")
    func tomlReadsWithoutVersion() {
        #expect(
            (try? CargoVersionUpdater().readVersion(from: "[package]\nname = \"m\"\n", path: "Cargo.toml"))
                == .some(nil)
        )
        let thrown = error { () throws(VersionFileError) in
            try PyprojectVersionUpdater().readVersion(from: "[project]\ndynamic = [\"version\"]\n", path: "p.toml")
        }
        #expect(thrown == .dynamicVersion(path: "p.toml", position: SourcePosition(line: 2, column: 1)))
    }

    // MARK: - Chart.yaml

    @Test(
        "Chart.yaml keeps the scalar style and trailing comment",
        arguments: [
            ("version: 1.0.0 # chart\r\n", "version: 2.0.0 # chart\r\n"),
            ("version: '1.0.0'", "version: '2.0.0'"),
            (
                "apiVersion: v2\nversion:\t\"1.0.0\"\nkubeVersion: \">=1.22\"\n",
                "apiVersion: v2\nversion:\t\"2.0.0\"\nkubeVersion: \">=1.22\"\n"
            ),
            ("version : 1.0.0#not-a-comment\n", "version : 2.0.0\n"),
        ]
    )
    func chart(input: String, expected: String) throws {
        let updater = HelmChartVersionUpdater()
        #expect(try updater.writeVersion("2.0.0", to: input, path: "Chart.yaml") == expected)
        #expect(try updater.readVersion(from: expected, path: "Chart.yaml") == "2.0.0")
    }

    static let chartErrors: [ErrorCase] = [
        ErrorCase(
            name: "empty version",
            text: "name: web\nversion:   # TODO\n",
            updater: HelmChartVersionUpdater(),
            expected: .versionNotString(
                path: "Chart.yaml",
                position: SourcePosition(line: 2, column: 12),
                key: "`version:`",
                found: "an empty value"
            )
        ),
        ErrorCase(
            name: "block scalar",
            text: "version: |\n  1.0.0\n",
            updater: HelmChartVersionUpdater(),
            expected: .versionNotString(
                path: "Chart.yaml",
                position: SourcePosition(line: 1, column: 10),
                key: "`version:`",
                found: "a block scalar"
            )
        ),
        ErrorCase(
            name: "unclosed quote",
            text: "version: \"1.0.0\n",
            updater: HelmChartVersionUpdater(),
            expected: .invalidSyntax(
                path: "Chart.yaml",
                format: "YAML",
                position: SourcePosition(line: 1, column: 10),
                reason: "the quoted value of 'version' is not closed on its line; add the closing quote"
            )
        ),
        ErrorCase(
            name: "duplicate key",
            text: "version: 1.0.0\nname: web\nversion: 1.0.1\n",
            updater: HelmChartVersionUpdater(),
            expected: .invalidSyntax(
                path: "Chart.yaml",
                format: "YAML",
                position: SourcePosition(line: 3, column: 1),
                reason: "duplicate top-level key 'version' (first at 1:1); keep only one"
            )
        ),
        ErrorCase(
            name: "only nested and look-alike keys",
            text: "apiVersion: v2\nappVersion: 1.0.0\ndependencies:\n  - version: 1.0.0\nversion:1.0.0\n",
            updater: HelmChartVersionUpdater(),
            expected: .versionNotFound(path: "Chart.yaml", expected: "a top-level `version:` key")
        ),
    ]

    @Test("Chart.yaml problems are typed, located errors", arguments: chartErrors)
    func chartError(_ testCase: ErrorCase) {
        let thrown = error { () throws(VersionFileError) in
            try testCase.updater.writeVersion("2.0.0", to: testCase.text, path: "Chart.yaml")
        }
        #expect(thrown == testCase.expected)
    }

    // MARK: - Regex

    @Test("a regex updater replaces only the first match's version group")
    func regexFirstMatch() throws {
        let updater = try RegexVersionUpdater(pattern: #"badge/version-([0-9A-Za-z.+-]+?)-blue"#)
        let input = "![v](badge/version-1.2.3-blue)\r\n![old](badge/version-1.2.3-blue)\r\n"
        #expect(try updater.readVersion(from: input, path: "README.md") == "1.2.3")
        #expect(
            try updater.writeVersion("1.3.0", to: input, path: "README.md")
                == "![v](badge/version-1.3.0-blue)\r\n![old](badge/version-1.2.3-blue)\r\n"
        )
    }

    @Test("a group named version wins when the pattern has several groups")
    func regexNamedGroup() throws {
        let updater = try RegexVersionUpdater(pattern: #"(app|lib)VersionName\s*=\s*"(?<version>[^"]+)""#)
        let input = "android {\n  appVersionName = \"1.0.0\" // café\n}\n"
        #expect(try updater.readVersion(from: input, path: "build.gradle") == "1.0.0")
        #expect(
            try updater.writeVersion("1.1.0", to: input, path: "build.gradle")
                == "android {\n  appVersionName = \"1.1.0\" // café\n}\n"
        )
    }

    @Test("a pattern without one version group, or that does not compile, is rejected up front")
    func regexInvalidPatterns() {
        #expect(
            error { () throws(VersionFileError) in try RegexVersionUpdater(pattern: #"version: \d+"#) }
                == .invalidPattern(
                    pattern: #"version: \d+"#,
                    reason: "it needs exactly one capture group around the version, such as `version: (\\S+)`, "
                        + "or a group named `version`"
                )
        )
        #expect(error { () throws(VersionFileError) in try RegexVersionUpdater(pattern: "(a)(b)") } != nil)
        let broken = error { () throws(VersionFileError) in try RegexVersionUpdater(pattern: "version: (") }
        guard case .invalidPattern(let pattern, _) = broken else {
            Issue.record("expected invalidPattern, got \(String(describing: broken))")
            return
        }
        #expect(pattern == "version: (")
    }

    @Test("a pattern that matches nothing is an error that names it")
    func regexNoMatch() throws {
        let updater = try RegexVersionUpdater(pattern: #"v(\d+\.\d+\.\d+)"#)
        let thrown = error { () throws(VersionFileError) in
            try updater.writeVersion("1.0.0", to: "no version here", path: "README.md")
        }
        #expect(thrown == .noMatch(path: "README.md", pattern: #"v(\d+\.\d+\.\d+)"#))
        #expect(
            thrown?.description
                == #"README.md:1:1: error: the version pattern /v(\d+\.\d+\.\d+)/ matches nothing in this file; "#
                + "check the pattern against the file's text"
        )
    }

    // MARK: - New version

    @Test(
        "a version that could corrupt the file is refused by every updater",
        arguments: ["", "1.0.0\"", "1.0 .0", "1.0.0\n", "1.0.0'", "1.0.0\\", "1.0.0#x"]
    )
    func unsafeVersions(version: String) throws {
        let updaters: [(any VersionFileUpdater, String)] = [
            (JSONVersionUpdater(), #"{"version": "1.0.0"}"#),
            (PlainTextVersionUpdater(), "1.0.0\n"),
            (PyprojectVersionUpdater(), "[project]\nversion = \"1.0.0\"\n"),
            (CargoVersionUpdater(), "[package]\nversion = \"1.0.0\"\n"),
            (HelmChartVersionUpdater(), "version: 1.0.0\n"),
            (try RegexVersionUpdater(pattern: "v=(.+)"), "v=1.0.0"),
        ]
        for (updater, text) in updaters {
            let thrown = error { () throws(VersionFileError) in try updater.writeVersion(version, to: text, path: "f") }
            #expect(thrown == .invalidVersion(path: "f", version: version))
        }
    }
}
