import SlipwayCore

/// SARIF 2.1.0 with rule metadata, fingerprints and regions, for GitHub code scanning and other consumers.
struct SARIFReporter: Reporter {
    static let id = "sarif"

    func render(_ report: AuditReport, options: ReportOptions) throws -> String {
        try SARIFLog.render(
            toolVersion: report.tool.version,
            rules: options.rules.map(SARIFRule.init),
            findings: report.findings.map { finding in
                SARIFFinding(
                    ruleId: finding.ruleId,
                    severity: finding.severity,
                    message: finding.message,
                    location: finding.location,
                    relatedLocations: finding.notes,
                    fingerprint: finding.fingerprint,
                    properties: ["area": .string(finding.area.rawValue)]
                )
            },
            diagnostics: report.diagnostics,
            executionSuccessful: !report.hasInputErrors
        )
    }
}

extension SARIFRule {
    init(_ metadata: RuleMetadata) {
        let fix = "Before:\n\n```yaml\n\(metadata.fixBefore)\n```\n\nAfter:\n\n```yaml\n\(metadata.fixAfter)\n```"
        self.init(
            id: metadata.id,
            name: metadata.name.replacingAll(" ", with: ""),
            summary: metadata.summary,
            fullDescription: metadata.rationale,
            helpMarkdown: "\(metadata.rationale)\n\n\(fix)",
            helpURI: metadata.helpURI,
            defaultSeverity: metadata.severity,
            isEnabledByDefault: metadata.isEnabledByDefault,
            // Tags must be unique (the SARIF schema says so); "security" also marks alerts for code scanning.
            tags: metadata.area == .security ? ["security"] : [metadata.area.rawValue, "release-pipeline"],
            precision: metadata.confidence,
            securitySeverity: metadata.area == .security ? metadata.severity.securitySeverityScore : nil
        )
    }
}
