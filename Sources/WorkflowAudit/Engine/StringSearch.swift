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
    private static func isPlainASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
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
        utf8.withContiguousStorageIfAvailable { bytes in
            for byte in bytes where byte >= 0x80 || byte == 0x0D { return false }
            return true
        } ?? utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D }
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
        guard isPlainASCII else {
            return split(maxSplits: maxSplits, omittingEmptySubsequences: omittingEmptySubsequences) { character in
                character.utf8.count == 1 && isSeparator(character.utf8.first!)
            }
        }
        // The standard library's algorithm (`Collection.split`), over UTF-8 indices, which here are `Character`
        // boundaries.
        var result: [Substring] = []
        let view = utf8
        var start = view.startIndex
        let end = view.endIndex
        if maxSplits == 0 || start == end {
            if !(start == end && omittingEmptySubsequences) { result.append(self[start..<end]) }
            return result
        }
        var cursor = start
        while cursor != end {
            if isSeparator(view[cursor]) {
                var appended = false
                if !(start == cursor && omittingEmptySubsequences) {
                    result.append(self[start..<cursor])
                    appended = true
                }
                view.formIndex(after: &cursor)
                start = cursor
                if appended && result.count == maxSplits { break }
                continue
            }
            view.formIndex(after: &cursor)
        }
        if start != end || !omittingEmptySubsequences { result.append(self[start..<end]) }
        return result
    }

    /// `lastIndex(of:)` for an ASCII `Character`, by bytes on plain ASCII text (see `isPlainASCII`).
    func lastIndexASCII(of scalar: Unicode.Scalar) -> String.Index? {
        guard isPlainASCII else { return lastIndex(of: Character(scalar)) }
        let byte = UInt8(scalar.value)
        let view = utf8
        var found: String.Index?
        var cursor = view.startIndex
        while cursor != view.endIndex {
            if view[cursor] == byte { found = cursor }
            view.formIndex(after: &cursor)
        }
        return found
    }

    /// `firstIndex(of:)` for an ASCII `Character`, by bytes on plain ASCII text (see `isPlainASCII`).
    func firstIndexASCII(of scalar: Unicode.Scalar) -> String.Index? {
        guard isPlainASCII else { return firstIndex(of: Character(scalar)) }
        let byte = UInt8(scalar.value)
        let view = utf8
        var cursor = view.startIndex
        while cursor != view.endIndex {
            if view[cursor] == byte { return cursor }
            view.formIndex(after: &cursor)
        }
        return nil
    }
}
