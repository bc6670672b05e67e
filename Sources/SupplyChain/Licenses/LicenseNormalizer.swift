import SlipwayCore

/// Turns the license text packages declare into SPDX expressions where the meaning is unambiguous.
///
/// In order: a valid SPDX expression is taken as is; npm and SPDX markers (`UNLICENSED`, `SEE LICENSE IN …`,
/// `NOASSERTION`, `NONE`, Python's `UNKNOWN`) are unknown with their meaning as the reason; Python trove classifiers
/// (`License :: OSI Approved :: MIT License`) map through a table; the whole text is tried as one license name
/// (`Apache License, Version 2.0`, `MIT License (MIT)`, `GPLv3+`); Cargo's legacy `/` means `OR`; finally each
/// operand of an expression with non-SPDX names is mapped (`Apache 2.0 OR MIT`). Names without a version
/// (`BSD`, `GPL`, `Apache`), GNU versions without "only" or "or later" in free text, and "public domain" stay
/// unknown, because any choice would be a guess.
public enum LicenseNormalizer {
    /// Longer texts (a whole license pasted into the field) are not treated as names.
    static let maximumNameLength = 200

    /// The meaning of `raw`; `ecosystem` enables conventions of one ecosystem (Cargo's `/` for `OR`).
    public static func resolve(_ raw: String?, ecosystem: Ecosystem? = nil) -> LicenseResolution {
        let text = raw?.trimmingWhitespace() ?? ""
        if text.isEmpty { return .unknown(reason: "no license declared") }
        let strictError: LicenseExpressionError
        do {
            return .expression(try LicenseExpressionParser.parse(text), normalized: false)
        } catch {
            strictError = error
        }
        if let marker = marker(text) { return .unknown(reason: marker) }
        if text.contains("\n") || text.count > maximumNameLength {
            return .unknown(reason: "the field holds license text, not a license name or SPDX expression")
        }
        if text.lowercased().hasPrefix("license ::") { return classifier(text) }
        var reason: String?
        switch phrase(text) {
        case .license(let term): return .expression(.term(term), normalized: true)
        case .ambiguous(let why): reason = why
        case .none: break
        }
        if ecosystem == .cargo, text.contains("/"),
            let expression = try? LicenseExpressionParser.parse(text.replacingAll("/", with: " OR "))
        {
            return .expression(expression, normalized: true)
        }
        switch rewrite(text) {
        case .success(let expression): return .expression(expression, normalized: true)
        case .failure(let why): reason = reason ?? why
        }
        if strictError.isSyntaxError, looksLikeExpression(text) { return .invalid(strictError) }
        return .unknown(reason: reason ?? "'\(text)' is not an SPDX expression (\(strictError)) and names no license")
    }

    /// Whether the text uses expression syntax: parentheses or a standalone `AND`, `OR` or `WITH`.
    static func looksLikeExpression(_ text: String) -> Bool {
        if text.contains("(") || text.contains(")") { return true }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.uppercased() }
        return words.contains("AND") || words.contains("OR") || words.contains("WITH")
    }

    /// The meaning of a marker that says something other than a license name.
    static func marker(_ text: String) -> String? {
        let upper = text.uppercased()
        switch upper {
        case "UNLICENSED": return "UNLICENSED: the author grants no license (proprietary)"
        case "NOASSERTION": return "NOASSERTION: the license was not determined"
        case "NONE": return "NONE: the package declares that it has no license"
        case "UNKNOWN": return "declared as UNKNOWN"
        default: break
        }
        if upper.hasPrefix("SEE LICENSE IN ") {
            return "the license is in \(text.dropFirst("SEE LICENSE IN ".count)), not given as an SPDX expression"
        }
        return nil
    }

    // MARK: - Classifiers

    /// Python trove classifiers, `License :: [OSI Approved ::] <name>`, several separated by `;`.
    static func classifier(_ text: String) -> LicenseResolution {
        let parts = text.split(separator: ";").map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        guard parts.count > 1 else { return singleClassifier(text) }
        let resolutions = parts.map(singleClassifier)
        if let first = resolutions.first, first.expression != nil, resolutions.allSatisfy({ $0 == first }) {
            return first
        }
        return .unknown(
            reason: "several license classifiers and no License-Expression; the metadata does not say whether "
                + "they combine with AND or OR"
        )
    }

    private static func singleClassifier(_ text: String) -> LicenseResolution {
        let segments = text.split(separator: "::").map { $0.trimmingWhitespace() }
        guard let name = segments.last, segments.count >= 2 else {
            return .unknown(reason: "'\(text)' is not a license classifier")
        }
        if segments.count == 2, name.lowercased() == "osi approved" {
            return .unknown(reason: "the classifier only says the license is OSI approved, not which one")
        }
        if let known = classifiers[name.lowercased()] {
            switch known {
            case .license(let term): return .expression(.term(term), normalized: true)
            case .ambiguous(let why): return .unknown(reason: "classifier '\(name)': \(why)")
            }
        }
        switch phrase(name) {
        case .license(let term): return .expression(.term(term), normalized: true)
        case .ambiguous(let why): return .unknown(reason: "classifier '\(name)': \(why)")
        case .none: return .unknown(reason: "classifier '\(name)' names no single SPDX license")
        }
    }

    /// Trove license classifiers whose names the generic rules get wrong or cannot decide.
    static let classifiers: [String: PhraseMatch] = {
        let noVersion = "the classifier names no version"
        let entries: [(String, PhraseMatch)] = [
            ("apache software license", .ambiguous(noVersion)),
            ("bsd license", .ambiguous("the classifier does not say which BSD license (how many clauses)")),
            ("gnu general public license (gpl)", .ambiguous(noVersion)),
            ("gnu library or lesser general public license (lgpl)", .ambiguous(noVersion)),
            ("gnu affero general public license v3", .license(.id("AGPL-3.0-only"))),
            ("gnu affero general public license v3 or later (agplv3+)", .license(.id("AGPL-3.0-or-later"))),
            ("gnu general public license v2 (gplv2)", .license(.id("GPL-2.0-only"))),
            ("gnu general public license v2 or later (gplv2+)", .license(.id("GPL-2.0-or-later"))),
            ("gnu general public license v3 (gplv3)", .license(.id("GPL-3.0-only"))),
            ("gnu general public license v3 or later (gplv3+)", .license(.id("GPL-3.0-or-later"))),
            ("gnu lesser general public license v2 (lgplv2)", .ambiguous("LGPL v2 may mean 2.0 or 2.1")),
            ("gnu lesser general public license v2 or later (lgplv2+)", .ambiguous("LGPL v2 may mean 2.0 or 2.1")),
            ("gnu lesser general public license v3 (lgplv3)", .license(.id("LGPL-3.0-only"))),
            ("gnu lesser general public license v3 or later (lgplv3+)", .license(.id("LGPL-3.0-or-later"))),
            ("gnu free documentation license (fdl)", .ambiguous(noVersion)),
            ("academic free license (afl)", .ambiguous(noVersion)),
            ("artistic license", .ambiguous(noVersion)),
            ("apple public source license", .ambiguous(noVersion)),
            ("eiffel forum license", .ambiguous(noVersion)),
            ("zope public license", .ambiguous(noVersion)),
            ("python software foundation license", .ambiguous("it may mean PSF-2.0 or Python-2.0")),
            ("mit license", .license(.id("MIT"))),
            ("isc license (iscl)", .license(.id("ISC"))),
            ("the unlicense (unlicense)", .license(.id("Unlicense"))),
            ("zlib/libpng license", .license(.id("Zlib"))),
            ("attribution assurance license", .license(.id("AAL"))),
            ("common public license", .license(.id("CPL-1.0"))),
            ("ibm public license", .license(.id("IPL-1.0"))),
            ("intel open source license", .license(.id("Intel"))),
            ("nethack general public license", .license(.id("NGPL"))),
            ("nokia open source license", .license(.id("Nokia"))),
            ("open group test suite license", .license(.id("OGTSL"))),
            ("qt public license (qpl)", .license(.id("QPL-1.0"))),
            ("ricoh source code public license", .license(.id("RSCPL"))),
            ("sun public license", .license(.id("SPL-1.0"))),
            ("universal permissive license (upl)", .license(.id("UPL-1.0"))),
            ("university of illinois/ncsa open source license", .license(.id("NCSA"))),
            ("vovida software license 1.0", .license(.id("VSL-1.0"))),
            ("x.net license", .license(.id("Xnet"))),
            ("educational community license, version 2.0 (ecl 2.0)", .license(.id("ECL-2.0"))),
            ("cc0 1.0 universal (cc0 1.0) public domain dedication", .license(.id("CC0-1.0"))),
            ("public domain", .ambiguous("public domain is not a license; SPDX has no id for it")),
            ("other/proprietary license", .ambiguous("a proprietary license")),
        ]
        return Dictionary(entries, uniquingKeysWith: { first, _ in first })
    }()

    // MARK: - One license name

    /// The result of mapping one license name.
    enum PhraseMatch: Sendable, Hashable {
        case license(LicenseTerm)
        case ambiguous(String)
    }

    /// Names that are not ids once spaces become hyphens, keyed by that hyphenated form.
    static let aliases: [String: PhraseMatch] = {
        let bsd3 = PhraseMatch.license(.id("BSD-3-Clause"))
        let bsd2 = PhraseMatch.license(.id("BSD-2-Clause"))
        let noVersion = "it names no version"
        let vague = "it names a family of licenses, not one license text"
        let entries: [(String, PhraseMatch)] = [
            ("bsd-3", bsd3), ("bsd3", bsd3), ("new-bsd", bsd3), ("bsd-new", bsd3), ("modified-bsd", bsd3),
            ("revised-bsd", bsd3), ("bsd-revised", bsd3), ("3-clause-bsd", bsd3), ("bsd-3-clause-new", bsd3),
            ("bsd-2", bsd2), ("bsd2", bsd2), ("simplified-bsd", bsd2), ("bsd-simplified", bsd2),
            ("2-clause-bsd", bsd2),
            ("iscl", .license(.id("ISC"))),
            ("cc0", .license(.id("CC0-1.0"))),
            ("bsd", .ambiguous("it does not say which BSD license (how many clauses)")),
            ("gpl", .ambiguous(noVersion)), ("lgpl", .ambiguous(noVersion)), ("agpl", .ambiguous(noVersion)),
            ("apache", .ambiguous(noVersion)), ("mpl", .ambiguous(noVersion)), ("epl", .ambiguous(noVersion)),
            ("artistic", .ambiguous(noVersion)), ("cc-by", .ambiguous(noVersion)), ("cc-by-sa", .ambiguous(noVersion)),
            ("psf", .ambiguous("it may mean PSF-2.0 or Python-2.0")),
            ("mit-style", .ambiguous(vague)), ("bsd-style", .ambiguous(vague)), ("mit-like", .ambiguous(vague)),
            ("bsd-like", .ambiguous(vague)), ("dual", .ambiguous(vague)),
            ("public-domain", .ambiguous("public domain is not a license; SPDX has no id for it")),
            ("proprietary", .ambiguous("a proprietary license")), ("commercial", .ambiguous("a commercial license")),
        ]
        return Dictionary(entries, uniquingKeysWith: { first, _ in first })
    }()

    /// Long names rewritten to the short family name their SPDX ids start with (longest first).
    static let families: [(String, String)] = [
        ("gnu affero general public", "agpl"), ("affero general public", "agpl"),
        ("gnu lesser general public", "lgpl"), ("lesser general public", "lgpl"),
        ("gnu library general public", "lgpl"), ("library general public", "lgpl"),
        ("gnu general public", "gpl"), ("gnu gpl", "gpl"), ("general public", "gpl"),
        ("mozilla public", "mpl"), ("eclipse public", "epl"), ("apache software", "apache"),
        ("boost software", "bsl"), ("common development and distribution", "cddl"),
        ("european union public", "eupl"), ("universal permissive", "upl"), ("academic free", "afl"),
        ("open software", "osl"), ("sil open font", "ofl"), ("asl", "apache"),
    ]

    /// One license name, tried as a single SPDX term first, then through the name rules.
    static func phrase(_ text: String, depth: Int = 0) -> PhraseMatch? {
        if case .term(let term)? = try? LicenseExpressionParser.parse(text) { return .license(term) }
        guard depth < 2 else { return nil }
        var name = " " + text.lowercased().replacingAll("licence", with: "license") + " "
        name = name.replacingAll(",", with: " ").replacingAll("\t", with: " ")
        // A trailing "(…)" is often the short id (`MIT No Attribution License (MIT-0)`) or a repetition of the name
        // (`ISC License (ISCL)`); when both halves name a license they must agree.
        guard let open = name.lastIndex(of: "("), let close = name.lastIndex(of: ")"), open < close,
            name[name.index(after: close)...].trimmingWhitespace().isEmpty
        else { return plainName(name) }
        let inner = phrase(String(name[name.index(after: open)..<close]), depth: depth + 1)
        let outer = plainName(String(name[..<open]) + " ")
        switch (outer, inner) {
        case (.license(let left), .license(let right)):
            if left == right { return outer }
            return .ambiguous("'\(text)' names two different licenses (\(left) and \(right))")
        case (.license, _): return outer
        case (_, .license): return inner
        default: return outer
        }
    }

    /// A lowercased license name without a trailing parenthesis, padded with spaces.
    private static func plainName(_ padded: String) -> PhraseMatch? {
        var name = padded
        var orLater = false
        var only = false
        for suffix in [" or any later version ", " or later ", " or-later ", " or newer ", "+ "]
        where name.contains(suffix) {
            orLater = true
            name = name.replacingAll(suffix, with: " ")
        }
        if name.contains(" only ") {
            only = true
            name = name.replacingAll(" only ", with: " ")
        }
        for (long, short) in families { name = name.replacingAll(" \(long) ", with: " \(short) ") }
        let filler: Set<String> = ["the", "license", "version", "ver", "ver."]
        var words: [String] = []
        for word in name.split(separator: " ") where !filler.contains(String(word)) {
            words += splitVersion(String(word))
        }
        guard !words.isEmpty else { return nil }
        let key = words.joined(separator: "-")
        if let alias = aliases[key] { return alias }
        var candidates = [key]
        // A bare major version (`Apache-2`, `GPL 3`) means `.0`.
        if let last = key.split(separator: "-").last, last.allSatisfy(\.isNumber) { candidates.append(key + ".0") }
        for candidate in candidates {
            guard let entry = SPDXLicenseList.license(candidate) else { continue }
            if let successor = SPDXLicenseList.successor(of: entry.id, orLater: orLater) {
                if orLater || only { return .license(.id(successor)) }
                return .ambiguous(
                    "it does not say whether later versions are allowed (\(entry.id)-only or \(entry.id)-or-later)"
                )
            }
            return .license(.id(entry.id, orLater: orLater && !entry.id.hasSuffix("-or-later")))
        }
        return nil
    }

    /// `gplv3` → `gpl`, `3`; `v2.0` → `2.0`; other words unchanged.
    static func splitVersion(_ word: String) -> [String] {
        let characters = Array(word)
        guard let v = characters.lastIndex(of: "v"), v + 1 < characters.count,
            characters[(v + 1)...].allSatisfy({ $0.isNumber || $0 == "." }),
            characters[..<v].allSatisfy(\.isLetter)
        else { return [word] }
        let family = String(characters[..<v])
        let version = String(characters[(v + 1)...])
        return family.isEmpty ? [version] : [family, version]
    }

    // MARK: - Expressions with non-SPDX operands

    enum Rewrite {
        case success(LicenseExpression)
        case failure(String)
    }

    /// Maps each operand of `text` (the words between operators and parentheses) and parses the result.
    static func rewrite(_ text: String) -> Rewrite {
        var rewriter = OperandRewriter()
        var word = ""
        for character in text {
            switch character {
            case " ", "\t", "\n", "\r":
                rewriter.word(word)
                word = ""
            case "(", ")":
                rewriter.word(word)
                word = ""
                rewriter.symbol(String(character))
            default:
                word.append(character)
            }
        }
        rewriter.word(word)
        rewriter.flushPhrase()
        if let failure = rewriter.failure { return .failure(failure) }
        guard rewriter.changed,
            let expression = try? LicenseExpressionParser.parse(rewriter.output.joined(separator: " "))
        else {
            return .failure("'\(text)' is not an SPDX expression")
        }
        return .success(expression)
    }
}

/// Rebuilds an expression word by word, replacing each run of non-operator words with the SPDX id it names.
private struct OperandRewriter {
    var output: [String] = []
    var phraseWords: [String] = []
    var afterWith = false
    var changed = false
    var failure: String?

    mutating func symbol(_ symbol: String) {
        flushPhrase()
        output.append(symbol)
    }

    mutating func word(_ text: String) {
        guard !text.isEmpty else { return }
        let upper = text.uppercased()
        if upper == "AND" || upper == "OR" || upper == "WITH" {
            flushPhrase()
            afterWith = upper == "WITH"
            changed = changed || upper != text
            output.append(upper)
        } else {
            phraseWords.append(text)
        }
    }

    mutating func flushPhrase() {
        guard !phraseWords.isEmpty else { return }
        let phrase = phraseWords.joined(separator: " ")
        phraseWords = []
        if afterWith {
            afterWith = false
            if let exception = SPDXLicenseList.exception(phrase.replacingAll(" ", with: "-")) {
                changed = changed || exception.id != phrase
                output.append(exception.id)
            } else {
                failure = failure ?? "'\(phrase)' is not a license exception"
                output.append(phrase)
            }
            return
        }
        switch LicenseNormalizer.phrase(phrase) {
        case .license(let term):
            changed = changed || term.description != phrase
            output.append(term.description)
        case .ambiguous(let why):
            failure = failure ?? "'\(phrase)': \(why)"
            output.append(phrase)
        case nil:
            failure = failure ?? "'\(phrase)' names no SPDX license"
            output.append(phrase)
        }
    }
}
