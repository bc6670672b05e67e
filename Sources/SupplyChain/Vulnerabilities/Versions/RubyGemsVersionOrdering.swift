/// `Gem::Version` ordering (rubygems `lib/rubygems/version.rb`), for OSV's `RubyGems` ecosystem.
///
/// A version is split into numeric and alphabetic segments at dots and at letter/digit boundaries; a `-` stands
/// for `.pre.`; any letter makes it a pre-release. Zero segments at the end, and zeros just before the first
/// letter, do not count. Letters sort below numbers, so `1.0.a` < `1.0` and `1.0.0-1` < `1`.
public struct RubyGemsVersionOrdering: VersionOrdering {
    /// A parsed gem version, compared by its canonical segments.
    public struct Version: Comparable, Sendable, CustomStringConvertible {
        /// One canonical segment.
        enum Segment: Sendable, Equatable {
            case number(DecimalNumber)
            case text(String)
        }

        /// The version as rubygems stores it: stripped, with `-` replaced by `.pre.`.
        public let description: String
        let segments: [Segment]

        /// Whether the version contains a letter (`Gem::Version#prerelease?`).
        public var isPrerelease: Bool { description.utf8.contains { $0.isASCIILetter } }

        public static func < (lhs: Version, rhs: Version) -> Bool {
            compare(lhs, rhs) < 0
        }

        public static func == (lhs: Version, rhs: Version) -> Bool {
            compare(lhs, rhs) == 0
        }

        /// `Gem::Version#<=>`: segment by segment, a string below a number; past the end of the shorter list,
        /// a remaining string makes the longer version lower and a remaining non-zero number makes it higher.
        private static func compare(_ lhs: Version, _ rhs: Version) -> Int {
            for (left, right) in zip(lhs.segments, rhs.segments) {
                switch (left, right) {
                case (.number(let a), .number(let b)):
                    if a != b {
                        return a < b ? -1 : 1
                    }
                case (.text, .number):
                    return -1
                case (.number, .text):
                    return 1
                case (.text(let a), .text(let b)):
                    if a != b {
                        return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
                    }
                }
            }
            let shorter = min(lhs.segments.count, rhs.segments.count)
            let (longer, sign) = lhs.segments.count > shorter ? (lhs.segments, 1) : (rhs.segments, -1)
            for segment in longer.dropFirst(shorter) {
                switch segment {
                case .text:
                    return -sign
                case .number(let number) where !number.isZero:
                    return sign
                case .number:
                    continue
                }
            }
            return 0
        }
    }

    /// Creates the ordering.
    public init() {}

    /// The parsed version, or nil when `Gem::Version.correct?` rejects `text` (blank text is version `0`).
    public func parse(_ text: String) -> Version? {
        VersionText.withUTF8(text, trimming: .ruby) { bytes in
            Self.parse(bytes)
        }
    }

    private static let dot = UInt8(ascii: ".")
    private static let hyphen = UInt8(ascii: "-")

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Version? {
        guard bytes.count > 0 else {
            return Version(description: "0", segments: [.number(.zero)])
        }
        guard isWellFormed(bytes) else {
            return nil
        }
        // `-` becomes `.pre.` (Gem::Version#initialize); then the two canonicalising substitutions of
        // Gem::Version#canonical_segments run on the result.
        var expanded: [UInt8] = []
        expanded.reserveCapacity(bytes.count)
        for byte in bytes {
            if byte == hyphen {
                expanded.append(contentsOf: ".pre.".utf8)
            } else {
                expanded.append(byte)
            }
        }
        let description = String(decoding: expanded, as: UTF8.self)
        var canonical = expanded
        removeTrailingZeros(&canonical)
        if canonical.contains(where: \.isASCIILetter) {
            removeZerosBeforeLetter(&canonical)
        }
        return Version(description: description, segments: segments(of: canonical))
    }

    /// `VERSION_PATTERN`: `[0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?`.
    private static func isWellFormed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var position = bytes.end(ofRunFrom: 0) { $0.isASCIIDigit }
        guard position > 0 else {
            return false
        }
        while bytes.byte(at: position) == dot {
            let end = bytes.end(ofRunFrom: position + 1) { $0.isASCIIAlphanumeric }
            guard end > position + 1 else {
                return false
            }
            position = end
        }
        guard position < bytes.count else {
            return true
        }
        guard bytes.byte(at: position) == hyphen else {
            return false
        }
        position += 1
        while true {
            let end = bytes.end(ofRunFrom: position) { $0.isASCIIAlphanumeric || $0 == hyphen }
            guard end > position else {
                return false
            }
            position = end
            guard bytes.byte(at: position) == dot else {
                return position == bytes.count
            }
            position += 1
        }
    }

    /// `sub(/(?<=[a-zA-Z.])[.0]+\z/, "")`: drops the trailing run of `.` and `0` from its first byte that follows
    /// a letter or a dot, so zero segments at the end vanish but the zero of `10` stays.
    private static func removeTrailingZeros(_ bytes: inout [UInt8]) {
        var runStart = bytes.count
        while runStart > 0, bytes[runStart - 1] == dot || bytes[runStart - 1] == UInt8(ascii: "0") {
            runStart -= 1
        }
        var cut = max(runStart, 1)
        while cut < bytes.count {
            let previous = bytes[cut - 1]
            if previous.isASCIILetter || previous == dot {
                bytes.removeSubrange(cut...)
                return
            }
            cut += 1
        }
    }

    /// `sub!(/(?<=\.|\A)[0.]+(?=[a-zA-Z])/, "")`: removes the first run of `0` and `.` that starts a segment
    /// and runs straight into a letter, so `1.0.0.a` reads as `1.a`.
    private static func removeZerosBeforeLetter(_ bytes: inout [UInt8]) {
        var start = 0
        while start < bytes.count {
            let startsSegment = start == 0 || bytes[start - 1] == dot
            if startsSegment, bytes[start] == UInt8(ascii: "0") || bytes[start] == dot {
                var end = start
                while end < bytes.count, bytes[end] == UInt8(ascii: "0") || bytes[end] == dot {
                    end += 1
                }
                if end < bytes.count, bytes[end].isASCIILetter {
                    bytes.removeSubrange(start..<end)
                    return
                }
            }
            start += 1
        }
    }

    /// `scan(/\d+|[a-z]+/i)`, numbers read as integers.
    private static func segments(of bytes: [UInt8]) -> [Version.Segment] {
        var segments: [Version.Segment] = []
        var position = 0
        while position < bytes.count {
            let byte = bytes[position]
            if byte.isASCIIDigit {
                var end = position
                while end < bytes.count, bytes[end].isASCIIDigit {
                    end += 1
                }
                segments.append(.number(DecimalNumber(asciiDigits: bytes[position..<end]) ?? .zero))
                position = end
            } else if byte.isASCIILetter {
                var end = position
                while end < bytes.count, bytes[end].isASCIILetter {
                    end += 1
                }
                segments.append(.text(String(decoding: bytes[position..<end], as: UTF8.self)))
                position = end
            } else {
                position += 1
            }
        }
        return segments
    }
}
