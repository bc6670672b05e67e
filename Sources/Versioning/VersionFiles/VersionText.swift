import SlipwayCore

/// Byte-level helpers shared by the updaters: positions for messages, exact splicing, version checks.
///
/// The updaters work on UTF-8 bytes so that every byte outside the replaced ranges (a BOM, CRLF,
/// unusual whitespace) comes back exactly as it was read.
enum VersionText {
    /// Whether `version` can be written into any supported format without quoting or escaping.
    static func validate(_ version: String, path: String) throws(VersionFileError) {
        let allowed =
            !version.isEmpty
            && version.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"),
                    UInt8(ascii: "+"), UInt8(ascii: "_"):
                    true
                default:
                    false
                }
            }
        if !allowed {
            throw .invalidVersion(path: path, version: version)
        }
    }

    /// The 1-based line and column of a byte offset; columns count Unicode scalars, as `SourcePosition` does.
    static func position(in bytes: [UInt8], at offset: Int) -> SourcePosition {
        var line = 1
        var lineStart = hasByteOrderMark(bytes) ? 3 : 0
        let end = min(offset, bytes.count)
        var index = lineStart
        while index < end {
            if bytes[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        var column = 1
        index = lineStart
        while index < end {
            // Count only the first byte of each UTF-8 sequence.
            if bytes[index] & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return SourcePosition(line: line, column: column)
    }

    /// Whether the bytes start with a UTF-8 byte order mark.
    static func hasByteOrderMark(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    /// The text with each of the sorted, non-overlapping `ranges` replaced by `replacement`.
    static func replacing(_ ranges: [Range<Int>], in bytes: [UInt8], with replacement: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + ranges.count * replacement.utf8.count)
        var cursor = 0
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            output.append(contentsOf: bytes[cursor..<range.lowerBound])
            output.append(contentsOf: replacement.utf8)
            cursor = range.upperBound
        }
        output.append(contentsOf: bytes[cursor...])
        return String(decoding: output, as: UTF8.self)
    }

    /// Describes the character at `offset` for a message: `'x'`, `a line break` or `the end of the file`.
    static func describe(in bytes: [UInt8], at offset: Int) -> String {
        guard offset < bytes.count else { return "the end of the file" }
        switch bytes[offset] {
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
            return "a line break"
        case UInt8(ascii: "\t"):
            return "a tab"
        default:
            var iterator = bytes[offset...].makeIterator()
            var decoder = UTF8()
            if case .scalarValue(let scalar) = decoder.decode(&iterator) {
                if scalar.value < 0x20 {
                    return "control character U+\(String(scalar.value, radix: 16, uppercase: true))"
                }
                return "'\(Character(scalar))'"
            }
            return "an invalid UTF-8 byte"
        }
    }

    /// The decoded text of the bytes in `range`.
    static func string(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The value of an ASCII hexadecimal digit.
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
