import Foundation
import Testing

@testable import Ledger

/// The ustar writer behind evidence bundles: exact headers, long names split into prefix and name, bad names refused.
@Suite struct TarArchiveTests {
    @Test("a member's header has the ustar fields, a valid checksum and 512-byte padding")
    func header() throws {
        var archive = TarArchive(modificationTime: 1_700_000_000)
        try archive.addFile(path: "evidence-1.0.0/README.md", contents: Array("hello\n".utf8))
        let bytes = archive.finished
        #expect(bytes.count == 512 + 512 + 1024)
        func field(_ offset: Int, _ length: Int) -> String {
            String(decoding: bytes[offset..<(offset + length)].prefix { $0 != 0 }, as: UTF8.self)
        }
        #expect(field(0, 100) == "evidence-1.0.0/README.md")
        #expect(field(100, 8) == "0000644")
        #expect(field(124, 12) == "00000000006")
        #expect(field(136, 12) == String(1_700_000_000, radix: 8).leftPadded(11))
        #expect(field(257, 6) == "ustar")
        #expect(bytes[156] == UInt8(ascii: "0"))
        var copy = Array(bytes[0..<512])
        for index in 148..<156 { copy[index] = UInt8(ascii: " ") }
        let expected = copy.reduce(0) { $0 + Int($1) }
        #expect(Int(field(148, 7), radix: 8) == expected)
        #expect(String(decoding: bytes[512..<518], as: UTF8.self) == "hello\n")
        #expect(bytes[518..<2048].allSatisfy { $0 == 0 })
    }

    @Test("names over 100 bytes go into the prefix field at a slash")
    func longName() throws {
        let directory = String(repeating: "d", count: 120)
        let path = directory + "/" + String(repeating: "f", count: 90)
        let (prefix, name) = try TarArchive.split(path)
        #expect(prefix == Array(directory.utf8))
        #expect(name == Array(String(repeating: "f", count: 90).utf8))
        #expect(throws: TarArchive.InvalidName.self) { try TarArchive.split(String(repeating: "x", count: 101)) }
    }

    @Test(
        "absolute, empty, dot and dot-dot names are refused",
        arguments: ["", "/etc/passwd", "a/../b", "./a", "a//b"]
    )
    func refused(path: String) {
        #expect(throws: TarArchive.InvalidName(path: path)) { try TarArchive.split(path) }
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
