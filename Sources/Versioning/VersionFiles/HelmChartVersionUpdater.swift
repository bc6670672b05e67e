/// Updates the top-level `version:` of a Helm `Chart.yaml`, and `appVersion:` when asked.
///
/// The chart version and the application version are different things (Helm's own docs keep them
/// apart), so `appVersion` changes only with `updatesAppVersion`. Only unindented keys count, so
/// `version:` lines under `dependencies:` or inside block scalars never change. The scalar keeps
/// its style (plain, `'single'` or `"double"` quoted) and any trailing comment.
public struct HelmChartVersionUpdater: VersionFileUpdater {
    /// Whether the top-level `appVersion:` is set to the new version as well.
    public var updatesAppVersion: Bool

    /// Creates an updater; `updatesAppVersion` also bumps `appVersion:`.
    public init(updatesAppVersion: Bool = false) {
        self.updatesAppVersion = updatesAppVersion
    }

    private struct Scalar {
        var key: String
        var keyStart: Int
        var content: Range<Int>
    }

    /// Returns the chart's `version`, or `nil` when it has none.
    ///
    /// - Throws: `VersionFileError.versionNotString` when the value is empty or not a scalar;
    ///   `.invalidSyntax` for an unterminated quoted value or a duplicated key.
    public func readVersion(from text: String, path: String) throws(VersionFileError) -> String? {
        let bytes = Array(text.utf8)
        let scalars = try Self.scalars(in: bytes, path: path, keys: ["version"])
        return scalars.first.map { VersionText.string(bytes, $0.content) }
    }

    /// Replaces `version` (and `appVersion` when enabled), keeping every other byte.
    ///
    /// - Throws: `VersionFileError.versionNotFound` without a top-level `version:`; the errors of
    ///   `readVersion(from:path:)`; `.invalidVersion` for an unsafe `version`.
    public func writeVersion(_ version: String, to text: String, path: String) throws(VersionFileError) -> String {
        try VersionText.validate(version, path: path)
        let bytes = Array(text.utf8)
        let keys: Set<String> = updatesAppVersion ? ["version", "appVersion"] : ["version"]
        let scalars = try Self.scalars(in: bytes, path: path, keys: keys)
        guard scalars.contains(where: { $0.key == "version" }) else {
            throw .versionNotFound(path: path, expected: "a top-level `version:` key")
        }
        return VersionText.replacing(scalars.map(\.content), in: bytes, with: version)
    }

    /// The scalar values of the unindented `keys`, in document order.
    private static func scalars(
        in bytes: [UInt8],
        path: String,
        keys: Set<String>
    ) throws(VersionFileError) -> [Scalar] {
        var found: [Scalar] = []
        var lineStart = VersionText.hasByteOrderMark(bytes) ? 3 : 0
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            var contentEnd = lineEnd
            if contentEnd > lineStart, bytes[contentEnd - 1] == UInt8(ascii: "\r") {
                contentEnd -= 1
            }
            if let (key, valueStart) = topLevelKey(bytes, lineStart..<contentEnd), keys.contains(key) {
                if let first = found.first(where: { $0.key == key }) {
                    let earlier = VersionText.position(in: bytes, at: first.keyStart)
                    throw .invalidSyntax(
                        path: path,
                        format: "YAML",
                        position: VersionText.position(in: bytes, at: lineStart),
                        reason: "duplicate top-level key '\(key)' (first at \(earlier)); keep only one"
                    )
                }
                let content = try value(bytes, valueStart..<contentEnd, key: key, path: path)
                found.append(Scalar(key: key, keyStart: lineStart, content: content))
            }
            lineStart = lineEnd + 1
        }
        return found
    }

    /// The key of an unindented `key:` line and the offset just after its colon.
    private static func topLevelKey(_ bytes: [UInt8], _ line: Range<Int>) -> (String, Int)? {
        var index = line.lowerBound
        while index < line.upperBound, isKeyByte(bytes[index]) {
            index += 1
        }
        guard index > line.lowerBound else { return nil }
        let key = VersionText.string(bytes, line.lowerBound..<index)
        while index < line.upperBound, bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\t") {
            index += 1
        }
        guard index < line.upperBound, bytes[index] == UInt8(ascii: ":") else { return nil }
        let afterColon = index + 1
        // `key:value` (no space) is a plain scalar, not a mapping entry.
        guard afterColon == line.upperBound || isBlank(bytes[afterColon]) else { return nil }
        return (key, afterColon)
    }

    /// The content range of the scalar in `rest` (the text after the colon).
    private static func value(
        _ bytes: [UInt8],
        _ rest: Range<Int>,
        key: String,
        path: String
    ) throws(VersionFileError) -> Range<Int> {
        var index = rest.lowerBound
        while index < rest.upperBound, isBlank(bytes[index]) {
            index += 1
        }
        func notString(_ found: String) -> VersionFileError {
            .versionNotString(
                path: path,
                position: VersionText.position(in: bytes, at: index),
                key: "`\(key):`",
                found: found
            )
        }
        guard index < rest.upperBound, bytes[index] != UInt8(ascii: "#") else {
            throw notString("an empty value")
        }
        let content: Range<Int>
        switch bytes[index] {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            let quote = bytes[index]
            let start = index + 1
            var end = start
            while true {
                guard end < rest.upperBound else {
                    throw .invalidSyntax(
                        path: path,
                        format: "YAML",
                        position: VersionText.position(in: bytes, at: index),
                        reason: "the quoted value of '\(key)' is not closed on its line; add the closing quote"
                    )
                }
                if quote == UInt8(ascii: "\""), bytes[end] == UInt8(ascii: "\\") {
                    end += 2
                    continue
                }
                if bytes[end] == quote {
                    // In single quotes, '' is an escaped quote.
                    if quote == UInt8(ascii: "'"), end + 1 < rest.upperBound, bytes[end + 1] == quote {
                        end += 2
                        continue
                    }
                    break
                }
                end += 1
            }
            content = start..<end
        case UInt8(ascii: "|"), UInt8(ascii: ">"):
            throw notString("a block scalar")
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            throw notString("a flow collection")
        case UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"):
            throw notString("an anchor, alias or tag")
        default:
            var end = index
            while end < rest.upperBound, !(bytes[end] == UInt8(ascii: "#") && isBlank(bytes[end - 1])) {
                end += 1
            }
            while end > index, isBlank(bytes[end - 1]) {
                end -= 1
            }
            content = index..<end
        }
        return content
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "-")
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
    }
}
