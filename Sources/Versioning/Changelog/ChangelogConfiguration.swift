/// How the changelog is written, mirroring the changelog keys of standard-version's `.versionrc`.
///
/// The defaults are standard-version 9's: those of conventional-changelog-config-spec 2.1.0 plus
/// standard-version's own `header`.
public struct ChangelogConfiguration: Sendable, Hashable {
    /// Where release headings put `##` and `###`.
    public enum Layout: String, Sendable, Hashable, CaseIterable {
        /// standard-version 9: `##` for major and minor releases, `###` for patch releases.
        case standardVersion
        /// commit-and-tag-version: `##` for every release.
        case commitAndTagVersion
    }

    /// standard-version 9's default `types`: only `feat` and `fix` shown; `perf` is hidden and `revert`, `build`
    /// and `ci` are absent (so left out of the changelog unless they carry breaking changes).
    public static let defaultTypes: [ChangelogType] = [
        ChangelogType(type: "feat", section: "Features"),
        ChangelogType(type: "fix", section: "Bug Fixes"),
        ChangelogType(type: "chore", hidden: true),
        ChangelogType(type: "docs", hidden: true),
        ChangelogType(type: "style", hidden: true),
        ChangelogType(type: "refactor", hidden: true),
        ChangelogType(type: "perf", hidden: true),
        ChangelogType(type: "test", hidden: true),
    ]

    /// standard-version 9's default file header.
    public static let defaultHeader =
        "# Changelog\n\nAll notable changes to this project will be documented in this file. "
        + "See [standard-version](https://github.com/conventional-changelog/standard-version) for commit guidelines.\n"

    /// The commit types, their sections and whether they are hidden; order is the configuration's.
    public var types: [ChangelogType]
    /// The text above the releases when the file is created.
    public var header: String
    /// The link of a commit; placeholders `{{host}}`, `{{owner}}`, `{{repository}}`, `{{hash}}`.
    public var commitUrlFormat: String
    /// The link of a release heading; placeholders `{{previousTag}}` and `{{currentTag}}` besides the host ones.
    public var compareUrlFormat: String
    /// The link of an issue; placeholders `{{id}}` and `{{prefix}}` besides the host ones.
    public var issueUrlFormat: String
    /// The link of an `@user` mention; placeholder `{{user}}`.
    public var userUrlFormat: String
    /// The prefixes of issue references (`#` for `#12`).
    public var issuePrefixes: [String]
    /// Heading levels of release sections.
    public var layout: Layout
    /// Project keys whose issue keys (`ABC-123`) are linked with ``issueKeyUrlFormat``; empty for none.
    public var issueKeyProjects: [String]
    /// The link of an issue key such as `https://jira.example.com/browse/{{id}}`; `nil` leaves keys as text.
    public var issueKeyUrlFormat: String?

    /// Creates a configuration; every argument defaults to standard-version 9's value.
    public init(
        types: [ChangelogType] = ChangelogConfiguration.defaultTypes,
        header: String = ChangelogConfiguration.defaultHeader,
        commitUrlFormat: String = "{{host}}/{{owner}}/{{repository}}/commit/{{hash}}",
        compareUrlFormat: String = "{{host}}/{{owner}}/{{repository}}/compare/{{previousTag}}...{{currentTag}}",
        issueUrlFormat: String = "{{host}}/{{owner}}/{{repository}}/issues/{{id}}",
        userUrlFormat: String = "{{host}}/{{user}}",
        issuePrefixes: [String] = ["#"],
        layout: Layout = .standardVersion,
        issueKeyProjects: [String] = [],
        issueKeyUrlFormat: String? = nil
    ) {
        self.types = types
        self.header = header
        self.commitUrlFormat = commitUrlFormat
        self.compareUrlFormat = compareUrlFormat
        self.issueUrlFormat = issueUrlFormat
        self.userUrlFormat = userUrlFormat
        self.issuePrefixes = issuePrefixes
        self.layout = layout
        self.issueKeyProjects = issueKeyProjects
        self.issueKeyUrlFormat = issueKeyUrlFormat
    }

    /// The entry for a commit, as conventional-changelog's `findTypeEntry` picks it: the first with the same type
    /// (and the same scope when the entry names one).
    func entry(forType type: String, scope: String?) -> ChangelogType? {
        types.first { entry in
            entry.type == type && (entry.scope == nil || entry.scope == scope)
        }
    }
}

/// One entry of `types`: a commit type, the changelog section it goes to, and whether it is hidden.
public struct ChangelogType: Sendable, Hashable {
    /// The commit type, lowercased (`feat`).
    public var type: String
    /// Only commits with this scope match, when set (conventional-changelog's `scope` key).
    public var scope: String?
    /// The section heading (`Features`); `nil` for hidden types.
    public var section: String?
    /// Whether commits of this type are left out.
    public var hidden: Bool

    /// Creates an entry.
    public init(type: String, scope: String? = nil, section: String? = nil, hidden: Bool = false) {
        self.type = type
        self.scope = scope
        self.section = section
        self.hidden = hidden
    }
}

/// Expands `{{key}}` placeholders the way conventional-changelog's `expandTemplate` does: unknown ones stay.
func expandURLTemplate(_ template: String, _ values: [String: String]) -> String {
    if template.utf8.allSatisfy({ $0 < 0x80 }) { return expandASCIIURLTemplate(template, values) }
    return expandURLTemplateCharacterwise(template, values)
}

/// ``expandURLTemplate(_:_:)`` character by character (any template).
func expandURLTemplateCharacterwise(_ template: String, _ values: [String: String]) -> String {
    var result = ""
    var rest = Substring(template)
    while let open = rest.firstRange(of: "{{") {
        result += rest[..<open.lowerBound]
        let afterOpen = rest[open.upperBound...]
        guard let close = afterOpen.firstRange(of: "}}") else {
            rest = rest[open.lowerBound...]
            break
        }
        let key = String(afterOpen[..<close.lowerBound])
        if let value = values[key] {
            result += value
        } else {
            result += rest[open.lowerBound..<close.upperBound]
        }
        rest = afterOpen[close.upperBound...]
    }
    return result + rest
}

/// ``expandURLTemplate(_:_:)`` for an ASCII template (every byte one character), searching `{{` and `}}` as bytes.
func expandASCIIURLTemplate(_ template: String, _ values: [String: String]) -> String {
    let bytes = Array(template.utf8)
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count + 64)
    func find(_ first: UInt8, from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == first, bytes[index + 1] == first { return index }
            index += 1
        }
        return nil
    }
    var rest = 0
    while let open = find(UInt8(ascii: "{"), from: rest) {
        result += bytes[rest..<open]
        guard let close = find(UInt8(ascii: "}"), from: open + 2) else {
            rest = open
            break
        }
        let key = String(decoding: bytes[(open + 2)..<close], as: UTF8.self)
        if let value = values[key] {
            result += value.utf8
        } else {
            result += bytes[open..<(close + 2)]
        }
        rest = close + 2
    }
    result += bytes[rest...]
    return String(decoding: result, as: UTF8.self)
}
