/// Small byte-level helpers shared by the hand-written matchers (ASCII only; other bytes are never special).
enum ByteText {
    static let newline = UInt8(ascii: "\n")

    /// The lowercase of an ASCII letter, the byte itself otherwise.
    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte | 0x20 : byte
    }

    @inline(__always) static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
    }

    /// Letters, digits, `_`, `-` and `.`: the characters of a configuration key or identifier path.
    @inline(__always) static func isIdentifier(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }

    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
        byte == 32 || byte == 9 || byte == 13
    }

    @inline(__always) static func isBase64(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
    }

    /// Whether `needle` (lowercase) occurs case-insensitively in `buffer[range]`, and where.
    static func find(
        _ needle: [UInt8],
        in buffer: UnsafeBufferPointer<UInt8>,
        range: Range<Int>,
        caseInsensitive: Bool = true
    ) -> Int? {
        guard let first = needle.first, range.count >= needle.count else { return nil }
        var index = range.lowerBound
        let last = range.upperBound - needle.count
        while index <= last {
            let byte = caseInsensitive ? lower(buffer[index]) : buffer[index]
            if byte == first {
                var offset = 1
                while offset < needle.count {
                    let other = caseInsensitive ? lower(buffer[index + offset]) : buffer[index + offset]
                    if other != needle[offset] { break }
                    offset += 1
                }
                if offset == needle.count { return index }
            }
            index += 1
        }
        return nil
    }

    /// The bytes of `range` as a String in which every non-ASCII byte becomes U+001A, so that UTF-8 offsets in
    /// the string equal byte offsets in the buffer.
    static func asciiString(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(unsafeUninitializedCapacity: range.count) { output in
            var target = 0
            for index in range {
                let byte = buffer[index]
                output[target] = byte < 0x80 ? byte : 0x1A
                target += 1
            }
            return range.count
        }
    }

    /// The bytes of `range` decoded as UTF-8.
    static func string(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
    }
}
