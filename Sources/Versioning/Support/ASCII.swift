/// Byte tests that give, on ASCII text, the answers of the `Character` properties the parsers use.
///
/// The common all-ASCII messages thus skip grapheme breaking and Unicode tables. Callers check that the text is
/// ASCII first.
enum ASCII {
    /// `Character.isWhitespace` for an ASCII character: tab, LF, VT, FF, CR, space.
    static func isWhitespace(_ byte: UInt8) -> Bool { (0x09...0x0D).contains(byte) || byte == 0x20 }

    /// `Character.isLetter` for an ASCII character.
    static func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }

    /// `Character.isNumber` for an ASCII character.
    static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    /// Letter or digit.
    static func isAlphanumeric(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) }

    /// `lowercased()` of one ASCII character.
    static func lowered(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte + 0x20 : byte }

    /// Whether `bytes` starts with the ASCII `prefix`, ignoring case.
    static func startsCaseInsensitive(_ bytes: some Sequence<UInt8>, with prefix: StaticString) -> Bool {
        var iterator = bytes.makeIterator()
        let matched = prefix.withUTF8Buffer { expected in
            expected.allSatisfy { byte in iterator.next().map { lowered($0) == lowered(byte) } ?? false }
        }
        return matched
    }

    /// Whether `bytes` contain `needle` (a plain byte search; the generic `firstRange(of:)` is far slower).
    static func contains(_ bytes: ArraySlice<UInt8>, _ needle: StaticString) -> Bool {
        needle.withUTF8Buffer { needle in
            guard let first = needle.first, bytes.count >= needle.count else { return needle.isEmpty }
            var start = bytes.startIndex
            while start <= bytes.endIndex - needle.count {
                if bytes[start] == first, bytes[start..<(start + needle.count)].elementsEqual(needle) { return true }
                start += 1
            }
            return false
        }
    }

    /// Whether `bytes` contains the lowercase ASCII `needle`, ignoring the case of `bytes`.
    static func containsCaseInsensitive(_ bytes: [UInt8], _ needle: StaticString) -> Bool {
        bytes.withUnsafeBufferPointer { containsCaseInsensitive($0, needle) }
    }

    /// ``containsCaseInsensitive(_:_:)`` in place.
    static func containsCaseInsensitive(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        needle.withUTF8Buffer { needle in
            guard let first = needle.first, bytes.count >= needle.count else { return needle.isEmpty }
            for start in 0...(bytes.count - needle.count) where lowered(bytes[start]) == first {
                var offset = 1
                while offset < needle.count, lowered(bytes[start + offset]) == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            return false
        }
    }
}
