import SlipwayCore
import SupplyChain
import Testing

@Suite struct AdvisoryIndexTests {
    static func fileSystem() -> InMemoryFileSystem {
        InMemoryFileSystem(files: [
            "osv/A-1.json": OSVFixtures.record(id: "A-1", package: "Demo_Pkg"),
            "osv/A-2.json": OSVFixtures.record(id: "A-2", package: "other", ecosystem: "npm"),
            "osv/A-3.json": OSVFixtures.record(id: "A-3", package: "demo-pkg", ecosystem: "Debian:12"),
            "osv/W-1.json": OSVFixtures.record(id: "W-1", package: "demo-pkg", withdrawn: true),
        ])
    }

    @Test("the index groups advisories by normalised package and leaves out withdrawn and unsupported ecosystems")
    func grouping() async throws {
        let database = try await AdvisoryDatabaseLoader(fileSystem: Self.fileSystem()).load("osv")
        let index = AdvisoryIndex(database: database)
        #expect(index.advisories(for: PackageKey(ecosystem: .pypi, name: "demo.pkg")).map(\.id) == ["A-1"])
        #expect(index.advisories(for: PackageKey(ecosystem: .npm, name: "other")).map(\.id) == ["A-2"])
        #expect(index.withdrawnCount == 1)
        #expect(index.packages.count == 2)
    }

    @Test("the on-disk index answers exactly as the in-memory one, and a damaged file is refused")
    func roundTrip() async throws {
        let database = try await AdvisoryDatabaseLoader(fileSystem: Self.fileSystem()).load("osv")
        let index = AdvisoryIndex(database: database)
        let bytes = try AdvisoryIndexFile.encode(index, fingerprint: "abc")
        let file = try AdvisoryIndexFile(bytes: bytes, path: "idx")
        #expect(file.fingerprint == "abc")
        #expect(file.snapshot == index.snapshot)
        for key in index.packages.keys {
            #expect(try file.advisories(for: key) == index.advisories(for: key))
        }
        #expect(try file.advisories(for: PackageKey(ecosystem: .cargo, name: "absent")).isEmpty)
        #expect(throws: AdvisoryIndexError.self) {
            try AdvisoryIndexFile(bytes: Array(bytes.prefix(bytes.count - 40)), path: "idx")
        }
        #expect(throws: AdvisoryIndexError.self) { try AdvisoryIndexFile(bytes: Array("garbage\n".utf8), path: "idx") }
        var flipped = bytes
        flipped[flipped.count - 1] = UInt8(ascii: "{")  // the last package's closing bracket
        let damaged = try AdvisoryIndexFile(bytes: flipped, path: "idx")
        let key = try #require(index.packages.keys.max())
        #expect(throws: AdvisoryIndexError.self) { try damaged.advisories(for: key) }
    }

    @Test(
        "the store writes the index on the first scan, uses it on the next, and rebuilds it when the database changes"
    )
    func store() async throws {
        let fileSystem = Self.fileSystem()
        let store = AdvisoryStore(fileSystem: fileSystem)
        let first = try await store.open(database: "osv", indexPath: "osv.slipway-index")
        #expect(first.indexState == .written)
        #expect(fileSystem.exists("osv.slipway-index"))
        let second = try await store.open(database: "osv", indexPath: "osv.slipway-index")
        #expect(second.indexState == .used)
        #expect(second.lookup.snapshot == first.lookup.snapshot)
        try fileSystem.writeTextAtomically(OSVFixtures.record(id: "A-9", package: "new"), to: "osv/A-9.json")
        let third = try await store.open(database: "osv", indexPath: "osv.slipway-index")
        #expect(third.indexState == .written)
        #expect(third.lookup.snapshot.advisoryCount == 5)
        #expect(try third.lookup.advisories(for: PackageKey(ecosystem: .pypi, name: "new")).map(\.id) == ["A-9"])
        try fileSystem.writeTextAtomically("SLIPWAY-OSV-INDEX 1\n{broken", to: "osv.slipway-index")
        let fourth = try await store.open(database: "osv", indexPath: "osv.slipway-index")
        #expect(fourth.indexState == .written)
        #expect(fourth.diagnostics.contains { $0.message.contains("damaged") })
        let disabled = try await store.open(database: "osv", indexPath: nil)
        #expect(disabled.indexState == .disabled)
        #expect(AdvisoryStore.defaultIndexPath(for: "db/osv/") == "db/osv.slipway-index")
    }
}
