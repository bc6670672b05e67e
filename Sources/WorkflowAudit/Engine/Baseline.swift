import SlipwayCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Accepted findings recorded in a file, matched by rule, path and content fingerprint (not line number).
public struct Baseline: Sendable, Hashable, Codable {
    /// One accepted finding.
    public struct Entry: Sendable, Hashable, Codable, Comparable {
        public var ruleId: String
        public var path: String
        public var fingerprint: String
        /// For reviewers only; not used for matching.
        public var message: String

        public static func < (lhs: Entry, rhs: Entry) -> Bool {
            (lhs.path, lhs.ruleId, lhs.fingerprint) < (rhs.path, rhs.ruleId, rhs.fingerprint)
        }
    }

    public var version: Int
    public var findings: [Entry]

    /// A baseline accepting `findings`, sorted for reviewable diffs.
    public init(findings: [Finding]) {
        version = 1
        self.findings = findings.map {
            Entry(ruleId: $0.ruleId, path: $0.location.path, fingerprint: $0.fingerprint, message: $0.message)
        }
        .sorted()
    }

    /// Decodes a baseline file.
    public static func decode(_ bytes: [UInt8], path: String) throws(AuditError) -> Baseline {
        do {
            return try JSONDecoder().decode(Baseline.self, from: Data(bytes))
        } catch {
            throw .invalidBaseline(path: path, reason: "\(error)")
        }
    }

    /// The JSON text to write.
    public func encoded() throws -> String { try JSONOutput.string(self) }

    /// Splits `findings` into those not in the baseline and the count that were.
    public func filter(_ findings: [Finding]) -> (remaining: [Finding], matched: Int) {
        var available: [String: Int] = [:]
        for entry in self.findings { available["\(entry.ruleId)|\(entry.path)|\(entry.fingerprint)", default: 0] += 1 }
        var remaining: [Finding] = []
        var matched = 0
        for finding in findings {
            let key = "\(finding.ruleId)|\(finding.location.path)|\(finding.fingerprint)"
            if let count = available[key], count > 0 {
                available[key] = count - 1
                matched += 1
            } else {
                remaining.append(finding)
            }
        }
        return (remaining, matched)
    }
}
