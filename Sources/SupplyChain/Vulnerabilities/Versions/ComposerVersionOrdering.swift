/// Composer's version ordering, for OSV's `Packagist` ecosystem.
///
/// A version is first normalised as composer/semver's `VersionParser::normalize` does (optional `v`, padding to
/// four numbers, `a`/`b`/`p`/`pl`/`rc` spelled out as `alpha`/`beta`/`patch`/`RC`, build metadata and `@stability`
/// flags dropped, `1.x-dev` branches read as `1.9999999.9999999.9999999-dev`), then compared as PHP's
/// `version_compare` compares the normalised strings: `dev` < `alpha` < `beta` < `RC` < release < `patch`.
/// Named branches (`dev-main`, `master`) have no place in the order and do not parse.
public struct ComposerVersionOrdering: VersionOrdering {
    /// A normalised Composer version.
    public struct Version: Comparable, Sendable, CustomStringConvertible {
        /// One part of the normalised version as `version_compare` splits it.
        enum Part: Sendable, Equatable {
            case number(DecimalNumber)
            /// A special form's rank: -1 unknown, 0 `dev`, 1 `alpha`/`a`, 2 `beta`/`b`, 3 `RC`/`rc`, 5 `pl`/`p`.
            case form(Int)

            /// The rank `version_compare` gives the part when the other side is a word; numbers rank as `#`.
            var rank: Int {
                switch self {
                case .number: 4
                case .form(let rank): rank
                }
            }
        }

        /// The normalised version, as `VersionParser::normalize` returns it (`1.0.0.0-beta2`).
        public let description: String
        let parts: [Part]

        public static func < (lhs: Version, rhs: Version) -> Bool {
            compare(lhs, rhs) < 0
        }

        public static func == (lhs: Version, rhs: Version) -> Bool {
            compare(lhs, rhs) == 0
        }

        /// PHP's `php_version_compare` on two canonicalised versions: numbers numerically, words by special-form
        /// rank, a number against a word as `#`; when one side runs out, the other's next part decides.
        private static func compare(_ lhs: Version, _ rhs: Version) -> Int {
            for (left, right) in zip(lhs.parts, rhs.parts) {
                if case .number(let a) = left, case .number(let b) = right {
                    if a != b {
                        return a < b ? -1 : 1
                    }
                } else if left.rank != right.rank {
                    return left.rank < right.rank ? -1 : 1
                }
            }
            if lhs.parts.count > rhs.parts.count {
                let next = lhs.parts[rhs.parts.count]
                return next.rank >= 4 ? 1 : -1
            }
            if rhs.parts.count > lhs.parts.count {
                let next = rhs.parts[lhs.parts.count]
                return next.rank >= 4 ? -1 : 1
            }
            return 0
        }

        init(normalized: String) {
            description = normalized
            parts = Self.canonicalParts(of: normalized)
        }

        /// `php_canonicalize_version` followed by the split at dots: `-`, `_`, `+` and any other non-alphanumeric
        /// byte separate parts, and so does every change between digits and non-digits.
        private static func canonicalParts(of text: String) -> [Part] {
            var parts: [Part] = []
            let bytes = Array(text.utf8)
            var position = 0
            while position < bytes.count {
                let byte = bytes[position]
                guard byte.isASCIIAlphanumeric else {
                    position += 1
                    continue
                }
                var end = position
                let isNumber = byte.isASCIIDigit
                while end < bytes.count, bytes[end].isASCIIAlphanumeric, bytes[end].isASCIIDigit == isNumber {
                    end += 1
                }
                let word = bytes[position..<end]
                if isNumber {
                    parts.append(.number(DecimalNumber(asciiDigits: word) ?? .zero))
                } else {
                    parts.append(.form(specialFormRank(word)))
                }
                position = end
            }
            return parts
        }

        /// `compare_special_version_forms`: the first listed form that prefixes the word, case-sensitively.
        private static func specialFormRank(_ word: ArraySlice<UInt8>) -> Int {
            for (form, rank) in specialForms where word.starts(with: form) {
                return rank
            }
            return -1
        }

        private static let specialForms: [(form: [UInt8], rank: Int)] = [
            ("dev", 0), ("alpha", 1), ("a", 1), ("beta", 2), ("b", 2), ("RC", 3), ("rc", 3), ("#", 4), ("pl", 5),
            ("p", 5),
        ]
        .map { (Array($0.0.utf8), $0.1) }
    }

    /// Creates the ordering.
    public init() {}

    /// The parsed version, or nil when Composer cannot normalise `text` or it names a branch (`dev-main`).
    public func parse(_ text: String) -> Version? {
        guard let normalized = ComposerVersionNormalizer.normalize(text) else {
            return nil
        }
        return Version(normalized: normalized)
    }
}
