import SlipwayCore
import SlipwayTestSupport
import Testing

@testable import WorkflowAudit

/// The fast reader against `YAMLLoader` (Yams), its oracle: whenever the fast reader builds a tree, it must be the
/// tree Yams builds, node by node with every value, style and position; when it cannot, it must say so (`nil`).
@Suite
struct FastYAMLReaderTests {
    /// Where two trees first differ, as a path and both sides, or `nil` when they are equal.
    static func firstDifference(_ fast: YAMLNode, _ yams: YAMLNode, at path: String = "$") -> String? {
        switch (fast, yams) {
        case (.scalar(let left), .scalar(let right)):
            return left == right ? nil : "\(path): fast \(describe(left)) vs Yams \(describe(right))"
        case (.mapping(let left), .mapping(let right)):
            if left.position != right.position || left.isFlow != right.isFlow {
                return "\(path): mapping at \(left.position) flow \(left.isFlow) vs \(right.position) \(right.isFlow)"
            }
            if left.entries.count != right.entries.count {
                return "\(path): \(left.keys) vs \(right.keys)"
            }
            for (leftEntry, rightEntry) in zip(left.entries, right.entries) {
                if leftEntry.key != rightEntry.key {
                    return "\(path): key \(describe(leftEntry.key)) vs \(describe(rightEntry.key))"
                }
                if let difference = firstDifference(
                    leftEntry.value,
                    rightEntry.value,
                    at: path + "." + leftEntry.key.value
                ) {
                    return difference
                }
            }
            return nil
        case (.sequence(let left), .sequence(let right)):
            if left.position != right.position || left.isFlow != right.isFlow || left.items.count != right.items.count {
                return "\(path): sequence at \(left.position) (\(left.items.count) items) vs \(right.position) "
                    + "(\(right.items.count) items)"
            }
            for (index, (leftItem, rightItem)) in zip(left.items, right.items).enumerated() {
                if let difference = firstDifference(leftItem, rightItem, at: "\(path)[\(index)]") { return difference }
            }
            return nil
        default:
            return "\(path): fast \(fast.kindName) at \(fast.position) vs Yams \(yams.kindName) at \(yams.position)"
        }
    }

    static func describe(_ scalar: YAMLScalar) -> String {
        "\(String(reflecting: scalar.value)) \(scalar.style) at \(scalar.position) tag \(scalar.tag ?? "-")"
    }

    /// Checks the invariant on `text`; returns whether the fast reader handled it.
    @discardableResult
    static func check(_ text: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Bool
    {
        guard let fast = FastYAMLReader.read(text) else { return false }
        do {
            let yams = try YAMLLoader.load(text, path: name)
            #expect(
                firstDifference(fast, yams) == nil,
                "\(name): \(firstDifference(fast, yams) ?? "")",
                sourceLocation: sourceLocation
            )
            #expect(fast == yams, "\(name)", sourceLocation: sourceLocation)
        } catch {
            Issue.record(
                "\(name): the fast reader built a tree but Yams fails: \(error)",
                sourceLocation: sourceLocation
            )
        }
        return true
    }

    static func corpusTexts() throws -> [(name: String, text: String)] {
        let fileSystem = LocalFileSystem()
        let directory = Corpus.workflowsDirectory
        return try fileSystem.contentsOfDirectory(at: directory)
            .filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }
            .sorted()
            .compactMap { name in
                YAMLLoader.decodeUTF8(try fileSystem.readFile(at: directory + "/" + name)).map { (name, $0) }
            }
    }

    @Test(
        "every corpus file: the fast reader's tree is Yams' tree, and it reads all but the invalid one",
        .enabled(if: Corpus.isAvailable, "shared corpus not present (../shared/corpus/workflows)")
    )
    func corpusTreesMatchYams() throws {
        let texts = try Self.corpusTexts()
        #expect(texts.count >= 160)
        var unread: [String] = []
        for (name, text) in texts where !Self.check(text, name) { unread.append(name) }
        // The one invalid file must fall back (Yams reports its error); every valid file takes the fast path.
        #expect(unread == ["terraform-aws-modules__terraform-aws-eks__.github__workflows__release.yml"], "\(unread)")
    }

    @Test(
        "corpus variants: every line-prefix cut, a missing final newline and a trailing comment keep the invariant",
        .enabled(if: Corpus.isAvailable, "shared corpus not present (../shared/corpus/workflows)")
    )
    func corpusVariantsMatchYams() throws {
        var handled = 0
        var total = 0
        for (name, text) in try Self.corpusTexts() {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            // Cuts at every fifth line exercise empty values at the end, open block scalars and unclosed flows.
            for cut in stride(from: 1, to: lines.count, by: 5) {
                let prefix = lines[..<cut].joined(separator: "\n")
                total += 2
                if Self.check(prefix, "\(name) lines 1-\(cut)") { handled += 1 }
                if Self.check(prefix + "\n", "\(name) lines 1-\(cut) + newline") { handled += 1 }
            }
            let trimmed = String(text.reversed().drop { $0 == "\n" }.reversed())
            total += 3
            if Self.check(trimmed, "\(name) without final newline") { handled += 1 }
            if Self.check(trimmed + "\n# trailing", "\(name) + trailing comment") { handled += 1 }
            if Self.check("---\n" + text + "...\n", "\(name) in --- / ...") { handled += 1 }
        }
        // Most variants are valid YAML the fast reader handles; a collapse here means it falls back too often.
        #expect(handled * 10 >= total * 8, "fast path on \(handled) of \(total) variants")
    }

    /// Inputs the fast reader handles, each with a construct whose value or position is easy to get wrong.
    static let supported: [String] = [
        "a: 1\nb: two words\nc:\n",
        "a: 1\nb:",
        "a:\n  b:\n  c: 1\n",
        "a:\n  b:\n# comment\n",
        "a:\n  b:\n# comment",
        "a:\n    b:\n  # c",
        "a:\n  - x\n  - y\nb: z\n",
        "a:\n- x\n- y\nb: z\n",
        "a:\n- x: 1\n  y: 2\n- z\n",
        "- a\n- b: c\n  d: e\n-\n  f: g\n",
        "steps:\n  - name: x\n    run: |\n      echo 1\n\n      echo 2\n    shell: bash\n",
        "run: |\n  a\n   b\n\n  c\n\n\nnext: 1\n",
        "run: |-\n  a\n  b\n\n",
        "run: |+\n  a\n  b\n\n\nx: 1\n",
        "run: >\n  a\n  b\n\n  c\n   d\n  e\n",
        "run: >-\n  one\n  two\n",
        "run: >+\n  one\n\n",
        "run: |2\n    indented\n  less\n",
        "run: |1-\n  x\n",
        "run: >2+\n   y\n",
        "run: |\n\n\n  late\n",
        "run: |\n  a\n# not part\nb: c\n",
        "run: |\nb: c\n",
        "run: |   # comment\n  a\n",
        "- |\n  in a sequence\n- >\n  folded\n  here\n",
        "a: plain\n  continued\n  \n  after blank\nb: 1\n",
        "a: 'single ''quoted'''\nb: \"double \\\"q\\\" \\n \\t \\x41 \\u00e9 \\U0001F600 \\\\ \\/ \\0 \\e \\N \\_ \\L \\P\"\n",
        "a: 'multi\n  line\n\n  quoted '\nb: \"x\\\n   y\"\nc: \"p  \n  q\"\n",
        "a: \"x\\\n\n  y\"\n",
        "'quoted key': 1\n\"dq key\" : 2\n",
        "a: [1, 2, 'three', \"four\"]\nb: {c: d, 'e': [f, {g: h}]}\nc: []\nd: {}\n",
        "a: [one,\n  two, # comment\n  three]\nb: 1\n",
        "a: {x: 1,\n   y: 2}\n",
        "a: [a b, c:d, -e]\n",
        "base: &base\n  x: 1\n  y: [1, 2]\nuse: *base\nscalar: &s value\nagain: *s\nlist: &l\n  - 1\nmore: *l\n",
        "a: &x 1\nb: &x 2\nc: *x\n",
        "<<: &m {a: 1}\nk: *m\n",
        "---\na: 1\n",
        "--- # start\na: 1\n...\n",
        "a: 1\n...\n# after\n",
        "# only a comment\n\n\na: b # trailing\n",
        "  indented: root\n  second: 2\n",
        "é: ü\nkey: x é y\nunicode: \"ünï\"\nafter: é\n  continued\n",
        "emoji: 😀 and more\nnext: 1\n",
        "a: b#c\nd: e # f\ng: 'h'#i\n",
        "a: -1\nb: --x\nc: ~\nd: null\ne: true\nf: 1.5\n",
        "on:\n  push:\n    branches: [main]\n  pull_request:\njobs:\n  build:\n    runs-on: ubuntu-latest\n",
        "if: ${{ github.event_name == 'push' &&\n  !contains(github.ref, 'x') }}\nx: 1\n",
        "a:\n  - - not compact\n",
        "a: 'x'\n",
        "[a, b]\n",
        "- just\n- a list\n",
        "plain root scalar\n",
        "a:\n  b:\n    c:\n      d: deep\n  e: back\nf: top\n",
        "a: |\n  x\n",
        "a: >\n\n  folded after blank\n",
        "k:\n  |\n    block on its own line\n",
        "a: x\nb:\n\n\n",
        "a:\n  b: 1\n  c:",
        "a:\n  b: 1\n  c:\n   # deeper comment",
        "a:\n  - b:\n    c: 1\n",
        "a: [\n  1,\n  2\n]\n",
        "a: {\n  \"k\": \"v\"\n}\n",
        "x: \"\"\ny: ''\n",
        "a: [1, 2,]\nb: {c: d, }\nm:\n  - {\n      k: v,\n      l: w,\n    }\n",
        "x: 'a\n\n\n  b'\n",
    ]

    @Test("tricky fixtures: the fast reader reads them, and builds Yams' tree", arguments: supported)
    func supportedFixturesMatchYams(_ text: String) {
        var handled = false
        #expect(throws: Never.self) { handled = Self.check(text, "fixture") }
        // A few fixtures are valid YAML the reader leaves to Yams on purpose (nested compact sequences); the rest
        // must take the fast path or this test is not testing it.
        if !text.hasPrefix("a:\n  - - ") { #expect(handled, "fell back on:\n\(text)") }
    }

    /// Inputs the fast reader must leave to Yams (unsupported constructs, several documents, errors).
    static let unsupported: [String] = [
        "a: !!str 1\n",
        "%YAML 1.1\n---\na: 1\n",
        "a: 1\n---\nb: 2\n",
        "a:\tb\n",
        "a: 1\r\nb: 2\r\n",
        "a: 1\na: 2\n",
        "? complex\n: key\n",
        "[a]: b\n",
        "a: b: c\n",
        "a: *undefined\n",
        "a: 'unterminated\n",
        "a:\n  b: 1\n c: 2\n",
        "- a\n-\n- b\n",
        "",
        "# only comments\n",
        "a: {b}\n",
        "a: \"\\q\"\n",
        "\u{FEFF}a: 1\n",
        "a: x\u{2028}y\n",
        "a: &anchor\nb: 1\n",
        "key: - x\n",
        "a: |0\n  x\n",
    ]

    @Test("unsupported inputs fall back to Yams", arguments: unsupported)
    func unsupportedFixturesFallBack(_ text: String) {
        #expect(FastYAMLReader.read(text) == nil, "read:\n\(text)")
    }

    @Test("limits: more nodes or deeper nesting than allowed falls back, so Yams reports the limit")
    func limitsFallBack() {
        let limits = YAMLLimits(maximumBytes: 1 << 20, maximumNodes: 10, maximumDepth: 4)
        let wide = (0..<20).map { "k\($0): v" }.joined(separator: "\n")
        #expect(FastYAMLReader.read(wide, limits: limits) == nil)
        let deep = "a:\n b:\n  c:\n   d:\n    e:\n     f: 1\n"
        #expect(FastYAMLReader.read(deep, limits: limits) == nil)
        let bomb = "a: &a\n  - x\n  - x\nb: &b\n  - *a\n  - *a\nc: &c\n  - *b\n  - *b\nd:\n  - *c\n  - *c\n"
        #expect(FastYAMLReader.read(bomb, limits: limits) == nil)
        #expect(FastYAMLReader.read(bomb) != nil)
        let large = String(repeating: "a: 1\n", count: 10)
        #expect(FastYAMLReader.read(large, limits: YAMLLimits(maximumBytes: 20)) == nil)
    }
}
