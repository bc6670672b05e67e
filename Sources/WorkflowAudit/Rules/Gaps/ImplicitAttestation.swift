import SlipwayCore

/// Publishing tools that sign and attest on their own, so provenance and signing gaps stay quiet for them:
/// `npm publish --provenance` (or `NPM_CONFIG_PROVENANCE=true`) and `pypa/gh-action-pypi-publish`, which
/// uploads Sigstore-signed PEP 740 attestations unless `attestations: false`.
enum ImplicitAttestation {
    /// The first step of `file` whose publishing tool signs and attests by itself, as a short evidence text.
    static func evidence(in file: WorkflowFile, facts: FileFacts) -> String? {
        for (job, step) in file.allSteps {
            if step.actionName == "pypa/gh-action-pypi-publish" {
                if step.input("attestations")?.bool != false { return "pypa/gh-action-pypi-publish" }
                continue
            }
            // Looked at only for an `npm publish` (most steps have none).
            var provenanceEnv: Bool {
                [step.env, job?.env, file.workflow?.env].contains { env in
                    env?["NPM_CONFIG_PROVENANCE"]?.string?.lowercased() == "true"
                }
            }
            for command in facts.commands(job: job, step: step) where ["npm", "pnpm", "yarn"].contains(command.name) {
                guard command.words.dropFirst().first == "publish" else { continue }
                if command.words.contains("--provenance") || provenanceEnv { return "npm publish --provenance" }
            }
        }
        return nil
    }
}
