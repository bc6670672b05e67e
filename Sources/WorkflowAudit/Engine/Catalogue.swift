#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The curated list of actions and shell commands that show what a workflow does (scans, signs, deploys…).
///
/// It ships as `Catalogue/catalogue.json` and can be extended from `slipway.yml` under `audit.catalogue`.
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

    public var version: Int
    public var capabilities: [String: Capability]

    /// Creates a catalogue.
    public init(version: Int = 1, capabilities: [String: Capability]) {
        self.version = version
        self.capabilities = capabilities
    }

    /// The catalogue bundled with Slipway (the JSON in `Catalogue+BuiltIn.swift`, compiled in so the binary has
    /// no resource bundle to lose).
    public static let builtIn: Catalogue = {
        do {
            return try JSONDecoder().decode(Catalogue.self, from: Data(builtInJSON.utf8))
        } catch {
            preconditionFailure("the built-in catalogue JSON is invalid: \(error)")
        }
    }()

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

    /// Capability ids whose action list matches `actionName` (lowercased `owner/repo[/path]`).
    func capabilities(forAction actionName: String) -> [String] {
        actionIndex[actionName] ?? actionIndex.first { actionName.hasPrefix($0.key + "/") }?.value ?? []
    }

    private var actionIndex: [String: [String]] {
        var index: [String: [String]] = [:]
        for (id, capability) in capabilities {
            for action in capability.actions { index[action.lowercased(), default: []].append(id) }
        }
        return index
    }

    /// Capability ids whose command patterns match `command`.
    func capabilities(forCommand command: ShellCommand) -> [String] {
        guard !command.words.isEmpty else { return [] }
        var result: [String] = []
        for (id, capability) in capabilities {
            if capability.commands.contains(where: { Self.matches($0, command) }) { result.append(id) }
        }
        return result.sorted()
    }

    static func matches(_ pattern: [String], _ command: ShellCommand) -> Bool {
        guard let head = pattern.first, wordMatches(head, command.name) else { return false }
        var remaining = command.words.dropFirst()[...]
        for token in pattern.dropFirst() {
            guard let found = remaining.firstIndex(where: { wordMatches(token, $0) }) else { return false }
            remaining = remaining[(found + 1)...]
        }
        return true
    }

    private static func wordMatches(_ token: String, _ word: String) -> Bool {
        if token == "*" { return true }
        if token.hasSuffix("*") { return word.lowercased().hasPrefix(token.dropLast().lowercased()) }
        return word.lowercased() == token.lowercased()
    }
}
