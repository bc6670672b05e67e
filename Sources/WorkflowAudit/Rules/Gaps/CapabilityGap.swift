import SlipwayCore

/// The shared check of file-level gap rules: a release workflow whose pipeline lacks every one of some
/// capabilities gets one finding at the `jobs:` key.
enum CapabilityGap {
    /// One finding when a release workflow's pipeline provides none of `capabilities`.
    ///
    /// Files that delegate their release to a local reusable workflow are skipped (the callee reports).
    /// `message` receives the pipeline and why the file is a release.
    static func check(
        _ file: WorkflowFile,
        context: RuleContext,
        closedBy capabilities: [String],
        message: (ReleasePipeline, String) -> String
    ) -> [Finding] {
        guard let pipeline = ReleasePipeline.shouldReportFileGaps(file, context: context),
            let reason = ReleaseWorkflowDetector.releaseReason(file, facts: context.facts),
            !capabilities.contains(where: pipeline.provides)
        else { return [] }
        return [
            context.finding(
                in: file,
                at: ReleaseWorkflowDetector.defaultPosition(file),
                message(pipeline, reason)
            )
        ]
    }

    /// "release workflow 'Deploy' (deploys (`cdk deploy`))" as the subject of a message.
    static func subject(_ file: WorkflowFile, reason: String) -> String {
        "release workflow '\(ReleaseWorkflowDetector.displayName(file))' \(reason)"
    }
}
