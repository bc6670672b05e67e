/// A version number per Semantic Versioning 2.0.0 (<https://semver.org/spec/v2.0.0.html>).
///
/// Parsing is strict (§2, §9, §10): numeric identifiers have no leading zeros, identifiers are non-empty and use
/// only `[0-9A-Za-z-]`. Numbers must fit in `Int`; like node-semver (which standard-version uses), larger numbers
/// are rejected rather than silently wrapped.
///
/// Equality, hashing and ordering all follow *precedence* (§11): build metadata is ignored by `==`, `hash(into:)`
/// and `<`, so `1.0.0+a == 1.0.0+b`. This keeps `Comparable` lawful (exactly one of `<`, `==`, `>` holds) and
/// matches §10 ("two versions that differ only in the build metadata have the same precedence"). Use
/// ``isIdentical(to:)`` when build metadata matters, for example to compare a tag with a version file.
public struct SemanticVersion: Sendable, Hashable, Comparable, Codable, CustomStringConvertible,
    LosslessStringConvertible
{
    /// One dot-separated pre-release identifier (§9).
    public enum PrereleaseIdentifier: Sendable, Hashable, Comparable, CustomStringConvertible {
        /// Digits only, compared numerically.
        case numeric(Int)
        /// Contains at least one letter or hyphen, compared in ASCII order.
        case alphanumeric(String)

        /// Parses one identifier strictly; `nil` when empty, with a leading zero or a character outside
        /// `[0-9A-Za-z-]`.
        public init?(_ text: some StringProtocol) {
            guard !text.isEmpty, text.utf8.allSatisfy(SemanticVersion.isIdentifierByte) else { return nil }
            if text.utf8.allSatisfy(SemanticVersion.isDigit) {
                guard let value = SemanticVersion.numericValue(text) else { return nil }
                self = .numeric(value)
            } else {
                self = .alphanumeric(String(text))
            }
        }

        /// The identifier as written.
        public var description: String {
            switch self {
            case .numeric(let value): String(value)
            case .alphanumeric(let text): text
            }
        }

        /// §11.4: numeric identifiers have lower precedence than alphanumeric ones; numbers compare numerically,
        /// text compares in ASCII order.
        public static func < (lhs: Self, rhs: Self) -> Bool {
            switch (lhs, rhs) {
            case (.numeric(let left), .numeric(let right)): left < right
            case (.numeric, .alphanumeric): true
            case (.alphanumeric, .numeric): false
            case (.alphanumeric(let left), .alphanumeric(let right)):
                Array(left.utf8).lexicographicallyPrecedes(right.utf8)
            }
        }
    }

    /// The major version (incompatible API changes).
    public var major: Int
    /// The minor version (backward-compatible features).
    public var minor: Int
    /// The patch version (backward-compatible fixes).
    public var patch: Int
    /// The pre-release identifiers after `-`; empty for a normal release.
    public var prerelease: [PrereleaseIdentifier]
    /// The build metadata identifiers after `+`; ignored for precedence.
    public var build: [String]

    /// Creates a version from its parts; the caller guarantees valid identifiers.
    public init(
        major: Int,
        minor: Int,
        patch: Int,
        prerelease: [PrereleaseIdentifier] = [],
        build: [String] = []
    ) {
        self.major = major
        self.minor = minor
        self.patch = patch
        self.prerelease = prerelease
        self.build = build
    }

    /// Parses a version exactly as Semantic Versioning 2.0.0 writes it (`1.2.3-rc.1+build.5`); `nil` otherwise.
    public init?(_ text: String) {
        var rest = Substring(text)
        var build: [String] = []
        if let plus = rest.firstIndex(of: "+") {
            let parts = rest[rest.index(after: plus)...].split(separator: ".", omittingEmptySubsequences: false)
            guard parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(Self.isIdentifierByte) }) else { return nil }
            build = parts.map(String.init)
            rest = rest[..<plus]
        }
        var prerelease: [PrereleaseIdentifier] = []
        if let hyphen = rest.firstIndex(of: "-") {
            let parts = rest[rest.index(after: hyphen)...].split(separator: ".", omittingEmptySubsequences: false)
            var identifiers: [PrereleaseIdentifier] = []
            for part in parts {
                guard let identifier = PrereleaseIdentifier(part) else { return nil }
                identifiers.append(identifier)
            }
            prerelease = identifiers
            rest = rest[..<hyphen]
        }
        let core = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard core.count == 3,
            core.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(Self.isDigit) }),
            let major = Self.numericValue(core[0]),
            let minor = Self.numericValue(core[1]),
            let patch = Self.numericValue(core[2])
        else { return nil }
        self.init(major: major, minor: minor, patch: patch, prerelease: prerelease, build: build)
    }

    /// Parses a release tag leniently: trims whitespace and strips `prefix` (`v`, `pkg@`), which must be present.
    ///
    /// With an empty prefix a single leading `v` or `=` is also accepted, as node-semver's `valid()` (used by
    /// standard-version's tag lookup) does; everything after the prefix must still be a strict version.
    public init?(tag: String, prefix: String) {
        var text = Substring(tag.trimmingASCIIWhitespace())
        if prefix.isEmpty {
            if text.first == "v" || text.first == "=" { text = text.dropFirst() }
        } else {
            guard text.hasPrefix(prefix) else { return nil }
            text = text.dropFirst(prefix.count)
        }
        self.init(String(text))
    }

    /// Whether the version has pre-release identifiers.
    public var isPrerelease: Bool { !prerelease.isEmpty }

    /// The same version without pre-release identifiers and build metadata.
    public var release: SemanticVersion { SemanticVersion(major: major, minor: minor, patch: patch) }

    /// The canonical text, `major.minor.patch[-prerelease][+build]`.
    public var description: String {
        var text = "\(major).\(minor).\(patch)"
        if !prerelease.isEmpty { text += "-" + prerelease.map(\.description).joined(separator: ".") }
        if !build.isEmpty { text += "+" + build.joined(separator: ".") }
        return text
    }

    /// Whether every part, build metadata included, is the same (`1.0.0+a` is not identical to `1.0.0+b`).
    public func isIdentical(to other: SemanticVersion) -> Bool { self == other && build == other.build }

    /// Precedence equality (§11): build metadata is ignored.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.major == rhs.major && lhs.minor == rhs.minor && lhs.patch == rhs.patch && lhs.prerelease == rhs.prerelease
    }

    /// Hashes what `==` compares, so build metadata is ignored.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(major)
        hasher.combine(minor)
        hasher.combine(patch)
        hasher.combine(prerelease)
    }

    /// Precedence per §11: numeric core first; a pre-release sorts before its release; pre-release identifiers
    /// compare left to right, and a shorter list that is a prefix of the other sorts first.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        if lhs.major != rhs.major { return lhs.major < rhs.major }
        if lhs.minor != rhs.minor { return lhs.minor < rhs.minor }
        if lhs.patch != rhs.patch { return lhs.patch < rhs.patch }
        switch (lhs.prerelease.isEmpty, rhs.prerelease.isEmpty) {
        case (true, _): return false
        case (false, true): return true
        case (false, false): return lhs.prerelease.lexicographicallyPrecedes(rhs.prerelease)
        }
    }

    /// Decodes from the version string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let version = SemanticVersion(text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "'\(text)' is not a Semantic Versioning 2.0.0 version such as 1.2.3 or 1.2.3-rc.1"
            )
        }
        self = version
    }

    /// Encodes as the version string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    fileprivate static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    fileprivate static func isIdentifierByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D
    }

    /// The value of an all-digit identifier; `nil` for a leading zero (§2, §9) or a value beyond `Int`.
    fileprivate static func numericValue(_ digits: some StringProtocol) -> Int? {
        if digits.count > 1 && digits.hasPrefix("0") { return nil }
        return Int(digits)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs, carriage returns and newlines.
    fileprivate func trimmingASCIIWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
