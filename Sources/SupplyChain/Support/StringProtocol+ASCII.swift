extension StringProtocol {
    /// `allSatisfy(\.isHexDigit)`, answered from the UTF-8 bytes when they are all ASCII hex digits (the usual case
    /// for hashes); any other text takes the `Character` path, so fullwidth digits keep their meaning.
    var isAllHexDigits: Bool {
        func isHex(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66)
        }
        // Native strings hand over their bytes in one buffer, which scans several times faster than the view.
        let asciiHex = utf8.withContiguousStorageIfAvailable { $0.allSatisfy(isHex) } ?? utf8.allSatisfy(isHex)
        return asciiHex || allSatisfy(\.isHexDigit)
    }

    /// Whether every UTF-8 byte is ASCII: then each `Character` is one byte (lines hold no CR LF pairs), and byte
    /// scanning gives the same answers as `Character` scanning.
    var isASCII: Bool {
        utf8.withContiguousStorageIfAvailable { $0.allSatisfy { $0 < 0x80 } } ?? utf8.allSatisfy { $0 < 0x80 }
    }
}
