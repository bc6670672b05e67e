import Foundation
import Signing
import SlipwayCore
import SlipwayTestSupport
import Testing

@Suite struct ChecksumsTests {
    static let abcSHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

    @Test("GNU and BSD lines, with coreutils' escaping for backslash, newline and carriage return")
    func lineFormats() {
        let plain = ChecksumEntry(algorithm: .sha256, hexDigest: Self.abcSHA256, name: "app 1.0.tar.gz")
        #expect(Checksums.line(for: plain, format: .gnu) == "\(Self.abcSHA256)  app 1.0.tar.gz\n")
        #expect(Checksums.line(for: plain, format: .tagged) == "SHA256 (app 1.0.tar.gz) = \(Self.abcSHA256)\n")
        let awkward = ChecksumEntry(algorithm: .sha256, hexDigest: Self.abcSHA256, name: "a\\b\nc\rd")
        #expect(Checksums.line(for: awkward, format: .gnu) == "\\\(Self.abcSHA256)  a\\\\b\\nc\\rd\n")
        #expect(Checksums.line(for: awkward, format: .tagged) == "\\SHA256 (a\\\\b\\nc\\rd) = \(Self.abcSHA256)\n")
    }

    @Test("parsing inverts writing for both forms, including awkward names and ') = ' inside a name")
    func parseRoundTrip() throws {
        let names = ["plain", "with space", "a\\b", "new\nline", "cr\rx", "odd) = name", "ünïcode"]
        for format in [ChecksumFormat.gnu, .tagged] {
            let entries = names.map {
                ChecksumEntry(algorithm: .sha512, hexDigest: String(repeating: "ab", count: 64), name: $0)
            }
            let text = entries.map { Checksums.line(for: $0, format: format) }.joined()
            let parsed = try Checksums.parse(text, path: "SUMS")
            #expect(parsed.map(\.name) == names)
            #expect(parsed.allSatisfy { $0.algorithm == .sha512 })
            #expect(parsed.map(\.line) == Array(1...names.count))
        }
    }

    @Test("binary-mode '*' markers and CRLF line ends are read as sha256sum reads them")
    func binaryMarker() throws {
        let parsed = try Checksums.parse("\(Self.abcSHA256) *file.bin\r\n", path: "SUMS")
        #expect(parsed == [ChecksumEntry(algorithm: .sha256, hexDigest: Self.abcSHA256, name: "file.bin", line: 1)])
    }

    @Test(
        "malformed lines are errors naming file:line",
        arguments: [
            ("\(abcSHA256)  ok\nnot a checksum line\n", 2),
            ("abc  short\n", 1),
            ("\(abcSHA256) one-space\n", 1),
            ("SHA256 (x) = 1234\n", 1),
            ("\\\(abcSHA256)  bad\\escape\n", 1),
        ]
    )
    func malformed(text: String, line: Int) {
        #expect {
            _ = try Checksums.parse(text, path: "SHA256SUMS")
        } throws: { error in
            guard case .malformedLine(let path, let reported, _) = error as? ChecksumError else { return false }
            return path == "SHA256SUMS" && reported == line && "\(error)".hasPrefix("SHA256SUMS:\(line): error:")
        }
    }

    @Test("verification reports each match, mismatch and missing file")
    func verification() throws {
        let directory = try TemporaryDirectory()
        try directory.write("abc", to: "good")
        try directory.write("abd", to: "bad")
        let entries = ["good", "bad", "missing"].map {
            ChecksumEntry(algorithm: .sha256, hexDigest: Self.abcSHA256, name: $0)
        }
        let results = Checksums.verify(entries, relativeTo: directory.path, fileSystem: LocalFileSystem())
        #expect(results[0].status == .ok)
        guard case .mismatch = results[1].status else {
            Issue.record("expected a mismatch, got \(results[1].status)")
            return
        }
        #expect(results[2].status == .unreadable(reason: "no such file"))
    }

    @Test("streamed digests match CryptoKit's one-shot ones across chunk boundaries")
    func streamedDigest() throws {
        let directory = try TemporaryDirectory()
        let bytes = (0..<2_500_000).map { UInt8(truncatingIfNeeded: $0 &* 13) }
        let path = try directory.write(bytes, to: "blob")
        let local = Checksums.hex(try Checksums.digest(fileAt: path, algorithm: .sha256, fileSystem: LocalFileSystem()))
        let memory = InMemoryFileSystem()
        try memory.writeFileAtomically(bytes, to: "/work/blob")
        let inMemory = Checksums.hex(try Checksums.digest(fileAt: "/work/blob", algorithm: .sha256, fileSystem: memory))
        #expect(local == inMemory)
        let sha256sum = try Tool.run("/usr/bin/sha256sum", [path])
        #expect(sha256sum.output.hasPrefix(local))
    }

    @Test(
        "sha256sum -c and sha512sum -c accept our files in both forms, with awkward names",
        .tags(.process),
        .enabled(if: Tool.exists("/usr/bin/sha256sum"), "coreutils sha256sum not installed")
    )
    func coreutilsAccepts() throws {
        let directory = try TemporaryDirectory()
        let names = ["plain.tar.gz", "with space", "back\\slash", "new\nline", "cr\rname", "paren) = x"]
        for (index, name) in names.enumerated() { try directory.write("content \(index)", to: name) }
        for algorithm in ChecksumAlgorithm.allCases {
            for format in [ChecksumFormat.gnu, .tagged] {
                var text = ""
                for name in names {
                    let digest = try Checksums.digest(
                        fileAt: directory.path + "/" + name,
                        algorithm: algorithm,
                        fileSystem: LocalFileSystem()
                    )
                    let entry = ChecksumEntry(algorithm: algorithm, hexDigest: Checksums.hex(digest), name: name)
                    text += Checksums.line(for: entry, format: format)
                }
                try directory.write(text, to: algorithm.sumsFileName)
                let result = try Tool.run(
                    "/usr/bin/\(algorithm.rawValue)sum",
                    ["--strict", "-c", algorithm.sumsFileName],
                    directory: directory.path
                )
                #expect(result.status == 0, "\(algorithm) \(format): \(result.output) \(result.errors)")
                #expect(result.output.components(separatedBy: ": OK").count == names.count + 1)
            }
        }
    }
}
