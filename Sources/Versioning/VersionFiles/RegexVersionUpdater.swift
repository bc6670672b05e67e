/// Updates the version found by a custom pattern, for files no built-in updater knows (README badges, Gradle, …).
///
/// The pattern has one capture group around the version, or a group named `version` (the form
/// commit-and-tag-version's `regex` updater uses) when it has several. Only the first match is read
/// and replaced; the rest of the text is kept as it was.
public struct RegexVersionUpdater: VersionFileUpdater {
    /// The pattern as given, in Swift `Regex` syntax (PCRE-like).
    public let pattern: String
    // `Regex<AnyRegexOutput>` is not `Sendable`, so the pattern is compiled again for each use (patterns are tiny).
    private let groupName: String?

    /// Compiles `pattern`.
    ///
    /// - Throws: `VersionFileError.invalidPattern` when the pattern does not compile, or has neither exactly
    ///   one capture group nor a group named `version`.
    public init(pattern: String) throws(VersionFileError) {
        self.pattern = pattern
        let regex = try Self.compile(pattern)
        if regex.contains(captureNamed: "version") {
            groupName = "version"
        } else if (try? Regex(pattern, as: (Substring, Substring).self)) != nil {
            groupName = nil
        } else {
            throw .invalidPattern(
                pattern: pattern,
                reason: "it needs exactly one capture group around the version, such as `version: (\\S+)`, "
                    + "or a group named `version`"
            )
        }
    }

    /// Returns the text of the version group in the first match.
    ///
    /// - Throws: `VersionFileError.noMatch` when the pattern matches nothing.
    public func readVersion(from text: String, path: String) throws(VersionFileError) -> String? {
        String(text[try versionRange(in: text, path: path)])
    }

    /// Replaces the version group of the first match, keeping every other character.
    ///
    /// - Throws: `VersionFileError.noMatch` when the pattern matches nothing; `.invalidVersion` for an
    ///   unsafe `version`.
    public func writeVersion(_ version: String, to text: String, path: String) throws(VersionFileError) -> String {
        try VersionText.validate(version, path: path)
        var output = text
        output.replaceSubrange(try versionRange(in: text, path: path), with: version)
        return output
    }

    private static func compile(_ pattern: String) throws(VersionFileError) -> Regex<AnyRegexOutput> {
        do {
            return try Regex(pattern)
        } catch {
            throw .invalidPattern(pattern: pattern, reason: "\(error)")
        }
    }

    private func versionRange(in text: String, path: String) throws(VersionFileError) -> Range<String.Index> {
        guard let match = text.firstMatch(of: try Self.compile(pattern)) else {
            throw .noMatch(path: path, pattern: pattern)
        }
        let group = groupName.flatMap { match.output[$0] } ?? match.output[1]
        guard let range = group.range else {
            throw .noMatch(path: path, pattern: pattern)
        }
        return range
    }
}
