/// Whether to colour terminal output.
public enum ColorMode: String, Sendable, CaseIterable {
    case auto
    case always
    case never

    /// Decides colour: `never`/`always` win; `auto` colours only a terminal without `NO_COLOR` set.
    public func isEnabled(isTerminal: Bool, environment: [String: String]) -> Bool {
        switch self {
        case .always: return true
        case .never: return false
        case .auto:
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
            if environment["TERM"] == "dumb" { return false }
            return isTerminal
        }
    }
}

/// ANSI styling that turns into plain text when colour is off.
public struct TerminalStyle: Sendable {
    /// Whether escapes are emitted.
    public let isEnabled: Bool

    /// Creates a style.
    public init(isEnabled: Bool) {
        self.isEnabled = isEnabled
    }

    private func wrap(_ text: String, _ code: String) -> String {
        isEnabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    public func bold(_ text: String) -> String { wrap(text, "1") }
    public func red(_ text: String) -> String { wrap(text, "31") }
    public func yellow(_ text: String) -> String { wrap(text, "33") }
    public func green(_ text: String) -> String { wrap(text, "32") }
    public func cyan(_ text: String) -> String { wrap(text, "36") }
    public func dim(_ text: String) -> String { wrap(text, "2") }
}
