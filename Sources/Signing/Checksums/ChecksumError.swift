/// Why a checksum file could not be read; names the file and line.
public enum ChecksumError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A line in neither GNU nor BSD form.
    case malformedLine(path: String, line: Int, reason: String)
    /// A checksum file with no checksum lines.
    case empty(path: String)
    /// A file name that cannot be written into a checksum line.
    case unrepresentableName(name: String)

    public var description: String {
        switch self {
        case .malformedLine(let path, let line, let reason):
            "\(path):\(line): error: malformed checksum line: \(reason); expected '<hex>  <name>' or "
                + "'SHA256 (<name>) = <hex>'"
        case .empty(let path):
            "\(path): error: no checksum lines; write one with `slipway checksums FILE…`"
        case .unrepresentableName(let name):
            "error: the file name \(name.debugDescription) is not valid UTF-8 text and cannot be listed"
        }
    }
}
