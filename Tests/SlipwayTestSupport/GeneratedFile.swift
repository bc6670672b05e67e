import SlipwayCore
public import Testing

/// Keeps a generated file in the repository in sync with the code that generates it.
public enum GeneratedFile {
    /// Fails when `relativePath` differs from `generated`; writes it when missing or with `SLIPWAY_RECORD=1`.
    public static func check(
        _ generated: String,
        against relativePath: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let path = Corpus.packageRoot + "/" + relativePath
        let fileSystem = LocalFileSystem()
        let existing = try? fileSystem.readText(at: path)
        if ProcessEnvironment.value("SLIPWAY_RECORD") == "1" || existing == nil {
            try fileSystem.writeTextAtomically(generated, to: path)
            if existing == nil {
                Issue.record("\(relativePath) was missing and has been written", sourceLocation: sourceLocation)
            }
            return
        }
        #expect(
            existing == generated,
            "\(relativePath) is stale; run `SLIPWAY_RECORD=1 swift test --filter GeneratedFilesTests`",
            sourceLocation: sourceLocation
        )
    }
}
