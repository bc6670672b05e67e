/// The kinds of OSV range events, in the order they sort when their versions tie.
enum EventKind: Int {
    case introduced, fixed, lastAffected, limit
}

/// Whether one version is affected by one OSV `affected` entry.
public enum AffectedVerdict: Sendable, Hashable {
    case affected(fixedIn: [String])
    case notAffected
    /// The version is not one the ecosystem's ordering understands, and it is not listed explicitly.
    case undetermined(reason: String)
}

/// Evaluates OSV `affected` entries (explicit `versions`, `ECOSYSTEM` and `SEMVER` ranges) as the OSV schema's
/// evaluation section describes; `GIT` ranges name commits, which lockfiles do not record, and are skipped.
public struct AffectedVersions: Sendable {
    let ecosystem: Ecosystem

    /// An evaluator for versions of `ecosystem`.
    public init(ecosystem: Ecosystem) {
        self.ecosystem = ecosystem
    }

    /// The verdict for `version` against `affected`.
    public func verdict(for version: String, in affected: OSVAffected) -> AffectedVerdict {
        struct Evaluation: VersionOrderingVisitor {
            let evaluator: AffectedVersions
            let version: String
            let affected: OSVAffected
            func visit<Ordering: VersionOrdering>(_ ordering: Ordering) -> AffectedVerdict {
                evaluator.evaluate(version, affected, ecosystemOrdering: ordering)
            }
        }
        return VersionOrderings.visit(ecosystem, Evaluation(evaluator: self, version: version, affected: affected))
    }

    fileprivate func evaluate<Ordering: VersionOrdering>(
        _ version: String,
        _ affected: OSVAffected,
        ecosystemOrdering: Ordering
    ) -> AffectedVerdict {
        let parsed = ecosystemOrdering.parse(version)
        if let listed = affected.versions, !listed.isEmpty {
            if listed.contains(version) { return .affected(fixedIn: fixes(affected, after: version)) }
            // Spellings of the same version (`1.0` and `1.0.0` in PEP 440) are compared through the ordering only
            // when no range decides: databases generate `versions` from their ranges, and parsing every listed
            // version for every component is the most expensive part of matching.
            let hasRanges = affected.ranges?.contains { $0.type == "ECOSYSTEM" || $0.type == "SEMVER" } ?? false
            if !hasRanges, let parsed,
                listed.contains(where: { ecosystemOrdering.parse($0).map { $0 == parsed } ?? false })
            {
                return .affected(fixedIn: fixes(affected, after: version))
            }
        }
        var undetermined: String?
        for range in affected.ranges ?? [] {
            let result: Bool?
            switch range.type {
            case "ECOSYSTEM":
                result = parsed.flatMap { Self.includes($0, range.events, ordering: ecosystemOrdering) }
            case "SEMVER":
                let semver = VersionOrderings.semver
                result = semver.parse(version).flatMap { Self.includes($0, range.events, ordering: semver) }
            default:
                continue
            }
            switch result {
            case true?: return .affected(fixedIn: fixes(affected, after: version))
            case false?: continue
            case nil:
                undetermined =
                    "version \(version) is not a \(range.type == "SEMVER" ? "SemVer" : ecosystem.rawValue) version"
            }
        }
        if let undetermined { return .undetermined(reason: undetermined) }
        return .notAffected
    }

    /// Whether `version` lies in the range the events describe, per the OSV schema's evaluation.
    ///
    /// Walk the events in version order: an `introduced` at or below the version turns "affected" on, a `fixed`
    /// at or below (or a `last_affected` below) turns it off. A `limit` at or below the version ends the range.
    /// `introduced: "0"` sorts before everything. Events that do not parse are ignored.
    static func includes<Ordering: VersionOrdering>(
        _ version: Ordering.Version,
        _ events: [OSVEvent],
        ordering: Ordering
    ) -> Bool {
        var parsedEvents: [(version: Ordering.Version?, kind: EventKind)] = []
        parsedEvents.reserveCapacity(events.count)
        for event in events {
            if let value = event.introduced {
                if value == "0" {
                    parsedEvents.append((nil, .introduced))
                } else if let parsed = ordering.parse(value) {
                    parsedEvents.append((parsed, .introduced))
                }
            } else if let value = event.fixed, let parsed = ordering.parse(value) {
                parsedEvents.append((parsed, .fixed))
            } else if let value = event.lastAffected, let parsed = ordering.parse(value) {
                parsedEvents.append((parsed, .lastAffected))
            } else if let value = event.limit, value != "*", let parsed = ordering.parse(value) {
                parsedEvents.append((parsed, .limit))
            }
        }
        for event in parsedEvents where event.kind == .limit {
            if let limit = event.version, version >= limit { return false }
        }
        // `nil` is the "0" introduced event: before every version.
        parsedEvents.sort { lhs, rhs in
            switch (lhs.version, rhs.version) {
            case (nil, nil): return lhs.kind.rawValue < rhs.kind.rawValue
            case (nil, _): return true
            case (_, nil): return false
            case (let left?, let right?):
                return left < right || (!(right < left) && lhs.kind.rawValue < rhs.kind.rawValue)
            }
        }
        var affected = false
        for event in parsedEvents {
            switch event.kind {
            case .introduced:
                if let introduced = event.version {
                    if version >= introduced { affected = true }
                } else {
                    affected = true
                }
            case .fixed:
                if let fixed = event.version, version >= fixed { affected = false }
            case .lastAffected:
                if let last = event.version, version > last { affected = false }
            case .limit:
                continue
            }
        }
        return affected
    }

    /// The `fixed` versions of the entry above `version`, lowest first.
    func fixes(_ affected: OSVAffected, after version: String) -> [String] {
        var candidates: [String] = []
        for range in affected.ranges ?? [] where range.type == "ECOSYSTEM" || range.type == "SEMVER" {
            for event in range.events { if let fixed = event.fixed { candidates.append(fixed) } }
        }
        return sortedFixes(candidates, above: version)
    }

    /// `candidates` without duplicates, those above `version` only, in the ecosystem's order.
    func sortedFixes(_ candidates: [String], above version: String) -> [String] {
        struct Sorting: VersionOrderingVisitor {
            let version: String
            let candidates: [String]
            func visit<Ordering: VersionOrdering>(_ ordering: Ordering) -> [String] {
                AffectedVersions.sortedAbove(version, candidates, ordering: ordering)
            }
        }
        return VersionOrderings.visit(ecosystem, Sorting(version: version, candidates: candidates))
    }

    fileprivate static func sortedAbove<Ordering: VersionOrdering>(
        _ version: String,
        _ candidates: [String],
        ordering: Ordering
    ) -> [String] {
        let current = ordering.parse(version)
        var seen = Set<String>()
        let parsed = candidates.filter { seen.insert($0).inserted }.compactMap { text in
            ordering.parse(text).map { (text: text, version: $0) }
        }
        return parsed.filter { candidate in current.map { candidate.version > $0 } ?? true }
            .sorted { $0.version < $1.version }.map(\.text)
    }
}
