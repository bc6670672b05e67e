/// SemVer 2.0.0 precedence (semver.org, section 11), for npm, crates.io, SwiftURL and OSV `SEMVER` ranges.
///
/// Build metadata is parsed but ignored, as the specification requires. The `Syntax` decides which spellings
/// beyond the specification are accepted; the order itself is the same for all of them.
public struct SemanticVersionOrdering: VersionOrdering {
    /// Which spellings beyond strict SemVer 2.0.0 the ordering accepts.
    public enum Syntax: Sendable, Hashable {
        /// Exactly SemVer 2.0.0, as Cargo's `semver` crate reads it: no prefix, no leading zeros, no whitespace.
        case strict
        /// SemVer 2.0.0 after an optional leading `v` (`v1.2.3`), as tags and some OSV records write it.
        case leadingV
        /// node-semver's loose mode: surrounding whitespace, any run of `v`, `=` and spaces before the version,
        /// leading zeros, a pre-release without its hyphen (`1.2.3beta`) and components up to 2^53 − 1.
        case npmLoose
    }

    /// A parsed semantic version; equal when the precedence rules find no difference (build metadata is ignored).
    public struct Version: Comparable, Sendable, CustomStringConvertible {
        /// One dot-separated pre-release identifier.
        enum Identifier: Hashable, Sendable {
            case numeric(DecimalNumber)
            case alphanumeric(String)
        }

        let major: DecimalNumber
        let minor: DecimalNumber
        let patch: DecimalNumber
        let prerelease: [Identifier]
        let build: String?

        /// Whether the version has pre-release identifiers (`1.0.0-rc.1`, or a Go pseudo-version).
        public var isPrerelease: Bool { !prerelease.isEmpty }

        /// The version in canonical form, without any prefix (`1.2.3-rc.1+build.5`).
        public var description: String {
            var text = "\(major).\(minor).\(patch)"
            if !prerelease.isEmpty {
                text += "-"
                text += prerelease.map { identifier in
                    switch identifier {
                    case .numeric(let number): number.description
                    case .alphanumeric(let string): string
                    }
                }
                .joined(separator: ".")
            }
            if let build {
                text += "+" + build
            }
            return text
        }

        public static func < (lhs: Version, rhs: Version) -> Bool {
            compare(lhs, rhs) < 0
        }

        public static func == (lhs: Version, rhs: Version) -> Bool {
            compare(lhs, rhs) == 0
        }

        /// SemVer 2.0.0 §11: core numbers numerically, then a version without pre-release above one with it, then
        /// identifiers left to right (numeric below alphanumeric, numbers numerically, text in ASCII order, and a
        /// shorter list below a longer one that it prefixes).
        private static func compare(_ lhs: Version, _ rhs: Version) -> Int {
            if lhs.major != rhs.major {
                return lhs.major < rhs.major ? -1 : 1
            }
            if lhs.minor != rhs.minor {
                return lhs.minor < rhs.minor ? -1 : 1
            }
            if lhs.patch != rhs.patch {
                return lhs.patch < rhs.patch ? -1 : 1
            }
            switch (lhs.prerelease.isEmpty, rhs.prerelease.isEmpty) {
            case (true, true): return 0
            case (true, false): return 1
            case (false, true): return -1
            case (false, false): break
            }
            for (left, right) in zip(lhs.prerelease, rhs.prerelease) {
                switch (left, right) {
                case (.numeric(let a), .numeric(let b)):
                    if a != b {
                        return a < b ? -1 : 1
                    }
                case (.numeric, .alphanumeric):
                    return -1
                case (.alphanumeric, .numeric):
                    return 1
                case (.alphanumeric(let a), .alphanumeric(let b)):
                    if a != b {
                        return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
                    }
                }
            }
            if lhs.prerelease.count != rhs.prerelease.count {
                return lhs.prerelease.count < rhs.prerelease.count ? -1 : 1
            }
            return 0
        }
    }

    /// Which spellings the ordering accepts.
    public let syntax: Syntax

    /// Creates an ordering that accepts `syntax`.
    public init(syntax: Syntax = .strict) {
        self.syntax = syntax
    }

    /// Strict SemVer 2.0.0, as crates.io uses it.
    public static let strict = SemanticVersionOrdering(syntax: .strict)
    /// SemVer 2.0.0 with an optional leading `v`, for SwiftURL tags and OSV `SEMVER` ranges.
    public static let tolerant = SemanticVersionOrdering(syntax: .leadingV)
    /// node-semver's loose reading, as npm applies it to registry versions.
    public static let npm = SemanticVersionOrdering(syntax: .npmLoose)

    /// The parsed version, or nil when `text` is not a version in this syntax (`"0"` is always `0.0.0`).
    public func parse(_ text: String) -> Version? {
        switch syntax {
        case .strict:
            return VersionText.withUTF8(text) { bytes in
                SemanticVersionGrammar.strict.parse(bytes, from: 0)
            }
        case .leadingV:
            return VersionText.withUTF8(text) { bytes in
                SemanticVersionGrammar.strict.parse(bytes, from: bytes.byte(at: 0) == UInt8(ascii: "v") ? 1 : 0)
            }
        case .npmLoose:
            // node-semver rejects anything longer than 256 UTF-16 units before trimming (MAX_LENGTH).
            guard text.utf8.count <= 256 || text.utf16.count <= 256 else {
                return nil
            }
            return VersionText.withUTF8(text, trimming: .unicode) { bytes in
                // LOOSEPLAIN begins with `[v=\s]*`.
                let start = bytes.end(ofRunFrom: 0) { byte in
                    byte == UInt8(ascii: "v") || byte == UInt8(ascii: "=") || byte == 0x20
                        || (0x09...0x0D).contains(byte)
                }
                return SemanticVersionGrammar.npmLoose.parse(bytes, from: start)
            }
        }
    }
}
