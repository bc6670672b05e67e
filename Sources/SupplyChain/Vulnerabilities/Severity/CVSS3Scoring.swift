/// The CVSS v3.0 and v3.1 metrics and base score equations (v3.1 specification section 7.1 and Appendix A).
///
/// Base scores of the two versions share every equation and weight; only the final round-up differs. v3.1 rounds
/// through an integer so that floating-point noise cannot lift a score by 0.1 (Appendix A); v3.0 takes the plain
/// ceiling to one decimal, as its specification's equations and FIRST's v3.0 calculator do.
package enum CVSS3Scoring {
    /// Every v3.0/v3.1 metric: the 8 mandatory base metrics, then the temporal and environmental ones (table 15).
    static let catalog = CVSSMetricCatalog([
        CVSSMetricDefinition(name: "AV", values: ["N", "A", "L", "P"], isMandatory: true),
        CVSSMetricDefinition(name: "AC", values: ["L", "H"], isMandatory: true),
        CVSSMetricDefinition(name: "PR", values: ["N", "L", "H"], isMandatory: true),
        CVSSMetricDefinition(name: "UI", values: ["N", "R"], isMandatory: true),
        CVSSMetricDefinition(name: "S", values: ["U", "C"], isMandatory: true),
        CVSSMetricDefinition(name: "C", values: ["H", "L", "N"], isMandatory: true),
        CVSSMetricDefinition(name: "I", values: ["H", "L", "N"], isMandatory: true),
        CVSSMetricDefinition(name: "A", values: ["H", "L", "N"], isMandatory: true),
        CVSSMetricDefinition(name: "E", values: ["X", "H", "F", "P", "U"], isMandatory: false),
        CVSSMetricDefinition(name: "RL", values: ["X", "U", "W", "T", "O"], isMandatory: false),
        CVSSMetricDefinition(name: "RC", values: ["X", "C", "R", "U"], isMandatory: false),
        CVSSMetricDefinition(name: "CR", values: ["X", "H", "M", "L"], isMandatory: false),
        CVSSMetricDefinition(name: "IR", values: ["X", "H", "M", "L"], isMandatory: false),
        CVSSMetricDefinition(name: "AR", values: ["X", "H", "M", "L"], isMandatory: false),
        CVSSMetricDefinition(name: "MAV", values: ["X", "N", "A", "L", "P"], isMandatory: false),
        CVSSMetricDefinition(name: "MAC", values: ["X", "L", "H"], isMandatory: false),
        CVSSMetricDefinition(name: "MPR", values: ["X", "N", "L", "H"], isMandatory: false),
        CVSSMetricDefinition(name: "MUI", values: ["X", "N", "R"], isMandatory: false),
        CVSSMetricDefinition(name: "MS", values: ["X", "U", "C"], isMandatory: false),
        CVSSMetricDefinition(name: "MC", values: ["X", "H", "L", "N"], isMandatory: false),
        CVSSMetricDefinition(name: "MI", values: ["X", "H", "L", "N"], isMandatory: false),
        CVSSMetricDefinition(name: "MA", values: ["X", "H", "L", "N"], isMandatory: false),
    ])

    private static let attackVector = catalog.position(of: "AV")
    private static let attackComplexity = catalog.position(of: "AC")
    private static let privilegesRequired = catalog.position(of: "PR")
    private static let userInteraction = catalog.position(of: "UI")
    private static let scope = catalog.position(of: "S")
    private static let confidentiality = catalog.position(of: "C")
    private static let integrity = catalog.position(of: "I")
    private static let availability = catalog.position(of: "A")

    /// The base score in tenths (0…100) of a parsed vector; temporal and environmental metrics do not enter it.
    static func baseScoreTenths(of values: CVSSMetricValues, version: CVSSVersion) -> Int {
        // Weights in the order of each metric's catalog values (v3.1 table 16).
        func weight(_ position: Int, _ weights: [Double]) -> Double {
            values[position].flatMap { weights.element(at: $0) } ?? 0
        }
        let scopeChanged = values[Self.scope] == 1
        let attackVector = weight(Self.attackVector, [0.85, 0.62, 0.55, 0.2])
        let attackComplexity = weight(Self.attackComplexity, [0.77, 0.44])
        let privilegesRequired = weight(
            Self.privilegesRequired,
            scopeChanged ? [0.85, 0.68, 0.5] : [0.85, 0.62, 0.27]
        )
        let userInteraction = weight(Self.userInteraction, [0.85, 0.62])
        let impactWeights = [0.56, 0.22, 0]
        let confidentiality = weight(Self.confidentiality, impactWeights)
        let integrity = weight(Self.integrity, impactWeights)
        let availability = weight(Self.availability, impactWeights)

        let impactSubScore = 1 - ((1 - confidentiality) * (1 - integrity) * (1 - availability))
        let impact =
            scopeChanged
            ? 7.52 * (impactSubScore - 0.029) - 3.25 * powerOf15(impactSubScore - 0.02)
            : 6.42 * impactSubScore
        let exploitability = 8.22 * attackVector * attackComplexity * privilegesRequired * userInteraction
        guard impact > 0 else { return 0 }
        let unrounded = scopeChanged ? min(1.08 * (impact + exploitability), 10) : min(impact + exploitability, 10)
        return version == .v3_0 ? plainRoundUpTenths(unrounded) : roundUpTenths(unrounded)
    }

    /// `x` to the 15th power, by squaring, so the result does not depend on a platform's `pow`.
    private static func powerOf15(_ x: Double) -> Double {
        let square = x * x
        let fourth = square * square
        let eighth = fourth * fourth
        return eighth * fourth * square * x
    }

    /// v3.1 Appendix A `Roundup`: the smallest one-decimal number at or above the input, in tenths.
    ///
    /// The input is first rounded to 5 decimals as an integer, so that floating-point noise such as
    /// 4.000000000000001 stays 4.0.
    package static func roundUpTenths(_ input: Double) -> Int {
        let hundredThousandths = Int((input * 100_000).rounded())
        let tenths = hundredThousandths / 10_000
        return hundredThousandths % 10_000 == 0 ? tenths : tenths + 1
    }

    /// v3.0 round up: the smallest one-decimal number at or above the input, on the floating-point value itself.
    package static func plainRoundUpTenths(_ input: Double) -> Int {
        Int((input * 10).rounded(.up))
    }
}
