/// Decides the next version from the commits since the last release, the way standard-version 9 does by default.
///
/// Level: a breaking change → major, any `feat`/`feature` → minor, anything else → patch (a history of only
/// `chore`/`docs` commits, or no commits at all, still releases a patch). Below 1.0.0 every level drops one
/// (breaking → minor, feat → patch). A commit reverted by a git revert commit in the same range counts for nothing,
/// as conventional-changelog's commit filter drops it. See ``BumpStrategy`` for semantic-release and commitizen.
///
/// Version: node-semver's `inc` with standard-version's pre-release rules: `--prerelease [id]` starts a
/// `pre<level>` line (`1.0.0` + fix → `1.0.1-0`, or `1.0.1-alpha.0`), continues the current line when the commits
/// call for the same or a lower level than the line's own (`1.0.1-alpha.0` → `1.0.1-alpha.1`; `1.1.0-alpha.0` plus
/// a fix → `1.1.0-alpha.1`), and starts a new line for a higher level (`1.0.1-alpha.1` plus a feat →
/// `1.1.0-alpha.0`). `--release-as` replaces the level (no 0.x adjustment) or names the version;
/// `--first-release` keeps the current version.
public struct BumpCalculator: Sendable {
    /// The rules that turn commits into a level.
    public var strategy: BumpStrategy

    /// Creates a calculator; standard-version's rules by default.
    public init(strategy: BumpStrategy = .standardVersion) {
        self.strategy = strategy
    }

    /// Decides the next version after `current` for `commits` (any order; git log's newest-first is fine).
    ///
    /// - Throws: ``BumpError`` for an invalid `--prerelease` identifier or a version component overflow.
    public func decide(
        current: SemanticVersion,
        commits: [RawCommit],
        options: BumpOptions = BumpOptions()
    ) throws(BumpError) -> BumpDecision {
        try decide(
            current: current,
            commits: commits,
            parsed: ConventionalCommitParser.parse(commits),
            options: options
        )
    }

    /// ``decide(current:commits:options:)`` for commits the caller has already parsed (`parsed[i]` is
    /// `ConventionalCommitParser.parse(commits[i])`), so a release plan parses each message once.
    func decide(
        current: SemanticVersion,
        commits: [RawCommit],
        parsed: [Result<ConventionalCommit, CommitParseError>],
        options: BumpOptions
    ) throws(BumpError) -> BumpDecision {
        let identifier = try Self.prereleaseIdentifier(options.prerelease)
        let lowersForZero = strategy == .standardVersion && current < SemanticVersion(major: 1, minor: 0, patch: 0)
        let revertedBy = strategy == .commitizen ? [:] : Self.revertedPairs(commits, parsed: { parsed[$0] })

        var reasons: [BumpDecision.CommitReason] = []
        var tally = Tally()
        for (raw, result) in zip(commits, parsed) {
            var (contribution, why) = classify(raw, result, revertedBy: revertedBy[raw.hash], tally: &tally)
            if lowersForZero, contribution > .patch {
                contribution = contribution == .major ? .minor : .patch
                why += "; lowered one level because \(current) is below 1.0.0"
            }
            let header = result.map(\.header).get(orElse: Self.firstLine(raw.message))
            reasons.append(.init(hash: raw.hash, header: header, contributes: contribution, why: why))
        }
        let outcome = try outcome(
            current: current,
            highest: reasons.map(\.contributes).max() ?? .none,
            summary: tally.summary(strategy: strategy, commitCount: commits.count),
            identifier: identifier,
            options: options
        )
        return BumpDecision(
            strategy: strategy,
            previousVersion: current,
            nextVersion: outcome.nextVersion,
            recommendedType: outcome.recommendedType,
            releaseType: outcome.releaseType,
            increment: outcome.increment,
            summary: outcome.summary,
            commits: reasons
        )
    }

    /// The next version only: ``decide(current:commits:options:)``'s `nextVersion`, `releaseType` and `summary`
    /// without the per-commit reasons, for `slipway version --next`.
    ///
    /// Each message is read only for what the level needs (the signals of ``ConventionalChangelogSignals`` or
    /// commitizen's bump map); the full Conventional Commits parser runs only on the few messages that can take
    /// part in a revert pair (those with git's `This reverts commit` line, and the commits they name). Tests
    /// compare the result with ``decide(current:commits:options:)`` on fixtures, corpus histories and random
    /// messages.
    public func nextOnly(
        current: SemanticVersion,
        commits: [RawCommit],
        options: BumpOptions = BumpOptions()
    ) throws(BumpError) -> BumpDecision.Outcome {
        let identifier = try Self.prereleaseIdentifier(options.prerelease)
        let lowersForZero = strategy == .standardVersion && current < SemanticVersion(major: 1, minor: 0, patch: 0)
        let revertedBy =
            strategy == .commitizen
            ? [:] : Self.revertedPairs(commits, parsed: { ConventionalCommitParser.parse(commits[$0]) })
        var tally = Tally()
        var highest = BumpDecision.Contribution.none
        for raw in commits {
            var contribution: BumpDecision.Contribution
            if !revertedBy.isEmpty, revertedBy[raw.hash] != nil {
                tally.other += 1
                contribution = .none
            } else if strategy == .commitizen {
                contribution = Self.commitizenContribution(raw.message).level
                tally.count(contribution)
            } else {
                let bucket: Bucket
                (contribution, bucket) = level(ConventionalChangelogSignals(message: raw.message))
                tally.count(bucket)
            }
            if lowersForZero, contribution > .patch { contribution = contribution == .major ? .minor : .patch }
            if contribution > highest { highest = contribution }
        }
        return try outcome(
            current: current,
            highest: highest,
            summary: tally.summary(strategy: strategy, commitCount: commits.count),
            identifier: identifier,
            options: options
        )
    }

    /// The version, level and summary for the highest contribution of the commits.
    private func outcome(
        current: SemanticVersion,
        highest: BumpDecision.Contribution,
        summary tallySummary: String,
        identifier: [SemanticVersion.PrereleaseIdentifier]?,
        options: BumpOptions
    ) throws(BumpError) -> BumpDecision.Outcome {
        let floor: BumpDecision.Contribution = strategy == .standardVersion ? .patch : .none
        let recommendedType = max(highest, floor).releaseType

        var next: SemanticVersion?
        var releaseType: ReleaseType?
        var increment: VersionIncrement?
        var summary = tallySummary
        if options.firstRelease {
            next = current
            summary = "first release: keeping \(current) without bumping (--first-release)"
        } else if case .version(let version) = options.releaseAs {
            let explicit = Self.explicitVersion(version, identifier: identifier)
            next = explicit
            releaseType = Self.highestChange(from: current, to: explicit)
            summary =
                "released as \(explicit) (--release-as); the commits call for "
                + (recommendedType?.rawValue ?? "no release")
        } else if let level = options.releaseAs.flatMap(Self.releaseType) ?? recommendedType {
            let step = Self.plannedIncrement(level: level, identifier: identifier, current: current)
            next = try current.incremented(step, identifier: identifier ?? [])
            releaseType = level
            increment = step
            if options.releaseAs != nil {
                summary =
                    "\(level.rawValue) requested with --release-as; the commits call for "
                    + (recommendedType?.rawValue ?? "no release")
            }
        }
        return BumpDecision.Outcome(
            nextVersion: next,
            recommendedType: recommendedType,
            releaseType: releaseType,
            increment: increment,
            summary: summary
        )
    }

    // MARK: - Level per commit

    private func classify(
        _ raw: RawCommit,
        _ result: Result<ConventionalCommit, CommitParseError>,
        revertedBy: String?,
        tally: inout Tally
    ) -> (BumpDecision.Contribution, String) {
        if let revertedBy {
            tally.other += 1
            return (.none, "reverted by \(revertedBy.prefix(7)) in the same range; both are left out")
        }
        if strategy == .commitizen {
            let (level, keyword) = Self.commitizenContribution(raw.message)
            tally.count(level)
            return (
                level,
                keyword.map { "'\($0):' matches commitizen's bump map" } ?? "no line matches commitizen's bump map"
            )
        }

        let signals = ConventionalChangelogSignals(message: raw.message)
        let (level, bucket) = level(signals)
        tally.count(bucket)
        if let breaking = signals.breaking { return (level, "breaking change (\(breaking))") }
        switch (level, strategy) {
        case (.minor, _):
            return (level, "'\(signals.type ?? "")' is a feature")
        case (_, .standardVersion):
            guard signals.type != "fix" else { return (level, "a fix") }
            let kind = Self.describe(commit: try? result.get(), result: result, signals: signals)
            return (level, "\(kind); standard-version still releases a patch")
        case (.patch, _):
            if signals.type == "fix" || signals.type == "perf" {
                return (level, "'\(signals.type ?? "")' releases a patch")
            }
            return (level, "a revert releases a patch")
        default:
            let kind = Self.describe(commit: try? result.get(), result: result, signals: signals)
            return (level, "\(kind); semantic-release's default rules release nothing for it")
        }
    }

    /// The tally bucket a commit counts in for the summary.
    enum Bucket {
        case breaking
        case feature
        case fix
        case other
    }

    /// What a (not reverted) commit with these signals contributes under the standard-version or semantic-release
    /// rules, before the 0.x adjustment, and where the summary counts it.
    func level(_ signals: ConventionalChangelogSignals) -> (BumpDecision.Contribution, Bucket) {
        if signals.breaking != nil { return (.major, .breaking) }
        switch (strategy, signals.type) {
        case (.standardVersion, "feat"), (.standardVersion, "feature"), (.semanticRelease, "feat"):
            return (.minor, .feature)
        case (.standardVersion, _):
            return (.patch, signals.type == "fix" ? .fix : .other)
        case (.semanticRelease, "fix"), (.semanticRelease, "perf"):
            return (.patch, .fix)
        case (.semanticRelease, _) where signals.isRevert:
            return (.patch, .fix)
        default:
            return (.none, .other)
        }
    }

    /// commitizen's level for a message (the highest line of its bump map) and the keyword of the first line that
    /// reached it; `nil` when no line matches.
    static func commitizenContribution(_ message: String) -> (level: BumpDecision.Contribution, keyword: String?) {
        var best: (level: BumpDecision.Contribution, keyword: String?) = (.none, nil)
        for line in ConventionalCommitParser.splitLines(message) {
            guard let keyword = Self.commitizenKeyword(line) else { continue }
            let level: BumpDecision.Contribution
            if keyword.count > 1 && keyword.hasSuffix("!") || keyword.hasPrefix("BREAKING CHANGE")
                || keyword.hasPrefix("BREAKING-CHANGE")
            {
                level = .major
            } else if keyword.hasPrefix("feat") {
                level = .minor
            } else if keyword.hasPrefix("fix") || keyword.hasPrefix("refactor") || keyword.hasPrefix("perf") {
                level = .patch
            } else {
                continue
            }
            if level > best.level { best = (level, keyword) }
        }
        return best
    }

    /// commitizen's `bump_pattern` `^((BREAKING[\-\ ]CHANGE|\w+)(\(.+\))?!?):`, returning group 1.
    static func commitizenKeyword(_ line: Substring) -> String? {
        let word: Substring
        if line.hasPrefix("BREAKING CHANGE") || line.hasPrefix("BREAKING-CHANGE") {
            word = line.prefix("BREAKING CHANGE".count)
        } else {
            word = line.prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" })
            guard !word.isEmpty else { return nil }
        }
        let rest = line[word.endIndex...]
        if rest.hasPrefix(":") { return String(word) }
        if rest.hasPrefix("!:") { return word + "!" }
        guard rest.hasPrefix("("), rest.count > 2 else { return nil }
        // Greedy `\(.+\)`: the last `)` followed by `:` or `!:` with at least one character inside.
        var index = rest.endIndex
        while index > rest.index(rest.startIndex, offsetBy: 2) {
            index = rest.index(before: index)
            guard rest[index] == ")" else { continue }
            let after = rest[rest.index(after: index)...]
            if after.hasPrefix(":") { return String(word + rest[...index]) }
            if after.hasPrefix("!:") { return word + rest[...index] + "!" }
        }
        return nil
    }

    private static func describe(
        commit: ConventionalCommit?,
        result: Result<ConventionalCommit, CommitParseError>,
        signals: ConventionalChangelogSignals
    ) -> String {
        if let commit, commit.isMerge { return "a merge commit" }
        if let commit { return "'\(commit.type)' does not raise the level" }
        if case .failure(.autosquash(_, let kind, _)) = result { return "a '\(kind.rawValue)!' commit" }
        return "not a conventional commit header"
    }

    // MARK: - Reverts

    /// Commits reverted by a git revert commit in the same list, keyed by hash, with the reverting commit's hash.
    ///
    /// conventional-commits-filter drops a commit when a revert commit names both its header and its hash.
    ///
    /// `parsed(i)` is commit `i` parsed; it is asked only for commits with git's `This reverts commit` line and for
    /// the commits such lines name, so a caller without parsed commits can parse just those.
    private static func revertedPairs(
        _ commits: [RawCommit],
        parsed: (Int) -> Result<ConventionalCommit, CommitParseError>
    ) -> [String: String] {
        var targets: [String: (header: String, by: String)] = [:]
        for (index, raw) in commits.enumerated() {
            // The byte search is a necessary condition of `revertedHash`, which looks for a line starting so.
            guard mentionsRevertedCommit(raw.message),
                let hash = ConventionalCommitParser.revertedHash(in: raw.message),
                let header = (try? parsed(index).get())?.revertedHeader
            else { continue }
            targets[hash] = (header, raw.hash)
        }
        guard !targets.isEmpty else { return [:] }
        var pairs: [String: String] = [:]
        for (index, raw) in commits.enumerated() {
            guard let target = targets[raw.hash] else { continue }
            let header = (try? parsed(index).get().header) ?? firstLine(raw.message)
            if header == target.header { pairs[raw.hash] = target.by }
        }
        return pairs
    }

    /// Whether the message's bytes contain `This reverts commit ` anywhere.
    static func mentionsRevertedCommit(_ message: String) -> Bool {
        var message = message
        return message.withUTF8 { bytes in
            let needle: StaticString = "This reverts commit "
            return needle.withUTF8Buffer { needle in
                guard bytes.count >= needle.count else { return false }
                var start = 0
                while start <= bytes.count - needle.count {
                    if bytes[start] == needle[0] {
                        var offset = 1
                        while offset < needle.count, bytes[start + offset] == needle[offset] { offset += 1 }
                        if offset == needle.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }

    // MARK: - Versions

    private static func prereleaseIdentifier(
        _ text: String?
    ) throws(BumpError) -> [SemanticVersion
        .PrereleaseIdentifier]?
    {
        guard let text else { return nil }
        if text.isEmpty { return [] }
        var identifiers: [SemanticVersion.PrereleaseIdentifier] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            guard let identifier = SemanticVersion.PrereleaseIdentifier(part) else {
                throw .invalidPrereleaseIdentifier(text)
            }
            identifiers.append(identifier)
        }
        return identifiers
    }

    private static func releaseType(_ releaseAs: BumpOptions.ReleaseAs) -> ReleaseType? {
        if case .type(let type) = releaseAs { return type }
        return nil
    }

    /// standard-version's `getReleaseType`.
    private static func plannedIncrement(
        level: ReleaseType,
        identifier: [SemanticVersion.PrereleaseIdentifier]?,
        current: SemanticVersion
    ) -> VersionIncrement {
        guard identifier != nil else { return VersionIncrement(level) }
        if current.isPrerelease, let active = activeType(current), active.priority >= level.priority {
            return .prerelease
        }
        return .pre(level)
    }

    /// standard-version's `getCurrentActiveType`: the lowest non-zero component of a pre-release.
    private static func activeType(_ version: SemanticVersion) -> ReleaseType? {
        if version.patch != 0 { return .patch }
        if version.minor != 0 { return .minor }
        if version.major != 0 { return .major }
        return nil
    }

    /// The version `--release-as X.Y.Z` releases.
    ///
    /// standard-version releases the version as given, without build metadata (node-semver's `valid()`). With
    /// `--prerelease` standard-version 9.5 writes `null`; this follows its successor commit-and-tag-version
    /// instead: a pre-release version is kept, a release gets `-<id>.0` (`-0` without id).
    private static func explicitVersion(
        _ version: SemanticVersion,
        identifier: [SemanticVersion.PrereleaseIdentifier]?
    ) -> SemanticVersion {
        var result = version
        result.build = []
        if let identifier, !result.isPrerelease { result.prerelease = identifier + [.numeric(0)] }
        return result
    }

    private static func highestChange(from old: SemanticVersion, to new: SemanticVersion) -> ReleaseType? {
        if old.major != new.major { return .major }
        if old.minor != new.minor { return .minor }
        if old.patch != new.patch || old.prerelease != new.prerelease { return .patch }
        return nil
    }

    static func firstLine(_ message: String) -> String {
        ConventionalCommitParser.trimmed(
            ConventionalCommitParser.splitLines(message).first { !$0.allSatisfy(\.isWhitespace) } ?? ""
        )
    }
}

/// Counts for the one-line summary.
private struct Tally {
    var breaking = 0
    var features = 0
    var fixes = 0
    var other = 0

    mutating func count(_ bucket: BumpCalculator.Bucket) {
        switch bucket {
        case .breaking: breaking += 1
        case .feature: features += 1
        case .fix: fixes += 1
        case .other: other += 1
        }
    }

    /// commitizen counts a commit by its level.
    mutating func count(_ level: BumpDecision.Contribution) {
        switch level {
        case .major: breaking += 1
        case .minor: features += 1
        case .patch: fixes += 1
        case .none: other += 1
        }
    }

    func summary(strategy: BumpStrategy, commitCount: Int) -> String {
        func count(_ value: Int, _ noun: String, _ plural: String) -> String {
            "\(value) \(value == 1 ? noun : plural)"
        }
        let counts = [
            count(breaking, "breaking change", "breaking changes"), count(features, "feature", "features"),
            count(fixes, "fix", "fixes"), count(other, "other commit", "other commits"),
        ]
        .joined(separator: ", ")
        if commitCount == 0 {
            return strategy == .standardVersion
                ? "no commits since the last release; standard-version still releases a patch"
                : "no commits since the last release"
        }
        return "\(strategy.rawValue): \(counts)"
    }
}

/// What conventional-commits-parser (used by standard-version and semantic-release) sees in a raw message.
struct ConventionalChangelogSignals: Equatable {
    /// The type as written when the header matches `^(\w*)(?:\((.*)\))?!?: (.*)$`.
    var type: String?
    /// Why the commit is breaking, if it is: a note line anywhere after the header, or `!` in the header.
    var breaking: String?
    /// Whether the message matches the revert pattern (`Revert "…"` / `revert: …` with `This reverts commit x.`).
    var isRevert: Bool

    /// The signals of `message`; `bytewise: false` forces the character-by-character path (for tests).
    init(message: String, bytewise: Bool = true) {
        if bytewise,
            let signals = message.utf8.withContiguousStorageIfAvailable({ bytes in
                bytes.allSatisfy { $0 < 0x80 } ? Self(ascii: bytes) : nil
            }), let signals
        {
            self = signals
            return
        }
        let isASCII = bytewise && message.utf8.allSatisfy { $0 < 0x80 }
        let lines = ConventionalCommitParser.splitLines(message).drop { line in
            isASCII ? line.utf8.allSatisfy(ASCII.isWhitespace) : line.allSatisfy(\.isWhitespace)
        }
        let header = lines.first ?? ""
        let bang: Bool
        let matches: Bool
        if isASCII {
            // The same tests on the bytes: in ASCII text every byte is one `Character` (CR LF aside, which no header
            // line contains).
            let bytes = Array(header.utf8)
            let wordEnd = bytes.firstIndex { !(ASCII.isAlphanumeric($0) || $0 == UInt8(ascii: "_")) } ?? bytes.count
            let rest = bytes[wordEnd...]
            let scoped = rest.first == UInt8(ascii: "(")
            bang = rest.starts(with: "!: ".utf8) || (scoped && ASCII.contains(rest, ")!: "))
            matches = bang || rest.starts(with: ": ".utf8) || (scoped && ASCII.contains(rest, "): "))
            type = matches ? String(decoding: bytes[..<wordEnd], as: UTF8.self) : nil
        } else {
            let word = header.prefix(while: { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
            let rest = header[word.endIndex...]
            bang = rest.hasPrefix("!: ") || (rest.hasPrefix("(") && rest.contains(")!: "))
            matches = bang || rest.hasPrefix(": ") || (rest.hasPrefix("(") && rest.contains("): "))
            type = matches ? String(word) : nil
        }
        // Notes: `^[\s|*]*(BREAKING CHANGE|BREAKING-CHANGE)[:\s]+(.*)`, case-insensitive, on every later line.
        let note = lines.dropFirst().first { line in
            if isASCII { return Self.isBreakingNoteASCII(line) }
            let text = line.drop { $0 == " " || $0 == "\t" || $0 == "|" || $0 == "*" }.uppercased()
            guard text.hasPrefix("BREAKING CHANGE") || text.hasPrefix("BREAKING-CHANGE") else { return false }
            let next = text.dropFirst("BREAKING CHANGE".count).first
            return next == ":" || next == " " || next == "\t"
        }
        if note != nil {
            breaking = "BREAKING CHANGE note"
        } else if bang {
            breaking = "'!' in the header"
        }
        if isASCII {
            let bytes = message.utf8.drop(while: ASCII.isWhitespace)
            isRevert =
                (ASCII.startsCaseInsensitive(bytes, with: "revert ")
                    || ASCII.startsCaseInsensitive(bytes, with: "revert\t")
                    || ASCII.startsCaseInsensitive(bytes, with: "revert: "))
                && ASCII.containsCaseInsensitive(Array(bytes), "this reverts commit ")
        } else {
            let lowered = message.lowercased().drop { $0.isWhitespace }
            isRevert =
                (lowered.hasPrefix("revert ") || lowered.hasPrefix("revert\t") || lowered.hasPrefix("revert: "))
                && lowered.contains("this reverts commit ")
        }
    }

    /// The signals of an all-ASCII message, scanned in place: the same tests as the `isASCII` path of
    /// ``init(message:bytewise:)`` (which `FastPathTests` compares with the character path), without splitting the
    /// message into lines or copying it.
    private init(ascii bytes: UnsafeBufferPointer<UInt8>) {
        let count = bytes.count
        func lineEnd(_ start: Int) -> Int {
            var end = start
            while end < count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
            return end
        }
        /// Where the line after the one ending at `end` starts (`nil` after the last line).
        func nextLine(_ end: Int) -> Int? {
            guard end < count else { return nil }
            return bytes[end] == 0x0D && end + 1 < count && bytes[end + 1] == 0x0A ? end + 2 : end + 1
        }
        // The header: the first line that is not all whitespace (none: an empty header and no later lines).
        var header: Range<Int>?
        var start = 0
        while true {
            let end = lineEnd(start)
            if !(start..<end).allSatisfy({ ASCII.isWhitespace(bytes[$0]) }) {
                header = start..<end
                break
            }
            guard let next = nextLine(end) else { break }
            start = next
        }
        var bang = false
        var type: String?
        if let header {
            var wordEnd = header.lowerBound
            while wordEnd < header.upperBound, ASCII.isAlphanumeric(bytes[wordEnd]) || bytes[wordEnd] == 0x5F {
                wordEnd += 1
            }
            let rest = UnsafeBufferPointer(rebasing: bytes[wordEnd..<header.upperBound])
            let scoped = rest.first == UInt8(ascii: "(")
            bang = rest.starts(with: "!: ".utf8) || (scoped && Self.contains(rest, ")!: "))
            if bang || rest.starts(with: ": ".utf8) || (scoped && Self.contains(rest, "): ")) {
                type = String(
                    decoding: UnsafeBufferPointer(rebasing: bytes[header.lowerBound..<wordEnd]),
                    as: UTF8.self
                )
            }
        }
        self.type = type
        var note = false
        if let header, var line = nextLine(header.upperBound) {
            while !note {
                let end = lineEnd(line)
                note = Self.isBreakingNoteASCII(UnsafeBufferPointer(rebasing: bytes[line..<end]))
                guard let next = nextLine(end) else { break }
                line = next
            }
        }
        if note {
            breaking = "BREAKING CHANGE note"
        } else if bang {
            breaking = "'!' in the header"
        } else {
            breaking = nil
        }
        var first = 0
        while first < count, ASCII.isWhitespace(bytes[first]) { first += 1 }
        let trimmed = UnsafeBufferPointer(rebasing: bytes[first...])
        isRevert =
            (ASCII.startsCaseInsensitive(trimmed, with: "revert ")
                || ASCII.startsCaseInsensitive(trimmed, with: "revert\t")
                || ASCII.startsCaseInsensitive(trimmed, with: "revert: "))
            && ASCII.containsCaseInsensitive(trimmed, "this reverts commit ")
    }

    /// Whether `bytes` contain `needle`.
    private static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        needle.withUTF8Buffer { needle in
            guard bytes.count >= needle.count else { return false }
            for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
                var offset = 1
                while offset < needle.count, bytes[start + offset] == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            return false
        }
    }

    /// The note test for an ASCII line, on its bytes.
    private static func isBreakingNoteASCII(_ line: Substring) -> Bool {
        isBreakingNoteASCII(line.utf8)
    }

    private static func isBreakingNoteASCII<Bytes: Collection<UInt8>>(_ line: Bytes) -> Bool {
        let text = line.drop { $0 == 0x20 || $0 == 0x09 || $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: "*") }
        guard
            ASCII.startsCaseInsensitive(text, with: "BREAKING CHANGE")
                || ASCII.startsCaseInsensitive(text, with: "BREAKING-CHANGE")
        else { return false }
        let next = text.dropFirst("BREAKING CHANGE".utf8.count).first
        return next == UInt8(ascii: ":") || next == 0x20 || next == 0x09
    }
}

extension Result {
    fileprivate func get(orElse fallback: @autoclosure () -> Success) -> Success {
        (try? get()) ?? fallback()
    }
}
