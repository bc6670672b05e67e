#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The curated list of actions and shell commands that show what a workflow does (scans, signs, deploys…).
///
/// The built-in one is `Catalogue.builtIn` (`Catalogue/Catalogue+BuiltIn.swift`); `slipway.yml` can extend it under
/// `audit.catalogue`.
public struct Catalogue: Sendable, Hashable, Codable {
    /// One capability: the actions and commands that provide it.
    public struct Capability: Sendable, Hashable, Codable {
        /// What the capability is, for reports.
        public var title: String
        /// Action names (`owner/repo` or `owner/repo/path`), matched case-insensitively without the ref.
        public var actions: [String]
        /// Command patterns: the first word is the command; later words must follow in order (a trailing `*`
        /// matches a prefix, `*` alone any word).
        public var commands: [[String]]

        /// Creates a capability.
        public init(title: String, actions: [String] = [], commands: [[String]] = []) {
            self.title = title
            self.actions = actions
            self.commands = commands
        }
    }

    public let version: Int
    public let capabilities: [String: Capability]
    /// Capability ids per lowercased action name, built once.
    private let actionIndex: [String: [String]]
    /// Command patterns per lowercased command name (those whose first word is a glob are in `globHeadPatterns`).
    private let commandIndex: [String: [CommandPattern]]
    /// The patterns whose first word contains `*`, that word ready for matching: the prefix before a trailing `*`
    /// (empty for `*` alone), or the word itself; matching a command name is then one comparison each.
    private let globHeadPatterns: [GlobHeadPattern]

    private struct GlobHeadPattern: Sendable, Hashable {
        var head: String
        var isPrefix: Bool
        var pattern: CommandPattern
    }

    private struct CommandPattern: Sendable, Hashable {
        var capability: String
        var words: [String]
    }

    private enum CodingKeys: String, CodingKey {
        case version
        case capabilities
    }

    /// Creates a catalogue and indexes it for matching.
    public init(version: Int = 1, capabilities: [String: Capability]) {
        self.version = version
        self.capabilities = capabilities
        var actions: [String: [String]] = [:]
        var commands: [String: [CommandPattern]] = [:]
        var globHeads: [GlobHeadPattern] = []
        for (id, capability) in capabilities.sorted(by: { $0.key < $1.key }) {
            for action in capability.actions { actions[action.lowercased(), default: []].append(id) }
            for pattern in capability.commands {
                guard let head = pattern.first?.lowercased() else { continue }
                let commandPattern = CommandPattern(capability: id, words: pattern.map { $0.lowercased() })
                guard head.contains("*") else {
                    commands[head, default: []].append(commandPattern)
                    continue
                }
                // As in `wordMatches`: a trailing `*` makes a prefix; a `*` anywhere else is matched literally.
                let isPrefix = head.hasSuffix("*")
                globHeads.append(
                    GlobHeadPattern(
                        head: isPrefix ? String(head.dropLast()) : head,
                        isPrefix: isPrefix,
                        pattern: commandPattern
                    )
                )
            }
        }
        actionIndex = actions
        commandIndex = commands
        globHeadPatterns = globHeads
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            version: try container.decode(Int.self, forKey: .version),
            capabilities: try container.decode([String: Capability].self, forKey: .capabilities)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(capabilities, forKey: .capabilities)
    }

    /// This catalogue with `other`'s actions and commands added to each capability.
    public func merging(_ other: Catalogue) -> Catalogue {
        var merged = capabilities
        for (id, addition) in other.capabilities {
            if var existing = merged[id] {
                existing.actions += addition.actions
                existing.commands += addition.commands
                merged[id] = existing
            } else {
                merged[id] = addition
            }
        }
        return Catalogue(version: version, capabilities: merged)
    }

    /// Capability ids for `actionName` (lowercased `owner/repo[/path]`): the longest listed prefix that matches
    /// whole path segments wins, so `owner/repo/sub` inherits `owner/repo` unless listed itself.
    func capabilities(forAction actionName: String) -> [String] {
        var candidate = Substring(actionName)
        while true {
            if let ids = actionIndex[String(candidate)] { return ids }
            guard let slash = candidate.lastIndex(of: "/"), candidate[..<slash].contains("/") else { return [] }
            candidate = candidate[..<slash]
        }
    }

    /// Capability ids whose command patterns match `command`, sorted.
    func capabilities(forCommand command: ShellCommand) -> [String] {
        guard !command.words.isEmpty else { return [] }
        let name = command.name.lowercased()
        let specific = commandIndex[name] ?? []
        // A pattern matches only if its first word does (that of a specific pattern is the name itself), so glob
        // patterns whose first word cannot match are dropped before the command's words are lowercased.
        let globbed = globHeadPatterns.filter { $0.isPrefix ? name.hasPrefix($0.head) : name == $0.head }.map(\.pattern)
        guard !specific.isEmpty || !globbed.isEmpty else { return [] }
        // Lowercase the command once; pattern words are lowercased when the index is built.
        let words = [name] + command.words.dropFirst().map { $0.lowercased() }
        var result: [String] = []
        for pattern in [specific, globbed].joined()
        where !result.contains(pattern.capability) && Self.matchesLowercased(pattern.words, words) {
            result.append(pattern.capability)
        }
        return result.sorted()
    }

    /// Whether `pattern` matches `command` (case-insensitively).
    static func matches(_ pattern: [String], _ command: ShellCommand) -> Bool {
        matchesLowercased(
            pattern.map { $0.lowercased() },
            [command.name.lowercased()] + command.words.dropFirst().map { $0.lowercased() }
        )
    }

    /// Both arguments already lowercased; `words[0]` is the command name.
    private static func matchesLowercased(_ pattern: [String], _ words: [String]) -> Bool {
        guard let head = pattern.first, let name = words.first, wordMatches(head, name) else { return false }
        var remaining = words.dropFirst()
        for token in pattern.dropFirst() {
            guard let found = remaining.firstIndex(where: { wordMatches(token, $0) }) else { return false }
            remaining = remaining[(found + 1)...]
        }
        return true
    }

    private static func wordMatches(_ token: String, _ word: String) -> Bool {
        if token == "*" { return true }
        // A last byte other than `*` means a last `Character` other than `*` (nothing combines into `*`), so only
        // glob tokens need the `Character` comparison below.
        if token.utf8.last != UInt8(ascii: "*") { return word == token }
        if token.hasSuffix("*") { return word.hasPrefix(token.dropLast()) }
        return word == token
    }
}
