public import ArgumentParser
import SlipwayCore
import WorkflowAudit

extension Severity: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}
extension ColorMode: ExpressibleByArgument {}
