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
