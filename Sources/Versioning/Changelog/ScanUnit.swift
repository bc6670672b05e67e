/// What the changelog's reference and link scanners ask of one unit of text.
///
/// `Character` is exact for any text;
/// `UInt8` gives the same answers on plain ASCII text (no CR, so every byte is one `Character`), without grapheme
/// breaking or Unicode tables, which is where a long changelog spent its time.
protocol ScanUnit: Equatable {
    /// `lowercased()` of the unit, as one unit.
    var lowered: Self { get }
    /// `Character.isWhitespace`.
    var isWhitespaceUnit: Bool { get }
    /// `\w` of JavaScript: ASCII letter, digit or `_`.
    var isWordUnit: Bool { get }
    /// An ASCII digit.
    var isDigitUnit: Bool { get }
    /// `-`.
    var isDash: Bool { get }
    /// `[\w-./]`.
    var isReferenceRepositoryUnit: Bool { get }
    /// `.` and `/`.
    static var dot: Self { get }
    static var slash: Self { get }
    /// The reference action words as units.
    static var referenceActions: [[Self]] { get }
    /// The text of some units.
    static func string(_ units: ArraySlice<Self>) -> String
    /// How many units `text` has.
    static func count(of text: String) -> Int
    /// `units` as a string when it equals `text` ignoring case (`lowercased()` on both sides).
    static func matching(_ units: ArraySlice<Self>, caseInsensitively text: String) -> String?
}

extension ScanUnit {
    var isReferenceRepositoryUnit: Bool {
        isWordUnit || isDash || self == Self.dot || self == Self.slash
    }
}

extension Character: ScanUnit {
    var lowered: Character { Character(lowercased()) }
    var isWhitespaceUnit: Bool { isWhitespace }
    var isWordUnit: Bool { ChangelogWriter.isWordCharacter(self) }
    var isDigitUnit: Bool { isASCII && isNumber }
    var isDash: Bool { self == "-" }
    static let dot: Character = "."
    static let slash: Character = "/"
    static let referenceActions: [[Character]] = referenceActionWords.map { Array($0) }
    static func string(_ units: ArraySlice<Character>) -> String { String(units) }
    static func count(of text: String) -> Int { text.count }
    static func matching(_ units: ArraySlice<Character>, caseInsensitively text: String) -> String? {
        let written = String(units)
        return written.lowercased() == text.lowercased() ? written : nil
    }
}

extension UInt8: ScanUnit {
    var lowered: UInt8 { ASCII.lowered(self) }
    var isWhitespaceUnit: Bool { ASCII.isWhitespace(self) }
    var isWordUnit: Bool { ASCII.isAlphanumeric(self) || self == UInt8(ascii: "_") }
    var isDigitUnit: Bool { ASCII.isDigit(self) }
    var isDash: Bool { self == UInt8(ascii: "-") }
    static let dot = UInt8(ascii: ".")
    static let slash = UInt8(ascii: "/")
    static let referenceActions: [[UInt8]] = referenceActionWords.map { Array($0.utf8) }
    static func string(_ units: ArraySlice<UInt8>) -> String { String(decoding: units, as: UTF8.self) }
    static func count(of text: String) -> Int { text.utf8.count }
    static func matching(_ units: ArraySlice<UInt8>, caseInsensitively text: String) -> String? {
        guard units.elementsEqual(text.utf8, by: { ASCII.lowered($0) == ASCII.lowered($1) }) else { return nil }
        return string(units)
    }
}

/// Helpers to pick the byte scanners.
enum ScanUnits {
    /// ASCII without CR: every byte is one `Character` (CR LF is the only multi-byte ASCII character).
    static func isPlainASCII(_ text: some StringProtocol) -> Bool {
        text.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D }
    }

    /// Whether `bytes`, lowercased, contain `needle` lowercased (both plain ASCII).
    static func contains(_ bytes: [UInt8], loweredNeedle needle: String) -> Bool {
        let needle = needle.utf8.map(ASCII.lowered)
        guard let first = needle.first, bytes.count >= needle.count else { return needle.isEmpty }
        for start in 0...(bytes.count - needle.count) where ASCII.lowered(bytes[start]) == first {
            var offset = 1
            while offset < needle.count, ASCII.lowered(bytes[start + offset]) == needle[offset] { offset += 1 }
            if offset == needle.count { return true }
        }
        return false
    }
}
