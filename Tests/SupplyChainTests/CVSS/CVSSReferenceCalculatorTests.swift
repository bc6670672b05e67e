import SupplyChain
import Testing

/// Scores of every base-metric combination, and of vectors with threat and environmental metrics, against the
/// reference calculators' answers in `CVSSReferenceScores` and `CVSS4ReferenceVectors`.
@Suite struct CVSSReferenceCalculatorTests {
    /// The v3.x base metrics and their values, in specification order (the order of `CVSSReferenceScores`).
    static let version3Metrics: [(String, [String])] = [
        ("AV", ["N", "A", "L", "P"]), ("AC", ["L", "H"]), ("PR", ["N", "L", "H"]), ("UI", ["N", "R"]),
        ("S", ["U", "C"]), ("C", ["H", "L", "N"]), ("I", ["H", "L", "N"]), ("A", ["H", "L", "N"]),
    ]

    /// The v4.0 base metrics and their values, in specification order.
    static let version4Metrics: [(String, [String])] = [
        ("AV", ["N", "A", "L", "P"]), ("AC", ["L", "H"]), ("AT", ["N", "P"]), ("PR", ["N", "L", "H"]),
        ("UI", ["N", "P", "A"]), ("VC", ["H", "L", "N"]), ("VI", ["H", "L", "N"]), ("VA", ["H", "L", "N"]),
        ("SC", ["H", "L", "N"]), ("SI", ["H", "L", "N"]), ("SA", ["H", "L", "N"]),
    ]

    /// Every combination of `metrics`' values as `NAME:VALUE/…`, the last metric varying fastest.
    static func combinations(_ metrics: [(String, [String])]) -> [String] {
        var result = [""]
        for (name, values) in metrics {
            result = result.flatMap { start in
                values.map { start.isEmpty ? "\(name):\($0)" : "\(start)/\(name):\($0)" }
            }
        }
        return result
    }

    /// Scores from a two-characters-per-score table (`A0` is 10.0); `nil` for a malformed pair.
    static func decode(_ table: String) -> [Double?] {
        let characters = Array(table.filter { !$0.isWhitespace })
        return stride(from: 0, to: characters.count - 1, by: 2).map { start in
            let tens = characters[start] == "A" ? 10 : characters[start].wholeNumberValue
            guard let tens, let units = characters[start + 1].wholeNumberValue else { return nil }
            return Double(tens * 10 + units) / 10
        }
    }

    /// The vectors whose score differs from the expected one, as `vector: got x, expected y` lines.
    static func mismatches(_ vectors: [String], _ expected: [Double?], version: String) -> [String] {
        zip(vectors, expected).compactMap { metrics, expected in
            let vector = "CVSS:\(version)/\(metrics)"
            do {
                let parsed = try CVSSVector(parsing: vector)
                return parsed.baseScore == expected && parsed.score == expected
                    ? nil
                    : "\(vector): got \(parsed.baseScore)/\(parsed.score), expected \(String(describing: expected))"
            } catch {
                return "\(vector): \(error)"
            }
        }
    }

    @Test("every CVSS v3.x base vector scores as the reference calculators", arguments: [CVSSVersion.v3_0, .v3_1])
    func everyVersion3BaseVector(version: CVSSVersion) {
        let vectors = Self.combinations(Self.version3Metrics)
        let expected = Self.decode(CVSSReferenceScores.version3)
        #expect(vectors.count == 2_592)
        #expect(expected.count == vectors.count)
        let wrong = Self.mismatches(vectors, expected, version: version.rawValue)
        let differing = wrong.count
        #expect(differing == 0, "e.g. \(wrong.prefix(5))")
    }

    /// The 104,976 v4.0 base vectors in 8 slices (by AV and AC), so they run in parallel.
    static let version4Slices: [String] = combinations(Array(version4Metrics.prefix(2)))
    static let version4Vectors = combinations(version4Metrics)
    static let version4Expected = decode(CVSSReferenceScores.version4)

    @Test("every CVSS v4.0 base vector scores as FIRST's calculator", arguments: version4Slices)
    func everyVersion4BaseVector(slice: String) throws {
        let all = Self.version4Vectors
        let expected = Self.version4Expected
        try #require(all.count == 104_976 && expected.count == all.count)
        let indices = all.indices.filter { all[$0].hasPrefix(slice + "/") }
        #expect(indices.count == 104_976 / 8)
        let wrong = Self.mismatches(indices.map { all[$0] }, indices.map { expected[$0] }, version: "4.0")
        let differing = wrong.count
        #expect(differing == 0, "e.g. \(wrong.prefix(5))")
    }

    struct ReferenceVector: Sendable {
        var vector: String
        var score: Double
        var baseScore: Double
    }

    static let version4ReferenceVectors: [ReferenceVector] = CVSS4ReferenceVectors.lines.split(separator: "\n")
        .compactMap { line in
            let fields = line.split(separator: " ")
            guard fields.count == 3, let score = Double(fields[0]), let baseScore = Double(fields[1]) else {
                return nil
            }
            return ReferenceVector(vector: String(fields[2]), score: score, baseScore: baseScore)
        }

    @Test("v4.0 threat and environmental metrics change the score as in FIRST's calculator, never the CVSS-B score")
    func version4ThreatAndEnvironmental() {
        let references = Self.version4ReferenceVectors
        #expect(references.count == 500)
        let wrong = references.compactMap { reference -> String? in
            guard let parsed = try? CVSSVector(parsing: reference.vector) else { return "\(reference.vector): throws" }
            guard parsed.score == reference.score, parsed.baseScore == reference.baseScore else {
                return "\(reference.vector): got \(parsed.score) (CVSS-B \(parsed.baseScore)), expected "
                    + "\(reference.score) (CVSS-B \(reference.baseScore))"
            }
            return nil
        }
        let differing = wrong.count
        #expect(differing == 0, "e.g. \(wrong.prefix(5))")
        // The sample exercises what it is for: most vectors' threat or environmental metrics move the score.
        #expect(references.filter { $0.score != $0.baseScore }.count > 250)
    }
}
