import SlipwayCore

/// An RFC 3339 UTC timestamp (`2026-12-05T23:10:00Z`, optionally with a fraction of a second), kept as written
/// and ordered by the instant it names.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The text as written (always ending in `Z`).
    public let text: String
    /// Whole seconds since 1970-01-01T00:00:00Z.
    public let secondsSince1970: Int
    /// The fraction digits after the point, right-padded with zeros to 9 (nanoseconds).
    public let nanoseconds: Int

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction]Z`; returns `nil` for anything else (offsets other than `Z` too).
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z") || bytes.last == UInt8(ascii: "z") else {
            return nil
        }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"), bytes[13] == UInt8(ascii: ":"),
            bytes[16] == UInt8(ascii: ":"),
            let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (1...12).contains(month), (1...Timestamp.daysIn(month: month, year: year)).contains(day),
            hour < 24, minute < 60, second < 61
        else { return nil }
        var nanoseconds = 0
        if bytes.count > 20 {
            guard bytes[19] == UInt8(ascii: "."), bytes.count > 21, bytes.count - 21 <= 9,
                let fraction = number(20..<bytes.count - 1)
            else { return nil }
            nanoseconds = fraction
            for _ in 0..<(9 - (bytes.count - 21)) { nanoseconds *= 10 }
        } else if bytes[19] != UInt8(ascii: "Z") && bytes[19] != UInt8(ascii: "z") {
            return nil
        }
        self.text = text
        self.nanoseconds = nanoseconds
        self.secondsSince1970 =
            CalendarDate(year: year, month: month, day: day).daysSince1970 * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// The timestamp of a Unix time, in whole seconds.
    public init(secondsSince1970: Int) {
        text = RFC3339.string(secondsSince1970: secondsSince1970)
        self.secondsSince1970 = secondsSince1970
        nanoseconds = 0
    }

    public var description: String { text }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        (lhs.secondsSince1970, lhs.nanoseconds) < (rhs.secondsSince1970, rhs.nanoseconds)
    }

    public static func == (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.text == rhs.text }

    public func hash(into hasher: inout Hasher) { hasher.combine(text) }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
