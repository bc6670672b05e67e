extension StringProtocol {
    /// Whether `other` occurs in the text, with the standard library's answer (`firstRange(of:)`, which compares
    /// `Character`s).
    ///
    /// Rules ask this of every `run:` script many times, and the generic searcher costs several times a byte scan,
    /// so when both texts are ASCII without carriage returns (every `Character` is then one byte, and no byte joins
    /// its neighbour into one `Character`) the bytes are compared directly; other texts take the generic path.
    func contains(_ other: String) -> Bool {
        var pattern = other
        let fast = pattern.withUTF8 { needle -> Bool? in
            guard !needle.isEmpty, Self.isPlainASCII(needle) else { return nil }
            return utf8.withContiguousStorageIfAvailable { text -> Bool? in
                guard Self.isPlainASCII(text) else { return nil }
                return Self.bytes(text, contain: needle)
            } ?? nil
        }
        if let fast { return fast }
        return firstRange(of: other) != nil
    }

    /// Whether every byte is ASCII and none is a carriage return (which joins a following line feed).
    fileprivate static func isPlainASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in bytes where byte >= 0x80 || byte == 0x0D { return false }
        return true
    }

    private static func bytes(_ text: UnsafeBufferPointer<UInt8>, contain needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.count >= needle.count else { return false }
        let first = needle[0]
        let last = text.count - needle.count
        var index = 0
        while index <= last {
            if text[index] == first {
                var offset = 1
                while offset < needle.count, text[index + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            index += 1
        }
        return false
    }
}

extension StringProtocol where SubSequence == Substring, Index == String.Index {
    /// Whether every `Character` of the text is one byte: ASCII without carriage returns (in ASCII only `"\r\n"`
    /// forms a `Character` of two bytes), so byte offsets and `Character` offsets agree.
    var isPlainASCII: Bool {
        utf8.withContiguousStorageIfAvailable { Self.isPlainASCII($0) } ?? utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D }
    }

    /// The index `offset` UTF-8 bytes after the start.
    @inline(__always) private func index(atByte offset: Int) -> String.Index {
        utf8.index(utf8.startIndex, offsetBy: offset)
    }

    /// `split(separator:maxSplits:omittingEmptySubsequences:)` for an ASCII separator, with the standard library's
    /// result: on plain ASCII text (see `isPlainASCII`) the bytes are scanned directly, other texts take the generic
    /// `Character` path.
    func splitASCII(
        _ separator: Unicode.Scalar,
        maxSplits: Int = Int.max,
        omittingEmptySubsequences: Bool = true
    ) -> [Substring] {
        let byte = UInt8(separator.value)
        return splitASCII(maxSplits: maxSplits, omittingEmptySubsequences: omittingEmptySubsequences) { $0 == byte }
    }

    /// `split(maxSplits:omittingEmptySubsequences:whereSeparator:)` for a separator test that only ever accepts
    /// ASCII `Character`s, given as a test of their byte; same result as the standard library's `Character` split.
    func splitASCII(
        maxSplits: Int = Int.max,
        omittingEmptySubsequences: Bool = true,
        whereSeparator isSeparator: (UInt8) -> Bool
    ) -> [Substring] {
        // The standard library's algorithm (`Collection.split`) over byte offsets, which on plain ASCII text are
        // `Character` boundaries.
        let ranges = utf8.withContiguousStorageIfAvailable { bytes -> [Range<Int>]? in
            guard Self.isPlainASCII(bytes) else { return nil }
            var ranges: [Range<Int>] = []
            var start = 0
            let end = bytes.count
            if maxSplits == 0 || end == 0 {
                if !(end == 0 && omittingEmptySubsequences) { ranges.append(0..<end) }
                return ranges
            }
            var cursor = 0
            while cursor != end {
                if isSeparator(bytes[cursor]) {
                    var appended = false
                    if !(start == cursor && omittingEmptySubsequences) {
                        ranges.append(start..<cursor)
                        appended = true
                    }
                    cursor += 1
                    start = cursor
                    if appended && ranges.count == maxSplits { break }
                    continue
                }
                cursor += 1
            }
            if start != end || !omittingEmptySubsequences { ranges.append(start..<end) }
            return ranges
        }
        guard let ranges = ranges ?? nil else {
            return split(maxSplits: maxSplits, omittingEmptySubsequences: omittingEmptySubsequences) { character in
                guard character.utf8.count == 1, let byte = character.utf8.first else { return false }
                return isSeparator(byte)
            }
        }
        return ranges.map { self[index(atByte: $0.lowerBound)..<index(atByte: $0.upperBound)] }
    }

    /// `lastIndex(of:)` for an ASCII `Character`, by bytes on plain ASCII text (see `isPlainASCII`).
    func lastIndexASCII(of scalar: Unicode.Scalar) -> String.Index? {
        let byte = UInt8(scalar.value)
        let offset = utf8.withContiguousStorageIfAvailable { bytes -> Int?? in
            guard Self.isPlainASCII(bytes) else { return nil }
            return .some(bytes.lastIndex(of: byte))
        }
        guard let offset = offset ?? nil else { return lastIndex(of: Character(scalar)) }
        return offset.map { index(atByte: $0) }
    }

    /// `firstIndex(of:)` for an ASCII `Character`, by bytes on plain ASCII text (see `isPlainASCII`).
    func firstIndexASCII(of scalar: Unicode.Scalar) -> String.Index? {
        let byte = UInt8(scalar.value)
        let offset = utf8.withContiguousStorageIfAvailable { bytes -> Int?? in
            guard Self.isPlainASCII(bytes) else { return nil }
            return .some(bytes.firstIndex(of: byte))
        }
        guard let offset = offset ?? nil else { return firstIndex(of: Character(scalar)) }
        return offset.map { index(atByte: $0) }
    }
}
