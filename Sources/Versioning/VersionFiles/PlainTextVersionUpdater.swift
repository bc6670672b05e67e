/// Updates a plain version file (`VERSION`, `VERSION.txt`, `version.txt`) whose whole content is the version.
///
/// Surrounding whitespace is kept as it was, so a file ending in `\r\n` still does and a file
/// without a final newline still has none. standard-version's `plain-text` updater writes the bare
/// version and drops the final newline; keeping it avoids a needless diff.
public struct PlainTextVersionUpdater: VersionFileUpdater {
    /// Creates an updater.
    public init() {}

    /// Returns the file's trimmed content, or `nil` for a blank file.
    ///
    /// - Throws: `VersionFileError.extraContent` when the trimmed content spans several words or lines.
    public func readVersion(from text: String, path: String) throws(VersionFileError) -> String? {
        let bytes = Array(text.utf8)
        let range = try Self.versionRange(in: bytes, path: path)
        return range.isEmpty ? nil : VersionText.string(bytes, range)
    }

    /// Replaces the trimmed content with `version`, keeping the whitespace around it.
    ///
    /// - Throws: `VersionFileError.extraContent` when the file holds more than a version;
    ///   `.invalidVersion` for an unsafe `version`.
    public func writeVersion(_ version: String, to text: String, path: String) throws(VersionFileError) -> String {
        try VersionText.validate(version, path: path)
        let bytes = Array(text.utf8)
        let range = try Self.versionRange(in: bytes, path: path)
        return VersionText.replacing([range], in: bytes, with: version)
    }

    /// The byte range of the one word the file holds (empty, at the start, for a blank file).
    private static func versionRange(in bytes: [UInt8], path: String) throws(VersionFileError) -> Range<Int> {
        let contentStart = VersionText.hasByteOrderMark(bytes) ? 3 : 0
        var start = contentStart
        var end = bytes.count
        while start < end, isWhitespace(bytes[start]) {
            start += 1
        }
        if start == end {
            // A blank file: the version goes first, before the newline the file already has.
            return contentStart..<contentStart
        }
        while end > start, isWhitespace(bytes[end - 1]) {
            end -= 1
        }
        if let inner = bytes[start..<end].firstIndex(where: isWhitespace) {
            var extra = inner
            while isWhitespace(bytes[extra]) {
                extra += 1
            }
            throw .extraContent(path: path, position: VersionText.position(in: bytes, at: extra))
        }
        return start..<end
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r") || byte == 0x0B || byte == 0x0C
    }
}
