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
        let left = Array(lhs.unicodeScalars)
        let right = Array(rhs.unicodeScalars)
        for (a, b) in zip(left, right) where primaryWeight(a) != primaryWeight(b) {
            return primaryWeight(a) < primaryWeight(b) ? -1 : 1
        }
        if left.count != right.count { return left.count < right.count ? -1 : 1 }
        for (a, b) in zip(left, right) where a != b {
            let aLower = a.properties.isLowercase
            let bLower = b.properties.isLowercase
            if aLower != bLower { return aLower ? -1 : 1 }
            return a.value < b.value ? -1 : 1
        }
        return 0
    }

    /// ASCII punctuation and symbols in the order of the Unicode collation algorithm's root table.
    private static let punctuationOrder = Array("_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$".unicodeScalars)

    private static func primaryWeight(_ scalar: Unicode.Scalar) -> (Int, UInt32) {
        if scalar.properties.isWhitespace { return (0, scalar.value) }
        if let position = punctuationOrder.firstIndex(of: scalar) { return (1, UInt32(position)) }
        if ("0"..."9").contains(scalar) { return (3, scalar.value) }
        let lower = scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar
        if scalar.properties.isAlphabetic { return (4, lower.value) }
        return (2, scalar.value)
    }
}
