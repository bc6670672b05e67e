import Foundation
import SlipwayCore
import SupplyChain
import Testing

/// A reader for tests: `deps.txt` files with one `name version` per line; `broken` makes it fail.
private struct LineReader: LockfileReader {
    var format: String { "deps.txt" }

    func handles(path: String) -> Bool { path.hasSuffix("deps.txt") }

    func read(
        _ text: String,
        path: String,
        companion: @Sendable (String) -> String?
    ) throws(LockfileError) -> [Component] {
        var components: [Component] = []
        for (index, line) in text.split(separator: "\n").enumerated() {
            let fields = line.split(separator: " ")
            guard fields.count == 2 else {
                throw .unexpectedShape(
                    path: path,
                    position: SourcePosition(line: index + 1, column: 1),
                    reason: "bad line"
                )
            }
            components.append(
                Component(
                    ecosystem: .npm,
                    name: String(fields[0]),
                    version: String(fields[1]),
                    location: SourceLocation(path: path, line: index + 1, column: 1)
                )
            )
        }
        return components
    }
}

@Suite struct LockfileDiscoveryTests {
    @Test("finds lockfiles recursively, skips dependency folders, and keeps going past a bad file")
    func discovery() {
        let fileSystem = InMemoryFileSystem(
            files: [
                "app/deps.txt": "b 2.0.0\na 1.0.0\n",
                "app/node_modules/x/deps.txt": "ignored 1.0.0\n",
                "tools/deps.txt": "broken\n",
                "lib/deps.txt": "a 1.0.0\n",
            ],
            currentDirectory: "/repo"
        )
        let inventory = LockfileDiscovery(fileSystem: fileSystem, readers: [LineReader()]).inventory(of: "/repo")
        #expect(inventory.sources.map(\.path) == ["app/deps.txt", "lib/deps.txt"])
        #expect(inventory.components.map(\.purl) == ["pkg:npm/a@1.0.0", "pkg:npm/a@1.0.0", "pkg:npm/b@2.0.0"])
        #expect(inventory.diagnostics.count == 1)
        #expect(inventory.diagnostics.first?.location == SourceLocation(path: "tools/deps.txt", line: 1, column: 1))
    }
}

@Suite struct LargeLockfileTests {
    @Test("a 200 MB lockfile is refused from its size, without being read; the other lockfiles still count")
    func twoHundredMegabytes() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("slipway-large-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("web"),
            withIntermediateDirectories: true
        )
        defer { try? FileManager.default.removeItem(at: root) }
        // A sparse file: 200 MB long, no disk used.
        let huge = root.appendingPathComponent("web/package-lock.json")
        #expect(FileManager.default.createFile(atPath: huge.path, contents: nil))
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 200_000_000)
        try handle.close()
        try "requests==2.31.0\n".write(
            to: root.appendingPathComponent("requirements.txt"),
            atomically: true,
            encoding: .utf8
        )
        let start = ContinuousClock.now
        let inventory = LockfileDiscovery(fileSystem: LocalFileSystem(), readers: LockfileReaders.all).inventory(
            of: root.path
        )
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(inventory.components.map(\.purl) == ["pkg:pypi/requests@2.31.0"])
        #expect(inventory.diagnostics.count == 1)
        #expect(inventory.diagnostics.first?.location?.path == "web/package-lock.json")
        #expect(
            inventory.diagnostics.first?.message
                == "file is 200000000 bytes, over the 67108864-byte limit for lockfiles"
        )
    }
}
