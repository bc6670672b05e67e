import SlipwayCore

/// Loads JSON and YAML lockfiles into located nodes (JSON is read as YAML, so every key keeps its line and
/// column) and words loader errors for lockfiles; shared by every JSON and YAML reader.
enum LockfileDocument {
    /// Limits for lockfiles, which are far larger than workflows.
    static let limits = YAMLLimits(maximumBytes: 64 << 20, maximumNodes: 5_000_000, maximumDepth: 256)

    /// The document of `text`; `format` (`JSON`, `YAML`) names the syntax in errors.
    static func load(_ text: String, path: String, format: String = "JSON") throws(LockfileError) -> YAMLNode {
        do {
            return try YAMLLoader.load(text, path: path, limits: limits)
        } catch {
            throw lockfileError(error, path: path, format: format, text: text)
        }
    }

    /// The lockfile error for a load failure.
    static func lockfileError(_ error: YAMLLoadError, path: String, format: String, text: String) -> LockfileError {
        switch error {
        case .syntax(_, let position, let problem):
            .invalidSyntax(path: path, position: position.map { clamp($0, to: text) }, format: format, reason: problem)
        case .tooLarge(_, let bytes, let limit):
            .tooLarge(path: path, bytes: bytes, limit: limit)
        case .tooManyNodes(_, let limit):
            .invalidSyntax(path: path, position: nil, format: format, reason: "more than \(limit) values")
        case .tooDeep(_, let position, let limit):
            .invalidSyntax(path: path, position: position, format: format, reason: "nested deeper than \(limit) levels")
        case .notUTF8:
            .invalidSyntax(path: path, position: nil, format: format, reason: "the file is not UTF-8 text")
        case .empty:
            .unexpectedShape(path: path, position: nil, reason: "the file is empty")
        }
    }

    /// The position, or the end of the file when libyaml points past it (it reports an error at the end of a file
    /// without a final newline on the line after the last one).
    private static func clamp(_ position: SourcePosition, to text: String) -> SourcePosition {
        let source = SourceText(text)
        let end = source.position(ofOffset: source.bytes.count)
        return position > end ? end : position
    }
}
