import SlipwayCore
import SlipwayTestSupport
import SupplyChain
import Testing

/// Reads a corpus lockfile; companions are the corpus files with the same `owner__repo__` prefix.
func readCorpusLockfile(
    _ reader: some LockfileReader,
    _ relativePath: String,
    lockfileName: String
) throws -> [Component] {
    let path = Corpus.sharedRoot + "/corpus/lockfiles/" + relativePath
    let text = try LocalFileSystem().readText(at: path)
    let prefix = String(path.dropLast(lockfileName.count))
    return try reader.read(text, path: relativePath) { name in
        try? LocalFileSystem().readText(at: prefix + name.replacing("/", with: "__"))
    }
}

/// A test's sibling files, for `companion`.
func companions(_ files: [String: String]) -> @Sendable (String) -> String? {
    { files[$0] }
}

@Suite struct RequirementsReaderTests {
    let sha = { (digit: Character) in "sha256:" + String(repeating: digit, count: 64) }

    @Test("reads pins with extras, markers, continued hashes and includes; skips ranges, URLs and options")
    func readsPins() throws {
        let text = """
            # comment
            Requests[security]==2.31.0 ; python_version >= "3.8" \\
                --hash=\(sha("A")) \\
                --hash=\(sha("b"))
                # via -r requirements.in
            urllib3 == 2.1.0 --hash=\(sha("c"))  # via requests
            flask>=2.0
            -e git+https://github.com/example/y.git#egg=y
            https://example.com/pkg.tar.gz
            django @ https://example.com/django.zip
            -r sub/base.txt
            --index-url https://pypi.org/simple
            pinned-range==1.0.*

            """
        let files = companions(["sub/base.txt": "six==1.16.0\n-r ../requirements.txt\n-r base.txt\n"])
        let components = try RequirementsReader().read(text, path: "requirements.txt", companion: files)
        #expect(
            components.map(\.purl) == ["pkg:pypi/requests@2.31.0", "pkg:pypi/six@1.16.0", "pkg:pypi/urllib3@2.1.0"]
        )
        let requests = try #require(components.first)
        #expect(requests.name == "Requests")
        #expect(
            requests.hashes == [
                ComponentHash(algorithm: "SHA-256", hex: String(repeating: "a", count: 64)),
                ComponentHash(algorithm: "SHA-256", hex: String(repeating: "b", count: 64)),
            ]
        )
        #expect(requests.isDirect == true)
        #expect(requests.location == SourceLocation(path: "requirements.txt", line: 2, column: 1))
        #expect(components[1].location == SourceLocation(path: "sub/base.txt", line: 1, column: 1))
        #expect(components[2].isDirect == false)
        #expect(components[2].hashes.count == 1)
        #expect(components[2].location?.line == 6)
        #expect(components.allSatisfy { $0.ecosystem == .pypi && $0.scope == nil && $0.dependencies.isEmpty })
    }

    /// Pins in every shape the reader takes apart; `MARK` is replaced by a marker value, ASCII or not.
    static let shapes = """
        # comment\r
        Alpha==1.0 ; extra == "MARK" \\
            --hash=sha256:\(String(repeating: "A", count: 64)) \\
            --hash SHA256:\(String(repeating: "b", count: 64))\r
            # via -r requirements.in
        beta[x,y] === 2.0b1 ; python_version >= "3" and extra == "MARK" --hash=md5:\(String(repeating: "c", count: 32))
        gamma (==3.0) ; extra == "MARK"
        delta==4.0 ; extra == "MARK" --hash=sha1:\(String(repeating: "d", count: 40)) --global-option=x --hash=zz:1
            # via
            #   alpha
        epsilon>=5 ; extra == "MARK"
        zeta==6.0#not-a-comment ; extra == "MARK" \\
        eta==7.0 ; extra == "MARK" --hash=sha256:\(String(repeating: "e", count: 64)) --hash=sha256:\(String(repeating: "E", count: 64))
          \\
        theta==8 ; extra == "MARK" \\
        """

    @Test("ASCII text read on its bytes gives what the Character path gives for the same pins")
    func asciiAndCharacterPathsAgree() throws {
        let reader = RequirementsReader()
        let ascii = Self.shapes.replacing("MARK", with: "e")
        let unicode = Self.shapes.replacing("MARK", with: "é")
        let fromBytes = try reader.read(ascii, path: "requirements.txt") { _ in nil }
        // A non-ASCII marker sends every line through the `Character` code; a non-ASCII comment, the whole file.
        let fromCharacters = try reader.read(unicode, path: "requirements.txt") { _ in nil }
        let wholeFile = try reader.read(ascii + "\n# café\n", path: "requirements.txt") { _ in nil }
        #expect(fromBytes.count == 6)
        #expect(fromBytes == fromCharacters)
        #expect(fromBytes == wholeFile)
        let alpha = try #require(fromBytes.first { $0.name == "Alpha" })
        #expect(alpha.hashes.map(\.hex) == [String(repeating: "a", count: 64), String(repeating: "b", count: 64)])
        #expect(alpha.isDirect == true)
        // `eta` is continued onto `zeta`'s line: its two hashes (one digest in two cases) become zeta's one.
        let zeta = try #require(fromBytes.first { $0.name == "zeta" })
        #expect(zeta.version == "6.0#not-a-comment")
        #expect(zeta.hashes.count == 1)
        #expect(fromBytes.contains { $0.name == "theta" })
        for text in ["name==1.0 --hash\n", "name==1.0 --hash=sha256:xyz\n", "name==1.0 --hash=sha256:\n"] {
            for variant in [text, text.replacing("\n", with: " ; extra == \"é\"\n")] {
                #expect(throws: LockfileError.self) { try reader.read(variant, path: "requirements.txt") { _ in nil } }
            }
        }
    }

    @Test("handles requirement files by name")
    func handlesNames() {
        let reader = RequirementsReader()
        #expect(reader.handles(path: "requirements.txt"))
        #expect(reader.handles(path: "a/requirements-dev.txt"))
        #expect(reader.handles(path: "dev-requirements.txt"))
        #expect(reader.handles(path: "requirements/runtime.txt"))
        #expect(!reader.handles(path: "notes.txt"))
        #expect(!reader.handles(path: "requirements.in"))
    }

    @Test(
        "malformed requirement lines give located errors",
        arguments: [
            ("ok==1.0\n==1.0\n", 2),
            ("ok==1.0\n\nname==\n", 3),
            ("name==1.0 --hash=sha256\n", 1),
            ("name[extra==1.0\n", 1),
            ("-r missing.txt\n", 1),
        ]
    )
    func malformedLines(text: String, line: Int) {
        #expect {
            try RequirementsReader().read(text, path: "requirements.txt") { _ in nil }
        } throws: { error in
            (error as? LockfileError)?.location.line == line
        }
    }
}

@Suite struct PoetryLockReaderTests {
    @Test("reads lock-version 2 packages with groups, optional, files and the dependency graph")
    func readsVersion2() throws {
        let text = """
            [[package]]
            name = "Jinja2"
            version = "3.1.4"
            optional = false
            groups = ["main"]
            files = [
                {file = "jinja2-3.1.4-py3-none-any.whl", hash = "sha256:AA11"},
                {file = "jinja2-3.1.4.tar.gz", hash = "sha256:bb22"},
                {file = "jinja2-3.1.4.tar.gz", hash = "sha256:bb22"},
            ]

            [package.dependencies]
            MarkupSafe = ">=2.0"

            [package.extras]
            i18n = ["Babel (>=2.7)"]

            [[package]]
            name = "markupsafe"
            version = "2.1.5"
            optional = false
            groups = ["main", "dev"]
            files = []

            [[package]]
            name = "pytest"
            version = "8.0.0"
            optional = false
            groups = ["dev"]
            files = []

            [package.dependencies]
            colorama = {version = "*", markers = "sys_platform == \\"win32\\""}

            [[package]]
            name = "colorama"
            version = "0.4.6"
            optional = true
            groups = ["dev"]
            files = []

            [metadata]
            lock-version = "2.1"
            python-versions = ">=3.9"
            content-hash = "abc"

            """
        let pyproject = """
            [tool.poetry.dependencies]
            python = "^3.9"
            jinja2 = "^3.1"

            [tool.poetry.group.dev.dependencies]
            pytest = "^8"
            """
        let components = try PoetryLockReader().read(
            text,
            path: "poetry.lock",
            companion: companions(["pyproject.toml": pyproject])
        )
        #expect(
            components.map(\.purl) == [
                "pkg:pypi/colorama@0.4.6", "pkg:pypi/jinja2@3.1.4", "pkg:pypi/markupsafe@2.1.5",
                "pkg:pypi/pytest@8.0.0",
            ]
        )
        #expect(components.map(\.scope) == [.optional, .runtime, .runtime, .development])
        #expect(components.map(\.isDirect) == [false, true, false, true])
        #expect(components.map { $0.location?.line } == [35, 1, 18, 25])
        let jinja = components[1]
        #expect(jinja.hashes.map(\.hex) == ["aa11", "bb22"])
        #expect(jinja.dependencies == ["pkg:pypi/markupsafe@2.1.5"])
        #expect(components[3].dependencies == ["pkg:pypi/colorama@0.4.6"])
    }

    @Test("reads lock-version 1 categories and [metadata.files] hashes; direct is unknown without pyproject.toml")
    func readsVersion1() throws {
        let text = """
            [[package]]
            category = "dev"
            description = "x"
            name = "six"
            optional = false
            version = "1.16.0"

            [metadata]
            content-hash = "abc"
            lock-version = "1.1"
            python-versions = "^3.8"

            [metadata.files]
            six = [
                {file = "six-1.16.0.tar.gz", hash = "sha256:1e61"},
            ]
            """
        let components = try PoetryLockReader().read(text, path: "poetry.lock") { _ in nil }
        #expect(
            components == [
                Component(
                    ecosystem: .pypi,
                    name: "six",
                    version: "1.16.0",
                    scope: .development,
                    hashes: [ComponentHash(algorithm: "SHA-256", hex: "1e61")],
                    location: SourceLocation(path: "poetry.lock", line: 1, column: 1)
                )
            ]
        )
    }

    @Test(
        "malformed poetry.lock files give located errors",
        arguments: [
            ("[[package]]\nname = \"a\"\nversion = \"1.0\n", 3, "invalid"),
            ("[[package]]\nname = \"a\"\nversion = 3\n[metadata]\nlock-version = \"2.0\"\n", 3, "shape"),
            ("[[package]]\nname = \"a\"\nversion = \"1\"\n[metadata]\nlock-version = \"3.0\"\n", 5, "version"),
            ("[[package]]\nname = \"a\"\n[metadata]\nlock-version = \"2.0\"\n", 1, "shape"),
            ("[metadata]\nlock-version = \"2.0\"\n[metadata]\n", 3, "invalid"),
        ]
    )
    func malformed(text: String, line: Int, kind: String) {
        #expect {
            try PoetryLockReader().read(text, path: "poetry.lock") { _ in nil }
        } throws: { error in
            guard let error = error as? LockfileError, error.location.line == line else { return false }
            switch (error, kind) {
            case (.invalidSyntax, "invalid"), (.unexpectedShape, "shape"), (.unsupportedVersion, "version"): return true
            default: return false
            }
        }
    }
}

@Suite struct PipfileLockReaderTests {
    @Test("reads default as runtime and develop as development, with hashes and Pipfile direct packages")
    func readsSections() throws {
        let text = """
            {
                "_meta": {"pipfile-spec": 6, "hash": {"sha256": "x"}},
                "default": {
                    "requests": {
                        "hashes": ["sha256:AB12", "sha256:cd34"],
                        "markers": "python_version >= '3.8'",
                        "version": "==2.31.0"
                    },
                    "idna": {"hashes": [], "version": "==3.6"},
                    "local": {"editable": true, "file": "."}
                },
                "develop": {
                    "pytest": {"hashes": ["sha256:ef56"], "version": "==8.0.0"},
                    "idna": {"hashes": [], "version": "==3.6"}
                }
            }
            """
        let pipfile = "[packages]\nrequests = \"*\"\n\n[dev-packages]\npytest = \"*\"\n"
        let components = try PipfileLockReader().read(
            text,
            path: "Pipfile.lock",
            companion: companions(["Pipfile": pipfile])
        )
        #expect(components.map(\.purl) == ["pkg:pypi/idna@3.6", "pkg:pypi/pytest@8.0.0", "pkg:pypi/requests@2.31.0"])
        #expect(components.map(\.scope) == [.runtime, .development, .runtime])
        #expect(components.map(\.isDirect) == [false, true, true])
        #expect(components.map { $0.location?.line } == [9, 13, 4])
        #expect(components[2].hashes.map(\.hex) == ["ab12", "cd34"])
    }

    @Test(
        "malformed Pipfile.lock files give located errors",
        arguments: [
            ("{\"_meta\": {\"pipfile-spec\": 6},\n\"default\": {\n", 3),
            ("{\"_meta\": {\"pipfile-spec\": 6},\n\"default\": {\"a\": {\"version\": 1}}}", 2),
            ("{\"_meta\": {\"pipfile-spec\": 6},\n\"default\": {\"a\": {\"version\": \">=1\"}}}", 2),
            ("{\"_meta\":\n {\"pipfile-spec\": 99}}", 2),
            ("{\"_meta\": {\"pipfile-spec\": 6},\n\"default\": []}", 2),
        ]
    )
    func malformed(text: String, line: Int) {
        #expect {
            try PipfileLockReader().read(text, path: "Pipfile.lock") { _ in nil }
        } throws: { error in
            (error as? LockfileError)?.location.line == line
        }
    }
}

@Suite struct UVLockReaderTests {
    @Test("the editable project is the root; scopes and directness follow its dependency groups and extras")
    func readsProject() throws {
        let text = """
            version = 1
            revision = 3
            requires-python = ">=3.12"

            [[package]]
            name = "app"
            version = "0.1.0"
            source = { editable = "." }
            dependencies = [
                { name = "httpx", extra = ["http2"] },
            ]

            [package.optional-dependencies]
            cli = [{ name = "click" }]

            [package.dev-dependencies]
            dev = [
                { name = "pytest" },
            ]

            [[package]]
            name = "httpx"
            version = "0.27.0"
            source = { registry = "https://pypi.org/simple" }
            sdist = { url = "https://x/httpx.tar.gz", hash = "sha256:AA", size = 1 }
            wheels = [
                { url = "https://x/httpx.whl", hash = "sha256:bb", size = 1 },
            ]

            [package.optional-dependencies]
            http2 = [{ name = "h2" }]

            [[package]]
            name = "h2"
            version = "4.1.0"
            source = { registry = "https://pypi.org/simple" }

            [[package]]
            name = "click"
            version = "8.1.7"
            source = { registry = "https://pypi.org/simple" }

            [[package]]
            name = "pytest"
            version = "8.0.0"
            source = { registry = "https://pypi.org/simple" }
            dependencies = [{ name = "click" }]
            """
        let components = try UVLockReader().read(text, path: "uv.lock") { _ in nil }
        #expect(
            components.map(\.purl) == [
                "pkg:pypi/click@8.1.7", "pkg:pypi/h2@4.1.0", "pkg:pypi/httpx@0.27.0", "pkg:pypi/pytest@8.0.0",
            ]
        )
        #expect(components.map(\.scope) == [.optional, .runtime, .runtime, .development])
        #expect(components.map(\.isDirect) == [true, false, true, true])
        #expect(components.map { $0.location?.line } == [38, 33, 21, 43])
        #expect(components[2].hashes.map(\.hex) == ["aa", "bb"])
        #expect(components[3].dependencies == ["pkg:pypi/click@8.1.7"])
    }

    @Test(
        "malformed uv.lock files give located errors",
        arguments: [
            ("version = 2\n", 1),
            ("version = 1\n[[package]]\nname = \"a\"\nversion = \"1\"\ndependencies = [{ name = \"b\" }]\n", 5),
            ("version = 1\n[[package]]\nname = \"a\"\nversion = \"1\"\nsdist = [\n", 6),
            ("version = 1\n[[package]]\nname = 1\n", 3),
        ]
    )
    func malformed(text: String, line: Int) {
        #expect {
            try UVLockReader().read(text, path: "uv.lock") { _ in nil }
        } throws: { error in
            (error as? LockfileError)?.location.line == line
        }
    }
}

@Suite(.enabled(if: Corpus.isAvailable, "shared corpus not present"))
struct PythonLockfileCorpusTests {
    /// A corpus file, the lockfile name it stands for, and the component count expected.
    struct Case: CustomTestStringConvertible, Sendable {
        var file: String
        var lockfileName: String
        var expected: Int
        var testDescription: String { file }
    }

    @Test(
        "every Python lockfile of the corpus reads with the MANIFEST's component count",
        arguments: [
            Case(
                file: "pip/pypa__gh-action-pypi-publish__requirements__runtime-prerequisites.txt",
                lockfileName: "runtime-prerequisites.txt",
                expected: 2
            ),
            Case(
                file: "pip/sigstore__sigstore-python__install__requirements.txt",
                lockfileName: "requirements.txt",
                expected: 37
            ),
            Case(
                file: "pip/slsa-framework__slsa-github-generator__requirements.txt",
                lockfileName: "requirements.txt",
                expected: 2
            ),
            Case(
                file: "pipenv/heroku__python-getting-started__Pipfile.lock",
                lockfileName: "Pipfile.lock",
                expected: 10
            ),
            Case(
                file: "pipenv/ossf__osv-schema__tools__ghsa__Pipfile.lock",
                lockfileName: "Pipfile.lock",
                expected: 59
            ),
            // MANIFEST counts 34 entries: 13 in `default` plus 21 in `develop`. 12 packages are in both at the same
            // version (one runtime component each) and the editable project `redhat-osv` (no version) is in both.
            Case(
                file: "pipenv/ossf__osv-schema__tools__redhat__Pipfile.lock",
                lockfileName: "Pipfile.lock",
                expected: 20
            ),
            Case(file: "pipenv/pypa__pipenv__examples__Pipfile.lock", lockfileName: "Pipfile.lock", expected: 8),
            Case(file: "poetry/python-poetry__poetry__poetry.lock", lockfileName: "poetry.lock", expected: 78),
            Case(
                file: "poetry/python-poetry__poetry__tests__fixtures__old_lock__poetry.lock",
                lockfileName: "poetry.lock",
                expected: 1
            ),
            Case(
                file: "poetry/python-poetry__poetry__tests__fixtures__up_to_date_lock__poetry.lock",
                lockfileName: "poetry.lock",
                expected: 9
            ),
            // MANIFEST counts every `[[package]]`; the editable project itself (`uv-project`, `commitizen`) is the root
            // of the graph, not a component.
            Case(
                file: "uv/astral-sh__setup-uv____tests____fixtures__uv-project__uv.lock",
                lockfileName: "uv.lock",
                expected: 1
            ),
            Case(file: "uv/commitizen-tools__commitizen__uv.lock", lockfileName: "uv.lock", expected: 110),
        ]
    )
    func corpusCounts(_ testCase: Case) throws {
        let reader: any LockfileReader =
            switch testCase.lockfileName {
            case "Pipfile.lock": PipfileLockReader()
            case "poetry.lock": PoetryLockReader()
            case "uv.lock": UVLockReader()
            default: RequirementsReader()
            }
        let components = try readCorpusLockfile(reader, testCase.file, lockfileName: testCase.lockfileName)
        #expect(components.count == testCase.expected)
        #expect(components.map(\.purl) == components.map(\.purl).sorted())
        #expect(components.allSatisfy { $0.location?.path == testCase.file && $0.purl.hasPrefix("pkg:pypi/") })
    }

    @Test("corpus known answers: pip-compile directness, poetry scopes and files, uv dev groups")
    func knownAnswers() throws {
        let sigstore = try readCorpusLockfile(
            RequirementsReader(),
            "pip/sigstore__sigstore-python__install__requirements.txt",
            lockfileName: "requirements.txt"
        )
        #expect(sigstore.filter { $0.isDirect == true }.map(\.purl) == ["pkg:pypi/sigstore@2.1.5"])
        #expect(sigstore.first { $0.name == "pydantic" }?.purl == "pkg:pypi/pydantic@2.5.2")

        let poetry = try readCorpusLockfile(
            PoetryLockReader(),
            "poetry/python-poetry__poetry__poetry.lock",
            lockfileName: "poetry.lock"
        )
        let anyio = try #require(poetry.first { $0.name == "anyio" })
        #expect(anyio.location?.line == 3)
        #expect(anyio.scope == .runtime)
        #expect(anyio.hashes.first?.hex == "08b310f9e24a9594186fd75b4f73f4a4152069e3853f1ed8bfbf58369f4ad708")
        #expect(anyio.dependencies.contains { $0.hasPrefix("pkg:pypi/idna@") })

        let commitizen = try readCorpusLockfile(
            UVLockReader(),
            "uv/commitizen-tools__commitizen__uv.lock",
            lockfileName: "uv.lock"
        )
        let pytest = try #require(commitizen.first { $0.name == "pytest" })
        #expect(pytest.purl == "pkg:pypi/pytest@9.0.3")
        #expect((pytest.scope, pytest.isDirect, pytest.location?.line) == (.development, true, 1387))
        let argcomplete = try #require(commitizen.first { $0.name == "argcomplete" })
        #expect((argcomplete.scope, argcomplete.isDirect, argcomplete.location?.line) == (.runtime, true, 10))
        #expect(commitizen.filter { $0.name == "ipython" }.count == 3)
        #expect(
            poetry.first { $0.name == "poetry-core" }?.purl
                == "pkg:pypi/poetry-core@2.4.1?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fpython-poetry%2Fpoetry-core.git"
                + "%40e3998b0e111dc03e4aa721fd054c48e5c7de6fc5"
        )
    }

    @Test("output does not depend on the order of packages in the file")
    func orderIndependent() throws {
        let path = Corpus.sharedRoot + "/corpus/lockfiles/uv/commitizen-tools__commitizen__uv.lock"
        let text = try LocalFileSystem().readText(at: path)
        let blocks = text.split(separator: "\n[[package]]\n", omittingEmptySubsequences: false)
        let reversed = ([blocks[0]] + blocks.dropFirst().reversed()).joined(separator: "\n[[package]]\n")
        let reader = UVLockReader()
        let original = try reader.read(text, path: "uv.lock") { _ in nil }
        var shuffled = try reader.read(reversed + "\n", path: "uv.lock") { _ in nil }
        for index in shuffled.indices { shuffled[index].location = original[index].location }
        #expect(shuffled == original)
    }

    @Test("every truncation of a corpus lockfile reads or fails with a located lockfile error, never crashes")
    func truncations() throws {
        let cases: [(file: String, reader: any LockfileReader)] = [
            ("pipenv/pypa__pipenv__examples__Pipfile.lock", PipfileLockReader()),
            ("poetry/python-poetry__poetry__tests__fixtures__up_to_date_lock__poetry.lock", PoetryLockReader()),
            ("uv/astral-sh__setup-uv____tests____fixtures__uv-project__uv.lock", UVLockReader()),
            ("pip/slsa-framework__slsa-github-generator__requirements.txt", RequirementsReader()),
        ]
        for (file, reader) in cases {
            let bytes = try LocalFileSystem().readFile(at: Corpus.sharedRoot + "/corpus/lockfiles/" + file)
            for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 150)) {
                let text = String(decoding: bytes.prefix(length), as: UTF8.self)
                do {
                    _ = try reader.read(text, path: file) { _ in nil }
                } catch {
                    #expect(error.location.path == file)
                    // Counted in bytes: a CRLF file's `\r\n` is one Character, so `split(separator: "\n")` misses it.
                    let lineCount = text.utf8.count { $0 == 0x0A } + 1
                    #expect((1...lineCount).contains(error.location.line), "\(file) at \(length) bytes: \(error)")
                }
            }
        }
    }
}
