/// Reads and rewrites the version inside one kind of version file, changing nothing else.
///
/// Updaters are pure text-to-text functions: they never touch the file system, so a file that
/// cannot be updated is never half-written. The caller reads the file, asks for the new text and
/// writes it with `FileSystem.writeFileAtomically`. Every byte outside the version text is kept:
/// indentation, key order, comments, line endings (CRLF stays CRLF) and the final newline or its
/// absence.
public protocol VersionFileUpdater: Sendable {
    /// Returns the version the file declares, or `nil` when it declares none.
    ///
    /// - Parameters:
    ///   - text: The file's contents.
    ///   - path: The file's path, used only in error messages.
    /// - Throws: `VersionFileError` when the file is malformed or its version cannot be used.
    func readVersion(from text: String, path: String) throws(VersionFileError) -> String?

    /// Returns `text` with the version replaced by `version` and every other byte unchanged.
    ///
    /// - Parameters:
    ///   - version: The new version, such as `1.4.0` or `2.0.0-rc.1`.
    ///   - text: The file's current contents.
    ///   - path: The file's path, used only in error messages.
    /// - Throws: `VersionFileError` when the file is malformed, holds no version to replace, or
    ///   `version` contains characters that would corrupt the file.
    func writeVersion(_ version: String, to text: String, path: String) throws(VersionFileError) -> String
}
