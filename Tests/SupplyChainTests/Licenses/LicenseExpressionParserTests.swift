import Foundation
import SlipwayCore
import SlipwayTestSupport
import SupplyChain
import Testing

@Suite struct LicenseExpressionParserTests {
    /// The examples of SPDX 2.3 Annex D.4 (simple, `+`, references, disjunctive, conjunctive, `WITH`, precedence and
    /// parentheses), with the tree each one means.
    static let specExamples: [(String, LicenseExpression)] = [
        ("LGPL-2.1-only", .term(.id("LGPL-2.1-only"))),
        ("CDDL-1.0+", .term(.id("CDDL-1.0", orLater: true))),
        ("LicenseRef-23", .term(LicenseTerm(.reference(document: nil, name: "23")))),
        ("LicenseRef-MIT-Style-1", .term(LicenseTerm(.reference(document: nil, name: "MIT-Style-1")))),
        (
            "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2",
            .term(LicenseTerm(.reference(document: "spdx-tool-1.2", name: "MIT-Style-2")))
        ),
        ("LGPL-2.1-only OR MIT", .or([.term(.id("LGPL-2.1-only")), .term(.id("MIT"))])),
        (
            "LGPL-2.1-only OR MIT OR BSD-3-Clause",
            .or([.term(.id("LGPL-2.1-only")), .term(.id("MIT")), .term(.id("BSD-3-Clause"))])
        ),
        ("LGPL-2.1-only AND MIT", .and([.term(.id("LGPL-2.1-only")), .term(.id("MIT"))])),
        (
            "LGPL-2.1-only AND MIT AND BSD-2-Clause",
            .and([.term(.id("LGPL-2.1-only")), .term(.id("MIT")), .term(.id("BSD-2-Clause"))])
        ),
        (
            "GPL-2.0-or-later WITH Bison-exception-2.2",
            .term(.id("GPL-2.0-or-later", exception: "Bison-exception-2.2"))
        ),
        // D.4.5: AND binds tighter than OR.
        (
            "LGPL-2.1-only OR BSD-3-Clause AND MIT",
            .or([.term(.id("LGPL-2.1-only")), .and([.term(.id("BSD-3-Clause")), .term(.id("MIT"))])])
        ),
        (
            "MIT AND LGPL-2.1-or-later OR BSD-3-Clause",
            .or([.and([.term(.id("MIT")), .term(.id("LGPL-2.1-or-later"))]), .term(.id("BSD-3-Clause"))])
        ),
        // D.4.6: parentheses override precedence.
        (
            "MIT AND (LGPL-2.1-or-later OR BSD-3-Clause)",
            .and([.term(.id("MIT")), .or([.term(.id("LGPL-2.1-or-later")), .term(.id("BSD-3-Clause"))])])
        ),
    ]

    @Test("parses the SPDX 2.3 Annex D examples into the trees they mean and renders them back unchanged")
    func specificationExamples() throws {
        for (text, expected) in Self.specExamples {
            let parsed = try LicenseExpressionParser.parse(text)
            #expect(parsed == expected, "\(text)")
            #expect(parsed.description == text)
        }
    }

    @Test(
        "ids and operators match case-insensitively and render canonically",
        arguments: [
            ("mit", "MIT"),
            ("apache-2.0 or Mit", "Apache-2.0 OR MIT"),
            ("gpl-2.0-only with classpath-exception-2.0", "GPL-2.0-only WITH Classpath-exception-2.0"),
            ("  MIT   AND\tISC ", "MIT AND ISC"),
            ("((MIT))", "MIT"),
            ("MIT AND (ISC AND Zlib)", "MIT AND ISC AND Zlib"),
            ("(MIT OR ISC) AND Zlib", "(MIT OR ISC) AND Zlib"),
            ("MIT OR (ISC AND Zlib)", "MIT OR ISC AND Zlib"),
            ("(MIT OR (ISC OR Zlib))", "MIT OR ISC OR Zlib"),
            ("licenseref-Custom", "LicenseRef-Custom"),
            ("GPL-2.0 WITH documentref-a:additionref-b", "GPL-2.0 WITH DocumentRef-a:AdditionRef-b"),
            ("0bsd AND bsd-2-clause", "0BSD AND BSD-2-Clause"),
        ]
    )
    func canonicalRendering(input: String, canonical: String) throws {
        let parsed = try LicenseExpressionParser.parse(input)
        #expect(parsed.description == canonical)
        #expect(try LicenseExpressionParser.parse(canonical) == parsed)
    }

    @Test(
        "errors name the column and what was expected",
        arguments: [
            ("", LicenseExpressionError.empty),
            ("   ", .empty),
            ("MIT OR", .unexpectedEnd(column: 7, expected: "a license id, a LicenseRef- or '('")),
            ("MIT AND (ISC OR Zlib", .unexpectedEnd(column: 21, expected: "')'")),
            ("MIT ISC", .unexpectedToken("ISC", column: 5, expected: "AND, OR, WITH or the end of the expression")),
            ("(MIT ISC)", .unexpectedToken("ISC", column: 6, expected: "AND, OR, WITH or ')'")),
            ("MIT )", .unexpectedToken(")", column: 5, expected: "AND, OR, WITH or the end of the expression")),
            ("AND MIT", .unexpectedToken("AND", column: 1, expected: "a license id, a LicenseRef- or '('")),
            ("MIT OR or ISC", .unexpectedToken("or", column: 8, expected: "a license id, a LicenseRef- or '('")),
            (
                "MIT/X11",
                .unexpectedCharacter("/", column: 4, expected: "a license id, AND, OR, WITH or a parenthesis")
            ),
            ("MIT +", .unexpectedCharacter("+", column: 5, expected: "'+' directly after a license id")),
            ("MTI OR ISC", .unknownLicense("MTI", column: 1, suggestion: "MIT")),
            ("ISC OR Nonsense", .unknownLicense("Nonsense", column: 8, suggestion: nil)),
            (
                "GPL-2.0-only WITH Classpath-exception-2.1",
                .unknownException("Classpath-exception-2.1", column: 19, suggestion: "Classpath-exception-2.0")
            ),
            ("Classpath-exception-2.0", .exceptionWithoutLicense("Classpath-exception-2.0", column: 1)),
            (
                "(MIT OR ISC) WITH Classpath-exception-2.0",
                .unexpectedToken(
                    "WITH",
                    column: 14,
                    expected: "AND, OR or the end (WITH applies to a single license, not a group)"
                )
            ),
            ("GPL-2.0-only WITH", .unexpectedEnd(column: 18, expected: "a license exception id")),
            (
                "MIT AND LicenseRef-",
                .invalidReference("LicenseRef-", column: 9, reason: "the LicenseRef- name is empty")
            ),
            (
                "DocumentRef-doc",
                .invalidReference("DocumentRef-doc", column: 1, reason: "expected ':LicenseRef-…' after the document")
            ),
            ("LicenseRef-x+", .invalidReference("LicenseRef-x+", column: 1, reason: "'+' only follows a listed id")),
        ]
    )
    func errorColumns(input: String, expected: LicenseExpressionError) {
        #expect(throws: expected) { try LicenseExpressionParser.parse(input) }
    }

    @Test("error messages say what was found and what to do")
    func errorMessages() {
        #expect(
            LicenseExpressionError.unknownLicense("MTI", column: 1, suggestion: "MIT").description
                == "column 1: 'MTI' is not an SPDX license id; did you mean 'MIT'?"
        )
        #expect(
            LicenseExpressionError.unexpectedEnd(column: 7, expected: "')'").description
                == "column 7: the expression ends too early; expected ')'"
        )
        #expect(LicenseExpressionError.unexpectedCharacter("/", column: 4, expected: "x").isSyntaxError)
        #expect(!LicenseExpressionError.unknownLicense("MTI", column: 1, suggestion: nil).isSyntaxError)
    }

    @Test("hostile input is an error, not a crash: deep nesting, long text, non-ASCII")
    func hostileInput() {
        let deep = String(repeating: "(", count: 500) + "MIT" + String(repeating: ")", count: 500)
        #expect(throws: LicenseExpressionError.self) { try LicenseExpressionParser.parse(deep) }
        let long = Array(repeating: "MIT", count: 2000).joined(separator: " AND ")
        #expect(throws: LicenseExpressionError.self) { try LicenseExpressionParser.parse(long) }
        #expect(
            throws: LicenseExpressionError.unexpectedCharacter(
                "é",
                column: 5,
                expected: "a license id, AND, OR, WITH or a parenthesis"
            )
        ) {
            try LicenseExpressionParser.parse("MIT é")
        }
        #expect(throws: LicenseExpressionError.self) { try LicenseExpressionParser.parse("DocumentRef-:LicenseRef-a") }
    }

    @Test("deprecated GNU ids modernise to -only and -or-later (SPDX License List 3.0 split)")
    func modernisation() throws {
        let cases = [
            ("GPL-2.0", "GPL-2.0-only"),
            ("GPL-2.0+", "GPL-2.0-or-later"),
            ("LGPL-2.1 OR MIT", "LGPL-2.1-only OR MIT"),
            ("GPL-2.0 WITH Classpath-exception-2.0", "GPL-2.0-only WITH Classpath-exception-2.0"),
            ("AGPL-3.0 AND Apache-1.0+", "AGPL-3.0-only AND Apache-1.0+"),
        ]
        for (input, modern) in cases {
            #expect(try LicenseExpressionParser.parse(input).modernized.description == modern)
        }
        #expect(try LicenseExpressionParser.parse("GPL-2.0").terms.first?.license.isDeprecated == true)
        #expect(try LicenseExpressionParser.parse("GPL-2.0-only").terms.first?.license.isDeprecated == false)
    }

    @Test("the generated SPDX table is list 3.27.0 with canonical casing, deprecated flags and exceptions")
    func licenseList() {
        #expect(SPDXLicenseList.version == "3.27.0")
        #expect(SPDXLicenseList.allLicenses.count == 699)
        #expect(SPDXLicenseList.allExceptions.count == 79)
        #expect(SPDXLicenseList.license("apache-2.0")?.id == "Apache-2.0")
        #expect(SPDXLicenseList.license("GPL-2.0")?.isDeprecated == true)
        #expect(SPDXLicenseList.license("GPL-2.0-or-later")?.isDeprecated == false)
        #expect(SPDXLicenseList.license("Classpath-exception-2.0") == nil)
        #expect(SPDXLicenseList.exception("llvm-exception")?.id == "LLVM-exception")
        let ids = SPDXLicenseList.allLicenses.map { $0.id.lowercased() }
        #expect(Set(ids).count == ids.count)
    }

    /// The SPDX list shipped by the Python `packaging` package in the conformance virtualenv, when present.
    static let spdxSource: String? = {
        let base = ProcessEnvironment.value("HOME").map { $0 + "/.cache/conformance-venv/lib" } ?? ""
        let versions = (try? LocalFileSystem().contentsOfDirectory(at: base)) ?? []
        return versions.filter { $0.hasPrefix("python3") }.sorted().lazy
            .map { "\(base)/\($0)/site-packages/packaging/licenses/_spdx.py" }
            .first { LocalFileSystem().exists($0) }
    }()

    @Test(
        "SPDXLicenseList+Data.swift is what scripts/generate-spdx-license-list.py writes",
        .tags(.process),
        .enabled(if: spdxSource != nil, "no packaging/licenses/_spdx.py in ~/.cache/conformance-venv")
    )
    func generatedTableIsFresh() async throws {
        let script = Corpus.packageRoot + "/scripts/generate-spdx-license-list.py"
        let result = try await FoundationProcessRunner().run(
            ProcessRequest(["python3", script, "--check", Self.spdxSource ?? ""], timeout: .seconds(60))
        )
        #expect(result.status == 0, "\(result.errorText)")
    }
}
