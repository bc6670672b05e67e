import SlipwayTestSupport
import Testing

@testable import slipway

/// Random command lines for comparing a direct reading with swift-argument-parser's.
///
/// Half are built from whole options (a name and one of its values, valid or not), half from loose words, so that
/// both the accepting and the declining side of a direct reading are exercised.
struct RandomCommandLines {
    /// An option as the generator writes it: its spellings and the values to draw from; no values: a flag; a nil
    /// value: the option given alone.
    struct Sample {
        var names: [String]
        var values: [String?] = []
    }

    var command: [String]
    var samples: [Sample]
    /// Words drawn for the loose lines and, now and then, added to a built one.
    var words: [String]
    /// Words every built line carries (`--next`).
    var required: [String] = []

    /// `count` lines from `seed`.
    func lines(_ count: Int, seed: UInt64) -> [[String]] {
        var random = SeededRandom(seed: seed)
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        let everyWord = words + samples.flatMap(\.names)
        return (0..<count).map { round in
            var items: [[String]] = required.map { [$0] }
            if round.isMultiple(of: 2) {
                for _ in 0..<Int(random.next() % 5) {
                    let sample = pick(samples)
                    let name = pick(sample.names)
                    if sample.values.isEmpty {
                        items.append([name])
                    } else if let value = pick(sample.values) {
                        items.append([name, value])
                    } else {
                        items.append([name])
                    }
                }
                if random.next() % 8 == 0 { items.append([pick(words)]) }
                items.shuffle(using: &random)
            } else {
                items += (0..<Int(random.next() % 8)).map { _ in [pick(everyWord)] }
            }
            return command + items.flatMap { $0 }
        }
    }

    /// Requires, for `count` lines from `seed`, that every line `direct` reads is one `parsed` (swift-argument-parser)
    /// accepts with equal values, and that more than `minimumRead` lines were read directly (else the comparison
    /// says little).
    func expectAgreement<Value: Equatable>(
        _ count: Int,
        seed: UInt64,
        minimumRead: Int,
        direct: ([String]) -> Value?,
        parsed: ([String]) -> Value?,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        var read = 0
        for line in lines(count, seed: seed) {
            guard let value = direct(line) else { continue }
            read += 1
            let expected = parsed(line)
            #expect(
                expected != nil,
                "read directly, but swift-argument-parser rejects \(line)",
                sourceLocation: sourceLocation
            )
            if let expected { #expect(value == expected, "\(line)", sourceLocation: sourceLocation) }
        }
        #expect(
            read > minimumRead,
            "only \(read) of \(count) command lines read directly",
            sourceLocation: sourceLocation
        )
    }
}

@Suite struct PlainCommandLineTests {
    static let reader = PlainCommandLine(
        command: ["scan", "deps"],
        options: [.value("--format", "-f"), .value("--only", repeatable: true), .flag("--offline", "-n")],
        maximumPositionals: 1
    )

    @Test("options, short spellings, repeatable values and positional words are read in order")
    func reads() throws {
        let reading = try #require(
            Self.reader.read(["scan", "deps", "-f", "json", "--only", "a", "lockfiles", "--only", "", "-n"])
        )
        #expect(reading.value("--format") == "json")
        #expect(reading.values["--only"] == ["a", ""])
        #expect(reading.flags == ["--offline"])
        #expect(reading.positionals == ["lockfiles"])
        #expect(Self.reader.read(["scan", "deps"]) == PlainCommandLine.Reading())
    }

    @Test("another command, unknown or attached spellings, missing values, repeats and extra words are declined")
    func declines() {
        for line in [
            ["scan"], ["scan", "secrets"], ["deps"], ["scan", "deps", "--help"], ["scan", "deps", "--format=json"],
            ["scan", "deps", "-nf", "json"], ["scan", "deps", "--format"], ["scan", "deps", "--format", "-n"],
            ["scan", "deps", "-f", "json", "--format", "text"], ["scan", "deps", "-n", "--offline"],
            ["scan", "deps", "a", "b"], ["scan", "deps", "--", "a"], ["scan", "deps", "-"],
        ] {
            #expect(Self.reader.read(line) == nil, "\(line)")
        }
    }

    @Test("random lines are reproducible from their seed and exercise both sides")
    func randomLines() {
        let generator = RandomCommandLines(
            command: ["scan", "deps"],
            samples: [.init(names: ["--format", "-f"], values: ["json", "--"]), .init(names: ["--offline"])],
            words: ["--help", "stray"]
        )
        let lines = generator.lines(200, seed: 7)
        #expect(lines == generator.lines(200, seed: 7))
        let read = lines.filter { Self.reader.read($0) != nil }.count
        #expect(read > 20 && read < 180, "\(read) of 200 read")
    }
}
