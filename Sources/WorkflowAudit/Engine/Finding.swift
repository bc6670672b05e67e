public import SlipwayCore

/// A replacement of a byte range in one file.
public struct TextEdit: Sendable, Hashable, Codable {
    /// Byte offset where the replaced range starts.
    public var start: Int
    /// Byte offset where the replaced range ends (exclusive).
    public var end: Int
    public var replacement: String

    /// Creates an edit; `start == end` inserts.
    public init(start: Int, end: Int, replacement: String) {
        self.start = start
        self.end = end
        self.replacement = replacement
    }

    /// An insertion at `offset`.
    public static func insert(_ text: String, at offset: Int) -> TextEdit {
        TextEdit(start: offset, end: offset, replacement: text)
    }
}

/// A safe, mechanical fix for a finding: edits to the finding's file.
public struct Fix: Sendable, Hashable, Codable {
    /// What the fix does, in a few words.
    public var summary: String
    public var edits: [TextEdit]

    /// Creates a fix.
    public init(summary: String, edits: [TextEdit]) {
        self.summary = summary
        self.edits = edits
    }
}

/// One problem a rule found, at a location, with what to do about it.
public struct Finding: Sendable, Hashable, Codable {
    public var ruleId: String
    public var area: Area
    public var severity: Severity
    public var confidence: Confidence
    /// What is wrong and what to do; never contains a secret value.
    public var message: String
    public var location: SourceLocation
    public var notes: [Diagnostic.Note]
    public var fix: Fix?
    /// Stable across line moves: rule, path, YAML path and the offending line's text.
    public var fingerprint: String

    /// Creates a finding; the engine fills in the fingerprint.
    public init(
        ruleId: String,
        area: Area,
        severity: Severity,
        confidence: Confidence,
        message: String,
        location: SourceLocation,
        notes: [Diagnostic.Note] = [],
        fix: Fix? = nil,
        fingerprint: String = ""
    ) {
        self.ruleId = ruleId
        self.area = area
        self.severity = severity
        self.confidence = confidence
        self.message = message
        self.location = location
        self.notes = notes
        self.fix = fix
        self.fingerprint = fingerprint
    }
}
