/// The orderings conventional-changelog 3 (Node, V8) produces, reproduced so sections match byte for byte.
enum ChangelogOrdering {
    /// The rank the conventionalcommits preset's `commitGroupsSort` gives a section; higher comes first.
    static func rank(_ title: String?) -> Int {
        ["Reverts", "Performance Improvements", "Bug Fixes", "Features"].firstIndex { $0 == title } ?? -1
    }

    /// Sorts groups as V8's `Array.prototype.sort` does with the preset's `commitGroupsSort`.
    ///
    /// The comparator is `(a, b) => rank(a) >= rank(b) ? -1 : 1`. It is not a consistent order (equal ranks compare
    /// "less" both ways), so the result depends on the algorithm: for fewer than 64 elements V8's TimSort finds the
    /// leading run, reverses it when descending, then binary-insertion-sorts the rest. Sections without a rank thus
    /// come after the ranked ones in an order that depends on which commit came first.
    static func sortGroups<Element>(_ elements: [Element], rank: (Element) -> Int) -> [Element] {
        var items = elements
        guard items.count >= 2 else { return items }
        func compare(_ lhs: Element, _ rhs: Element) -> Int { rank(lhs) >= rank(rhs) ? -1 : 1 }
        guard items.count < 64 else {
            // Not reachable with real section counts; fall back to a stable order by rank.
            return items.enumerated().sorted { lhs, rhs in
                rank(lhs.element) != rank(rhs.element)
                    ? rank(lhs.element) > rank(rhs.element) : lhs.offset < rhs.offset
            }.map(\.element)
        }
        // CountAndMakeRun
        var runLength = 2
        let isDescending = compare(items[1], items[0]) < 0
        var previous = items[1]
        var index = 2
        while index < items.count {
            let order = compare(items[index], previous)
            if isDescending ? order >= 0 : order < 0 { break }
            previous = items[index]
            runLength += 1
            index += 1
        }
        if isDescending { items[0..<runLength].reverse() }
        // BinaryInsertionSort
        for start in runLength..<items.count {
            let pivot = items[start]
            var left = 0
            var right = start
            while left < right {
                let middle = left + ((right - left) >> 1)
                if compare(pivot, items[middle]) < 0 { right = middle } else { left = middle + 1 }
            }
            items.remove(at: start)
            items.insert(pivot, at: left)
        }
        return items
    }

    /// `String.prototype.localeCompare` under ICU's root collation, approximated: case-insensitive first (with
    /// spaces and punctuation before digits before letters), lowercase before uppercase on ties.
    static func localeCompare(_ lhs: String, _ rhs: String) -> Int {
        CollationKey(lhs).compare(CollationKey(rhs))
    }

    /// What ``localeCompare(_:_:)`` looks at in one string, computed once so that sorting n strings costs n key
    /// computations instead of 2·n·log n (each of which walked Unicode properties).
    struct CollationKey {
        /// Per unicode scalar: the primary weight `(class, value)` packed as `class << 32 | value`.
        var weights: [UInt64]
        /// Per unicode scalar: its value, with bit 32 set when it is not lowercase (so lowercase sorts first).
        var ties: [UInt64]

        init(_ text: String) {
            var weights: [UInt64] = []
            var ties: [UInt64] = []
            weights.reserveCapacity(text.utf8.count)
            ties.reserveCapacity(text.utf8.count)
            for scalar in text.unicodeScalars {
                let (rank, value) = ChangelogOrdering.primaryWeight(scalar)
                weights.append(UInt64(rank) << 32 | UInt64(value))
                let isLower = scalar.isASCII ? ("a"..."z").contains(scalar) : scalar.properties.isLowercase
                ties.append((isLower ? 0 : 1 << 32) | UInt64(scalar.value))
            }
            self.weights = weights
            self.ties = ties
        }

        /// -1, 0 or 1, as ``ChangelogOrdering/localeCompare(_:_:)``.
        func compare(_ other: CollationKey) -> Int {
            for (a, b) in zip(weights, other.weights) where a != b { return a < b ? -1 : 1 }
            if weights.count != other.weights.count { return weights.count < other.weights.count ? -1 : 1 }
            // First differing scalar: lowercase before not lowercase, then by value (`ties` orders exactly so).
            for (a, b) in zip(ties, other.ties) where a != b { return a < b ? -1 : 1 }
            return 0
        }
    }

    /// ASCII punctuation and symbols in the order of the Unicode collation algorithm's root table.
    private static let punctuationOrder = Array("_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$".unicodeScalars)

    private static func primaryWeight(_ scalar: Unicode.Scalar) -> (Int, UInt32) {
        if scalar.isASCII {
            // The same answers as below, without the Unicode property tables (asserted in the tests).
            switch scalar.value {
            case 0x09...0x0D, 0x20: return (0, scalar.value)
            case 0x30...0x39: return (3, scalar.value)
            case 0x41...0x5A: return (4, scalar.value + 0x20)
            case 0x61...0x7A: return (4, scalar.value)
            default: break
            }
        }
        if scalar.properties.isWhitespace { return (0, scalar.value) }
        if let position = punctuationOrder.firstIndex(of: scalar) { return (1, UInt32(position)) }
        if ("0"..."9").contains(scalar) { return (3, scalar.value) }
        let lower = scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar
        if scalar.properties.isAlphabetic { return (4, lower.value) }
        return (2, scalar.value)
    }
}
