/// Reads one PEP 440 version from trimmed UTF-8 bytes, following pypa/packaging's `VERSION_PATTERN` (with its
/// possessive quantifiers, so a part once read is never given back) without a regular expression.
struct PythonVersionParser {
    private typealias Version = PythonVersionOrdering.Version

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private static let preReleaseSpellings: [(spelling: [UInt8], phase: Version.Phase)] = [
        (Array("alpha".utf8), .alpha), (Array("a".utf8), .alpha),
        (Array("beta".utf8), .beta), (Array("b".utf8), .beta),
        (Array("preview".utf8), .candidate), (Array("pre".utf8), .candidate),
        (Array("c".utf8), .candidate), (Array("rc".utf8), .candidate),
    ]
    private static let postReleaseSpellings: [[UInt8]] = [Array("post".utf8), Array("rev".utf8), Array("r".utf8)]
    private static let developmentSpelling = Array("dev".utf8)

    mutating func parse() -> PythonVersionOrdering.Version? {
        if let first = bytes.byte(at: 0), first.asciiLowercased == UInt8(ascii: "v") {
            position = 1
        }
        var epoch = DecimalNumber.zero
        guard var first = number() else {
            return nil
        }
        if bytes.byte(at: position) == UInt8(ascii: "!") {
            position += 1
            epoch = first
            guard let releaseStart = number() else {
                return nil
            }
            first = releaseStart
        }
        var release = [first]
        while bytes.byte(at: position) == UInt8(ascii: "."), bytes.byte(at: position + 1)?.isASCIIDigit == true {
            position += 1
            guard let component = number() else {
                return nil
            }
            release.append(component)
        }
        let pre = preRelease()
        let post = postRelease()
        let dev = developmentRelease()
        var local: [Version.LocalSegment]?
        if bytes.byte(at: position) == UInt8(ascii: "+") {
            position += 1
            guard let segments = localSegments() else {
                return nil
            }
            local = segments
        }
        guard position == bytes.count else {
            return nil
        }
        return Version(epoch: epoch, release: release, pre: pre, post: post, dev: dev, local: local)
    }

    /// `[0-9]+` at the current position.
    private mutating func number() -> DecimalNumber? {
        let end = bytes.end(ofRunFrom: position) { $0.isASCIIDigit }
        guard end > position,
            let value = DecimalNumber(asciiDigits: UnsafeBufferPointer(rebasing: bytes[position..<end]))
        else {
            return nil
        }
        position = end
        return value
    }

    private func isSeparator(_ byte: UInt8?) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    /// Whether `spelling` (lowercase) appears at `index`, ignoring case.
    private func matches(_ spelling: [UInt8], at index: Int) -> Bool {
        guard index >= 0, index + spelling.count <= bytes.count else {
            return false
        }
        for (offset, expected) in spelling.enumerated() where bytes[index + offset].asciiLowercased != expected {
            return false
        }
        return true
    }

    /// `[._-]?` then `[0-9]+`, both optional, after a label: the separator is kept even when no number follows.
    private mutating func implicitNumber() -> DecimalNumber {
        if isSeparator(bytes.byte(at: position)) {
            position += 1
        }
        return number() ?? .zero
    }

    /// `[._-]? (alpha|a|beta|b|preview|pre|c|rc) [._-]? [0-9]*`.
    private mutating func preRelease() -> (phase: Version.Phase, number: DecimalNumber)? {
        let labelStart = isSeparator(bytes.byte(at: position)) ? position + 1 : position
        for (spelling, phase) in Self.preReleaseSpellings where matches(spelling, at: labelStart) {
            position = labelStart + spelling.count
            return (phase, implicitNumber())
        }
        return nil
    }

    /// `-[0-9]+` (the implicit post-release `1.0-1`) or `[._-]? (post|rev|r) [._-]? [0-9]*`.
    private mutating func postRelease() -> DecimalNumber? {
        if bytes.byte(at: position) == UInt8(ascii: "-"), bytes.byte(at: position + 1)?.isASCIIDigit == true {
            position += 1
            return number()
        }
        let labelStart = isSeparator(bytes.byte(at: position)) ? position + 1 : position
        for spelling in Self.postReleaseSpellings where matches(spelling, at: labelStart) {
            position = labelStart + spelling.count
            return implicitNumber()
        }
        return nil
    }

    /// `[._-]? dev [._-]? [0-9]*`.
    private mutating func developmentRelease() -> DecimalNumber? {
        let labelStart = isSeparator(bytes.byte(at: position)) ? position + 1 : position
        guard matches(Self.developmentSpelling, at: labelStart) else {
            return nil
        }
        position = labelStart + Self.developmentSpelling.count
        return implicitNumber()
    }

    /// `[a-z0-9]+ ([._-][a-z0-9]+)*` after the `+`; text lowercased, all-digit segments read as numbers.
    private mutating func localSegments() -> [Version.LocalSegment]? {
        var segments: [Version.LocalSegment] = []
        while true {
            let end = bytes.end(ofRunFrom: position) { $0.isASCIIAlphanumeric }
            guard end > position else {
                return nil
            }
            let segment = UnsafeBufferPointer(rebasing: bytes[position..<end])
            if let value = DecimalNumber(asciiDigits: segment) {
                segments.append(.number(value))
            } else {
                segments.append(.text(String(decoding: segment.lazy.map(\.asciiLowercased), as: UTF8.self)))
            }
            position = end
            guard isSeparator(bytes.byte(at: position)) else {
                return segments
            }
            position += 1
        }
    }
}
