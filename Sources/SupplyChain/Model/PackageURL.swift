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
            packageName = Self.pypiName(name)
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
        if qualifiers.isEmpty, subpath == nil, namespace.map({ $0.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0A } }) ?? true
        {
            return plainDescription
        }
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

    /// `description` without qualifiers or subpath and with an ASCII namespace (every component a lockfile
    /// yields), written as bytes: the namespace splits at `/` bytes as it does at `/` characters.
    private var plainDescription: String {
        var bytes = Array("pkg:".utf8)
        bytes.append(contentsOf: type.lowercased().utf8)
        bytes.append(UInt8(ascii: "/"))
        if let namespace, !namespace.isEmpty {
            var wroteSegment = false
            for segment in namespace.utf8.split(separator: UInt8(ascii: "/")) {
                if wroteSegment { bytes.append(UInt8(ascii: "/")) }
                Self.encode(segment, into: &bytes)
                wroteSegment = true
            }
            bytes.append(UInt8(ascii: "/"))
        }
        Self.encode(name.utf8, into: &bytes)
        if let version {
            bytes.append(UInt8(ascii: "@"))
            Self.encode(version.utf8, into: &bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A PyPI name lowercased with `_` and `.` as `-`: byte by byte for ASCII names (every real one), through
    /// `Character`s otherwise.
    static func pypiName(_ name: String) -> String {
        guard name.isASCII else {
            return name.lowercased().map { $0 == "_" || $0 == "." ? "-" : $0 }.reduce(into: "") { $0.append($1) }
        }
        var bytes = Array(name.utf8)
        for index in bytes.indices {
            switch bytes[index] {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes[index] |= 0x20
            case UInt8(ascii: "_"), UInt8(ascii: "."): bytes[index] = UInt8(ascii: "-")
            default: break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Percent-encodes everything but unreserved characters (and `:` which the spec leaves as is).
    static func encode(_ text: String) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count)
        encode(text.utf8, into: &result)
        return String(decoding: result, as: UTF8.self)
    }

    /// `encode`, appending to `result`.
    static func encode(_ utf8: some Sequence<UInt8>, into result: inout [UInt8]) {
        let hex: StaticString = "0123456789ABCDEF"
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: ":"):
                result.append(byte)
            default:
                result.append(UInt8(ascii: "%"))
                result.append(hex.utf8Start[Int(byte >> 4)])
                result.append(hex.utf8Start[Int(byte & 0x0F)])
            }
        }
    }
}
