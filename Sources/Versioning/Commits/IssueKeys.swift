/// Collects issue-tracker keys such as `ABC-123` from commit messages, restricted to known projects.
///
/// Only keys whose project part is on the allow-list count, so `SHA-256` or `UTF-8` are never taken for keys.
/// A key must stand alone: `XABC-1` and `ABC-12x` are not keys of project `ABC`.
public struct IssueKeys: Sendable, Hashable {
    /// The project keys that count (`["ABC", "PLAT"]`), matched case-sensitively as trackers write them.
    public var projects: [String]

    /// Creates a collector for the given project keys.
    public init(projects: [String]) {
        self.projects = projects
    }

    /// The keys in `text`, in order of first appearance, without duplicates.
    public func keys(in text: String) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for match in matches(in: text) where seen.insert(match.key).inserted {
            result.append(match.key)
        }
        return result
    }

    /// The keys of a commit from its header, body and footers (in that order), deduplicated.
    public func keys(in commit: ConventionalCommit) -> [String] {
        keys(in: [commit])
    }

    /// The keys of several commits (for one release), deduplicated, in order of first appearance.
    public func keys(in commits: [ConventionalCommit]) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for commit in commits {
            var texts = [commit.header]
            if let body = commit.body { texts.append(body) }
            texts += commit.footers.map { "\($0.token): \($0.value)" }
            for text in texts {
                for key in keys(in: text) where seen.insert(key).inserted {
                    result.append(key)
                }
            }
        }
        return result
    }

    /// A key found in a text and where it is, as unicode-scalar offsets.
    struct Match: Hashable {
        var key: String
        var range: Range<Int>
    }

    /// Every occurrence of an allowed key in `text`, in order.
    func matches(in text: String) -> [Match] {
        guard !projects.isEmpty else { return [] }
        let scalars = Array(text.unicodeScalars)
        var result: [Match] = []
        var index = 0
        while index < scalars.count {
            guard Self.isKeyStart(scalars, at: index) else {
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, Self.isProjectCharacter(scalars[end]) { end += 1 }
            let project = String(String.UnicodeScalarView(scalars[index..<end]))
            var digitsEnd = end + 1
            if end < scalars.count, scalars[end] == "-", projects.contains(project) {
                while digitsEnd < scalars.count, Self.isDigit(scalars[digitsEnd]) { digitsEnd += 1 }
                let hasDigits = digitsEnd > end + 1
                let followedByWord = digitsEnd < scalars.count && Self.isWordCharacter(scalars[digitsEnd])
                if hasDigits, !followedByWord {
                    let key = String(String.UnicodeScalarView(scalars[index..<digitsEnd]))
                    result.append(Match(key: key, range: index..<digitsEnd))
                    index = digitsEnd
                    continue
                }
            }
            index = max(end, index + 1)
        }
        return result
    }

    private static func isKeyStart(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard isProjectCharacter(scalars[index]), !isDigit(scalars[index]) else { return false }
        guard index > 0 else { return true }
        let previous = scalars[index - 1]
        return !isWordCharacter(previous) && previous != "-"
    }

    private static func isProjectCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(scalar) || isDigit(scalar) || scalar == "_"
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isDigit(scalar) || ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) || scalar == "_"
    }
}
