/// A problem with the user's input that a run can survive: a bad key, an unreadable file among many.
public struct Diagnostic: Sendable, Hashable, Codable, Error, CustomStringConvertible {
    /// How bad the problem is.
    public enum Level: String, Sendable, Hashable, Codable, Comparable {
        case note
        case warning
        case error

        private var rank: Int {
            switch self {
            case .note: 0
            case .warning: 1
            case .error: 2
            }
        }

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rank < rhs.rank }
    }

    /// A secondary message, optionally with its own location.
    public struct Note: Sendable, Hashable, Codable {
        public var message: String
        public var location: SourceLocation?

        /// Creates a note.
        public init(_ message: String, location: SourceLocation? = nil) {
            self.message = message
            self.location = location
        }
    }

    public var level: Level
    public var message: String
    public var location: SourceLocation?
    public var notes: [Note]

    /// Creates a diagnostic.
    public init(_ level: Level, _ message: String, at location: SourceLocation? = nil, notes: [Note] = []) {
        self.level = level
        self.message = message
        self.location = location
        self.notes = notes
    }

    /// `path:line:col: level: message`, followed by indented notes.
    public var description: String {
        var text = DiagnosticFormatter.line(level: level.rawValue, message: message, location: location)
        for note in notes {
            text += "\n" + DiagnosticFormatter.line(level: "note", message: note.message, location: note.location)
        }
        return text
    }
}

/// Renders `path:line:col: level: message`, shared by diagnostics and findings.
public enum DiagnosticFormatter {
    /// One compiler-style line.
    public static func line(level: String, message: String, location: SourceLocation?) -> String {
        guard let location else { return "\(level): \(message)" }
        return "\(location): \(level): \(message)"
    }
}
