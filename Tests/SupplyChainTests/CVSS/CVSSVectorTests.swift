import SupplyChain
import Testing

/// Parsing and validation of CVSS vector strings, the qualitative rating, and properties over all base vectors.
@Suite struct CVSSVectorTests {
    static let critical31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
    static let base40 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"

    @Test("a vector keeps its version and text and scores its base metrics")
    func parsesVersionAndScore() throws {
        let vector = try CVSSVector(parsing: Self.critical31)
        #expect(vector.version == .v3_1)
        #expect(vector.vector == Self.critical31)
        #expect(vector.baseScore == 9.8)
        #expect(vector.rating == .critical)
        let version30 = try CVSSVector(parsing: "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
        #expect(version30.version == .v3_0)
        #expect(version30.baseScore == 9.8)
        let version40 = try CVSSVector(parsing: Self.base40)
        #expect(version40.version == .v4_0)
        #expect(version40.baseScore == 9.3)
        #expect(version40.score == 9.3)
    }

    @Test("v3 temporal and environmental metrics are validated but leave the base score alone")
    func version3TemporalAndEnvironmental() throws {
        let vector = try CVSSVector(
            parsing: Self.critical31 + "/E:U/RL:O/RC:U/CR:L/IR:L/AR:L/MAV:P/MAC:H/MPR:H/MUI:R/MS:C/MC:N/MI:N/MA:N"
        )
        #expect(vector.baseScore == 9.8)
        #expect(vector.score == 9.8)
        #expect(
            throws: CVSSError.invalidValue(metric: "E", value: "A", allowed: ["X", "H", "F", "P", "U"], version: .v3_1)
        ) {
            try CVSSVector(parsing: Self.critical31 + "/E:A")
        }
    }

    @Test("v4.0 supplemental metrics never change a score")
    func version4Supplemental() throws {
        let vector = try CVSSVector(parsing: Self.base40 + "/S:P/AU:Y/R:I/V:C/RE:H/U:Red")
        #expect(vector.baseScore == 9.3)
        #expect(vector.score == 9.3)
    }

    @Test("metrics may come in any order")
    func metricOrder() throws {
        var generator = SplitMix64(seed: 7)
        for line in CVSS4ReferenceVectors.lines.split(separator: "\n").prefix(100) {
            let vector = String(line.split(separator: " ").last ?? "")
            var metrics = vector.split(separator: "/").dropFirst().map(String.init)
            metrics.shuffle(using: &generator)
            let shuffled = "CVSS:4.0/" + metrics.joined(separator: "/")
            let inOrder = try CVSSVector(parsing: vector)
            let reordered = try CVSSVector(parsing: shuffled)
            #expect(reordered.score == inOrder.score)
            #expect(reordered.baseScore == inOrder.baseScore)
            #expect(reordered.vector == shuffled)
        }
    }

    @Test("parsing the same text twice gives equal values")
    func equality() throws {
        #expect(try CVSSVector(parsing: Self.critical31) == CVSSVector(parsing: Self.critical31))
        #expect(try CVSSVector(parsing: Self.critical31) != CVSSVector(parsing: Self.base40))
    }

    struct Rejection: CustomTestStringConvertible, Sendable {
        var input: String
        var error: CVSSError
        var testDescription: String { input.isEmpty ? "(empty)" : input }
    }

    static let base31 = ["AV:N", "AC:L", "PR:N", "UI:N", "S:U", "C:H", "I:H", "A:H"]

    static let rejections: [Rejection] = [
        Rejection(input: "", error: .empty),
        Rejection(
            input: "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            error: .missingPrefix("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
        ),
        Rejection(input: "cvss:3.1/AV:N", error: .missingPrefix("cvss:3.1/AV:N")),
        Rejection(input: "AV:N/AC:L/Au:N/C:P/I:P/A:P", error: .unsupportedVersion("2.0")),
        Rejection(input: "CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P", error: .unsupportedVersion("2.0")),
        Rejection(input: "CVSS:3.2/AV:N", error: .unsupportedVersion("3.2")),
        Rejection(input: "CVSS:/AV:N", error: .unsupportedVersion("")),
        Rejection(
            input: "CVSS:3.1",
            error: .missingMetrics(["AV", "AC", "PR", "UI", "S", "C", "I", "A"], version: .v3_1)
        ),
        Rejection(
            input: "CVSS:3.1/",
            error: .missingMetrics(["AV", "AC", "PR", "UI", "S", "C", "I", "A"], version: .v3_1)
        ),
        Rejection(input: critical31 + "/", error: .malformedMetric("", version: .v3_1)),
        Rejection(input: "CVSS:3.1/AV:N//AC:L", error: .malformedMetric("", version: .v3_1)),
        Rejection(input: "CVSS:3.1/AVN/AC:L", error: .malformedMetric("AVN", version: .v3_1)),
        Rejection(input: "CVSS:3.1/:N/AC:L", error: .malformedMetric(":N", version: .v3_1)),
        Rejection(input: critical31 + "/XX:Y", error: .unknownMetric("XX", version: .v3_1)),
        Rejection(input: "CVSS:3.1/AV:N/AC:L/AT:N", error: .unknownMetric("AT", version: .v3_1)),
        Rejection(
            input: "CVSS:3.1/AV:Q",
            error: .invalidValue(metric: "AV", value: "Q", allowed: ["N", "A", "L", "P"], version: .v3_1)
        ),
        Rejection(
            input: "CVSS:3.1/AV:n",
            error: .invalidValue(metric: "AV", value: "n", allowed: ["N", "A", "L", "P"], version: .v3_1)
        ),
        Rejection(
            input: "CVSS:3.1/AV:",
            error: .invalidValue(metric: "AV", value: "", allowed: ["N", "A", "L", "P"], version: .v3_1)
        ),
        Rejection(
            input: "CVSS:3.1/AV:N:L",
            error: .invalidValue(metric: "AV", value: "N:L", allowed: ["N", "A", "L", "P"], version: .v3_1)
        ),
        Rejection(
            input: "CVSS:3.1/" + base31.dropLast().joined(separator: "/") + "/A:X",
            error: .invalidValue(metric: "A", value: "X", allowed: ["H", "L", "N"], version: .v3_1)
        ),
        Rejection(input: "CVSS:3.1/AV:N/AV:N", error: .duplicateMetric("AV", version: .v3_1)),
        Rejection(input: critical31 + "/E:X/E:X", error: .duplicateMetric("E", version: .v3_1)),
        Rejection(
            input: "CVSS:3.0/" + base31.dropLast().joined(separator: "/"),
            error: .missingMetrics(["A"], version: .v3_0)
        ),
        Rejection(
            input: "CVSS:3.1/C:H/I:H/A:H/E:P",
            error: .missingMetrics(["AV", "AC", "PR", "UI", "S"], version: .v3_1)
        ),
        Rejection(
            input: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N",
            error: .missingMetrics(["SA"], version: .v4_0)
        ),
        // A v3 vector under a v4.0 prefix: S is v4.0's Safety, which takes X, N or P.
        Rejection(
            input: "CVSS:4.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            error: .invalidValue(metric: "S", value: "U", allowed: ["X", "N", "P"], version: .v4_0)
        ),
        Rejection(
            input: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N",
            error: .invalidValue(metric: "SI", value: "S", allowed: ["H", "L", "N"], version: .v4_0)
        ),
        Rejection(
            input: base40 + "/U:red",
            error: .invalidValue(
                metric: "U",
                value: "red",
                allowed: ["X", "Clear", "Green", "Amber", "Red"],
                version: .v4_0
            )
        ),
        Rejection(input: base40 + "/MSI:S/MSI:S", error: .duplicateMetric("MSI", version: .v4_0)),
        Rejection(input: base40 + "/C:H", error: .unknownMetric("C", version: .v4_0)),
    ]

    @Test("malformed vectors are rejected with the metric at fault", arguments: rejections)
    func rejects(rejection: Rejection) {
        #expect(throws: rejection.error) { try CVSSVector(parsing: rejection.input) }
    }

    @Test("error messages say what is wrong and what a valid vector looks like")
    func errorDescriptions() {
        let example31 = "A valid CVSS 3.1 vector looks like CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H."
        #expect(
            CVSSError.missingMetrics(["A"], version: .v3_1).description
                == "The CVSS 3.1 vector lacks the mandatory base metric A. " + example31
        )
        #expect(
            CVSSError.missingMetrics(["SC", "SI", "SA"], version: .v4_0).description
                == "The CVSS 4.0 vector lacks the mandatory base metrics SC, SI, SA. A valid CVSS 4.0 vector looks like "
                + "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N."
        )
        #expect(
            CVSSError.invalidValue(metric: "AV", value: "Q", allowed: ["N", "A", "L", "P"], version: .v3_1).description
                == "`AV:Q` is not a valid CVSS 3.1 value; AV takes N, A, L, P. " + example31
        )
        #expect(
            CVSSError.duplicateMetric("AV", version: .v3_1).description
                == "The CVSS 3.1 vector gives `AV` more than once; each metric may appear once. " + example31
        )
        #expect(
            CVSSError.unknownMetric("XX", version: .v3_1).description == "CVSS 3.1 has no metric `XX`. " + example31
        )
        #expect(
            CVSSError.malformedMetric("", version: .v3_1).description
                == "An empty metric (a doubled or trailing `/`) in a CVSS 3.1 vector is not a METRIC:VALUE pair. "
                + example31
        )
        let validExamples =
            "Valid vectors look like CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H or "
            + "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N."
        #expect(CVSSError.empty.description == "The CVSS vector is empty. " + validExamples)
        #expect(
            CVSSError.unsupportedVersion("2.0").description
                == "CVSS version 2.0 is not supported; only CVSS 3.0, 3.1 and 4.0 vectors are scored. " + validExamples
        )
        #expect(
            CVSSError.missingPrefix("AV:N").description
                == "`AV:N` is not a CVSS vector: it must start with CVSS:3.0/, CVSS:3.1/ or CVSS:4.0/. " + validExamples
        )
    }

    @Test("a long unprefixed string is quoted only by its start")
    func longInputIsTruncatedInErrors() {
        let junk = String(repeating: "x", count: 100_000)
        #expect(throws: CVSSError.missingPrefix(String(repeating: "x", count: 40))) { try CVSSVector(parsing: junk) }
    }

    struct RatingCase: CustomTestStringConvertible, Sendable {
        var score: Double
        var rating: CVSSRating
        var testDescription: String { "\(score) is \(rating)" }
    }

    /// The qualitative severity rating scale (CVSS v3.1 section 5, v4.0 section 6), at every band's edges.
    static let ratings: [RatingCase] = [
        RatingCase(score: 0.0, rating: .none), RatingCase(score: 0.1, rating: .low),
        RatingCase(score: 3.9, rating: .low), RatingCase(score: 4.0, rating: .medium),
        RatingCase(score: 6.9, rating: .medium), RatingCase(score: 7.0, rating: .high),
        RatingCase(score: 8.9, rating: .high), RatingCase(score: 9.0, rating: .critical),
        RatingCase(score: 10.0, rating: .critical), RatingCase(score: -1, rating: .none),
        RatingCase(score: .nan, rating: .none),
    ]

    @Test("ratings follow the specification's table", arguments: ratings)
    func rating(testCase: RatingCase) {
        #expect(CVSSRating(score: testCase.score) == testCase.rating)
    }

    @Test("ratings order from none to critical and keep their names")
    func ratingOrder() {
        #expect(CVSSRating.none < .low && CVSSRating.low < .medium && CVSSRating.medium < .high)
        #expect(CVSSRating.high < .critical)
        #expect([CVSSRating.critical, .none, .medium].sorted() == [.none, .medium, .critical])
        #expect(CVSSRating.medium.rawValue == "medium")
        #expect(CVSSVersion(rawValue: "3.1") == .v3_1)
    }

    @Test("every CVSS v3.1 base vector scores within 0.0…10.0 in tenths, 0.0 exactly when C, I and A are None")
    func version3Properties() throws {
        let vectors = CVSSReferenceCalculatorTests.combinations(CVSSReferenceCalculatorTests.version3Metrics)
        #expect(vectors.count == 2_592)
        var zeros = 0
        for metrics in vectors {
            let vector = try CVSSVector(parsing: "CVSS:3.1/" + metrics)
            #expect((0...10).contains(vector.baseScore))
            #expect((vector.baseScore * 10).rounded() == vector.baseScore * 10)
            let noImpact = metrics.hasSuffix("C:N/I:N/A:N")
            #expect((vector.baseScore == 0) == noImpact, "\(metrics)")
            #expect((vector.rating == .none) == noImpact)
            if noImpact { zeros += 1 }
        }
        #expect(zeros == 2_592 / 27)
    }

    @Test("junk strings throw instead of crashing")
    func junk() {
        let samples = [
            "/", ":", "CVSS:", "CVSS:3.1//", "CVSS:3.1/::::", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H//",
            "CVSS:3.1/AV:Ñ", "CVSS:4.0/AV:N🙂", "CVSS:3.1/\u{0}", "CVSS:3.1\u{0}/AV:N", " CVSS:3.1/AV:N",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H ", String(repeating: "CVSS:3.1/", count: 1_000),
            "CVSS:4.0/" + String(repeating: "AV:N/", count: 10_000),
        ]
        for sample in samples {
            #expect(throws: CVSSError.self, "\(sample.prefix(40))") { try CVSSVector(parsing: sample) }
        }
        var generator = SplitMix64(seed: 42)
        let alphabet = Array("CVS:34.01/AVNLPHRUXSIMEOTW-é ")
        for _ in 0..<5_000 {
            let length = Int(generator.next() % 60)
            let text = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            if let vector = try? CVSSVector(parsing: text) {
                #expect((0...10).contains(vector.baseScore))
            }
        }
    }

    @Test("valid vectors with one character changed, dropped or added either throw or score in range")
    func mutations() {
        var generator = SplitMix64(seed: 2_024)
        let originals = [Self.critical31, Self.base40, "CVSS:3.0/AV:P/AC:H/PR:H/UI:R/S:C/C:L/I:N/A:N/E:F/MS:U"]
        let replacements = Array("/:XNLHCPAUSVE0123456789 ")
        var parsed = 0
        for _ in 0..<6_000 {
            guard let original = originals.randomElement(using: &generator) else { continue }
            var characters = Array(original)
            let position = Int(generator.next() % UInt64(characters.count))
            let replacement = replacements[Int(generator.next() % UInt64(replacements.count))]
            switch generator.next() % 3 {
            case 0: characters[position] = replacement
            case 1: characters.remove(at: position)
            default: characters.insert(replacement, at: position)
            }
            do {
                let vector = try CVSSVector(parsing: String(characters))
                #expect((0...10).contains(vector.baseScore) && (0...10).contains(vector.score))
                parsed += 1
            } catch {
                #expect(!error.description.isEmpty)
            }
        }
        // Some mutations still give valid vectors (another valid value), most do not.
        #expect(parsed > 100 && parsed < 5_000)
    }
}

/// A small seedable generator (SplitMix64), so that the random tests are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

/// The v3.x round-up functions, which the base vectors alone never tell apart.
@Suite struct CVSS3RoundUpTests {
    @Test("v3.0 and v3.1 round up to the next tenth and keep exact tenths")
    func roundsUp() {
        // The v3.0 specification's own examples: Round up (4.02) is 4.1, Round up (4.00) is 4.0.
        #expect(CVSS3Scoring.plainRoundUpTenths(4.02) == 41)
        #expect(CVSS3Scoring.plainRoundUpTenths(4.00) == 40)
        #expect(CVSS3Scoring.roundUpTenths(4.02) == 41)
        #expect(CVSS3Scoring.roundUpTenths(4.00) == 40)
        #expect(CVSS3Scoring.roundUpTenths(9.999) == 100)
        #expect(CVSS3Scoring.roundUpTenths(0) == 0)
    }

    @Test("v3.1's Roundup ignores floating-point noise above a tenth, v3.0's plain ceiling does not")
    func roundUpIgnoresNoise() {
        // 0.1 + 0.2 is 0.30000000000000004 in binary floating point (v3.1 Appendix A's motivation).
        #expect(CVSS3Scoring.roundUpTenths(0.1 + 0.2) == 3)
        #expect(CVSS3Scoring.plainRoundUpTenths(0.1 + 0.2) == 4)
        #expect(CVSS3Scoring.roundUpTenths(4.000_000_000_000_001) == 40)
        // Anything from 0.000005 above a tenth rounds up.
        #expect(CVSS3Scoring.roundUpTenths(4.000_005) == 41)
    }
}
