import Foundation
import SlipwayCore
import SupplyChain
import Testing

/// The index over a real directory: the fingerprint read straight from the disk must equal the generic one and
/// notice every change to the records.
@Suite struct AdvisoryIndexStalenessTests {
    /// `LocalFileSystem` behind another type, so the loader takes its generic (`directoryEntries`) walk.
    struct ForwardingFileSystem: FileSystem {
        let disk = LocalFileSystem()
        func readFile(at path: String) throws(FileSystemError) -> [UInt8] { try disk.readFile(at: path) }
        func writeFileAtomically(_ bytes: [UInt8], to path: String) throws(FileSystemError) {
            try disk.writeFileAtomically(bytes, to: path)
        }
        func appendFile(_ bytes: [UInt8], to path: String) throws(FileSystemError) {
            try disk.appendFile(bytes, to: path)
        }
        func removeFile(at path: String) throws(FileSystemError) { try disk.removeFile(at: path) }
        func itemKind(at path: String) -> FileItemKind? { disk.itemKind(at: path) }
        func contentsOfDirectory(at path: String) throws(FileSystemError) -> [String] {
            try disk.contentsOfDirectory(at: path)
        }
        func changeStamp(at path: String) -> Int64? { disk.changeStamp(at: path) }
        var currentDirectory: String { disk.currentDirectory }
    }

    /// A database directory with records in two ecosystem folders, a hidden file and a file that is not JSON.
    static func database() throws -> String {
        let root = NSTemporaryDirectory() + "slipway-osv-" + UUID().uuidString
        let disk = LocalFileSystem()
        for folder in ["PyPI", "Go", "PyPI/nested"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        try disk.writeTextAtomically(OSVFixtures.record(id: "P-1", package: "demo"), to: root + "/PyPI/P-1.json")
        try disk.writeTextAtomically(OSVFixtures.record(id: "P-2", package: "demo-2"), to: root + "/PyPI/P-2.json")
        try disk.writeTextAtomically(OSVFixtures.record(id: "P-3", package: "deep"), to: root + "/PyPI/nested/P-3.json")
        try disk.writeTextAtomically(
            OSVFixtures.record(id: "G-1", package: "example.com/mod", ecosystem: "Go"),
            to: root + "/Go/G-1.json"
        )
        try disk.writeTextAtomically("{}", to: root + "/PyPI/.hidden.json")
        try disk.writeTextAtomically("notes", to: root + "/Go/README.md")
        return root
    }

    @Test("the fingerprint read from the disk equals the generic walk's, before and after changes")
    func sameAsGenericWalk() throws {
        let root = try Self.database()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let local = AdvisoryDatabaseLoader(fileSystem: LocalFileSystem())
        let generic = AdvisoryDatabaseLoader(fileSystem: ForwardingFileSystem())
        let before = try local.fingerprint(root)
        #expect(before == (try generic.fingerprint(root)))
        try LocalFileSystem().writeTextAtomically(
            OSVFixtures.record(id: "G-2", package: "x"),
            to: root + "/Go/G-2.json"
        )
        let after = try local.fingerprint(root)
        #expect(after == (try generic.fingerprint(root)))
        #expect(after != before)
    }

    @Test("a changed, added or removed record on disk invalidates the index; an unchanged database reuses it")
    func stalenessOnDisk() async throws {
        let root = try Self.database()
        let index = root + ".slipway-index"
        defer {
            try? FileManager.default.removeItem(atPath: root)
            try? FileManager.default.removeItem(atPath: index)
        }
        let disk = LocalFileSystem()
        let store = AdvisoryStore(fileSystem: disk)
        func open() async throws -> AdvisoryStore.Opened { try await store.open(database: root, indexPath: index) }
        #expect(try await open().indexState == .written)
        #expect(try await open().indexState == .used)

        // Changed: same file, new content (a fixed version added).
        try disk.writeTextAtomically(
            OSVFixtures.record(id: "P-1", package: "demo-renamed"),
            to: root + "/PyPI/P-1.json"
        )
        let changed = try await open()
        #expect(changed.indexState == .written)
        #expect(
            try changed.lookup.advisories(for: PackageKey(ecosystem: .pypi, name: "demo-renamed")).map(\.id) == ["P-1"]
        )
        #expect(try await open().indexState == .used)

        // Changed in place with the same size: only the modification time tells.
        let path = root + "/PyPI/nested/P-3.json"
        let original = try disk.readFile(at: path)
        var attributes = try FileManager.default.attributesOfItem(atPath: path)
        let modified = (attributes[.modificationDate] as? Date ?? Date()).addingTimeInterval(5)
        try disk.writeFileAtomically(original, to: path)
        attributes = [.modificationDate: modified]
        try FileManager.default.setAttributes(attributes, ofItemAtPath: path)
        #expect(try await open().indexState == .written)
        #expect(try await open().indexState == .used)

        // Added, in a nested folder.
        try disk.writeTextAtomically(
            OSVFixtures.record(id: "P-4", package: "added"),
            to: root + "/PyPI/nested/P-4.json"
        )
        let added = try await open()
        #expect(added.indexState == .written)
        #expect(added.lookup.snapshot.advisoryCount == 5)

        // Removed.
        try FileManager.default.removeItem(atPath: root + "/Go/G-1.json")
        let removed = try await open()
        #expect(removed.indexState == .written)
        #expect(removed.lookup.snapshot.advisoryCount == 4)
        #expect(try removed.lookup.advisories(for: PackageKey(ecosystem: .go, name: "example.com/mod")).isEmpty)

        // Files that are not records (hidden, not JSON) do not count.
        try disk.writeTextAtomically("[]", to: root + "/Go/.another.json")
        try disk.writeTextAtomically("more notes", to: root + "/Go/README.md")
        #expect(try await open().indexState == .used)
    }
}
