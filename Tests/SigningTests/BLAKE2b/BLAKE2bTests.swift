import Signing
import Testing

@Suite struct BLAKE2bTests {
    /// Bytes `(i * 7 + 3) % 251`: the generated inputs the `b2sum` answers below were computed over.
    static func generated(_ count: Int) -> [UInt8] { (0..<count).map { UInt8(($0 * 7 + 3) % 251) } }

    static func hex(_ bytes: [UInt8]) -> String { Checksums.hex(bytes) }

    @Test("RFC 7693 appendix A: BLAKE2b-512(\"abc\")")
    func rfcAbc() {
        #expect(
            Self.hex(BLAKE2b.hash(Array("abc".utf8)))
                == "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                + "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"
        )
    }

    @Test("BLAKE2b-256(\"abc\") and of the empty input")
    func shortDigestsAndEmpty() {
        #expect(
            Self.hex(BLAKE2b.hash(Array("abc".utf8), outputByteCount: 32))
                == "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319"
        )
        #expect(
            Self.hex(BLAKE2b.hash([UInt8]()))
                == "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419"
                + "d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce"
        )
    }

    /// `b2sum` and `b2sum -l 256` over generated inputs around the block boundary.
    @Test(
        "known answers from b2sum around block boundaries",
        arguments: [
            (
                1, "4fe4da61bcc756071b226843361d74944c72245d23e8245ea678c13fdcd7fe2a",
                "e88bd757ad5b9bedf372d8d3f0cf6c962a469db61a265f6418e1ffed86da29ec"
            ),
            (
                127, "965b0d67d74567a8e84273ff74730f14645dfb11cf263d0e20cbcb5fa3fadb5e",
                "7eb3d4fe699cedc52282a1c091627822fe7790ef178af8269c0261d367931246"
            ),
            (
                128, "a4d40e9fac2f4491cc7c048202589a43de09be6e0a9e16efe8765eb2fe2c9395",
                "6afdad1409d770bce274b62a69123c97c86ffb40ce9708f3ff9ae4cbba8ba080"
            ),
            (
                129, "0263b9cb461cd36c77452119f6920ce4a95a9c47f48f241377dc33d09732464c",
                "69e98b10112e4b7ae396bfbddaee75cc5fe6a9dc1fffc2b11e7c0fc48de04ae5"
            ),
            (
                256, "5eb68fbd373e852c1f4aaf96953c480367c87135e721deb5db341bbbc497cfae",
                "fabff1fa6173588d4cecdeade31b3237760d62664249e44f621deba4b94367ad"
            ),
            (
                1000, "4f7c042aaed7f13a9c87a6ad31816ecdd9a19bf5568d552cc9753fa5e68ed992",
                "655483217562ae552fae4c276411ebd441ae1615754212965b82aee8aa76e9d8"
            ),
            (
                65539, "9adbceb5c698f9c82644b799a99058858d1e6480b24dd6a4c0a4237fa57c1ec2",
                "10be186cc943fe03457177dda0db4c54e2df33f16732e69df7a59d1d039ae2f3"
            ),
        ]
    )
    func knownAnswers(count: Int, prefix512: String, digest256: String) {
        let input = Self.generated(count)
        #expect(Self.hex(BLAKE2b.hash(input)).hasPrefix(prefix512))
        #expect(Self.hex(BLAKE2b.hash(input, outputByteCount: 32)) == digest256)
    }

    @Test("streaming in uneven pieces gives the one-shot digest")
    func streamingMatchesOneShot() {
        let input = Self.generated(5000)
        let expected = BLAKE2b.hash(input)
        for pieceSize in [1, 7, 127, 128, 129, 1000, 4999] {
            var hasher = BLAKE2b()
            var start = 0
            while start < input.count {
                let end = min(input.count, start + pieceSize)
                hasher.update(input[start..<end])
                start = end
            }
            #expect(hasher.finalize() == expected, "pieces of \(pieceSize)")
        }
    }

    @Test("agrees with the installed b2sum on a generated file", .enabled(if: B2Sum.isAvailable, "b2sum not installed"))
    func agreesWithB2sum() throws {
        let directory = try TemporaryDirectory()
        let input = Self.generated(300_001)
        let path = directory.path + "/input.bin"
        try directory.write(input, to: "input.bin")
        let output = try Tool.run("/usr/bin/b2sum", [path]).output
        #expect(output.hasPrefix(Self.hex(BLAKE2b.hash(input)) + "  "))
    }
}

enum B2Sum {
    static var isAvailable: Bool { Tool.exists("/usr/bin/b2sum") }
}
