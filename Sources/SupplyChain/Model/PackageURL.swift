/// A Package URL (github.com/package-url/purl-spec) in canonical form.
public struct PackageURL: Sendable, Hashable, CustomStringConvertible {
    public var type: String
    public var namespace: String?
    public var name: String
    public var version: String?
    /// Qualifiers, emitted sorted by key as the spec requires.
    public var qualifiers: [String: String]
    public var subpath: String?

    /// Creates a purl from its parts.
    public init(
        type: String,
        namespace: String? = nil,
        name: String,
        version: String? = nil,
        qualifiers: [String: String] = [:],
        subpath: String? = nil
    ) {
        self.type = type
        self.namespace = namespace
        self.name = name
        self.version = version
        self.qualifiers = qualifiers
        self.subpath = subpath
    }

    /// The purl of a package name as the ecosystem writes it, applying each type's rules: npm scopes become the
    /// namespace, PyPI names are normalised (lowercase, `_` → `-`), Go, Swift, Composer and Maven paths split into
    /// namespace and name at the last `/` (Maven at `:`).
    public init(ecosystem: Ecosystem, name: String, version: String?) {
        var namespace: String?
        var packageName = name
        switch ecosystem {
        case .npm:
            if name.hasPrefix("@"), let slash = name.firstIndex(of: "/") {
                namespace = String(name[..<slash])
                packageName = String(name[name.index(after: slash)...])
            }
        case .pypi:
            packageName = name.lowercased().map { $0 == "_" || $0 == "." ? "-" : $0 }.reduce(into: "") { $0.append($1) }
        case .go, .swift, .packagist:
            if let slash = name.lastIndex(of: "/") {
                namespace = String(name[..<slash])
                packageName = String(name[name.index(after: slash)...])
            }
            if ecosystem == .packagist {
                namespace = namespace?.lowercased()
                packageName = packageName.lowercased()
            }
        case .maven:
            if let colon = name.lastIndex(of: ":") {
                namespace = String(name[..<colon])
                packageName = String(name[name.index(after: colon)...])
            }
        case .cargo, .rubygems, .nuget:
            break
        }
        self.init(type: ecosystem.purlType, namespace: namespace, name: packageName, version: version)
    }

    /// `pkg:type/namespace/name@version?qualifiers#subpath`, percent-encoded per the spec.
    public var description: String {
        var text = "pkg:\(type.lowercased())/"
        if let namespace, !namespace.isEmpty {
            text += namespace.split(separator: "/").map { Self.encode(String($0)) }.joined(separator: "/") + "/"
        }
        text += Self.encode(name)
        if let version { text += "@" + Self.encode(version) }
        if !qualifiers.isEmpty {
            text +=
                "?"
                + qualifiers.sorted { $0.key < $1.key }.map { "\($0.key.lowercased())=\(Self.encode($0.value))" }
                .joined(separator: "&")
        }
        if let subpath, !subpath.isEmpty {
            text += "#" + subpath.split(separator: "/").map { Self.encode(String($0)) }.joined(separator: "/")
        }
        return text
    }

    /// Percent-encodes everything but unreserved characters (and `:` which the spec leaves as is).
    static func encode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: ":"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }
}
