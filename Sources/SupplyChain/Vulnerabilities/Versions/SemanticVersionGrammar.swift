/// The SemVer 2.0.0 grammar (semver.org, "Backus–Naur Form Grammar for Valid SemVer Versions") with the few
/// relaxations the ecosystems that build on it allow, read straight from UTF-8 bytes.
struct SemanticVersionGrammar: Sendable {
    /// Core numbers and numeric pre-release identifiers may have leading zeros (node-semver loose).
    var allowsLeadingZeros = false
    /// A pre-release may follow the patch number without its hyphen (node-semver loose: `1.2.3beta`).
    var allowsPrereleaseWithoutHyphen = false
    /// `1` and `1.2` stand for `1.0.0` and `1.2.0` when nothing follows them (golang.org/x/mod/semver).
    var allowsShorthand = false
    /// The largest core number accepted (node-semver: `Number.MAX_SAFE_INTEGER`); nil for no limit (Go compares
    /// numbers of any length).
    var largestComponent: UInt64?

    /// Cargo's `semver` crate keeps core numbers in a `u64`.
    static let strict = SemanticVersionGrammar(largestComponent: .max)
    static let npmLoose = SemanticVersionGrammar(
        allowsLeadingZeros: true,
        allowsPrereleaseWithoutHyphen: true,
        largestComponent: (1 << 53) - 1
    )
    static let go = SemanticVersionGrammar(allowsShorthand: true)

    private static let dot = UInt8(ascii: ".")
    private static let hyphen = UInt8(ascii: "-")
    private static let plus = UInt8(ascii: "+")

    /// Parses `bytes[start...]` as a whole version; nil unless every byte is consumed.
    func parse(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> SemanticVersionOrdering.Version? {
        // OSV's `introduced: "0"` means "from the start"; every ordering reads the text `0` as the lowest release.
        if !allowsShorthand, start == 0, bytes.count == 1, bytes.byte(at: 0) == UInt8(ascii: "0") {
            return SemanticVersionOrdering.Version(major: .zero, minor: .zero, patch: .zero, prerelease: [], build: nil)
        }
        var position = start
        guard let major = coreNumber(bytes, &position) else {
            return nil
        }
        if allowsShorthand, position == bytes.count {
            return SemanticVersionOrdering.Version(major: major, minor: .zero, patch: .zero, prerelease: [], build: nil)
        }
        guard bytes.byte(at: position) == Self.dot else {
            return nil
        }
        position += 1
        guard let minor = coreNumber(bytes, &position) else {
            return nil
        }
        if allowsShorthand, position == bytes.count {
            return SemanticVersionOrdering.Version(major: major, minor: minor, patch: .zero, prerelease: [], build: nil)
        }
        guard bytes.byte(at: position) == Self.dot else {
            return nil
        }
        position += 1
        let patchStart = position
        let patchEnd = bytes.end(ofRunFrom: patchStart) { $0.isASCIIDigit }
        guard patchEnd > patchStart else {
            return nil
        }
        // node-semver matches its loose pattern with a backtracking regular expression, which hands trailing digits
        // of the patch to a hyphenless pre-release when nothing else fits: loose `1.2.34.5` is `1.2.3-4.5`. Only
        // then are the numbers checked against the limit.
        let shortestPatchEnd = allowsPrereleaseWithoutHyphen ? patchStart + 1 : patchEnd
        for end in stride(from: patchEnd, through: shortestPatchEnd, by: -1) {
            guard let (prerelease, build) = suffix(bytes, from: end) else {
                continue
            }
            guard let patch = number(bytes, patchStart..<end) else {
                return nil
            }
            return SemanticVersionOrdering.Version(
                major: major,
                minor: minor,
                patch: patch,
                prerelease: prerelease,
                build: build
            )
        }
        return nil
    }

    /// The pre-release identifiers and build metadata that make up all of `bytes[start...]`.
    private func suffix(
        _ bytes: UnsafeBufferPointer<UInt8>,
        from start: Int
    ) -> (prerelease: [SemanticVersionOrdering.Version.Identifier], build: String?)? {
        var position = start
        var prerelease: [SemanticVersionOrdering.Version.Identifier] = []
        if let next = bytes.byte(at: position), next != Self.plus {
            if next == Self.hyphen {
                // node-semver's `-?` gives the hyphen back when no identifier follows it, so `1.2.3-+b` reads
                // as the single identifier `-`; the strict grammar needs an identifier after the hyphen.
                let following = bytes.byte(at: position + 1)
                if !allowsPrereleaseWithoutHyphen || following.map(Self.isIdentifierByte) == true {
                    position += 1
                }
            } else if !allowsPrereleaseWithoutHyphen {
                return nil
            }
            guard let identifiers = prereleaseIdentifiers(bytes, &position) else {
                return nil
            }
            prerelease = identifiers
        }
        var build: String?
        if bytes.byte(at: position) == Self.plus {
            position += 1
            guard let end = Self.endOfBuild(bytes, from: position) else {
                return nil
            }
            build = bytes.string(position..<end)
            position = end
        }
        guard position == bytes.count else {
            return nil
        }
        return (prerelease, build)
    }

    static func isIdentifierByte(_ byte: UInt8) -> Bool {
        byte.isASCIIAlphanumeric || byte == hyphen
    }

    /// `0 | [1-9][0-9]*` (or `[0-9]+` with leading zeros allowed) at `position`, within `largestComponent`.
    private func coreNumber(_ bytes: UnsafeBufferPointer<UInt8>, _ position: inout Int) -> DecimalNumber? {
        let end = bytes.end(ofRunFrom: position) { $0.isASCIIDigit }
        guard let number = number(bytes, position..<end) else {
            return nil
        }
        position = end
        return number
    }

    /// The core number spelled by the digits in `range`, if the grammar allows it.
    private func number(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> DecimalNumber? {
        guard !range.isEmpty, range.upperBound <= bytes.count else {
            return nil
        }
        if !allowsLeadingZeros, range.count > 1, bytes.byte(at: range.lowerBound) == UInt8(ascii: "0") {
            return nil
        }
        guard let number = DecimalNumber(asciiDigits: UnsafeBufferPointer(rebasing: bytes[range])) else {
            return nil
        }
        if let largestComponent {
            guard let value = number.uint64Value, value <= largestComponent else {
                return nil
            }
        }
        return number
    }

    /// Dot-separated, non-empty `[0-9A-Za-z-]` identifiers up to a `+` or the end; numeric ones without leading
    /// zeros unless the grammar allows them.
    private func prereleaseIdentifiers(
        _ bytes: UnsafeBufferPointer<UInt8>,
        _ position: inout Int
    ) -> [SemanticVersionOrdering.Version.Identifier]? {
        var identifiers: [SemanticVersionOrdering.Version.Identifier] = []
        while true {
            let start = position
            var allDigits = true
            while let byte = bytes.byte(at: position), Self.isIdentifierByte(byte) {
                allDigits = allDigits && byte.isASCIIDigit
                position += 1
            }
            guard position > start else {
                return nil
            }
            if allDigits {
                if !allowsLeadingZeros, position - start > 1, bytes.byte(at: start) == UInt8(ascii: "0") {
                    return nil
                }
                guard let number = DecimalNumber(asciiDigits: UnsafeBufferPointer(rebasing: bytes[start..<position]))
                else {
                    return nil
                }
                identifiers.append(.numeric(number))
            } else {
                identifiers.append(.alphanumeric(bytes.string(start..<position)))
            }
            guard bytes.byte(at: position) == Self.dot else {
                return identifiers
            }
            position += 1
        }
    }

    /// The end of dot-separated, non-empty `[0-9A-Za-z-]` build identifiers running to the end of `bytes`.
    private static func endOfBuild(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var position = start
        while true {
            let identifierEnd = bytes.end(ofRunFrom: position, where: isIdentifierByte)
            guard identifierEnd > position else {
                return nil
            }
            position = identifierEnd
            guard bytes.byte(at: position) == dot else {
                return position
            }
            position += 1
        }
    }
}
