/// Why a string is not a CVSS vector Slipway can score: which metric is missing, repeated or wrong.
public enum CVSSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The string is empty.
    case empty
    /// The string does not start with `CVSS:<version>/`; carries the start of the string.
    case missingPrefix(String)
    /// The prefix names a version other than 3.0, 3.1 and 4.0 (`2.0` for an unprefixed CVSS v2 vector).
    case unsupportedVersion(String)
    /// A `/`-separated part is not `METRIC:VALUE` (an empty part comes from a doubled or trailing `/`).
    case malformedMetric(String, version: CVSSVersion)
    /// The version defines no metric of this abbreviation.
    case unknownMetric(String, version: CVSSVersion)
    /// The metric does not take this value; carries the values it does take.
    case invalidValue(metric: String, value: String, allowed: [String], version: CVSSVersion)
    /// The metric appears more than once.
    case duplicateMetric(String, version: CVSSVersion)
    /// Mandatory base metrics are absent, in the specification's order.
    case missingMetrics([String], version: CVSSVersion)

    /// What is wrong with the vector and what a valid one looks like.
    public var description: String {
        switch self {
        case .empty:
            return "The CVSS vector is empty. \(Self.validExamples)"
        case .missingPrefix(let start):
            return "`\(start)` is not a CVSS vector: it must start with CVSS:3.0/, CVSS:3.1/ or CVSS:4.0/. "
                + Self.validExamples
        case .unsupportedVersion(let version):
            return "CVSS version \(version) is not supported; only CVSS 3.0, 3.1 and 4.0 vectors are scored. "
                + Self.validExamples
        case .malformedMetric(let part, let version):
            let what = part.isEmpty ? "An empty metric (a doubled or trailing `/`)" : "`\(part)`"
            return "\(what) in a CVSS \(version.rawValue) vector is not a METRIC:VALUE pair. "
                + Self.example(version)
        case .unknownMetric(let metric, let version):
            return "CVSS \(version.rawValue) has no metric `\(metric)`. " + Self.example(version)
        case .invalidValue(let metric, let value, let allowed, let version):
            return "`\(metric):\(value)` is not a valid CVSS \(version.rawValue) value; \(metric) takes "
                + allowed.joined(separator: ", ") + ". " + Self.example(version)
        case .duplicateMetric(let metric, let version):
            return "The CVSS \(version.rawValue) vector gives `\(metric)` more than once; each metric may appear once. "
                + Self.example(version)
        case .missingMetrics(let metrics, let version):
            let noun = metrics.count == 1 ? "metric" : "metrics"
            return "The CVSS \(version.rawValue) vector lacks the mandatory base \(noun) "
                + metrics.joined(separator: ", ") + ". " + Self.example(version)
        }
    }

    private static func example(_ version: CVSSVersion) -> String {
        "A valid CVSS \(version.rawValue) vector looks like \(version.exampleVector)."
    }

    private static var validExamples: String {
        "Valid vectors look like \(CVSSVersion.v3_1.exampleVector) or \(CVSSVersion.v4_0.exampleVector)."
    }
}
