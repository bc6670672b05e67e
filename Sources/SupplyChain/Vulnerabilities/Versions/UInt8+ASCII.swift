extension UInt8 {
    /// `0`–`9`.
    var isASCIIDigit: Bool { self &- 0x30 < 10 }

    /// `A`–`Z` or `a`–`z`.
    var isASCIILetter: Bool { (self | 0x20) &- 0x61 < 26 }

    /// `0`–`9`, `A`–`F` or `a`–`f`.
    var isASCIIHexDigit: Bool { isASCIIDigit || (self | 0x20) &- 0x61 < 6 }

    /// `0`–`9`, `A`–`Z` or `a`–`z`.
    var isASCIIAlphanumeric: Bool { isASCIIDigit || isASCIILetter }

    /// The lowercase form of an ASCII letter; every other byte unchanged.
    var asciiLowercased: UInt8 { (self &- 0x41 < 26) ? self | 0x20 : self }

    /// The uppercase form of an ASCII letter; every other byte unchanged.
    var asciiUppercased: UInt8 { (self &- 0x61 < 26) ? self & 0xDF : self }
}
