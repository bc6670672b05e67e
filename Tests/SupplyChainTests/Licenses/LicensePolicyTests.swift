import SlipwayCore
import SupplyChain
import Testing

@Suite struct LicensePolicyTests {
    private static func expression(_ text: String) -> LicenseExpression {
        (try? LicenseExpressionParser.parse(text)) ?? .and([])
    }

    private static func policy(allow: [String] = [], deny: [String] = []) -> LicensePolicy {
        LicensePolicy(allow: allow.map(expression), deny: deny.map(expression))
    }

    /// One row of the truth table: policy lists, the expression, and the verdict as (kind, offending terms).
    struct Row: CustomTestStringConvertible, Sendable {
        var allow: [String]
        var deny: [String]
        var expression: String
        var verdict: String
        var terms: [String]

        var testDescription: String { "\(expression) with allow \(allow), deny \(deny) → \(verdict) \(terms)" }
    }

    static let rows: [Row] = [
        // An empty allow list accepts everything not denied.
        Row(allow: [], deny: [], expression: "WTFPL", verdict: "allowed", terms: []),
        Row(allow: [], deny: ["GPL-3.0-only"], expression: "GPL-3.0-only", verdict: "denied", terms: ["GPL-3.0-only"]),
        Row(allow: ["MIT"], deny: [], expression: "MIT", verdict: "allowed", terms: []),
        Row(allow: ["MIT"], deny: [], expression: "ISC", verdict: "not-allowed", terms: ["ISC"]),
        // OR: any acceptable branch is enough, even when another branch is denied.
        Row(allow: ["MIT"], deny: ["GPL-3.0-only"], expression: "MIT OR GPL-3.0-only", verdict: "allowed", terms: []),
        Row(
            allow: [],
            deny: ["GPL-3.0-only", "AGPL-3.0-only"],
            expression: "GPL-3.0-only OR AGPL-3.0-only",
            verdict: "denied",
            terms: ["GPL-3.0-only", "AGPL-3.0-only"]
        ),
        Row(
            allow: ["MIT"],
            deny: ["GPL-3.0-only"],
            expression: "GPL-3.0-only OR ISC",
            verdict: "not-allowed",
            terms: ["GPL-3.0-only", "ISC"]
        ),
        // AND: every operand must be acceptable; one denied operand denies the whole.
        Row(allow: ["MIT", "ISC"], deny: [], expression: "MIT AND ISC", verdict: "allowed", terms: []),
        Row(allow: ["MIT"], deny: [], expression: "MIT AND ISC", verdict: "not-allowed", terms: ["ISC"]),
        Row(
            allow: ["MIT"],
            deny: ["GPL-2.0-only"],
            expression: "MIT AND GPL-2.0-only",
            verdict: "denied",
            terms: ["GPL-2.0-only"]
        ),
        Row(allow: ["MIT", "ISC"], deny: ["Zlib"], expression: "(MIT OR Zlib) AND ISC", verdict: "allowed", terms: []),
        // Deny wins over allow.
        Row(allow: ["MIT"], deny: ["MIT"], expression: "MIT", verdict: "denied", terms: ["MIT"]),
        // WITH: the id allowed, or exactly `id WITH exception` allowed.
        Row(
            allow: ["GPL-2.0-only"],
            deny: [],
            expression: "GPL-2.0-only WITH Classpath-exception-2.0",
            verdict: "allowed",
            terms: []
        ),
        Row(
            allow: ["GPL-2.0-only WITH Classpath-exception-2.0"],
            deny: [],
            expression: "GPL-2.0-only WITH Classpath-exception-2.0",
            verdict: "allowed",
            terms: []
        ),
        Row(
            allow: ["GPL-2.0-only WITH Classpath-exception-2.0"],
            deny: [],
            expression: "GPL-2.0-only",
            verdict: "not-allowed",
            terms: ["GPL-2.0-only"]
        ),
        Row(
            allow: ["GPL-2.0-only WITH Classpath-exception-2.0"],
            deny: [],
            expression: "GPL-2.0-only WITH GCC-exception-3.1",
            verdict: "not-allowed",
            terms: ["GPL-2.0-only WITH GCC-exception-3.1"]
        ),
        Row(
            allow: [],
            deny: ["GPL-2.0-only"],
            expression: "GPL-2.0-only WITH Classpath-exception-2.0",
            verdict: "denied",
            terms: ["GPL-2.0-only WITH Classpath-exception-2.0"]
        ),
        // `+` and -or-later: acceptable when the version itself is.
        Row(allow: ["Apache-1.0"], deny: [], expression: "Apache-1.0+", verdict: "allowed", terms: []),
        Row(allow: ["GPL-2.0-only"], deny: [], expression: "GPL-2.0-or-later", verdict: "allowed", terms: []),
        Row(
            allow: ["GPL-2.0-or-later"],
            deny: [],
            expression: "GPL-2.0-only",
            verdict: "not-allowed",
            terms: ["GPL-2.0-only"]
        ),
        // Deprecated GNU ids are their successors on both sides; ids match case-insensitively.
        Row(allow: ["GPL-2.0-only"], deny: [], expression: "GPL-2.0", verdict: "allowed", terms: []),
        Row(allow: [], deny: ["LGPL-2.1"], expression: "lgpl-2.1-only", verdict: "denied", terms: ["LGPL-2.1-only"]),
        Row(allow: ["GPL-2.0-or-later"], deny: [], expression: "GPL-2.0+", verdict: "allowed", terms: []),
        // A whole expression in allow accepts exactly that expression.
        Row(allow: ["MIT AND CC-BY-4.0"], deny: [], expression: "MIT AND CC-BY-4.0", verdict: "allowed", terms: []),
        Row(
            allow: ["MIT AND CC-BY-4.0"],
            deny: [],
            expression: "CC-BY-4.0",
            verdict: "not-allowed",
            terms: ["CC-BY-4.0"]
        ),
        // References are terms like any other.
        Row(allow: ["LicenseRef-Internal"], deny: [], expression: "LicenseRef-internal", verdict: "allowed", terms: []),
    ]

    @Test("OR needs one acceptable branch, AND all, WITH the id or the exact pair; deny wins", arguments: rows)
    func truthTable(row: Row) {
        let verdict = Self.policy(allow: row.allow, deny: row.deny).evaluate(Self.expression(row.expression))
        switch verdict {
        case .allowed:
            #expect(row.verdict == "allowed")
        case .denied(let terms):
            #expect(row.verdict == "denied")
            #expect(terms.map(\.description) == row.terms)
        case .notAllowed(let terms):
            #expect(row.verdict == "not-allowed")
            #expect(terms.map(\.description) == row.terms)
        }
    }

    @Test("an exception names a package by purl (with or without version) or by name")
    func exceptionMatching() throws {
        let date = try #require(CalendarDate("2030-01-01"))
        func covers(_ pattern: String) -> Bool {
            LicensePolicy.Exception(package: pattern, reason: "r", owner: "o", expires: date)
                .covers(purl: "pkg:npm/%40scope/thing@2.0.0", name: "@scope/thing")
        }
        #expect(covers("pkg:npm/%40scope/thing@2.0.0"))
        #expect(covers("pkg:npm/%40scope/thing"))
        #expect(covers("@scope/thing"))
        #expect(covers("@SCOPE/Thing"))
        #expect(!covers("pkg:npm/%40scope/thing@1.0.0"))
        #expect(!covers("pkg:npm/%40scope/thingamajig"))
        #expect(!covers("thing"))
    }

    // MARK: - Configuration

    private static func decode(_ yaml: String) throws -> LicensePolicy {
        let root = try YAMLLoader.load(yaml, path: "slipway.yml")
        return try ScanSettings.decode(ConfigurationLoader.parse(root, path: "slipway.yml")).licenses
    }

    private static func configurationError(_ yaml: String) -> ConfigurationError? {
        do {
            _ = try decode(yaml)
            return nil
        } catch let error as ConfigurationError {
            return error
        } catch {
            return nil
        }
    }

    @Test("decodes every key of scan.licenses, expressions case-insensitively")
    func decodesPolicy() throws {
        let policy = try Self.decode(
            """
            scan:
              deps: {}
              licenses:
                allow: [mit, "Apache-2.0 WITH LLVM-exception"]
                deny: AGPL-3.0-only
                unknown: Deny
                severity: critical
                exceptions:
                  - package: pkg:npm/left-pad
                    license: WTFPL
                    reason: reviewed
                    owner: team-a
                    expires: 2027-03-31
            """
        )
        #expect(policy.allow.map(\.description) == ["MIT", "Apache-2.0 WITH LLVM-exception"])
        #expect(policy.deny.map(\.description) == ["AGPL-3.0-only"])
        #expect(policy.unknown == .deny)
        #expect(policy.severity == .critical)
        #expect(policy.unknownSeverity == .critical)
        let exception = try #require(policy.exceptions.first)
        #expect(exception.package == "pkg:npm/left-pad")
        #expect(exception.license?.description == "WTFPL")
        #expect(exception.expires == CalendarDate("2027-03-31"))
        #expect(exception.location == SourceLocation(path: "slipway.yml", line: 9, column: 9))
    }

    @Test("no scan section, or none for licenses, is the default policy")
    func defaults() throws {
        #expect(try Self.decode("version: 1\n") == LicensePolicy())
        #expect(try Self.decode("scan:\n  deps: {}\n") == LicensePolicy())
        #expect(LicensePolicy().unknownSeverity == .medium)
        #expect(LicensePolicy(unknown: .allow).unknownSeverity == nil)
    }

    @Test("problems are located: unknown keys with a suggestion, bad values, invalid expressions at their column")
    func locatedErrors() {
        #expect(
            Self.configurationError("scan:\n  licenses:\n    alow: [MIT]\n")
                == .unknownKey(
                    key: "alow",
                    location: SourceLocation(path: "slipway.yml", line: 3, column: 5),
                    suggestion: "allow",
                    section: "scan.licenses"
                )
        )
        #expect(
            Self.configurationError("scan:\n  licenses:\n    unknown: maybe\n")
                == .invalidValue(
                    key: "scan.licenses.unknown",
                    location: SourceLocation(path: "slipway.yml", line: 3, column: 14),
                    value: "maybe",
                    allowed: ["allow", "warn", "deny"]
                )
        )
        let invalid = Self.configurationError("scan:\n  licenses:\n    allow: [MIT, \"ISC OR MTI\"]\n")
        #expect(invalid?.location == SourceLocation(path: "slipway.yml", line: 3, column: 26))
        #expect(invalid?.message.contains("'MTI' is not an SPDX license id; did you mean 'MIT'?") == true)
        let compoundDeny = Self.configurationError("scan:\n  licenses:\n    deny: [MIT OR ISC]\n")
        #expect(compoundDeny?.location == SourceLocation(path: "slipway.yml", line: 3, column: 12))
        #expect(
            Self.configurationError(
                "scan:\n  licenses:\n    exceptions:\n      - package: x\n        reason: r\n        owner: o\n"
            ) == .missingKey(key: "expires", location: SourceLocation(path: "slipway.yml", line: 4, column: 9))
        )
        #expect(
            Self.configurationError(
                "scan:\n  licenses:\n    exceptions:\n      - {package: x, reason: r, owner: o, expires: 31/12/2026}\n"
            )
                == .invalidDate(
                    key: "expires",
                    location: SourceLocation(path: "slipway.yml", line: 4, column: 52),
                    value: "31/12/2026"
                )
        )
        #expect(
            Self.configurationError("scan:\n  licenses: [MIT]\n")
                == .wrongType(
                    key: "scan.licenses",
                    location: SourceLocation(path: "slipway.yml", line: 2, column: 13),
                    expected: "a mapping",
                    found: "sequence"
                )
        )
    }

    @Test("the sample decodes, and the schema describes exactly the decoded keys")
    func sampleAndSchema() throws {
        let yaml =
            "scan:\n  licenses:\n"
            + LicensePolicy.sample.split(separator: "\n").map { "    " + $0 }
            .joined(separator: "\n")
        let policy = try Self.decode(yaml)
        #expect(policy.allow.count == 7)
        #expect(policy.exceptions.count == 1)
        guard case .object(let schema) = LicensePolicy.schema, case .object(let properties)? = schema["properties"]
        else {
            Issue.record("the schema is not an object with properties")
            return
        }
        #expect(properties.keys.sorted() == LicensePolicy.keys.sorted())
        #expect(schema["additionalProperties"] == .bool(false))
    }
}
