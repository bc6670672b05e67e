import ArgumentParser
import SlipwayCore
import WorkflowAudit

/// Where and how results are written.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Output format: text, json, sarif, markdown or github (annotations).")
    var format: ReportFormat = .text

    @Option(name: .shortAndLong, help: "Write the report to this file (atomically) instead of stdout.")
    var output: String?
}
