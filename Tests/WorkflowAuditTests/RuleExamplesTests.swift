import SlipwayCore
import Testing

@testable import WorkflowAudit

/// Runs every rule's documented examples: a finding at each `↓` marker and nowhere else; none on the
/// non-triggering examples; none when the finding's line is suppressed.
@Suite struct RuleExamplesTests {
    struct RuleCase: CustomTestStringConvertible, Sendable {
        let rule: any AuditRule.Type
        var testDescription: String { rule.metadata.id }
    }

    static let cases = RuleRegistry.all.map(RuleCase.init)

    /// Rules whose findings the engine emits while applying suppressions; they cannot themselves be suppressed.
    static let engineRules: Set<String> = ["invalid-suppression", "unused-suppression", "expired-ignore"]

    @Test("triggering examples fire exactly at their markers", arguments: cases)
    func triggeringExamples(_ ruleCase: RuleCase) async throws {
        let metadata = ruleCase.rule.metadata
        for example in metadata.triggeringExamples {
            let (yaml, expected) = example.stripped
            #expect(!expected.isEmpty, "\(metadata.id): triggering example has no ↓ marker")
            let findings = try await RuleHarness.findings(ruleId: metadata.id, example: example, yaml: yaml)
            let actual = findings.map { SourcePosition(line: $0.location.line, column: $0.location.column) }
            #expect(
                actual.sorted() == expected.sorted(),
                "\(metadata.id): expected findings at \(expected), got \(findings.map { "\($0.location): \($0.message)" })"
            )
            for finding in findings {
                #expect(finding.location.path == example.path)
                #expect(!finding.message.isEmpty)
            }
        }
    }

    @Test("non-triggering examples stay quiet", arguments: cases)
    func nonTriggeringExamples(_ ruleCase: RuleCase) async throws {
        let metadata = ruleCase.rule.metadata
        for example in metadata.nonTriggeringExamples {
            let findings = try await RuleHarness.findings(ruleId: metadata.id, example: example, yaml: example.yaml)
            #expect(findings.isEmpty, "\(metadata.id): unexpected \(findings.map { "\($0.location): \($0.message)" })")
        }
    }

    @Test("an inline suppression on the line above silences each triggering example", arguments: cases)
    func suppressionSilences(_ ruleCase: RuleCase) async throws {
        let metadata = ruleCase.rule.metadata
        guard !Self.engineRules.contains(metadata.id) else { return }
        for example in metadata.triggeringExamples {
            let (yaml, expected) = example.stripped
            var lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            // Insert suppressions bottom-up so earlier line numbers stay valid.
            for line in Set(expected.map(\.line)).sorted(by: >) {
                let target = lines[line - 1]
                let indentation = String(target.prefix { $0 == " " })
                let trailing = "  # slipway: ignore[\(metadata.id)] - example suppression"
                if target.trimmingWhitespace().hasPrefix("- ") || target.trimmingWhitespace().hasPrefix("|") {
                    lines[line - 1] = target + trailing
                } else {
                    lines.insert("\(indentation)# slipway: ignore[\(metadata.id)] - example suppression", at: line - 1)
                }
            }
            let suppressed = lines.joined(separator: "\n")
            let findings = try await RuleHarness.findings(ruleId: metadata.id, example: example, yaml: suppressed)
            #expect(findings.isEmpty, "\(metadata.id): suppression did not apply: \(findings.map(\.location))")
        }
    }

    @Test("every rule has examples, kebab-case ids and documentation")
    func registryIsWellFormed() {
        var seen: Set<String> = []
        for rule in RuleRegistry.all {
            let metadata = rule.metadata
            #expect(seen.insert(metadata.id).inserted, "duplicate id \(metadata.id)")
            #expect(
                metadata.id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } && !metadata.id.hasPrefix("-"),
                "\(metadata.id) is not kebab-case"
            )
            #expect(!metadata.summary.isEmpty && !metadata.rationale.isEmpty)
            if metadata.id != "expired-ignore" {
                #expect(!metadata.triggeringExamples.isEmpty, "\(metadata.id) has no triggering example")
                #expect(!metadata.nonTriggeringExamples.isEmpty, "\(metadata.id) has no non-triggering example")
            }
        }
    }
}
