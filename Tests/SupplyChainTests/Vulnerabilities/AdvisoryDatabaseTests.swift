import Foundation
import SlipwayCore
import SupplyChain
import Testing
import ZIPFoundation

/// Small OSV records for exact cases.
enum OSVFixtures {
    static func record(
        id: String,
        package: String = "demo",
        ecosystem: String = "PyPI",
        aliases: [String] = [],
        introduced: String = "0",
        fixed: String? = "1.2.0",
        modified: String = "2024-01-01T00:00:00Z",
        severity: String? = nil,
        withdrawn: Bool = false
    ) -> String {
        let events = [#"{"introduced": "\#(introduced)"}"#] + (fixed.map { [#"{"fixed": "\#($0)"}"#] } ?? [])
        var fields = [
            #""id": "\#(id)""#,
            #""modified": "\#(modified)""#,
            #""aliases": [\#(aliases.map { "\"\($0)\"" }.joined(separator: ", "))]"#,
            #""summary": "Problem in \#(package)""#,
            #""affected": [{"package": {"ecosystem": "\#(ecosystem)", "name": "\#(package)"}, "ranges": [{"type": "ECOSYSTEM", "events": [\#(events.joined(separator: ", "))]}]}]"#,
        ]
        if let severity { fields.append(#""severity": [{"type": "CVSS_V3", "score": "\#(severity)"}]"#) }
        if withdrawn { fields.append(#""withdrawn": "2024-02-01T00:00:00Z""#) }
        return "{" + fields.joined(separator: ",\n") + "}\n"
    }

    /// A temporary directory on disk, removed by the caller's `defer`.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("slipway-osv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes a zip with the given entries (name → bytes), deflated.
    static func zip(_ entries: [(String, [UInt8])], at url: URL) throws {
        let archive = try Archive(url: url, accessMode: .create)
        for (name, bytes) in entries {
            try archive.addEntry(
                with: name,
                type: .file,
                uncompressedSize: Int64(bytes.count),
                compressionMethod: .deflate
            ) { position, size in
                Data(bytes[Int(position)..<Int(position) + size])
            }
        }
    }
}

@Suite struct AdvisoryDatabaseTests {
    @Test("a directory loads recursively; a record that is not OSV becomes a located warning and the rest still count")
    func directory() async throws {
        let fileSystem = InMemoryFileSystem(files: [
            "osv/PyPI/A-1.json": OSVFixtures.record(id: "A-1", modified: "2024-03-01T00:00:00Z"),
            "osv/PyPI/A-2.json": OSVFixtures.record(id: "A-2", modified: "2024-05-01T00:00:00Z"),
            "osv/PyPI/broken.json": #"{"id": "B-1", "affected": "#,
            "osv/README.md": "not json",
        ])
        let database = try await AdvisoryDatabaseLoader(fileSystem: fileSystem).load("osv")
        #expect(database.records.map(\.id) == ["A-1", "A-2"])
        #expect(database.snapshot.fileCount == 3)
        #expect(database.snapshot.advisoryCount == 2)
        #expect(database.snapshot.newestModified == "2024-05-01T00:00:00Z")
        #expect(database.diagnostics.count == 1)
        #expect(database.diagnostics.first?.location?.path == "osv/PyPI/broken.json")
        #expect(database.diagnostics.first?.message.contains("not a valid OSV record") == true)
    }

    @Test("the digest names the content: equal for a zip of the same files, different when one byte changes")
    func digest() async throws {
        let files = [
            ("A-1.json", Array(OSVFixtures.record(id: "A-1").utf8)),
            ("A-2.json", Array(OSVFixtures.record(id: "A-2").utf8)),
        ]
        let directory = try OSVFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let zip = directory.appendingPathComponent("all.zip")
        try OSVFixtures.zip(files, at: zip)
        let memory = InMemoryFileSystem(
            files: Dictionary(uniqueKeysWithValues: files.map { ("db/" + $0.0, String(decoding: $0.1, as: UTF8.self)) })
        )
        let fromDirectory = try await AdvisoryDatabaseLoader(fileSystem: memory).load("db")
        let fromZip = try await AdvisoryDatabaseLoader(fileSystem: LocalFileSystem()).load(zip.path)
        #expect(fromZip.snapshot.kind == "zip")
        #expect(fromZip.records.map(\.id) == ["A-1", "A-2"])
        #expect(fromZip.snapshot.digest == fromDirectory.snapshot.digest)
        try memory.writeTextAtomically(OSVFixtures.record(id: "A-2", fixed: "1.2.1"), to: "db/A-2.json")
        let changed = try await AdvisoryDatabaseLoader(fileSystem: memory).load("db")
        #expect(changed.snapshot.digest != fromDirectory.snapshot.digest)
    }

    @Test("zip entries whose names leave the archive are refused with a warning; the others load")
    func pathTraversal() async throws {
        let directory = try OSVFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let zip = directory.appendingPathComponent("all.zip")
        try OSVFixtures.zip(
            [
                ("../escape.json", Array(OSVFixtures.record(id: "EVIL-1").utf8)),
                ("/etc/absolute.json", Array(OSVFixtures.record(id: "EVIL-2").utf8)),
                ("nested/../../up.json", Array(OSVFixtures.record(id: "EVIL-3").utf8)),
                ("good/A-1.json", Array(OSVFixtures.record(id: "A-1").utf8)),
            ],
            at: zip
        )
        let database = try await AdvisoryDatabaseLoader(fileSystem: LocalFileSystem()).load(zip.path)
        #expect(database.records.map(\.id) == ["A-1"])
        #expect(database.diagnostics.count == 3)
        #expect(database.diagnostics.allSatisfy { $0.message.contains("leaves the archive") })
        #expect(
            !FileManager.default.fileExists(
                atPath: directory.deletingLastPathComponent().appendingPathComponent("escape.json").path
            )
        )
    }

    @Test("a zip bomb stops at the per-record limit, whether its header tells the truth or lies")
    func zipBomb() async throws {
        let directory = try OSVFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let zip = directory.appendingPathComponent("bomb.zip")
        // 8 MiB of spaces deflates to a few KiB.
        try OSVFixtures.zip([("bomb.json", [UInt8](repeating: 0x20, count: 8 << 20))], at: zip)
        let limits = AdvisoryDatabaseLimits(
            maximumRecordBytes: 1 << 20,
            maximumTotalBytes: 4 << 20,
            maximumEntries: 100
        )
        let loader = AdvisoryDatabaseLoader(fileSystem: LocalFileSystem(), limits: limits)
        await #expect(
            throws: AdvisoryDatabaseError.entryTooLarge(
                path: zip.path,
                entry: "bomb.json",
                bytes: 8 << 20,
                limit: 1 << 20
            )
        ) {
            try await loader.load(zip.path)
        }
        // Now make the central directory and the local header claim 100 bytes: inflation must still stop.
        var bytes = try [UInt8](Data(contentsOf: zip))
        Self.patchUncompressedSizes(&bytes, to: 100)
        let lying = directory.appendingPathComponent("lying.zip")
        try Data(bytes).write(to: lying)
        do {
            _ = try await loader.load(lying.path)
            Issue.record("a lying zip bomb loaded")
        } catch {
            switch error {
            case .entryTooLarge(_, _, let inflated, _): #expect(inflated <= 1 << 20)
            case .invalidArchive: break  // the reader noticed the size mismatch first: also a clear refusal
            default: Issue.record("unexpected \(error)")
            }
        }
    }

    @Test("too many entries, too much in total, not a zip, no database: clear errors")
    func otherRefusals() async throws {
        let directory = try OSVFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let zip = directory.appendingPathComponent("many.zip")
        try OSVFixtures.zip((1...5).map { ("A-\($0).json", Array(OSVFixtures.record(id: "A-\($0)").utf8)) }, at: zip)
        let fewEntries = AdvisoryDatabaseLimits(
            maximumRecordBytes: 1 << 20,
            maximumTotalBytes: 1 << 30,
            maximumEntries: 3
        )
        await #expect(throws: AdvisoryDatabaseError.tooManyEntries(path: zip.path, limit: 3)) {
            try await AdvisoryDatabaseLoader(fileSystem: LocalFileSystem(), limits: fewEntries).load(zip.path)
        }
        let smallTotal = AdvisoryDatabaseLimits(
            maximumRecordBytes: 1 << 20,
            maximumTotalBytes: 1000,
            maximumEntries: 100
        )
        await #expect(throws: AdvisoryDatabaseError.databaseTooLarge(path: zip.path, limit: 1000)) {
            try await AdvisoryDatabaseLoader(fileSystem: LocalFileSystem(), limits: smallTotal).load(zip.path)
        }
        let notZip = InMemoryFileSystem(files: ["all.zip": "this is not a zip archive"])
        do {
            _ = try await AdvisoryDatabaseLoader(fileSystem: notZip).load("all.zip")
            Issue.record("a text file loaded as a zip")
        } catch {
            guard case .invalidArchive = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(error.description.contains("download the database again"))
        }
        await #expect(throws: AdvisoryDatabaseError.notFound(path: "missing")) {
            try await AdvisoryDatabaseLoader(fileSystem: InMemoryFileSystem()).load("missing")
        }
        await #expect(throws: AdvisoryDatabaseError.empty(path: "db")) {
            try await AdvisoryDatabaseLoader(fileSystem: InMemoryFileSystem(files: ["db/x.json": "[]"])).load("db")
        }
    }

    /// Rewrites the uncompressed-size fields of every local and central header (APPNOTE 4.3.7 and 4.3.12).
    static func patchUncompressedSizes(_ bytes: inout [UInt8], to size: UInt32) {
        let little = [UInt8(size & 0xff), UInt8((size >> 8) & 0xff), UInt8((size >> 16) & 0xff), UInt8(size >> 24)]
        var index = 0
        while index + 30 < bytes.count {
            if bytes[index] == 0x50, bytes[index + 1] == 0x4b {
                if bytes[index + 2] == 0x03, bytes[index + 3] == 0x04 {
                    bytes.replaceSubrange((index + 22)..<(index + 26), with: little)
                } else if bytes[index + 2] == 0x01, bytes[index + 3] == 0x02 {
                    bytes.replaceSubrange((index + 24)..<(index + 28), with: little)
                }
            }
            index += 1
        }
    }
}
