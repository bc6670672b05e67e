public import ArgumentParser
import SlipwayCore
import Versioning
import WorkflowAudit

extension Severity: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}
extension ColorMode: ExpressibleByArgument {}
extension BumpStrategy: ExpressibleByArgument {}
