import Foundation
import Ledger
import SlipwayCore
import Testing

/// RFC 8785 (JSON Canonicalization Scheme) behaviour, with the RFC's own examples.
@Suite struct CanonicalJSONTests {
    private func canonical(_ text: String) throws -> String {
        try CanonicalJSON.string(try JSONParser.parse(Array(text.utf8)))
    }

    @Test("RFC 8785 §3.2.2 sample input canonicalises to the RFC's output")
    func rfcSample() throws {
        let input = #"""
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """#
        let expected =
            #"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"#
            + #""string":"€$\u000f\nA'B\"\\\\\"/"}"#
        #expect(try canonical(input) == expected)
    }

    @Test("RFC 8785 §3.2.3: members sort by UTF-16 code units, so U+1F600 sorts before U+FB33")
    func utf16Sorting() throws {
        let input =
            #"{"\u20ac":"Euro Sign","\r":"Carriage Return","\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\ud83d\ude00":"Emoji: Grinning Face","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis"}"#
        let output = try canonical(input)
        let order = ["\\r", "1", "\u{80}", "ö", "€", "😀", "\u{FB33}"]
        var last = output.startIndex
        for key in order {
            let range = try #require(output.range(of: "\"\(key)\":"), "missing \(key)")
            #expect(range.lowerBound >= last, "\(key) out of order in \(output)")
            last = range.lowerBound
        }
    }

    @Test(
        "numbers are written as ECMAScript writes them",
        arguments: [
            (0.0, "0"), (-0.0, "0"), (1.0, "1"), (-1.5, "-1.5"), (1e21, "1e+21"), (1e20, "100000000000000000000"),
            (1e-7, "1e-7"), (1e-6, "0.000001"), (123.456, "123.456"), (Double.leastNonzeroMagnitude, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"), (9_007_199_254_740_992, "9007199254740992"),
            (0.1 + 0.2, "0.30000000000000004"), (1.5e300, "1.5e+300"), (2.5e-10, "2.5e-10"),
        ]
    )
    func numbers(value: Double, expected: String) throws {
        #expect(try CanonicalJSON.format(value) == expected)
    }

    @Test("NaN and infinities have no canonical form")
    func nonFinite() {
        #expect(throws: CanonicalJSONError.notFinite) { try CanonicalJSON.format(.nan) }
        #expect(throws: CanonicalJSONError.notFinite) { try CanonicalJSON.encode(.array([.number(.infinity)])) }
    }

    @Test("control characters use short escapes where JSON has them, else lower-case \\u00xx")
    func stringEscapes() throws {
        let value = JSONValue.string("a\u{08}\u{09}\u{0A}\u{0C}\u{0D}\u{01}\u{1F}\"\\/é")
        #expect(try CanonicalJSON.string(value) == #""a\b\t\n\f\r\u0001\u001f\"\\/é""#)
    }

    @Test(
        "the parser refuses what canonicalisation cannot keep, with line and column",
        arguments: [
            (#"{"a":1,"a":2}"#, 1, 8, "duplicate member name 'a'"),
            (#"["\ud800"]"#, 1, 9, "lone surrogate in a \\u escape"),
            ("[9007199254740993]", 1, 2, "integer beyond ±2^53 cannot be represented exactly; write it as a string"),
            ("{\n  \"a\": 01}", 2, 9, "invalid number: leading zero"),
            ("[1,]", 1, 4, "unexpected character; expected a value"),
            ("{} {}", 1, 4, "unexpected text after the JSON value"),
        ]
    )
    func parserErrors(text: String, line: Int, column: Int, message: String) {
        #expect(throws: CanonicalJSONError.syntax(line: line, column: column, message: message)) {
            try JSONParser.parse(Array(text.utf8))
        }
    }

    @Test("JSON Lines parse as a sequence of values")
    func sequence() throws {
        let values = try JSONParser.parseSequence(Array("{\"a\":1}\n{\"b\":[true]}\n".utf8))
        #expect(values == [.object(["a": .number(1)]), .object(["b": .array([.bool(true)])])])
    }
}
