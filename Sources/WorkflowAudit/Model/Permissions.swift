public import SlipwayCore

/// A `permissions:` block: `read-all`, `write-all`, `{}` or per-scope levels.
public struct Permissions: Sendable, Hashable {
    /// The form the block takes.
    public enum Kind: Sendable, Hashable {
        case readAll
        case writeAll
        /// Per-scope levels; an empty mapping (`{}`) revokes everything.
        case scopes([Scope])
        /// An expression or something unrecognised.
        case other(String)
    }

    /// One scope such as `contents: write`.
    public struct Scope: Sendable, Hashable {
        public var name: String
        public var level: String
        public var position: SourcePosition
    }

    public var kind: Kind
    /// Where the `permissions` key is.
    public var keyPosition: SourcePosition
    /// Where the value starts.
    public var position: SourcePosition

    /// Scope names granted `write`.
    public var writeScopes: [Scope] {
        switch kind {
        case .writeAll: return [Scope(name: "*", level: "write", position: position)]
        case .scopes(let scopes): return scopes.filter { $0.level == "write" }
        case .readAll, .other: return []
        }
    }

    /// The level granted to `scope`, following GitHub's rules for `read-all`/`write-all`.
    public func level(of scope: String) -> String? {
        switch kind {
        case .readAll: return "read"
        case .writeAll: return "write"
        case .scopes(let scopes): return scopes.first { $0.name == scope }?.level
        case .other: return nil
        }
    }

    init?(entry: YAMLEntry?) {
        guard let entry else { return nil }
        keyPosition = entry.key.position
        position = entry.value.position
        switch entry.value {
        case .scalar(let scalar):
            switch scalar.value {
            case "read-all": kind = .readAll
            case "write-all": kind = .writeAll
            default: kind = scalar.isNull ? .scopes([]) : .other(scalar.value)
            }
        case .mapping(let mapping):
            kind = .scopes(
                mapping.entries.map {
                    Scope(name: $0.key.value, level: $0.value.string ?? "", position: $0.key.position)
                }
            )
        case .sequence:
            kind = .other("sequence")
        }
    }
}
