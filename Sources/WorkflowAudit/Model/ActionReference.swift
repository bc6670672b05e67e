import SlipwayCore

/// What a `uses:` value points at: a local path, a Docker image, or a repository at a ref.
public enum ActionReference: Sendable, Hashable {
    /// `./path/to/action` or `./.github/workflows/x.yml`.
    case local(path: String)
    /// `docker://image:tag` or `docker://image@sha256:…`.
    case docker(image: String)
    /// `owner/repo[/path]@ref`.
    case repository(owner: String, repository: String, path: String?, ref: String?)

    /// Parses a `uses:` string.
    public init(_ text: String) {
        let trimmed = text.trimmingWhitespace()
        if trimmed.hasPrefix("./") || trimmed.hasPrefix("../") || trimmed == "." {
            self = .local(path: trimmed)
            return
        }
        if trimmed.hasPrefix("docker://") {
            self = .docker(image: String(trimmed.dropFirst("docker://".count)))
            return
        }
        var ref: String?
        var location = Substring(trimmed)
        if let at = trimmed.lastIndexASCII(of: "@") {
            ref = String(trimmed[trimmed.index(after: at)...])
            location = trimmed[..<at]
        }
        let parts = location.splitASCII("/", maxSplits: 2, omittingEmptySubsequences: false)
        let owner = parts.first.map(String.init) ?? ""
        let repository = parts.count > 1 ? String(parts[1]) : ""
        let path = parts.count > 2 ? String(parts[2]) : nil
        self = .repository(owner: owner, repository: repository, path: path, ref: ref)
    }

    /// `owner/repo` for repository references, lowercased for comparisons.
    public var repositorySlug: String? {
        guard case .repository(let owner, let repository, _, _) = self else { return nil }
        return "\(owner)/\(repository)".lowercased()
    }

    /// `owner/repo[/path]` without the ref, lowercased, for catalogue lookups.
    public var actionName: String? {
        guard case .repository(let owner, let repository, let path, _) = self else { return nil }
        let base = "\(owner)/\(repository)"
        return (path.map { "\(base)/\($0)" } ?? base).lowercased()
    }

    /// The ref after `@`, if any.
    public var ref: String? {
        guard case .repository(_, _, _, let ref) = self else { return nil }
        return ref
    }

    /// Whether the ref is a full 40-character commit SHA (or 64 for SHA-256 repositories).
    public var isPinnedToCommit: Bool {
        guard let ref else { return false }
        // A git object name is 40 (SHA-1) or 64 (SHA-256) ASCII hex digits.
        return (ref.utf8.count == 40 || ref.utf8.count == 64) && ref.isASCIIHexDigits
    }

    /// Whether this calls a reusable workflow (`…/.github/workflows/x.yml`).
    public var isReusableWorkflow: Bool {
        switch self {
        case .local(let path):
            return path.contains(".github/workflows/")
        case .repository(_, _, let path, _):
            return path?.hasPrefix(".github/workflows/") ?? false
        case .docker:
            return false
        }
    }

    /// Whether the action belongs to GitHub (`actions/*`, `github/*`).
    public var isFirstParty: Bool {
        guard case .repository(let owner, _, _, _) = self else { return false }
        let lowered = owner.lowercased()
        return lowered == "actions" || lowered == "github"
    }
}

extension StringProtocol {
    /// Whether every byte is an ASCII hex digit (and there is at least one): bytes, not Characters, because
    /// `Character.isHexDigit` also accepts fullwidth digits, which no git object name or pin contains.
    var isASCIIHexDigits: Bool {
        !utf8.isEmpty
            && utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"),
                    UInt8(ascii: "A")...UInt8(ascii: "F"):
                    return true
                default:
                    return false
                }
            }
    }
}
