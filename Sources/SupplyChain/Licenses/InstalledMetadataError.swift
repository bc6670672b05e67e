public import SlipwayCore

/// Why an installed package's metadata could not be read; the scan reports it and carries on.
public struct InstalledMetadataError: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: SourceLocation
    public var reason: String

    /// Creates an error at `location`.
    public init(location: SourceLocation, reason: String) {
        self.location = location
        self.reason = reason
    }

    public var description: String {
        DiagnosticFormatter.line(level: "warning", message: reason, location: location)
    }
}
