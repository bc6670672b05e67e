/// A qualitative rating per the CVSS specification's table (0.0 none, 0.1-3.9 low, 4.0-6.9 medium, 7.0-8.9 high, 9.0-10.0 critical).
///
/// The table is the same in CVSS v3.0 (section 5), v3.1 (section 5) and v4.0 (section 6). Cases order from `none` to
/// `critical`, so `rating >= .high` reads as a severity threshold.
public enum CVSSRating: String, Sendable, Hashable, Codable, Comparable {
    case none
    case low
    case medium
    case high
    case critical

    /// The rating of a score; scores below 0.1 (and NaN) are `none`, scores of 9.0 and above are `critical`.
    public init(score: Double) {
        if score >= 9.0 {
            self = .critical
        } else if score >= 7.0 {
            self = .high
        } else if score >= 4.0 {
            self = .medium
        } else if score > 0 {
            self = .low
        } else {
            self = .none
        }
    }

    /// Orders ratings from `none` to `critical`.
    public static func < (lhs: CVSSRating, rhs: CVSSRating) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int {
        switch self {
        case .none: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        case .critical: 4
        }
    }
}
