/// Maven's version ordering (`org.apache.maven.artifact.versioning.ComparableVersion` as of Maven 3.9), for OSV's
/// `Maven` ecosystem.
///
/// A version is split into items at `.`, at `-` (which also opens a nested list) and where digits meet letters
/// (which opens a nested list too). Qualifiers order `alpha` (`a1`) < `beta` (`b1`) < `milestone` (`m1`) < `rc` =
/// `cr` < `snapshot` < release (`""`, `ga`, `final`, `release`) < `sp`, then any other word in lexical order;
/// numbers sort above lists, which sort above words. Zero items and release qualifiers at the end of a list are
/// dropped, so `1` = `1.0` = `1-0` = `1.ga`. Matching is case-insensitive; digits are ASCII only (as in Maven 4).
public struct MavenVersionOrdering: VersionOrdering {
    /// A parsed Maven version.
    public struct Version: Comparable, Sendable, CustomStringConvertible {
        /// One item of the version's nested item list.
        enum Item: Sendable {
            case number(DecimalNumber)
            case qualifier(Qualifier)
            case list([Item])

            /// Items that count as nothing: zero, the release qualifier, an empty list.
            var isNull: Bool {
                switch self {
                case .number(let number): number.isZero
                case .qualifier(let qualifier): qualifier.rank == Qualifier.releaseRank
                case .list(let items): items.isEmpty
                }
            }

            /// The item as `ComparableVersion.getCanonical` prints it.
            var canonical: String {
                switch self {
                case .number(let number):
                    return number.description
                case .qualifier(let qualifier):
                    return qualifier.text
                case .list(let items):
                    var text = ""
                    for item in items {
                        if !text.isEmpty {
                            if case .list = item {
                                text += "-"
                            } else {
                                text += "."
                            }
                        }
                        text += item.canonical
                    }
                    return text
                }
            }
        }

        /// A word item, ranked among the well-known qualifiers.
        struct Qualifier: Sendable {
            /// 0 `alpha` … 4 `snapshot`, 5 release, 6 `sp`, 7 any other word.
            let rank: Int
            /// The word after aliasing (`cr` → `rc`, `ga` → ``), used to order unknown words.
            let text: String

            static let releaseRank = 5
            private static let known = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"]

            /// A qualifier from a lowercased word; `followedByDigit` turns `a1`, `b1`, `m1` into alpha, beta,
            /// milestone.
            init(_ word: String, followedByDigit: Bool) {
                var word = word
                if followedByDigit {
                    switch word {
                    case "a": word = "alpha"
                    case "b": word = "beta"
                    case "m": word = "milestone"
                    default: break
                    }
                }
                switch word {
                case "ga", "final", "release": word = ""
                case "cr": word = "rc"
                default: break
                }
                text = word
                rank = Self.known.firstIndex(of: word) ?? Self.known.count
            }
        }

        /// The text the version was parsed from.
        public let description: String
        let items: [Item]

        /// The canonical form Maven prints for the version (`ComparableVersion.getCanonical`: `1-alpha-1` for
        /// `1a1`), handy when explaining why two versions compare as they do.
        public var canonical: String { Item.list(items).canonical }

        public static func < (lhs: Version, rhs: Version) -> Bool {
            compare(.list(lhs.items), .list(rhs.items)) < 0
        }

        public static func == (lhs: Version, rhs: Version) -> Bool {
            compare(.list(lhs.items), .list(rhs.items)) == 0
        }

        /// An item against a missing one (the shorter list has run out): zero and release count as equal to
        /// nothing, pre-release words as less, `sp`, other words and positive numbers as more.
        private static func compareToNothing(_ item: Item) -> Int {
            switch item {
            case .number(let number):
                return number.isZero ? 0 : 1
            case .qualifier(let qualifier):
                return qualifier.rank == Qualifier.releaseRank ? 0 : (qualifier.rank < Qualifier.releaseRank ? -1 : 1)
            case .list(let items):
                for item in items {
                    let result = compareToNothing(item)
                    if result != 0 {
                        return result
                    }
                }
                return 0
            }
        }

        private static func compare(_ lhs: Item, _ rhs: Item) -> Int {
            switch (lhs, rhs) {
            case (.number(let a), .number(let b)):
                return a == b ? 0 : (a < b ? -1 : 1)
            case (.number, _):
                return 1
            case (.qualifier, .number), (.qualifier, .list):
                return -1
            case (.qualifier(let a), .qualifier(let b)):
                if a.rank != b.rank {
                    return a.rank < b.rank ? -1 : 1
                }
                if a.text == b.text {
                    return 0
                }
                // Java compares strings by UTF-16 code unit.
                return a.text.utf16.lexicographicallyPrecedes(b.text.utf16) ? -1 : 1
            case (.list, .number):
                return -1
            case (.list, .qualifier):
                return 1
            case (.list(let a), .list(let b)):
                for index in 0..<max(a.count, b.count) {
                    let result: Int
                    if index < a.count {
                        result = index < b.count ? compare(a[index], b[index]) : compareToNothing(a[index])
                    } else {
                        result = -compareToNothing(b[index])
                    }
                    if result != 0 {
                        return result
                    }
                }
                return 0
            }
        }
    }

    /// Creates the ordering.
    public init() {}

    /// The parsed version; nil only for empty text, since Maven reads every other string as some version.
    public func parse(_ text: String) -> Version? {
        guard !text.isEmpty else {
            return nil
        }
        // Maven lowercases with `Locale.ENGLISH`; ASCII letters are lowercased as words are read, others here.
        let lowercased = text.utf8.allSatisfy { $0 < 0x80 } ? text : text.lowercased()
        let items = VersionText.withUTF8(lowercased) { bytes in
            Self.items(of: bytes)
        }
        return Version(description: text, items: items)
    }

    /// The item list `ComparableVersion.parseVersion` builds from lowercased bytes.
    ///
    /// Each new list is the last item of the one before, and items only ever go into the newest list, so the lists
    /// are kept as a stack and folded at the end.
    private static func items(of bytes: UnsafeBufferPointer<UInt8>) -> [Version.Item] {
        var lists: [[Version.Item]] = [[]]
        func add(_ item: Version.Item) {
            lists[lists.count - 1].append(item)
        }
        func currentIsEmpty() -> Bool {
            lists.last?.isEmpty ?? true
        }
        func word(_ range: Range<Int>, followedByDigit: Bool = false) -> Version.Item {
            let lowercased = String(decoding: bytes[range].lazy.map(\.asciiLowercased), as: UTF8.self)
            return .qualifier(Version.Qualifier(lowercased, followedByDigit: followedByDigit))
        }
        func token(_ range: Range<Int>, isDigit: Bool) -> Version.Item {
            if isDigit {
                return .number(DecimalNumber(asciiDigits: UnsafeBufferPointer(rebasing: bytes[range])) ?? .zero)
            }
            return word(range)
        }

        var isDigit = false
        var start = 0
        for index in 0..<bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "."), UInt8(ascii: "-"):
                add(index == start ? .number(.zero) : token(start..<index, isDigit: isDigit))
                start = index + 1
                if byte == UInt8(ascii: "-") {
                    lists.append([])
                }
            case _ where byte.isASCIIDigit:
                if !isDigit, index > start {
                    // `1.0.0.x1` < `1.0.0-x2`: a word that runs into digits starts a list of its own.
                    if !currentIsEmpty() {
                        lists.append([])
                    }
                    add(word(start..<index, followedByDigit: true))
                    start = index
                    lists.append([])
                }
                isDigit = true
            default:
                if isDigit, index > start {
                    add(token(start..<index, isDigit: true))
                    start = index
                    lists.append([])
                }
                isDigit = false
            }
        }
        if bytes.count > start {
            if !isDigit, !currentIsEmpty() {
                lists.append([])
            }
            add(token(start..<bytes.count, isDigit: isDigit))
        }

        // Innermost first, as Maven normalises its stack of lists; a child is normalised before its parent sees it.
        var child: [Version.Item]?
        while var list = lists.popLast() {
            if let child {
                list.append(.list(child))
            }
            normalize(&list)
            child = list
        }
        return child ?? []
    }

    /// `ListItem.normalize`: from the end, drop null items, stepping over non-empty lists but stopping at the first
    /// other item that is not null.
    private static func normalize(_ items: inout [Version.Item]) {
        var index = items.count - 1
        while index >= 0 {
            let item = items[index]
            if item.isNull {
                items.remove(at: index)
            } else if case .list = item {
                // keep looking further left
            } else {
                break
            }
            index -= 1
        }
    }
}
