/// NuGet's version ordering (NuGet.Versioning `NuGetVersion` and `VersionComparer.Default`), for OSV's `NuGet`
/// ecosystem.
///
/// SemVer 2.0 extended the NuGet way: one to four numbers (missing ones are zero, leading zeros allowed, each at
/// most `Int32.max`), pre-release labels compared case-insensitively, and build metadata ignored.
public struct NuGetVersionOrdering: VersionOrdering {
    /// A parsed NuGet version.
    public struct Version: Comparable, Sendable, CustomStringConvertible {
        let major: Int32
        let minor: Int32
        let patch: Int32
        let revision: Int32
        let releaseLabels: [String]
        let metadata: String?

        /// Whether the version has release labels.
        public var isPrerelease: Bool { !releaseLabels.isEmpty }

        /// The normalised version (`1.0.0-beta.1`, or `1.0.0.4` when the fourth number is not zero).
        public var description: String {
            var text = "\(major).\(minor).\(patch)"
            if revision != 0 {
                text += ".\(revision)"
            }
            if !releaseLabels.isEmpty {
                text += "-" + releaseLabels.joined(separator: ".")
            }
            if let metadata {
                text += "+" + metadata
            }
            return text
        }

        public static func < (lhs: Version, rhs: Version) -> Bool {
            compare(lhs, rhs) < 0
        }

        public static func == (lhs: Version, rhs: Version) -> Bool {
            compare(lhs, rhs) == 0
        }

        /// `VersionComparer.Compare` in `Default` mode: the four numbers, then no labels above labels, then labels
        /// one by one (numbers numerically and below text, text ordinally ignoring case, fewer labels lower).
        private static func compare(_ lhs: Version, _ rhs: Version) -> Int {
            let left = (lhs.major, lhs.minor, lhs.patch, lhs.revision)
            let right = (rhs.major, rhs.minor, rhs.patch, rhs.revision)
            if left != right {
                return left < right ? -1 : 1
            }
            switch (lhs.releaseLabels.isEmpty, rhs.releaseLabels.isEmpty) {
            case (true, true): return 0
            case (true, false): return 1
            case (false, true): return -1
            case (false, false): break
            }
            for (a, b) in zip(lhs.releaseLabels, rhs.releaseLabels) {
                let result = compareLabel(a, b)
                if result != 0 {
                    return result
                }
            }
            return lhs.releaseLabels.count == rhs.releaseLabels.count
                ? 0 : (lhs.releaseLabels.count < rhs.releaseLabels.count ? -1 : 1)
        }

        /// `VersionComparer.CompareRelease`: labels that `int.TryParse` accepts compare as numbers, below the others.
        private static func compareLabel(_ lhs: String, _ rhs: String) -> Int {
            switch (int32Value(lhs), int32Value(rhs)) {
            case (let a?, let b?):
                return a == b ? 0 : (a < b ? -1 : 1)
            case (.some, nil):
                return -1
            case (nil, .some):
                return 1
            case (nil, nil):
                let a = lhs.utf8.lazy.map(\.asciiUppercased)
                let b = rhs.utf8.lazy.map(\.asciiUppercased)
                if a.elementsEqual(b) {
                    return 0
                }
                return a.lexicographicallyPrecedes(b) ? -1 : 1
            }
        }

        /// `int.TryParse` on a label (which holds only `[0-9A-Za-z-]`): optional `-`, then digits, within `Int32`.
        private static func int32Value(_ label: String) -> Int32? {
            var digits = Substring(label)
            let negative = digits.first == "-"
            if negative {
                digits = digits.dropFirst()
            }
            guard !digits.isEmpty, digits.utf8.allSatisfy(\.isASCIIDigit) else {
                return nil
            }
            var value: Int64 = 0
            for byte in digits.utf8 {
                value = value * 10 + Int64(byte &- 0x30)
                if value > Int64(Int32.max) + 1 {
                    return nil
                }
            }
            let signed = negative ? -value : value
            return Int32(exactly: signed)
        }
    }

    /// Creates the ordering.
    public init() {}

    /// The parsed version, or nil when `NuGetVersion.TryParse` rejects `text`.
    public func parse(_ text: String) -> Version? {
        VersionText.withUTF8(text, trimming: .unicode) { bytes in
            Self.parse(bytes)
        }
    }

    private static let dot = UInt8(ascii: ".")

    /// `NuGetVersionFactory.TryParse`: the text before the first `-` or `+` is the version, labels run to the next
    /// `+`, and the metadata follows it.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Version? {
        let versionEnd = bytes.firstIndex { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") } ?? bytes.count
        guard let numbers = versionNumbers(UnsafeBufferPointer(rebasing: bytes[0..<versionEnd])) else {
            return nil
        }
        var labels: [String] = []
        var position = versionEnd
        if bytes.byte(at: position) == UInt8(ascii: "-") {
            let labelsEnd = bytes[(position + 1)...].firstIndex(of: UInt8(ascii: "+")) ?? bytes.count
            for label in bytes[(position + 1)..<labelsEnd].split(separator: dot, omittingEmptySubsequences: false) {
                guard isValidPart(label, allowingLeadingZeros: false) else {
                    return nil
                }
                labels.append(String(decoding: label, as: UTF8.self))
            }
            position = labelsEnd
        }
        var metadata: String?
        if bytes.byte(at: position) == UInt8(ascii: "+") {
            let parts = bytes[(position + 1)...].split(separator: dot, omittingEmptySubsequences: false)
            guard parts.allSatisfy({ isValidPart($0, allowingLeadingZeros: true) }) else {
                return nil
            }
            metadata = bytes.string((position + 1)..<bytes.count)
        }
        return Version(
            major: numbers.major,
            minor: numbers.minor,
            patch: numbers.patch,
            revision: numbers.revision,
            releaseLabels: labels,
            metadata: metadata
        )
    }

    /// `TryGetNormalizedVersion`: one to four dot-separated numbers of at most `Int32.max`, each of which may be
    /// padded with whitespace; the missing ones are zero.
    private static func versionNumbers(
        _ bytes: UnsafeBufferPointer<UInt8>
    ) -> (major: Int32, minor: Int32, patch: Int32, revision: Int32)? {
        guard bytes.contains(where: { !isWhitespace($0) }) else {
            return nil
        }
        var numbers: [Int32] = []
        var position = 0
        while numbers.count < 4, position < bytes.count {
            while let byte = bytes.byte(at: position), isWhitespace(byte) {
                position += 1
            }
            var value: Int64 = 0
            let digitsStart = position
            while let byte = bytes.byte(at: position), byte.isASCIIDigit {
                value = value * 10 + Int64(byte &- 0x30)
                guard value <= Int64(Int32.max) else {
                    return nil
                }
                position += 1
            }
            guard position > digitsStart else {
                return nil
            }
            while let byte = bytes.byte(at: position), isWhitespace(byte) {
                position += 1
            }
            numbers.append(Int32(value))
            if bytes.byte(at: position) == dot {
                position += 1
                // A version may not end with a dot.
                guard position < bytes.count else {
                    return nil
                }
            } else if position < bytes.count {
                return nil
            }
        }
        guard position == bytes.count else {
            return nil
        }
        let padded = numbers + Array(repeating: 0, count: max(0, 4 - numbers.count))
        return padded.count == 4 ? (padded[0], padded[1], padded[2], padded[3]) : nil
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// `IsValidPart`: non-empty `[0-9A-Za-z-]`, and for labels no leading zero on an all-digit part.
    private static func isValidPart(_ part: some Collection<UInt8>, allowingLeadingZeros: Bool) -> Bool {
        guard !part.isEmpty, part.allSatisfy({ $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "-") }) else {
            return false
        }
        if !allowingLeadingZeros, part.count > 1, part.first == UInt8(ascii: "0"), part.allSatisfy(\.isASCIIDigit) {
            return false
        }
        return true
    }
}
