import SlipwayCore

/// Reads SwiftPM `Package.resolved` files, versions 1, 2 and 3 (including registry pins).
///
/// Components are named as OSV's `SwiftURL` ecosystem names packages: the repository URL without scheme,
/// credentials, port or `.git` suffix (`github.com/apple/swift-nio`), with the host lowercased. The purl is
/// `pkg:swift/<host>/<owner>/<repo>@<version>`. An scp-style location (`git@github.com:owner/repo.git`) gives the
/// same name as its `https` form. (GitHub's advisories, the source of OSV's SwiftURL records, were normalised to this
/// form in 2024: google/osv.dev#1923. They keep the owner's and repository's case, so matching compares names
/// case-insensitively.) Registry pins (`kind: registry`, identity `scope.name`) are named `scope.name`
/// with purl `pkg:swift/scope/name@version`. Local source-control pins are named by their location path.
///
/// A pin without a version (tracking a branch or a bare revision) gets its 40-hex revision as the version, since
/// that is what was resolved. The file records neither the dependency graph nor which pins are direct, so
/// `isDirect` stays `nil` and `dependencies` empty.
public struct PackageResolvedReader: LockfileReader {
    /// Creates the reader.
    public init() {}

    public var format: String { "Package.resolved" }

    public func handles(path: String) -> Bool {
        path == "Package.resolved" || path.hasSuffix("/Package.resolved")
    }

    public func read(
        _ text: String,
        path: String,
        companion: @Sendable (String) -> String?
    ) throws(LockfileError) -> [Component] {
        let root = try LockfileDocument.load(text, path: path)
        guard let top = root.mapping else {
            throw .unexpectedShape(path: path, position: root.position, reason: "expected a JSON object at the top")
        }
        guard let versionNode = top["version"] else {
            throw .unexpectedShape(path: path, position: top.position, reason: "missing `version`")
        }
        let pins: YAMLSequence
        switch versionNode.string {
        case "1":
            guard let object = top["object"]?.mapping else {
                throw .unexpectedShape(path: path, position: top.position, reason: "version 1 needs an `object` object")
            }
            pins = try JSONDocument.sequence(object["pins"], named: "object.pins", in: object, path: path)
        case "2", "3":
            pins = try JSONDocument.sequence(top["pins"], named: "pins", in: top, path: path)
        default:
            throw .unsupportedVersion(
                path: path,
                position: versionNode.position,
                version: versionNode.string ?? versionNode.kindName,
                supported: ["1", "2", "3"]
            )
        }
        let isVersion1 = versionNode.string == "1"
        var components: [Component] = []
        for item in pins.items {
            components.append(try component(item, isVersion1: isVersion1, path: path))
        }
        return components.sorted { $0.purl < $1.purl }
    }

    private func component(_ node: YAMLNode, isVersion1: Bool, path: String) throws(LockfileError) -> Component {
        guard let pin = node.mapping else {
            throw .unexpectedShape(path: path, position: node.position, reason: "a pin must be an object")
        }
        let location = SourceLocation(path: path, position: pin.position)
        guard let state = pin["state"]?.mapping else {
            throw .unexpectedShape(path: path, position: pin.position, reason: "a pin needs a `state` object")
        }
        guard let version = state["version"]?.string ?? state["revision"]?.string else {
            throw .unexpectedShape(
                path: path,
                position: state.position,
                reason: "a pin's `state` needs a `version` or a `revision`"
            )
        }
        if isVersion1 {
            guard let url = pin["repositoryURL"]?.string, !url.isEmpty else {
                throw .unexpectedShape(path: path, position: pin.position, reason: "a pin needs a `repositoryURL`")
            }
            return sourceControlComponent(url: url, version: version, location: location)
        }
        let kind = pin["kind"]?.string ?? "remoteSourceControl"
        let identity = pin["identity"]?.string ?? ""
        switch kind {
        case "registry":
            let parts = identity.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2 else {
                throw .unexpectedShape(
                    path: path,
                    position: pin.position,
                    reason: "registry pin identity `\(identity)` is not `scope.name`"
                )
            }
            let purl = PackageURL(type: "swift", namespace: parts[0], name: parts[1], version: version)
            return Component(
                ecosystem: .swift,
                name: identity,
                version: version,
                purl: purl.description,
                location: location
            )
        case "remoteSourceControl", "localSourceControl":
            guard let url = pin["location"]?.string, !url.isEmpty else {
                throw .unexpectedShape(path: path, position: pin.position, reason: "a pin needs a `location`")
            }
            return sourceControlComponent(url: url, version: version, location: location)
        default:
            throw .unexpectedShape(
                path: path,
                position: pin["kind"]?.position ?? pin.position,
                reason: "unknown pin kind `\(kind)` (expected remoteSourceControl, localSourceControl or registry)"
            )
        }
    }

    private func sourceControlComponent(url: String, version: String, location: SourceLocation) -> Component {
        let name = Self.repositoryName(url)
        return Component(ecosystem: .swift, name: name, version: version, location: location)
    }

    /// The OSV `SwiftURL` name of a repository URL: no scheme, credentials, port or `.git`; host lowercased.
    ///
    /// `https://user:token@GitHub.com/owner/repo.git` and `git@github.com:owner/repo.git` both give
    /// `github.com/owner/repo`; a local path keeps its path without a trailing `/` or `.git`.
    public static func repositoryName(_ url: String) -> String {
        var rest = Substring(url.trimmingWhitespace())
        var hadScheme = false
        if let range = rest.firstRange(of: "://") {
            rest = rest[range.upperBound...]
            hadScheme = true
        }
        while rest.hasSuffix("/") { rest = rest.dropLast() }
        if rest.hasSuffix(".git") { rest = rest.dropLast(4) }
        if rest.hasPrefix("/") || rest.hasPrefix(".") || rest.hasPrefix("~") { return String(rest) }
        var authority: Substring
        var pathPart: Substring
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            pathPart = rest[rest.index(after: slash)...]
        } else {
            authority = rest
            pathPart = ""
        }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        if let colon = authority.firstIndex(of: ":") {
            let after = authority[authority.index(after: colon)...]
            if hadScheme || after.allSatisfy(\.isNumber) {
                // `host:port`: drop the port.
                authority = authority[..<colon]
            } else {
                // scp-style `git@host:owner/repo`: the path starts after the colon.
                pathPart = after + (pathPart.isEmpty ? "" : "/" + pathPart)
                authority = authority[..<colon]
            }
        }
        let host = authority.lowercased()
        return pathPart.isEmpty ? host : host + "/" + pathPart
    }
}

/// Loads JSON with positions (through the YAML loader, JSON being YAML) and maps its errors to `LockfileError`.
private enum JSONDocument {
    static func sequence(
        _ node: YAMLNode?,
        named name: String,
        in parent: YAMLMapping,
        path: String
    ) throws(LockfileError) -> YAMLSequence {
        guard let node else {
            throw .unexpectedShape(path: path, position: parent.position, reason: "missing `\(name)`")
        }
        guard let sequence = node.sequence else {
            throw .unexpectedShape(
                path: path,
                position: node.position,
                reason: "`\(name)` must be an array, found a \(node.kindName)"
            )
        }
        return sequence
    }
}
