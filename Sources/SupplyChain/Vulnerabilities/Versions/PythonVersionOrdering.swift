/// PEP 440 version ordering (packaging.python.org "Version specifiers"), for OSV's `PyPI` ecosystem.
///
/// Parsing follows the specification's permissive grammar as pypa/packaging implements it: case-insensitive, an
/// optional `v`, surrounding whitespace, `-`/`_`/`.` separators, the spellings `alpha`, `beta`, `c`, `pre`,
/// `preview`, `rev` and `r`, implicit numbers and implicit post-releases (`1.0-1`). Anything else is not a version.
public struct PythonVersionOrdering: VersionOrdering {
    /// A parsed PEP 440 version, compared by the specification's rules; equal versions may be spelled differently.
    public struct Version: Comparable, Sendable, CustomStringConvertible {
        /// The pre-release phase; raw values give their order.
        enum Phase: UInt8, Sendable {
            case alpha = 0
            case beta = 1
            case candidate = 2

            var spelling: String {
                switch self {
                case .alpha: "a"
                case .beta: "b"
                case .candidate: "rc"
                }
            }
        }

        /// One segment of a local version label.
        enum LocalSegment: Sendable, Equatable {
            case number(DecimalNumber)
            case text(String)
        }

        let epoch: DecimalNumber
        let release: [DecimalNumber]
        let pre: (phase: Phase, number: DecimalNumber)?
        let post: DecimalNumber?
        let dev: DecimalNumber?
        let local: [LocalSegment]?

        /// Whether this is a pre-release or development release (PEP 440 "Handling of pre-releases").
        public var isPrerelease: Bool { pre != nil || dev != nil }

        /// The normalised spelling (PEP 440 "Normalization"): `1!2.0rc1.post2.dev3+ubuntu.1`.
        public var description: String {
            var text = epoch.isZero ? "" : "\(epoch)!"
            text += release.map(\.description).joined(separator: ".")
            if let pre {
                text += pre.phase.spelling + pre.number.description
            }
            if let post {
                text += ".post\(post)"
            }
            if let dev {
                text += ".dev\(dev)"
            }
            if let local {
                text += "+"
                text += local.map { segment in
                    switch segment {
                    case .number(let number): number.description
                    case .text(let text): text
                    }
                }
                .joined(separator: ".")
            }
            return text
        }

        public static func < (lhs: Version, rhs: Version) -> Bool {
            compare(lhs, rhs) < 0
        }

        public static func == (lhs: Version, rhs: Version) -> Bool {
            compare(lhs, rhs) == 0
        }

        /// The rank of the pre-release part: a development release of the final version sorts below every
        /// pre-release, a release without pre-release above them (pypa/packaging `_cmpkey`).
        private var preRank: (rank: Int, number: DecimalNumber) {
            if let pre {
                return (Int(pre.phase.rawValue), pre.number)
            }
            if post == nil, dev != nil {
                return (-1, .zero)
            }
            return (3, .zero)
        }

        private static func compare(_ lhs: Version, _ rhs: Version) -> Int {
            if lhs.epoch != rhs.epoch {
                return lhs.epoch < rhs.epoch ? -1 : 1
            }
            // Trailing zeros in the release do not count: 1.0.0 == 1.0 == 1.
            let count = max(lhs.release.count, rhs.release.count)
            for index in 0..<count {
                let left = index < lhs.release.count ? lhs.release[index] : .zero
                let right = index < rhs.release.count ? rhs.release[index] : .zero
                if left != right {
                    return left < right ? -1 : 1
                }
            }
            let (leftRank, rightRank) = (lhs.preRank, rhs.preRank)
            if leftRank.rank != rightRank.rank {
                return leftRank.rank < rightRank.rank ? -1 : 1
            }
            if leftRank.number != rightRank.number {
                return leftRank.number < rightRank.number ? -1 : 1
            }
            // No post-release sorts below any post-release.
            switch (lhs.post, rhs.post) {
            case (nil, .some): return -1
            case (.some, nil): return 1
            case (.some(let left), .some(let right)) where left != right: return left < right ? -1 : 1
            default: break
            }
            // A development release sorts below the same version without one.
            switch (lhs.dev, rhs.dev) {
            case (nil, .some): return 1
            case (.some, nil): return -1
            case (.some(let left), .some(let right)) where left != right: return left < right ? -1 : 1
            default: break
            }
            return compareLocal(lhs.local, rhs.local)
        }

        /// No local label sorts below any; segments compare left to right with numbers above text, numbers
        /// numerically and text lexically, and a label that prefixes a longer one sorts below it.
        private static func compareLocal(_ lhs: [LocalSegment]?, _ rhs: [LocalSegment]?) -> Int {
            guard let lhs, let rhs else {
                return lhs == nil ? (rhs == nil ? 0 : -1) : 1
            }
            for (left, right) in zip(lhs, rhs) {
                switch (left, right) {
                case (.number(let a), .number(let b)):
                    if a != b {
                        return a < b ? -1 : 1
                    }
                case (.number, .text):
                    return 1
                case (.text, .number):
                    return -1
                case (.text(let a), .text(let b)):
                    if a != b {
                        return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
                    }
                }
            }
            return lhs.count == rhs.count ? 0 : (lhs.count < rhs.count ? -1 : 1)
        }
    }

    /// Creates the ordering.
    public init() {}

    /// The parsed version, or nil when `text` is not a PEP 440 version.
    public func parse(_ text: String) -> Version? {
        VersionText.withUTF8(text, trimming: .unicode) { bytes in
            var parser = PythonVersionParser(bytes: bytes)
            return parser.parse()
        }
    }
}
