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
