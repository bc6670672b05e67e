/// The web location of a repository (host, owner, name), as the changelog links to it.
///
/// Parsed from `git remote get-url origin`: `https://host/owner/repo(.git)`, `git@host:owner/repo.git`,
/// `ssh://git@host:port/owner/repo.git`, `git://`, `git+ssh://` and `git+https://`. Credentials in the URL are
/// dropped, so a token never reaches a changelog. GitLab subgroups stay in the owner (`group/subgroup`).
public struct RepositoryURL: Sendable, Hashable {
    /// The hosting service, as far as the host name tells.
    public enum Provider: String, Sendable, Hashable {
        case github
        case gitlab
        case bitbucket
        case other
    }

    /// The web origin, for example `https://github.com` (scheme, host and, for HTTP remotes, a port).
    public var host: String
    /// The owner or namespace; for GitLab subgroups `group/subgroup`.
    public var owner: String
    /// The repository name without `.git`.
    public var repository: String

    /// Creates a location from its parts.
    public init(host: String, owner: String, repository: String) {
        self.host = host
        self.owner = owner
        self.repository = repository
    }

    /// Parses the output of `git remote get-url origin`; `nil` for local paths and unrecognised forms.
    public init?(remote: String) {
        let text = String(remote.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
        guard !text.isEmpty, !text.contains(where: \.isWhitespace) else { return nil }
        let scheme: String
        let authorityAndPath: Substring
        if let range = text.range(of: "://") {
            scheme = text[..<range.lowerBound].lowercased()
            authorityAndPath = text[range.upperBound...]
        } else if let colon = text.firstIndex(of: ":"), !text[..<colon].contains("/") {
            // scp-like syntax: [user@]host:owner/repo.git
            let hostPart = Self.droppingUserInfo(text[..<colon])
            guard !hostPart.isEmpty else { return nil }
            let path = text[text.index(after: colon)...]
            self.init(webHost: "https://" + hostPart.lowercased(), path: path)
            return
        } else {
            return nil
        }
        guard let slash = authorityAndPath.firstIndex(of: "/") else { return nil }
        let authority = Self.droppingUserInfo(authorityAndPath[..<slash])
        let path = authorityAndPath[authorityAndPath.index(after: slash)...]
        var hostName = authority
        var port: Substring?
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
            hostName = authority[..<colon]
            port = authority[authority.index(after: colon)...]
        }
        guard !hostName.isEmpty else { return nil }
        let webScheme: String
        switch scheme {
        case "http":
            webScheme = "http"
        case "https", "git+https":
            webScheme = "https"
        case "ssh", "git+ssh", "git", "ssh+git":
            webScheme = "https"
            // An SSH or git-protocol port says nothing about the web server's port.
            port = nil
        default:
            return nil
        }
        var origin = webScheme + "://" + hostName.lowercased()
        if let port, !port.isEmpty, port != "443", port != "80" {
            origin += ":" + port
        }
        self.init(webHost: origin, path: path)
    }

    private init?(webHost: String, path: Substring) {
        var components = path.split(separator: "/").map(String.init)
        while let last = components.last, last.isEmpty { components.removeLast() }
        guard components.count >= 2, var name = components.popLast() else { return nil }
        if name.hasSuffix(".git") { name.removeLast(4) }
        // Strip a query or fragment a copied URL may carry.
        if let cut = name.firstIndex(where: { $0 == "?" || $0 == "#" }) { name = String(name[..<cut]) }
        guard !name.isEmpty else { return nil }
        self.init(host: webHost, owner: components.joined(separator: "/"), repository: name)
    }

    private static func droppingUserInfo(_ authority: Substring) -> Substring {
        guard let at = authority.lastIndex(of: "@") else { return authority }
        return authority[authority.index(after: at)...]
    }

    /// The hosting service recognised from the host name.
    public var provider: Provider {
        let name = host.lowercased()
        if name.contains("github") { return .github }
        if name.contains("gitlab") { return .gitlab }
        if name.contains("bitbucket") { return .bitbucket }
        return .other
    }

    /// The repository's web page, `host/owner/repository`.
    public var browseURL: String { "\(host)/\(owner)/\(repository)" }
}

extension String {
    fileprivate func range(of needle: String) -> Range<String.Index>? {
        var index = startIndex
        while index < endIndex {
            if self[index...].hasPrefix(needle) {
                return index..<self.index(index, offsetBy: needle.count)
            }
            index = self.index(after: index)
        }
        return nil
    }
}
