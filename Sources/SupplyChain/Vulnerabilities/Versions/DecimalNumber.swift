/// A non-negative decimal integer of any length, as version components are (`1`, `20240101`, or forty digits).
///
/// Values that fit in a `UInt64` are stored inline so the common case costs no allocation; longer values keep their
/// significant digits and compare by length, then digit by digit. Leading zeros never matter (`007` equals `7`).
struct DecimalNumber: Comparable, Hashable, Sendable, CustomStringConvertible {
    private let inline: UInt64
    /// The significant digits when the value does not fit in `UInt64`, otherwise nil.
    private let wide: String?

    static let zero = DecimalNumber(inline: 0, wide: nil)

    private init(inline: UInt64, wide: String?) {
        self.inline = inline
        self.wide = wide
    }

    /// Creates a number from a value that fits in `UInt64`.
    init(_ value: UInt64) {
        self.init(inline: value, wide: nil)
    }

    /// Reads ASCII digits; nil when `digits` is empty or holds anything but `0`–`9`.
    init?(asciiDigits digits: some Collection<UInt8>) {
        guard !digits.isEmpty else {
            return nil
        }
        var value: UInt64 = 0
        var overflowed = false
        for byte in digits {
            guard byte.isASCIIDigit else {
                return nil
            }
            if !overflowed {
                let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(UInt64(byte &- 0x30))
                overflowed = overflow1 || overflow2
                value = sum
            }
        }
        guard overflowed else {
            self.init(inline: value, wide: nil)
            return
        }
        let significant = digits.drop { $0 == 0x30 }
        self.init(inline: UInt64.max, wide: String(decoding: significant, as: UTF8.self))
    }

    var isZero: Bool { wide == nil && inline == 0 }

    /// The value when it fits in `UInt64`.
    var uint64Value: UInt64? { wide == nil ? inline : nil }

    var description: String { wide ?? String(inline) }

    static func < (lhs: DecimalNumber, rhs: DecimalNumber) -> Bool {
        switch (lhs.wide, rhs.wide) {
        case (nil, nil):
            return lhs.inline < rhs.inline
        case (nil, .some):
            return true
        case (.some, nil):
            return false
        case (.some(let left), .some(let right)):
            if left.utf8.count != right.utf8.count {
                return left.utf8.count < right.utf8.count
            }
            return left.utf8.lexicographicallyPrecedes(right.utf8)
        }
    }
}
