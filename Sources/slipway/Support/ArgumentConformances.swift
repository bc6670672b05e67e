public import ArgumentParser
import Signing
import SlipwayCore
import Versioning
import WorkflowAudit

extension Severity: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}
extension ColorMode: ExpressibleByArgument {}
extension BumpStrategy: ExpressibleByArgument {}
extension ChecksumAlgorithm: ExpressibleByArgument {}
