/// composer/semver's `VersionParser::normalize`, rewritten as a byte scanner: the normalised spelling of a version,
/// or nil when Composer rejects it or it names a branch rather than a version.
enum ComposerVersionNormalizer {
    private static let dot = UInt8(ascii: ".")
    private static let hyphen = UInt8(ascii: "-")
    private static let defaultBranchNames = ["master", "trunk", "default"].map { Array($0.utf8) }

    static func normalize(_ text: String) -> String? {
        VersionText.withUTF8(text, trimming: .php) { bytes in
            normalize(Array(bytes))
        }
    }

    private static func normalize(_ input: [UInt8]) -> String? {
        var version = aliasSource(of: input) ?? input
        stripStabilityFlag(&version)
        // `master`, `trunk`, `default` and anything starting `dev-` are branches, which have no place in the order.
        if defaultBranchNames.contains(where: { version.elementsEqual($0) })
            || hasCaseInsensitivePrefix(version, "dev-")
        {
            return nil
        }
        stripBuildMetadata(&version)
        return classical(version) ?? dateBased(version) ?? numericBranch(version)
    }

    // MARK: - Decorations

    /// `^([^,\s]++) ++as ++([^,\s]++)$`: the aliased version in `1.0.0 as 2.0.0`.
    private static func aliasSource(of bytes: [UInt8]) -> [UInt8]? {
        let isTokenByte = { (byte: UInt8) in byte != UInt8(ascii: ",") && !isPCRESpace(byte) }
        var position = 0
        while position < bytes.count, isTokenByte(bytes[position]) {
            position += 1
        }
        let sourceEnd = position
        guard sourceEnd > 0 else {
            return nil
        }
        let spacesBefore = skipSpaces(bytes, from: position)
        guard spacesBefore > position, bytes[spacesBefore...].starts(with: "as".utf8) else {
            return nil
        }
        let targetStart = skipSpaces(bytes, from: spacesBefore + 2)
        guard targetStart > spacesBefore + 2, targetStart < bytes.count,
            bytes[targetStart...].allSatisfy(isTokenByte)
        else {
            return nil
        }
        return Array(bytes[..<sourceEnd])
    }

    private static func skipSpaces(_ bytes: [UInt8], from start: Int) -> Int {
        var position = start
        while position < bytes.count, bytes[position] == 0x20 {
            position += 1
        }
        return position
    }

    /// PCRE's `\s` without Unicode mode.
    private static func isPCRESpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// `@(?:stable|RC|beta|alpha|dev)$`, any case.
    private static func stripStabilityFlag(_ bytes: inout [UInt8]) {
        for flag in ["stable", "rc", "beta", "alpha", "dev"] {
            let length = flag.utf8.count + 1
            guard bytes.count >= length, bytes[bytes.count - length] == UInt8(ascii: "@") else {
                continue
            }
            if bytes[(bytes.count - flag.utf8.count)...].lazy.map(\.asciiLowercased).elementsEqual(flag.utf8) {
                bytes.removeLast(length)
                return
            }
        }
    }

    /// `^([^,\s+]++)\+[^\s]++$`: drops `+metadata`.
    private static func stripBuildMetadata(_ bytes: inout [UInt8]) {
        guard let plus = bytes.firstIndex(of: UInt8(ascii: "+")), plus > 0, plus + 1 < bytes.count else {
            return
        }
        let sourceIsClean = bytes[..<plus].allSatisfy { $0 != UInt8(ascii: ",") && !isPCRESpace($0) }
        let metadataIsClean = bytes[(plus + 1)...].allSatisfy { !isPCRESpace($0) }
        if sourceIsClean, metadataIsClean {
            bytes.removeSubrange(plus...)
        }
    }

    private static func hasCaseInsensitivePrefix(_ bytes: [UInt8], _ prefix: String) -> Bool {
        bytes.count >= prefix.utf8.count && zip(bytes, prefix.utf8).allSatisfy { $0.asciiLowercased == $1 }
    }

    // MARK: - Version shapes

    /// `^v?(\d{1,5}+)(\.\d++)?(\.\d++)?(\.\d++)?` + modifier: padded to four numbers.
    private static func classical(_ bytes: [UInt8]) -> String? {
        var position = bytes.first.map { $0.asciiLowercased == UInt8(ascii: "v") } == true ? 1 : 0
        let majorStart = position
        position = digitRunEnd(bytes, from: position)
        guard (1...5).contains(position - majorStart) else {
            return nil
        }
        var numbers = [bytes[majorStart..<position]]
        while numbers.count < 4, position + 1 < bytes.count, bytes[position] == dot, bytes[position + 1].isASCIIDigit {
            let end = digitRunEnd(bytes, from: position + 1)
            numbers.append(bytes[position..<end])
            position = end
        }
        guard let modifier = modifier(bytes, from: position) else {
            return nil
        }
        var text = String(decoding: numbers.joined(), as: UTF8.self)
        text += String(repeating: ".0", count: 4 - numbers.count)
        return modifier.applied(to: text)
    }

    /// `^v?(\d{4}(?:[.:-]?\d{2}){1,6}(?:[.:-]?\d{1,3}){0,2})` + modifier, with every non-digit turned into a dot.
    private static func dateBased(_ bytes: [UInt8]) -> String? {
        let start = bytes.first.map { $0.asciiLowercased == UInt8(ascii: "v") } == true ? 1 : 0
        var runEnd = start
        while runEnd < bytes.count, bytes[runEnd].isASCIIDigit || isDateSeparator(bytes[runEnd]) {
            runEnd += 1
        }
        // The date ends at its last digit; what follows must be the modifier, which cannot begin with a digit.
        var dateEnd = runEnd
        while dateEnd > start, !bytes[dateEnd - 1].isASCIIDigit {
            dateEnd -= 1
        }
        guard dateEnd > start, bytes[start].isASCIIDigit, matchesDatePattern(bytes[start..<dateEnd]),
            let modifier = modifier(bytes, from: dateEnd)
        else {
            return nil
        }
        let date = bytes[start..<dateEnd].map { $0.isASCIIDigit ? $0 : dot }
        return modifier.applied(to: String(decoding: date, as: UTF8.self))
    }

    private static func isDateSeparator(_ byte: UInt8) -> Bool {
        byte == dot || byte == UInt8(ascii: ":") || byte == hyphen
    }

    /// Whether digits split by single `.`, `:` or `-` can be cut into four digits, one to six pairs and up to two
    /// groups of one to three digits, with every separator falling between two such chunks.
    private static func matchesDatePattern(_ bytes: ArraySlice<UInt8>) -> Bool {
        var digitCount = 0
        var separatorsAt: [Int] = []
        var previousWasSeparator = true
        for byte in bytes {
            if byte.isASCIIDigit {
                digitCount += 1
                previousWasSeparator = false
            } else {
                guard !previousWasSeparator else {
                    return false
                }
                separatorsAt.append(digitCount)
                previousWasSeparator = true
            }
        }
        /// Whether a chunk spanning `lower..<upper` digits has no separator inside it.
        func isWhole(_ lower: Int, _ upper: Int) -> Bool {
            !separatorsAt.contains { $0 > lower && $0 < upper }
        }
        for pairs in 1...6 {
            let tailStart = 4 + 2 * pairs
            guard tailStart <= digitCount else {
                break
            }
            let headIsWhole = isWhole(0, 4) && (0..<pairs).allSatisfy { isWhole(4 + 2 * $0, 6 + 2 * $0) }
            guard headIsWhole else {
                continue
            }
            let tail = digitCount - tailStart
            if tail == 0 || (tail <= 3 && isWhole(tailStart, digitCount)) {
                return true
            }
            for cut in (tailStart + 1)..<digitCount where cut - tailStart <= 3 && digitCount - cut <= 3 {
                if isWhole(tailStart, cut), isWhole(cut, digitCount) {
                    return true
                }
            }
        }
        return false
    }

    /// `(.*?)[.-]?dev$` whose prefix `VersionParser::normalizeBranch` reads as numbers and wildcards:
    /// `1.x-dev` → `1.9999999.9999999.9999999-dev`.
    private static func numericBranch(_ bytes: [UInt8]) -> String? {
        guard bytes.count >= 3, bytes[(bytes.count - 3)...].lazy.map(\.asciiLowercased).elementsEqual("dev".utf8)
        else {
            return nil
        }
        var name = Array(bytes.dropLast(3))
        if let last = name.last, last == dot || last == hyphen {
            name.removeLast()
        }
        let trimmed = VersionText.withUTF8(String(decoding: name, as: UTF8.self), trimming: .php) { Array($0) }
        var position = trimmed.first.map { $0.asciiLowercased == UInt8(ascii: "v") } == true ? 1 : 0
        let majorStart = position
        position = digitRunEnd(trimmed, from: position)
        guard position > majorStart else {
            return nil
        }
        var text = String(decoding: trimmed[majorStart..<position], as: UTF8.self)
        var parts = 1
        while parts < 4, position + 1 < trimmed.count, trimmed[position] == dot {
            let next = trimmed[position + 1]
            if next.isASCIIDigit {
                let end = digitRunEnd(trimmed, from: position + 1)
                text += String(decoding: trimmed[position..<end], as: UTF8.self)
                position = end
            } else if next == UInt8(ascii: "x") || next == UInt8(ascii: "X") || next == UInt8(ascii: "*") {
                text += ".9999999"
                position += 2
            } else {
                return nil
            }
            parts += 1
        }
        guard position == trimmed.count else {
            return nil
        }
        text += String(repeating: ".9999999", count: 4 - parts)
        return text + "-dev"
    }

    private static func digitRunEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var position = start
        while position < bytes.count, bytes[position].isASCIIDigit {
            position += 1
        }
        return position
    }

    // MARK: - Modifier

    /// What `[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\d+)*+)?)?([.-]?dev)?$` captured.
    private struct Modifier {
        var stability: [UInt8]?
        var numbers: [UInt8] = []
        var isDevelopment = false

        /// The modifier appended as `VersionParser::normalize` appends it.
        func applied(to version: String) -> String {
            var text = version
            if let stability {
                // Only the exact lowercase `stable` means "no modifier"; other spellings are kept, as Composer does.
                if stability.elementsEqual("stable".utf8) {
                    return text
                }
                text += "-" + expanded(stability)
                text += String(decoding: numbers.drop { $0 == dot || $0 == hyphen }, as: UTF8.self)
            }
            if isDevelopment {
                text += "-dev"
            }
            return text
        }

        /// `VersionParser::expandStability`.
        private func expanded(_ stability: [UInt8]) -> String {
            let lowercased = String(decoding: stability.map(\.asciiLowercased), as: UTF8.self)
            switch lowercased {
            case "a": return "alpha"
            case "b": return "beta"
            case "p", "pl": return "patch"
            case "rc": return "RC"
            default: return lowercased
            }
        }
    }

    /// Stability words, longest first where one prefixes another, as the regular expression's alternation tries them.
    private static let stabilities = ["stable", "beta", "b", "rc", "alpha", "a", "patch", "pl", "p"].map {
        Array($0.utf8)
    }

    private static func modifier(_ bytes: [UInt8], from start: Int) -> Modifier? {
        var modifier = Modifier()
        var position = start
        if position < bytes.count, bytes[position] == dot || bytes[position] == hyphen || bytes[position] == 0x5F {
            position += 1
        }
        for stability in stabilities where matchesCaseInsensitively(bytes, stability, at: position) {
            modifier.stability = Array(bytes[position..<(position + stability.count)])
            position += stability.count
            let numbersStart = position
            while true {
                var next = position
                if next < bytes.count, bytes[next] == dot || bytes[next] == hyphen {
                    next += 1
                }
                let end = digitRunEnd(bytes, from: next)
                guard end > next else {
                    break
                }
                position = end
            }
            modifier.numbers = Array(bytes[numbersStart..<position])
            break
        }
        var devStart = position
        if devStart < bytes.count, bytes[devStart] == dot || bytes[devStart] == hyphen {
            devStart += 1
        }
        if matchesCaseInsensitively(bytes, Array("dev".utf8), at: devStart) {
            modifier.isDevelopment = true
            position = devStart + 3
        }
        return position == bytes.count ? modifier : nil
    }

    private static func matchesCaseInsensitively(_ bytes: [UInt8], _ word: [UInt8], at start: Int) -> Bool {
        guard start >= 0, start + word.count <= bytes.count else {
            return false
        }
        return zip(bytes[start...], word).allSatisfy { $0.asciiLowercased == $1 }
    }
}
