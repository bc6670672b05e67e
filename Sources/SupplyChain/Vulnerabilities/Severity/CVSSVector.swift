/// A parsed CVSS v3.0, v3.1 or v4.0 vector string with its base score, as OSV advisories carry them.
///
/// Parsing validates every metric: the `CVSS:x.y/` prefix, known metric names, allowed values, no repeats and all
/// mandatory base metrics. Temporal (v3), threat and environmental metrics are accepted; the base score ignores them.
public struct CVSSVector: Sendable, Hashable {
    /// The CVSS version the prefix names.
    public let version: CVSSVersion
    /// The vector string as given.
    public let vector: String
    /// The base score, one decimal, exactly as the specification's calculator gives it (v4.0: CVSS-B).
    public let baseScore: Double
    /// The score of every metric the vector carries: for v4.0 the CVSS-BT, -BE or -BTE score FIRST's calculator
    /// shows when threat or environmental metrics are set (else `baseScore`); for v3.x `baseScore`, as v3 temporal
    /// and environmental scores are not computed.
    public let score: Double

    /// The qualitative rating of `baseScore`.
    public var rating: CVSSRating { CVSSRating(score: baseScore) }

    /// Parses and scores a vector such as `CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H`.
    ///
    /// - Throws: `CVSSError` when the string has no supported `CVSS:` prefix, a metric is malformed, unknown, has a
    ///   value its version does not define or appears twice, or a mandatory base metric is missing.
    public init(parsing vector: String) throws(CVSSError) {
        let (version, metricList) = try Self.splitPrefix(vector)
        self.version = version
        self.vector = vector
        switch version {
        case .v3_0, .v3_1:
            let values = try CVSS3Scoring.catalog.parse(metricList, version: version)
            baseScore = Double(CVSS3Scoring.baseScoreTenths(of: values, version: version)) / 10
            score = baseScore
        case .v4_0:
            let values = try CVSS4Scoring.catalog.parse(metricList, version: version)
            baseScore = Double(CVSS4Scoring.scoreTenths(of: values, threatAndEnvironmental: false)) / 10
            score =
                CVSS4Scoring.setsThreatOrEnvironmentalMetric(values)
                ? Double(CVSS4Scoring.scoreTenths(of: values, threatAndEnvironmental: true)) / 10 : baseScore
        }
    }

    /// Splits `CVSS:<version>/<metrics>` into the version and the metric list.
    private static func splitPrefix(_ vector: String) throws(CVSSError) -> (CVSSVersion, Substring) {
        guard !vector.isEmpty else { throw .empty }
        let prefix = "CVSS:"
        guard vector.hasPrefix(prefix) else {
            // OSV's CVSS_V2 type carries unprefixed v2 vectors, which have the Au (authentication) metric.
            if vector.hasPrefix("AV:") && vector.contains("/Au:") { throw .unsupportedVersion("2.0") }
            throw .missingPrefix(String(vector.prefix(40)))
        }
        let afterPrefix = vector.dropFirst(prefix.count)
        let versionText = afterPrefix.prefix { $0 != "/" }
        guard let version = CVSSVersion(rawValue: String(versionText)) else {
            throw .unsupportedVersion(String(versionText.prefix(20)))
        }
        let metricList = afterPrefix.dropFirst(versionText.count + 1)
        return (version, metricList)
    }
}
