/// Why a commit message is not a Conventional Commits 1.0.0 message (or is one that should not be released as is).
///
/// Every case names the commit by its short hash and says what to do.
public enum CommitParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The message is empty or only whitespace.
    case emptyMessage(hash: String)
    /// The first line is not `type(scope)!: description`.
    case malformedHeader(hash: String, header: String, reason: HeaderProblem)
    /// A `fixup!`, `squash!` or `amend!` commit that `git rebase --autosquash` folds into `target`; callers usually
    /// skip it (commitlint ignores these by default).
    case autosquash(hash: String, kind: AutosquashKind, target: String)

    /// The autosquash marker git writes for `git commit --fixup`/`--squash`/`--fixup=amend:`.
    public enum AutosquashKind: String, Sendable, Hashable, Codable {
        case fixup
        case squash
        case amend
    }

    /// What exactly is wrong with a header.
    public enum HeaderProblem: Error, Sendable, Hashable, CustomStringConvertible {
        /// No `type: ` prefix at all (`Initial commit`).
        case missingType
        /// The text before the colon is not a single word of letters (`Update README: …`, `feat-x: …`).
        case invalidType(String)
        /// Whitespace between the type or scope and the colon (`feat : …`).
        case spaceBeforeColon
        /// `(` without a closing `)` (`feat(parser: …`).
        case unclosedScope
        /// `()` with nothing inside.
        case emptyScope
        /// `!` placed before the scope (`feat!(api): …`).
        case breakingMarkerBeforeScope
        /// Text between `)` and the colon (`feat(api)x: …`).
        case unexpectedTextAfterScope(String)
        /// The colon is not followed by a space (`feat:add …`).
        case missingSpaceAfterColon
        /// Nothing after `type: `.
        case emptyDescription

        /// What is wrong and how to write it instead.
        public var description: String {
            switch self {
            case .missingType:
                "it has no type; start it with a type and a colon, e.g. 'fix: correct the total' "
                    + "or 'feat(parser): accept tabs'"
            case .invalidType(let type):
                "the type '\(type)' must be a single word of letters (feat, fix, docs, …) followed by ': '"
            case .spaceBeforeColon:
                "there is whitespace before the colon; write 'type: description' or 'type(scope): description'"
            case .unclosedScope:
                "the scope has no closing ')'; write 'type(scope): description'"
            case .emptyScope:
                "the scope '()' is empty; name the part of the code base or drop the parentheses"
            case .breakingMarkerBeforeScope:
                "the '!' comes before the scope; write 'type(scope)!: description'"
            case .unexpectedTextAfterScope(let text):
                "'\(text)' follows the scope; only '!' may come between ')' and ': '"
            case .missingSpaceAfterColon:
                "the colon must be followed by a space, as in 'type: description'"
            case .emptyDescription:
                "the description after 'type: ' is empty; say what the commit changes"
            }
        }
    }

    /// The full hash of the commit.
    public var hash: String {
        switch self {
        case .emptyMessage(let hash), .malformedHeader(let hash, _, _), .autosquash(let hash, _, _): hash
        }
    }

    /// What happened and what to do, naming the commit by its short hash.
    public var description: String {
        let short = String(hash.prefix(7))
        switch self {
        case .emptyMessage:
            return "commit \(short) has an empty message; reword it (git rebase -i) as 'type: description'"
        case .malformedHeader(_, let header, let reason):
            return "commit \(short) is not a conventional commit: '\(header)': \(reason); "
                + "reword it with git rebase -i, or keep it out of the release range"
        case .autosquash(_, let kind, let target):
            return "commit \(short) is a '\(kind.rawValue)!' commit for '\(target)'; "
                + "fold it in with git rebase -i --autosquash before releasing"
        }
    }
}
