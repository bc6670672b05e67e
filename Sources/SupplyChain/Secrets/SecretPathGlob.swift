/// Path globs for `allow-paths`: `*` (within a segment), `**` (any number of segments), `?`; a pattern without
/// `/` matches a file or directory name at any depth, a pattern ending in `/` matches everything under it.
enum SecretPathGlob {
    /// Whether `path` (relative, `/`-separated) matches `pattern`.
    static func matches(_ pattern: String, _ path: String) -> Bool {
        var pattern = pattern
        if pattern.hasPrefix("./") { pattern.removeFirst(2) }
        if pattern.hasSuffix("/") { pattern += "**" }
        let segments: [[UInt8]] = path.split(separator: "/").map { Array($0.utf8) }
        if !pattern.contains("/") {
            let glob = Array(pattern.utf8)
            return segments.contains { segmentMatches(glob[...], $0[...]) }
        }
        if pattern.hasPrefix("/") { pattern.removeFirst() }
        let parts: [[UInt8]] = pattern.split(separator: "/").map { Array($0.utf8) }
        return match(parts[...], segments[...])
    }

    private static func match(_ parts: ArraySlice<[UInt8]>, _ segments: ArraySlice<[UInt8]>) -> Bool {
        guard let first = parts.first else { return segments.isEmpty }
        if first == Array("**".utf8) {
            let rest = parts.dropFirst()
            var remaining = segments
            while true {
                if match(rest, remaining) { return true }
                if remaining.isEmpty { return false }
                remaining = remaining.dropFirst()
            }
        }
        guard let segment = segments.first, segmentMatches(first[...], segment[...]) else { return false }
        return match(parts.dropFirst(), segments.dropFirst())
    }

    /// `*` and `?` within one segment.
    private static func segmentMatches(_ glob: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        guard let head = glob.first else { return text.isEmpty }
        if head == UInt8(ascii: "*") {
            var rest = text
            while true {
                if segmentMatches(glob.dropFirst(), rest) { return true }
                if rest.isEmpty { return false }
                rest = rest.dropFirst()
            }
        }
        guard let character = text.first else { return false }
        if head == UInt8(ascii: "?") || head == character {
            return segmentMatches(glob.dropFirst(), text.dropFirst())
        }
        return false
    }
}
