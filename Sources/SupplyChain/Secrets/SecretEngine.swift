/// Finds secrets in bytes: one pass over the buffer looks for every rule keyword at once (a bigram table, then a
/// byte compare), and only where a keyword occurs does a rule's pattern or hand-written matcher run, in a small
/// window of that line.
public struct SecretEngine: Sendable {
    /// The rules in effect, built-in and custom.
    public let rules: [SecretRule]
    let stopwords: [String]
    let allowSecrets: [CompiledPattern]
    /// Rules whose own allowlists (from a gitleaks configuration) apply on top of the global ones.
    let ruleAllowSecrets: [[CompiledPattern]]
    let ruleStopwords: [[String]]

    private let keywords: [[UInt8]]
    private let keywordRules: [[Int]]
    /// CSR table: the keywords starting with bigram `b` are `bigramKeywords[bigramStart[b]..<bigramStart[b + 1]]`.
    private let bigramStart: [Int32]
    private let bigramKeywords: [Int32]
    private let bigramBits: [UInt64]
    /// Rules without a usable keyword: run on every line.
    private let unkeyedRules: [Int]
    /// Rules that came with the product (their patterns get the word-boundary check).
    private let builtInIDs: Set<String>

    /// The marker that suppresses findings on its line and the line below.
    public static let allowMarker = Array("slipway:allow-secret".utf8)

    /// Creates an engine for `rules`, with placeholder `stopwords` and `allowSecrets` patterns on the secret.
    init(
        rules: [SecretRule],
        stopwords: [String] = SecretText.defaultStopwords,
        allowSecrets: [CompiledPattern] = [],
        ruleAllowSecrets: [String: [CompiledPattern]] = [:],
        ruleStopwords: [String: [String]] = [:]
    ) {
        self.rules = rules
        self.stopwords = stopwords.map { $0.lowercased() }
        self.allowSecrets = allowSecrets
        self.ruleAllowSecrets = rules.map { ruleAllowSecrets[$0.id] ?? [] }
        self.ruleStopwords = rules.map { (ruleStopwords[$0.id] ?? []).map { $0.lowercased() } }
        builtInIDs = Set(SecretRuleCatalog.builtIn.map(\.id))

        var keywordIndex: [[UInt8]: Int] = [:]
        var keywords: [[UInt8]] = []
        var keywordRules: [[Int]] = []
        var unkeyed: [Int] = []
        for (ruleIndex, rule) in rules.enumerated() {
            let usable = rule.keywords.map { Array($0.utf8).map(ByteText.lower) }.filter { $0.count >= 2 }
            if usable.isEmpty || usable.count != rule.keywords.count {
                unkeyed.append(ruleIndex)
                continue
            }
            for keyword in Set(usable) {
                if let existing = keywordIndex[keyword] {
                    keywordRules[existing].append(ruleIndex)
                } else {
                    keywordIndex[keyword] = keywords.count
                    keywords.append(keyword)
                    keywordRules.append([ruleIndex])
                }
            }
        }
        var buckets = [[Int32]](repeating: [], count: 65_536)
        var bits = [UInt64](repeating: 0, count: 1024)
        for (index, keyword) in keywords.enumerated() {
            let bigram = Int(keyword[0]) << 8 | Int(keyword[1])
            buckets[bigram].append(Int32(index))
            bits[bigram >> 6] |= 1 << UInt64(bigram & 63)
        }
        var start = [Int32](repeating: 0, count: 65_537)
        var flat: [Int32] = []
        for bigram in 0..<65_536 {
            start[bigram] = Int32(flat.count)
            flat += buckets[bigram]
        }
        start[65_536] = Int32(flat.count)
        self.keywords = keywords
        self.keywordRules = keywordRules
        bigramStart = start
        bigramKeywords = flat
        bigramBits = bits
        unkeyedRules = unkeyed
    }

    /// Every secret in `bytes`, suppressed ones included (with their reason), in buffer order.
    func scan(_ bytes: [UInt8]) -> [SecretMatch] {
        bytes.withUnsafeBufferPointer { scan($0) }
    }

    /// Every secret in `buffer`, suppressed ones included (with their reason), in buffer order.
    func scan(_ buffer: UnsafeBufferPointer<UInt8>) -> [SecretMatch] {
        var state = ScanState(buffer: buffer)
        let count = buffer.count
        if count >= 2, !keywords.isEmpty {
            bigramBits.withUnsafeBufferPointer { bits in
                bigramStart.withUnsafeBufferPointer { starts in
                    bigramKeywords.withUnsafeBufferPointer { list in
                        var previous = ByteText.lower(buffer[0])
                        var index = 1
                        while index < count {
                            let current = ByteText.lower(buffer[index])
                            let bigram = Int(previous) << 8 | Int(current)
                            previous = current
                            if bits[bigram >> 6] & (1 << UInt64(bigram & 63)) != 0 {
                                let at = index - 1
                                for slot in Int(starts[bigram])..<Int(starts[bigram + 1]) {
                                    let keyword = Int(list[slot])
                                    if matchesKeyword(keyword, in: buffer, at: at) {
                                        for rule in keywordRules[keyword] {
                                            evaluate(
                                                rule,
                                                keywordAt: at,
                                                keywordLength: keywords[keyword].count,
                                                &state
                                            )
                                        }
                                    }
                                }
                            }
                            index += 1
                        }
                    }
                }
            }
        }
        if !unkeyedRules.isEmpty { scanEveryLine(&state) }
        return state.finish(generic: rules.firstIndex { $0.id == GenericSecretMatcher.ruleID })
    }

    @inline(__always)
    private func matchesKeyword(_ keyword: Int, in buffer: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        let bytes = keywords[keyword]
        guard offset + bytes.count <= buffer.count else { return false }
        var index = 2
        while index < bytes.count {
            if ByteText.lower(buffer[offset + index]) != bytes[index] { return false }
            index += 1
        }
        return true
    }

    private func scanEveryLine(_ state: inout ScanState) {
        var start = 0
        let buffer = state.buffer
        while start < buffer.count {
            var end = start
            while end < buffer.count, buffer[end] != ByteText.newline { end += 1 }
            for rule in unkeyedRules { evaluate(rule, keywordAt: start, keywordLength: 0, &state) }
            start = end + 1
        }
    }

    /// Runs rule `ruleIndex` around a keyword found at `offset`.
    private func evaluate(_ ruleIndex: Int, keywordAt offset: Int, keywordLength: Int, _ state: inout ScanState) {
        let line = state.line(containing: offset)
        let rule = rules[ruleIndex]
        let buffer = state.buffer
        switch rule.matcher {
        case .anchored(let pattern, let group, let span):
            if offset > 0, ByteText.isAlphanumeric(buffer[offset - 1]) { return }
            let window = offset..<min(line.end, offset + span)
            let text = ByteText.asciiString(buffer, window)
            guard let regex = pattern.regex, let match = try? regex.prefixMatch(in: text),
                let range = Self.range(of: match, group: group, in: text)
            else { return }
            accept(ruleIndex, window.lowerBound + range.lowerBound, window.lowerBound + range.upperBound, line, &state)
        case .context(let pattern, let group, let before, let after):
            let window = max(line.start, offset - before)..<min(line.end, offset + keywordLength + after)
            searchAll(pattern, group: group, ruleIndex, window: window, line, &state)
        case .line(let pattern, let group):
            guard state.markEvaluated(rule: ruleIndex, line: line.number) else { return }
            var start = line.start
            // Very long lines (minified files) are searched in overlapping slices to bound each regex run.
            repeat {
                let window = start..<min(line.end, start + 16_384)
                searchAll(pattern, group: group, ruleIndex, window: window, line, &state)
                start += 16_384 - 512
            } while start + 512 < line.end
        case .privateKey:
            if let found = StructuralMatchers.privateKey(in: buffer, keywordAt: offset, line: line) {
                accept(ruleIndex, found.start, found.end, line, &state, secret: found.secret)
            }
        case .urlPassword:
            if let found = StructuralMatchers.urlPassword(in: buffer, separatorAt: offset, line: line) {
                accept(ruleIndex, found.lowerBound, found.upperBound, line, &state)
            }
        case .generic:
            if let found = GenericSecretMatcher.match(
                in: buffer,
                keywordAt: offset,
                keywordLength: keywordLength,
                line: line
            ) {
                accept(ruleIndex, found.lowerBound, found.upperBound, line, &state)
            }
        case .serviceAccount:
            if let found = StructuralMatchers.serviceAccount(in: buffer, keywordAt: offset, line: line) {
                accept(ruleIndex, found.start, found.end, line, &state, secret: found.secret)
            }
        }
    }

    private func searchAll(
        _ pattern: CompiledPattern,
        group: Int,
        _ ruleIndex: Int,
        window: Range<Int>,
        _ line: LineSpan,
        _ state: inout ScanState
    ) {
        guard !window.isEmpty, let regex = pattern.regex else { return }
        let text = ByteText.asciiString(state.buffer, window)
        for match in text.matches(of: regex) {
            guard let range = Self.range(of: match, group: group, in: text) else { continue }
            accept(ruleIndex, window.lowerBound + range.lowerBound, window.lowerBound + range.upperBound, line, &state)
        }
    }

    private static func range(of match: Regex<AnyRegexOutput>.Match, group: Int, in text: String) -> Range<Int>? {
        let output = match.output
        let index = group < output.count ? group : 0
        guard let range = output[index].range, !range.isEmpty else { return nil }
        let utf8 = text.utf8
        let start = utf8.distance(from: utf8.startIndex, to: range.lowerBound)
        return start..<(start + utf8.distance(from: range.lowerBound, to: range.upperBound))
    }

    /// Applies the checks every candidate goes through, then records it (suppressed or not).
    private func accept(
        _ ruleIndex: Int,
        _ start: Int,
        _ end: Int,
        _ line: LineSpan,
        _ state: inout ScanState,
        secret given: String? = nil
    ) {
        guard end > start, state.markSeen(rule: ruleIndex, start: start) else { return }
        let rule = rules[ruleIndex]
        let buffer = state.buffer
        if builtInIDs.contains(rule.id), start > 0, ByteText.isAlphanumeric(buffer[start - 1]),
            case .context = rule.matcher
        {
            return
        }
        // A specific rule's candidate, even one its checks reject below (a bad checksum, an example value), is
        // not the generic rule's to report.
        if rule.id != GenericSecretMatcher.ruleID { state.claimed.append(start..<end) }
        let secret = given ?? ByteText.string(buffer, start..<end)
        if let minimum = rule.minimumEntropy, Entropy.shannon(secret.utf8) < minimum { return }
        if let validator = rule.validator, !validator.accepts(secret) { return }
        if SecretText.isPlaceholder(secret, stopwords: stopwords + ruleStopwords[ruleIndex]) { return }
        var suppression: SecretSuppression?
        let allowPatterns = allowSecrets + ruleAllowSecrets[ruleIndex]
        if allowPatterns.contains(where: { $0.occurs(in: secret) }) {
            suppression = .allowlist
        } else if state.hasAllowMarker(line) {
            suppression = .inline
        }
        let lineLength = line.end - start
        state.matches.append(
            SecretMatch(
                ruleIndex: ruleIndex,
                secret: secret,
                line: line.number,
                column: start - line.start + 1,
                endColumn: start - line.start + 1 + min(end - start, lineLength),
                suppression: suppression
            )
        )
        state.spans.append(start..<end)
    }
}

/// A line of the buffer: `[start, end)` without its newline, and its 1-based number.
struct LineSpan: Sendable {
    var start: Int
    var end: Int
    var number: Int
}

/// Per-buffer scanning state: the current line (found lazily, keyword hits arrive in increasing offsets), the
/// matches so far and what was already evaluated.
struct ScanState {
    let buffer: UnsafeBufferPointer<UInt8>
    var matches: [SecretMatch] = []
    /// The buffer range of each match, parallel to `matches`.
    var spans: [Range<Int>] = []
    /// Ranges of candidates of specific (non-generic) rules, accepted or not.
    var claimed: [Range<Int>] = []
    private var current = LineSpan(start: 0, end: -1, number: 0)
    private var seen = Set<Int>()
    private var evaluatedLines = Set<Int>()

    init(buffer: UnsafeBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    /// The line holding `offset`.
    mutating func line(containing offset: Int) -> LineSpan {
        if offset >= current.start, offset <= current.end, current.end >= 0 { return current }
        if offset < current.start { current = LineSpan(start: 0, end: -1, number: 0) }
        var start = current.end < 0 ? 0 : current.end + 1
        var number = current.number + 1
        while true {
            var end = start
            while end < buffer.count, buffer[end] != ByteText.newline { end += 1 }
            if offset <= end || end >= buffer.count {
                current = LineSpan(start: start, end: end, number: number)
                return current
            }
            start = end + 1
            number += 1
        }
    }

    /// Records that `rule` produced a candidate at `start`; false when it already had.
    mutating func markSeen(rule: Int, start: Int) -> Bool {
        seen.insert(start &* 4099 &+ rule).inserted
    }

    /// Records that `rule` ran over line `line`; false when it already had.
    mutating func markEvaluated(rule: Int, line: Int) -> Bool {
        evaluatedLines.insert(line &* 4099 &+ rule).inserted
    }

    /// Whether `slipway:allow-secret` is on the line or the line above.
    func hasAllowMarker(_ line: LineSpan) -> Bool {
        let marker = SecretEngine.allowMarker
        if ByteText.find(marker, in: buffer, range: line.start..<line.end) != nil { return true }
        guard line.start > 0 else { return false }
        var previousStart = line.start - 1
        while previousStart > 0, buffer[previousStart - 1] != ByteText.newline { previousStart -= 1 }
        return ByteText.find(marker, in: buffer, range: previousStart..<(line.start - 1)) != nil
    }

    /// The matches, without generic-rule matches that overlap a specific rule's candidate.
    func finish(generic: Int?) -> [SecretMatch] {
        guard let generic, !claimed.isEmpty else { return matches }
        var result: [SecretMatch] = []
        for (index, match) in matches.enumerated() {
            if match.ruleIndex == generic, claimed.contains(where: { $0.overlaps(spans[index]) }) { continue }
            result.append(match)
        }
        return result
    }
}
