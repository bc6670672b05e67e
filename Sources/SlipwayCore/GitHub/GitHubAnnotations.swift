/// GitHub Actions workflow commands (`::error file=…::message`) with the escaping GitHub requires.
public enum GitHubAnnotations {
    /// GitHub shows at most this many annotations of each level per step; the rest belong in the summary.
    public static let perLevelLimit = 10

    /// One workflow-command line.
    public static func command(level: String, title: String?, location: SourceLocation?, message: String) -> String {
        var properties: [String] = []
        if let location {
            properties.append("file=\(escapeProperty(location.path))")
            properties.append("line=\(location.line)")
            properties.append("col=\(location.column)")
            if let endLine = location.endLine { properties.append("endLine=\(endLine)") }
        }
        if let title { properties.append("title=\(escapeProperty(title))") }
        let head = properties.isEmpty ? "::\(level)" : "::\(level) \(properties.joined(separator: ","))"
        return "\(head)::\(escapeData(message))"
    }

    /// One annotation of a finding: its level (`error`, `warning`, `notice`), title, place and message.
    public struct Annotation: Sendable {
        public var level: String
        public var title: String?
        public var location: SourceLocation?
        public var message: String

        /// Creates an annotation.
        public init(level: String, title: String?, location: SourceLocation?, message: String) {
            self.level = level
            self.title = title
            self.location = location
            self.message = message
        }
    }

    /// The workflow-command lines of `annotations` in order, at most ``perLevelLimit`` of each level (GitHub
    /// drops the rest; the step summary lists everything).
    public static func commands(_ annotations: some Sequence<Annotation>) -> String {
        var perLevel: [String: Int] = [:]
        var out = ""
        for annotation in annotations {
            perLevel[annotation.level, default: 0] += 1
            guard perLevel[annotation.level, default: 0] <= perLevelLimit else { continue }
            out +=
                command(
                    level: annotation.level,
                    title: annotation.title,
                    location: annotation.location,
                    message: annotation.message
                ) + "\n"
        }
        return out
    }

    /// Escapes a message body: `%`, CR and LF.
    public static func escapeData(_ text: String) -> String {
        text.replacingAll("%", with: "%25").replacingAll("\r", with: "%0D").replacingAll("\n", with: "%0A")
    }

    /// Escapes a property value: as data, plus `:` and `,`.
    public static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingAll(":", with: "%3A").replacingAll(",", with: "%2C")
    }
}

extension String {
    /// Replaces every occurrence of `target` without Foundation.
    public func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var result = ""
        var remainder = self[...]
        while let range = remainder.firstRange(of: target) {
            result += remainder[..<range.lowerBound]
            result += replacement
            remainder = remainder[range.upperBound...]
        }
        result += remainder
        return result
    }
}
