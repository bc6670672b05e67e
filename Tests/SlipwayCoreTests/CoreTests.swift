import SlipwayCore
import Testing

@Suite struct CoreTests {
    @Test("YAML nodes keep 1-based lines and columns for keys and values")
    func yamlPositions() throws {
        let node = try YAMLLoader.load("a:\n  b: [1, 'two']\n", path: "x.yml")
        let b = try #require(node.mapping?["a"]?.mapping?.entry("b"))
        #expect(b.key.position == SourcePosition(line: 2, column: 3))
        #expect(b.value.sequence?.items[1].position == SourcePosition(line: 2, column: 10))
        #expect(b.value.sequence?.items[1].scalar?.style == .singleQuoted)
    }

    @Test("edit distance suggests near matches only")
    func didYouMean() {
        #expect(EditDistance.suggestion(for: "fail-onn", among: ["fail-on", "rules"]) == "fail-on")
        #expect(EditDistance.suggestion(for: "zzz", among: ["fail-on", "rules"]) == nil)
    }

    @Test("configuration precedence: unknown keys are located errors; versions are checked")
    func configurationErrors() throws {
        let root = try YAMLLoader.load("version: 9\n", path: "slipway.yml")
        #expect(throws: ConfigurationError.self) { try ConfigurationLoader.parse(root, path: "slipway.yml") }
        let ignore = try YAMLLoader.load(
            "audit:\n  ignore:\n    - rule: missing-sbom\n      reason: later\n      expires: 2027-02-30x\n",
            path: "slipway.yml"
        )
        do {
            _ = try ConfigurationLoader.parse(ignore, path: "slipway.yml")
            Issue.record("expected an invalid date")
        } catch {
            #expect(error.location == SourceLocation(path: "slipway.yml", line: 5, column: 16))
        }
    }

    @Test("dates from Unix time are UTC calendar days")
    func calendarDates() {
        #expect(CalendarDate(secondsSince1970: 0).description == "1970-01-01")
        #expect(CalendarDate(secondsSince1970: 1_795_000_000).description == "2026-11-18")
        #expect(CalendarDate("2027-01-01")! > CalendarDate("2026-12-31")!)
    }

    @Test("atomic writes replace files whole and keep no temporary files")
    func atomicWrite() throws {
        let fileSystem = LocalFileSystem()
        let directory = "/tmp/slipway-core-\(StableHash.hex("\(ContinuousClock.now)"))"
        #expect(mkdirResult(directory))
        try fileSystem.writeTextAtomically("one", to: directory + "/f.txt")
        try fileSystem.writeTextAtomically("two", to: directory + "/f.txt")
        #expect(try fileSystem.readText(at: directory + "/f.txt") == "two")
        #expect(try fileSystem.contentsOfDirectory(at: directory) == ["f.txt"])
    }

    @Test("reading a directory as a file says so, and what to pass instead")
    func directoryIsNotAFile() throws {
        let directory = "/tmp/slipway-core-dir-\(StableHash.hex("\(ContinuousClock.now)"))"
        #expect(mkdirResult(directory))
        defer { removeFlatDirectory(directory) }
        #expect {
            try LocalFileSystem().readFile(at: directory)
        } throws: { error in
            "\(error)" == "\(directory): error: cannot read (it is a directory); check that it is a file you may read"
        }
    }

    @Test("whole files are read exactly, at every size around the read sizes, and sizeless files too")
    func readsWholeFiles() throws {
        let fileSystem = LocalFileSystem()
        let directory = "/tmp/slipway-core-read-\(StableHash.hex("\(ContinuousClock.now)"))"
        #expect(mkdirResult(directory))
        defer { removeFlatDirectory(directory) }
        for size in [0, 1, 2, 4_095, 65_535, 65_536, 65_537, 200_003] {
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            try fileSystem.writeFileAtomically(bytes, to: directory + "/f\(size)")
            #expect(try fileSystem.readFile(at: directory + "/f\(size)") == bytes, "size \(size)")
        }
        // /proc files report a size of 0 but have content: the chunked path reads them.
        let status = String(decoding: try fileSystem.readFile(at: "/proc/self/status"), as: UTF8.self)
        #expect(status.hasPrefix("Name:"))
        #expect(throws: FileSystemError.notFound(path: directory + "/missing")) {
            try fileSystem.readFile(at: directory + "/missing")
        }
        #expect(throws: FileSystemError.self) { try fileSystem.readFile(at: directory) }
    }

    @Test("GitHub annotation properties are escaped")
    func annotationEscaping() {
        let line = GitHubAnnotations.command(
            level: "error",
            title: "a,b",
            location: SourceLocation(path: "x:y.yml", line: 1, column: 2),
            message: "50%\nnext"
        )
        #expect(line == "::error file=x%3Ay.yml,line=1,col=2,title=a%2Cb::50%25%0Anext")
    }

    @Test("NO_COLOR and non-terminals disable colour in auto mode")
    func colour() {
        #expect(ColorMode.auto.isEnabled(isTerminal: true, environment: [:]))
        #expect(!ColorMode.auto.isEnabled(isTerminal: true, environment: ["NO_COLOR": "1"]))
        #expect(!ColorMode.auto.isEnabled(isTerminal: false, environment: [:]))
        #expect(ColorMode.always.isEnabled(isTerminal: false, environment: ["NO_COLOR": "1"]))
    }

    private func removeFlatDirectory(_ path: String) {
        #if canImport(Glibc)
            for name in (try? LocalFileSystem().contentsOfDirectory(at: path)) ?? [] { Glibc.unlink(path + "/" + name) }
            Glibc.rmdir(path)
        #endif
    }

    private func mkdirResult(_ path: String) -> Bool {
        #if canImport(Glibc)
            return Glibc.mkdir(path, 0o755) == 0
        #else
            return false
        #endif
    }
}

#if canImport(Glibc)
    import Glibc
#endif
