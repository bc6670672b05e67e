import SlipwayCore
import Testing

@Suite struct UTCTimeTests {
    @Test(
        "RFC 3339 text of Unix times, before and after the epoch and across leap days",
        arguments: [
            (0, "1970-01-01T00:00:00Z"), (-1, "1969-12-31T23:59:59Z"), (951_782_400, "2000-02-29T00:00:00Z"),
            (1_795_000_000, "2026-11-18T11:06:40Z"), (4_107_542_399, "2100-02-28T23:59:59Z"),
            (-2_208_988_800, "1900-01-01T00:00:00Z"),
        ]
    )
    func knownAnswers(seconds: Int, text: String) {
        #expect(RFC3339.string(secondsSince1970: seconds) == text)
    }

    @Test("days-from-civil and civil-from-days are inverse over four centuries either side of 1970")
    func roundTrip() {
        var previous: CalendarDate?
        for days in stride(from: -146_097, through: 146_097, by: 1) {
            let date = CalendarDate(daysSince1970: days)
            #expect(date.daysSince1970 == days)
            if let previous { #expect(previous < date) }
            previous = date
        }
    }
}
