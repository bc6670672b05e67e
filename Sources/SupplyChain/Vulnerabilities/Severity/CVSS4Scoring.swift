/// The CVSS v4.0 metrics and scoring algorithm (specification section 8), as FIRST's reference calculator computes it.
///
/// A vector falls into a MacroVector (six equivalence levels EQ1…EQ6) whose highest-severity vector has a score in
/// `CVSS4Tables.macroVectorScores`. The vector's score is that score less the mean, over the EQs that have a next
/// lower MacroVector, of the score gap to that MacroVector scaled by how far (in severity levels) the vector lies
/// below the MacroVector's highest-severity vector, relative to the MacroVector's depth.
///
/// The reference calculator does this in floating point and, since late 2024, rounds half up after adding 10⁻⁶,
/// so that a tie computed a hair low still rounds up: AV:N/AC:L/AT:N/PR:N/UI:P/VC:H/VI:L/VA:N/SC:H/SI:H/SA:H is
/// exactly 8.55 but 8.549999999999999 in floating point, and scores 8.6. Earlier releases (the repository as of
/// August 2024 among them) round without the correction and score 522 of the 104,976 base vectors 0.1 lower.
/// Here every quantity is an integer number of tenths or a fraction with a small denominator, and the only
/// division is the final half-up rounding: a non-tie value is never within 10⁻⁶ of a tie, so both give the same
/// score for every vector.
enum CVSS4Scoring {
    /// Every v4.0 metric: the 11 mandatory base metrics, then threat, environmental and supplemental (table 23).
    static let catalog = CVSSMetricCatalog([
        CVSSMetricDefinition(name: "AV", values: ["N", "A", "L", "P"], isMandatory: true),
        CVSSMetricDefinition(name: "AC", values: ["L", "H"], isMandatory: true),
        CVSSMetricDefinition(name: "AT", values: ["N", "P"], isMandatory: true),
        CVSSMetricDefinition(name: "PR", values: ["N", "L", "H"], isMandatory: true),
        CVSSMetricDefinition(name: "UI", values: ["N", "P", "A"], isMandatory: true),
        CVSSMetricDefinition(name: "VC", values: ["H", "L", "N"], isMandatory: true),
        CVSSMetricDefinition(name: "VI", values: ["H", "L", "N"], isMandatory: true),
        CVSSMetricDefinition(name: "VA", values: ["H", "L", "N"], isMandatory: true),
        CVSSMetricDefinition(name: "SC", values: ["H", "L", "N"], isMandatory: true),
        CVSSMetricDefinition(name: "SI", values: ["H", "L", "N"], isMandatory: true),
        CVSSMetricDefinition(name: "SA", values: ["H", "L", "N"], isMandatory: true),
        CVSSMetricDefinition(name: "E", values: ["X", "A", "P", "U"], isMandatory: false),
        CVSSMetricDefinition(name: "CR", values: ["X", "H", "M", "L"], isMandatory: false),
        CVSSMetricDefinition(name: "IR", values: ["X", "H", "M", "L"], isMandatory: false),
        CVSSMetricDefinition(name: "AR", values: ["X", "H", "M", "L"], isMandatory: false),
        CVSSMetricDefinition(name: "MAV", values: ["X", "N", "A", "L", "P"], isMandatory: false),
        CVSSMetricDefinition(name: "MAC", values: ["X", "L", "H"], isMandatory: false),
        CVSSMetricDefinition(name: "MAT", values: ["X", "N", "P"], isMandatory: false),
        CVSSMetricDefinition(name: "MPR", values: ["X", "N", "L", "H"], isMandatory: false),
        CVSSMetricDefinition(name: "MUI", values: ["X", "N", "P", "A"], isMandatory: false),
        CVSSMetricDefinition(name: "MVC", values: ["X", "H", "L", "N"], isMandatory: false),
        CVSSMetricDefinition(name: "MVI", values: ["X", "H", "L", "N"], isMandatory: false),
        CVSSMetricDefinition(name: "MVA", values: ["X", "H", "L", "N"], isMandatory: false),
        CVSSMetricDefinition(name: "MSC", values: ["X", "H", "L", "N"], isMandatory: false),
        CVSSMetricDefinition(name: "MSI", values: ["X", "S", "H", "L", "N"], isMandatory: false),
        CVSSMetricDefinition(name: "MSA", values: ["X", "S", "H", "L", "N"], isMandatory: false),
        CVSSMetricDefinition(name: "S", values: ["X", "N", "P"], isMandatory: false),
        CVSSMetricDefinition(name: "AU", values: ["X", "N", "Y"], isMandatory: false),
        CVSSMetricDefinition(name: "R", values: ["X", "A", "U", "I"], isMandatory: false),
        CVSSMetricDefinition(name: "V", values: ["X", "D", "C"], isMandatory: false),
        CVSSMetricDefinition(name: "RE", values: ["X", "L", "M", "H"], isMandatory: false),
        CVSSMetricDefinition(name: "U", values: ["X", "Clear", "Green", "Amber", "Red"], isMandatory: false),
    ])

    /// The score in tenths (0…100) of a parsed vector.
    ///
    /// With `threatAndEnvironmental` false this is CVSS-B: threat and environmental metrics are taken as Not Defined
    /// whatever the vector says. With it true, the vector's threat and environmental metrics apply as the
    /// specification says (CVSS-BT, -BE or -BTE): E Not Defined counts as Attacked, CR/IR/AR Not Defined as High,
    /// and a modified base metric other than X replaces its base metric. Supplemental metrics never change a score.
    static func scoreTenths(of values: CVSSMetricValues, threatAndEnvironmental: Bool) -> Int {
        SeverityLevels(values, threatAndEnvironmental: threatAndEnvironmental).scoreTenths()
    }

    /// Whether the vector sets a threat or environmental metric to something other than Not Defined, so that its
    /// score can differ from its CVSS-B score.
    static func setsThreatOrEnvironmentalMetric(_ values: CVSSMetricValues) -> Bool {
        threatAndEnvironmentalPositions.contains { (values[$0] ?? 0) > 0 }
    }

    private static let threatAndEnvironmentalPositions = [
        "E", "CR", "IR", "AR", "MAV", "MAC", "MAT", "MPR", "MUI", "MVC", "MVI", "MVA", "MSC", "MSI", "MSA",
    ].map { catalog.position(of: $0) }

    /// The MacroVector scores by EQ levels, flattened (`index(eq1, …, eq6)`), -1 where no MacroVector exists.
    fileprivate static let flatMacroVectorScores: [Int] = {
        var scores = [Int](repeating: -1, count: 324)
        for (key, score) in CVSS4Tables.macroVectorScores {
            let digits = key.compactMap(\.wholeNumberValue)
            guard digits.count == 6, let index = flatIndex(digits) else { continue }
            scores[index] = score
        }
        return scores
    }()

    /// The position of a MacroVector in `flatMacroVectorScores`, or `nil` when a level is out of range.
    fileprivate static func flatIndex(_ levels: [Int]) -> Int? {
        guard levels.count == 6 else { return nil }
        return flatIndex(levels[0], levels[1], levels[2], levels[3], levels[4], levels[5])
    }

    /// The position of the MacroVector with these EQ levels in `flatMacroVectorScores`, or `nil` when a level is
    /// out of range.
    fileprivate static func flatIndex(_ eq1: Int, _ eq2: Int, _ eq3: Int, _ eq4: Int, _ eq5: Int, _ eq6: Int) -> Int? {
        guard (0..<3).contains(eq1), (0..<2).contains(eq2), (0..<3).contains(eq3), (0..<3).contains(eq4),
            (0..<3).contains(eq5), (0..<2).contains(eq6)
        else { return nil }
        return ((((eq1 * 2 + eq2) * 3 + eq3) * 3 + eq4) * 3 + eq5) * 2 + eq6
    }

    /// The score in tenths of the MacroVector with these EQ levels, or `nil` when no such MacroVector exists.
    fileprivate static func macroVectorScore(
        _ eq1: Int,
        _ eq2: Int,
        _ eq3: Int,
        _ eq4: Int,
        _ eq5: Int,
        _ eq6: Int
    ) -> Int? {
        guard let index = flatIndex(eq1, eq2, eq3, eq4, eq5, eq6), let score = flatMacroVectorScores.element(at: index),
            score >= 0
        else { return nil }
        return score
    }
}

/// The severity level of every scoring metric after threat and environmental metrics apply (the reference
/// calculator's `m()`), on the reference calculator's scales: 0 is the most severe value (see `CVSS4Tables`).
private struct SeverityLevels {
    var attackVector = 0
    var attackComplexity = 0
    var attackRequirements = 0
    var privilegesRequired = 0
    var userInteraction = 0
    var vulnerableConfidentiality = 0
    var vulnerableIntegrity = 0
    var vulnerableAvailability = 0
    /// SC, SI and SA count S (Safety, only SI and SA) as 0, H 1, L 2, N 3.
    var subsequentConfidentiality = 0
    var subsequentIntegrity = 0
    var subsequentAvailability = 0
    /// E: 0 Attacked (also Not Defined), 1 POC, 2 Unreported.
    var exploitMaturity = 0
    var confidentialityRequirement = 0
    var integrityRequirement = 0
    var availabilityRequirement = 0

    private static let catalog = CVSS4Scoring.catalog
    private static let positions = [
        "AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA", "E", "CR", "IR", "AR",
        "MAV", "MAC", "MAT", "MPR", "MUI", "MVC", "MVI", "MVA", "MSC", "MSI", "MSA",
    ].map { catalog.position(of: $0) }

    /// Levels from catalog value indices: base values are listed most severe first, so their index is their level
    /// (SC, SI and SA one more, below Safety); threat and environmental values list X first, so theirs is one less.
    init(_ values: CVSSMetricValues, threatAndEnvironmental: Bool) {
        let positions = Self.positions
        func selected(_ offset: Int) -> Int? { positions.element(at: offset).flatMap { values[$0] } }
        func level(_ base: Int, modified: Int, shift: Int = 0) -> Int {
            if threatAndEnvironmental, let index = selected(modified), index > 0 { return index - 1 }
            return (selected(base) ?? 0) + shift
        }
        func optional(_ offset: Int) -> Int {
            guard threatAndEnvironmental, let index = selected(offset), index > 0 else { return 0 }
            return index - 1
        }
        attackVector = level(0, modified: 15)
        attackComplexity = level(1, modified: 16)
        attackRequirements = level(2, modified: 17)
        privilegesRequired = level(3, modified: 18)
        userInteraction = level(4, modified: 19)
        vulnerableConfidentiality = level(5, modified: 20)
        vulnerableIntegrity = level(6, modified: 21)
        vulnerableAvailability = level(7, modified: 22)
        // MSC has no Safety value, so its index (X first) already is the level on the S0…N3 scale.
        if threatAndEnvironmental, let index = selected(23), index > 0 {
            subsequentConfidentiality = index
        } else {
            subsequentConfidentiality = (selected(8) ?? 0) + 1
        }
        subsequentIntegrity = level(9, modified: 24, shift: 1)
        subsequentAvailability = level(10, modified: 25, shift: 1)
        exploitMaturity = optional(11)
        confidentialityRequirement = optional(12)
        integrityRequirement = optional(13)
        availabilityRequirement = optional(14)
    }

    /// The six EQ levels of the MacroVector the metrics fall into (specification tables 24-29).
    var macroVector: (Int, Int, Int, Int, Int, Int) {
        let eq1: Int
        if attackVector == 0 && privilegesRequired == 0 && userInteraction == 0 {
            eq1 = 0
        } else if (attackVector == 0 || privilegesRequired == 0 || userInteraction == 0) && attackVector != 3 {
            eq1 = 1
        } else {
            eq1 = 2
        }
        let eq2 = attackComplexity == 0 && attackRequirements == 0 ? 0 : 1
        let eq3: Int
        if vulnerableConfidentiality == 0 && vulnerableIntegrity == 0 {
            eq3 = 0
        } else if vulnerableConfidentiality == 0 || vulnerableIntegrity == 0 || vulnerableAvailability == 0 {
            eq3 = 1
        } else {
            eq3 = 2
        }
        let eq4: Int
        if subsequentIntegrity == 0 || subsequentAvailability == 0 {
            eq4 = 0
        } else if subsequentConfidentiality == 1 || subsequentIntegrity == 1 || subsequentAvailability == 1 {
            eq4 = 1
        } else {
            eq4 = 2
        }
        let highConfidentiality = confidentialityRequirement == 0 && vulnerableConfidentiality == 0
        let highIntegrity = integrityRequirement == 0 && vulnerableIntegrity == 0
        let highAvailability = availabilityRequirement == 0 && vulnerableAvailability == 0
        let eq6 = highConfidentiality || highIntegrity || highAvailability ? 0 : 1
        return (eq1, eq2, eq3, eq4, exploitMaturity, eq6)
    }

    func scoreTenths() -> Int {
        // No impact on any system scores 0 whatever else the vector says.
        if vulnerableConfidentiality == 2 && vulnerableIntegrity == 2 && vulnerableAvailability == 2
            && subsequentConfidentiality == 3 && subsequentIntegrity == 3 && subsequentAvailability == 3
        {
            return 0
        }

        let (eq1, eq2, eq3, eq4, eq5, eq6) = macroVector
        guard let value = CVSS4Scoring.macroVectorScore(eq1, eq2, eq3, eq4, eq5, eq6) else { return 0 }

        // The score of the next lower MacroVector along each EQ, where there is one.
        let lowerEQ1 = CVSS4Scoring.macroVectorScore(eq1 + 1, eq2, eq3, eq4, eq5, eq6)
        let lowerEQ2 = CVSS4Scoring.macroVectorScore(eq1, eq2 + 1, eq3, eq4, eq5, eq6)
        let lowerEQ3EQ6: Int?
        switch (eq3, eq6) {
        case (0, 1), (1, 1):
            lowerEQ3EQ6 = CVSS4Scoring.macroVectorScore(eq1, eq2, eq3 + 1, eq4, eq5, eq6)
        case (1, 0):
            lowerEQ3EQ6 = CVSS4Scoring.macroVectorScore(eq1, eq2, eq3, eq4, eq5, eq6 + 1)
        case (0, 0):
            // Two MacroVectors lie one step lower; the higher-scoring one counts (the second on a tie).
            let left = CVSS4Scoring.macroVectorScore(eq1, eq2, eq3, eq4, eq5, eq6 + 1)
            let right = CVSS4Scoring.macroVectorScore(eq1, eq2, eq3 + 1, eq4, eq5, eq6)
            if let left, let right, left > right { lowerEQ3EQ6 = left } else { lowerEQ3EQ6 = right }
        default:
            lowerEQ3EQ6 = nil
        }
        let lowerEQ4 = CVSS4Scoring.macroVectorScore(eq1, eq2, eq3, eq4 + 1, eq5, eq6)
        let lowerEQ5 = CVSS4Scoring.macroVectorScore(eq1, eq2, eq3, eq4, eq5 + 1, eq6)

        let distances = severityDistances(eq1: eq1, eq2: eq2, eq3: eq3, eq4: eq4, eq6: eq6)

        // Each EQ with a lower MacroVector contributes gap × distance / depth; EQ5's distance is always 0.
        let commonDepth = 840  // a multiple of every depth in CVSS4Tables, so each term is an integer
        var count = 0
        var reduction = 0
        func add(_ lower: Int?, _ distance: Int, _ depth: Int?) -> Bool {
            guard let lower else { return true }
            guard let depth, depth > 0 else { return false }
            count += 1
            reduction += (value - lower) * distance * (commonDepth / depth)
            return true
        }
        guard add(lowerEQ1, distances.eq1, CVSS4Tables.eq1Depths.element(at: eq1)),
            add(lowerEQ2, distances.eq2, CVSS4Tables.eq2Depths.element(at: eq2)),
            add(lowerEQ3EQ6, distances.eq3eq6, CVSS4Tables.eq3eq6Depths.element(at: eq3)?.element(at: eq6)),
            add(lowerEQ4, distances.eq4, CVSS4Tables.eq4Depths.element(at: eq4)),
            add(lowerEQ5, 0, 1)
        else { return 0 }
        guard count > 0 else { return value }

        // score = value - reduction / (commonDepth × count), in tenths, clamped to 0…10 and rounded half up.
        let denominator = commonDepth * count
        let numerator = value * denominator - reduction
        if numerator <= 0 { return 0 }
        if numerator >= 100 * denominator { return 100 }
        return (2 * numerator + denominator) / (2 * denominator)
    }

    /// Severity distances summed per EQ (EQ3 and EQ6 jointly), from the first highest-severity vector of the
    /// MacroVector with no metric less severe than this one's (the reference keeps the last candidate if none is).
    private func severityDistances(
        eq1: Int,
        eq2: Int,
        eq3: Int,
        eq4: Int,
        eq6: Int
    ) -> (eq1: Int, eq2: Int, eq3eq6: Int, eq4: Int) {
        let own1 = [attackVector, privilegesRequired, userInteraction]
        let own2 = [attackComplexity, attackRequirements]
        let own3 = [
            vulnerableConfidentiality, vulnerableIntegrity, vulnerableAvailability,
            confidentialityRequirement, integrityRequirement, availabilityRequirement,
        ]
        let own4 = [subsequentConfidentiality, subsequentIntegrity, subsequentAvailability]
        let eq1Maxima = CVSS4Tables.eq1Maxima.element(at: eq1) ?? []
        let eq2Maxima = CVSS4Tables.eq2Maxima.element(at: eq2) ?? []
        let eq3eq6Maxima = CVSS4Tables.eq3eq6Maxima.element(at: eq3)?.element(at: eq6) ?? []
        let eq4Maxima = CVSS4Tables.eq4Maxima.element(at: eq4) ?? []

        /// The summed distance of `own` from `maximum`, and whether no metric is more severe than the maximum.
        func distance(_ own: [Int], _ maximum: [Int]) -> (sum: Int, reaches: Bool) {
            var sum = 0
            var reaches = true
            for (value, highest) in zip(own, maximum) {
                sum += value - highest
                if value < highest { reaches = false }
            }
            return (sum, reaches)
        }
        var found = (eq1: 0, eq2: 0, eq3eq6: 0, eq4: 0)
        for maximum1 in eq1Maxima {
            let distance1 = distance(own1, maximum1)
            for maximum2 in eq2Maxima {
                let distance2 = distance(own2, maximum2)
                for maximum3 in eq3eq6Maxima {
                    let distance3 = distance(own3, maximum3)
                    for maximum4 in eq4Maxima {
                        let distance4 = distance(own4, maximum4)
                        found = (distance1.sum, distance2.sum, distance3.sum, distance4.sum)
                        if distance1.reaches && distance2.reaches && distance3.reaches && distance4.reaches {
                            return found
                        }
                    }
                }
            }
        }
        return found
    }
}
