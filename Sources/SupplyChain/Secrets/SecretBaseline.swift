import Foundation
import SlipwayCore

/// Accepted findings: their fingerprints (sha256 of rule id, path and secret), with the rule and path for review.
///
/// The secret itself is never stored.
public struct SecretBaseline: Sendable, Codable, Equatable {
    /// One accepted finding.
    public struct Entry: Sendable, Codable, Hashable, Comparable {
        public var fingerprint: String
        public var rule: String
        public var path: String

        public static func < (lhs: Entry, rhs: Entry) -> Bool {
            (lhs.path, lhs.rule, lhs.fingerprint) < (rhs.path, rhs.rule, rhs.fingerprint)
        }
    }

    /// Format version (1).
    public var version: Int
    public var fingerprints: [Entry]

    /// A baseline accepting `entries` (sorted, without duplicates).
    public init(entries: [Entry]) {
        version = 1
        fingerprints = Array(Set(entries)).sorted()
    }

    /// The accepted fingerprints.
    public var accepted: Set<String> { Set(fingerprints.map(\.fingerprint)) }

    /// Parses a baseline file.
    ///
    /// - Throws: ``SecretScanError/baselineMalformed(path:reason:)`` when it is not one.
    public static func parse(_ bytes: [UInt8], path: String) throws(SecretScanError) -> SecretBaseline {
        let baseline: SecretBaseline
        do {
            baseline = try JSONDecoder().decode(SecretBaseline.self, from: Data(bytes))
        } catch {
            throw .baselineMalformed(path: path, reason: "expected {\"version\": 1, \"fingerprints\": [...]}")
        }
        guard baseline.version == 1 else {
            throw .baselineMalformed(path: path, reason: "unsupported version \(baseline.version)")
        }
        for entry in baseline.fingerprints
        where entry.fingerprint.utf8.count != 64 || !Entropy.isHex(entry.fingerprint.utf8) {
            throw .baselineMalformed(path: path, reason: "fingerprint '\(entry.fingerprint)' is not a SHA-256 hex")
        }
        return baseline
    }

    /// The baseline as sorted-key JSON.
    public func rendered() throws -> String { try JSONOutput.string(self) }
}
