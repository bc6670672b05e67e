import SlipwayCore

/// Applies inline suppressions and config ignores, and reports suppressions that are wrong or hid nothing.
enum SuppressionFilter {
    /// `suppressionsByPath` has the parsed suppressions of every audited file (`Suppression.parse` of its source).
    static func apply(
        findings: [Finding],
        suppressionsByPath: [String: [Suppression]],
        ignores: [IgnoreEntry],
        today: CalendarDate,
        activeRuleIds: Set<String>,
        rules: [ConfiguredRule]
    ) -> (remaining: [Finding], suppressed: Int, extra: [Finding]) {
        var used: Set<String> = []
        var remaining: [Finding] = []
        var suppressed = 0
        let liveIgnores = ignores.filter { ($0.expires.map { today <= $0 }) ?? true }
        for finding in findings {
            let path = finding.location.path
            if let index = suppressionsByPath[path]?.firstIndex(where: {
                $0.reason != nil && $0.covers(ruleId: finding.ruleId, line: finding.location.line)
            }) {
                used.insert("\(path)#\(index)")
                suppressed += 1
                continue
            }
            if liveIgnores.contains(where: {
                $0.rule == finding.ruleId && ($0.path.map { Glob.matches($0, path) } ?? true)
            }) {
                suppressed += 1
                continue
            }
            remaining.append(finding)
        }
        var extra: [Finding] = []
        let metadataById = Dictionary(rules.map { ($0.metadata.id, $0) }, uniquingKeysWith: { first, _ in first })
        func make(_ ruleId: String, _ location: SourceLocation, _ message: String) -> Finding? {
            guard let rule = metadataById[ruleId] else { return nil }
            return Finding(
                ruleId: ruleId,
                area: rule.metadata.area,
                severity: rule.severity,
                confidence: rule.metadata.confidence,
                message: message,
                location: location,
                fingerprint: StableHash.hex(ruleId, location.path, message)
            )
        }
        for (path, suppressions) in suppressionsByPath {
            for (index, suppression) in suppressions.enumerated() {
                let location = SourceLocation(path: path, position: suppression.position)
                if suppression.reason == nil {
                    if let finding = make(
                        "invalid-suppression",
                        location,
                        "suppression of \(suppression.ruleIds.joined(separator: ", ")) has no reason; "
                            + "write `# slipway: ignore[id] - why this is acceptable`"
                    ) {
                        extra.append(finding)
                    }
                    continue
                }
                let unknown = suppression.ruleIds.filter { $0 != "all" && RuleRegistry.rule(withId: $0) == nil }
                if !unknown.isEmpty {
                    let known = RuleRegistry.all.map { $0.metadata.id }
                    let hints = unknown.map { "'\($0)'\(EditDistance.didYouMean($0, among: known))" }
                    if let finding = make(
                        "invalid-suppression",
                        location,
                        "suppression names unknown rule \(hints.joined(separator: ", "))"
                    ) {
                        extra.append(finding)
                    }
                    continue
                }
                let allActive = suppression.ruleIds.allSatisfy { $0 == "all" || activeRuleIds.contains($0) }
                if allActive, !used.contains("\(path)#\(index)"),
                    let finding = make(
                        "unused-suppression",
                        location,
                        "suppression of \(suppression.ruleIds.joined(separator: ", ")) hid nothing; remove it"
                    )
                {
                    extra.append(finding)
                }
            }
        }
        for ignore in ignores {
            if let expiry = ignore.expires, expiry < today,
                let finding = make(
                    "expired-ignore",
                    ignore.location,
                    "the ignore of '\(ignore.rule)' expired on \(expiry) and no longer applies; "
                        + "fix the findings or renew the exception with a new date and reason"
                )
            {
                extra.append(finding)
            }
        }
        return (remaining, suppressed, extra)
    }
}
