import SlipwayCore
import Testing

@testable import WorkflowAudit

/// The ASCII byte paths of `StringSearch` against the standard library's `Character` operations they replace.
@Suite
struct StringSearchTests {
    static let texts: [String] = [
        "", "/", "//", "a", "a/b", "/a/b/", "a//b", "actions/checkout@v4", "owner/repo/path/x@ref@v1",
        "line 1\nline 2\n\nline 4\n", "\n\n", "crlf\r\nline\r\n", "tab\tsemi;colon a b",
        "héllo/wörld@é", "e\u{301}/x@y", "a/\u{301}b", "emoji 😀/b@c", "x;y\tz\nw",
    ]

    static let separators: [Unicode.Scalar] = ["/", "\n", " ", "@", ";", "."]

    @Test("splitASCII gives the standard library's split for every maxSplits and omitting choice")
    func split() {
        var compared = 0
        for text in Self.texts {
            for separator in Self.separators {
                for maxSplits in [0, 1, 2, Int.max] {
                    for omitting in [true, false] {
                        let expected = text.split(
                            separator: Character(separator),
                            maxSplits: maxSplits,
                            omittingEmptySubsequences: omitting
                        )
                        let actual = text.splitASCII(
                            separator,
                            maxSplits: maxSplits,
                            omittingEmptySubsequences: omitting
                        )
                        #expect(actual == expected, "\(text.debugDescription) on \(separator.escaped(asASCII: true))")
                        // The same on a substring, which keeps its base string's indices.
                        let sub = text.dropFirst()
                        #expect(
                            sub.splitASCII(separator, maxSplits: maxSplits, omittingEmptySubsequences: omitting)
                                == sub.split(
                                    separator: Character(separator),
                                    maxSplits: maxSplits,
                                    omittingEmptySubsequences: omitting
                                )
                        )
                        compared += 1
                    }
                }
            }
        }
        #expect(compared == Self.texts.count * Self.separators.count * 8)
    }

    @Test("splitASCII with a byte predicate matches the Character predicate it stands for")
    func splitWhere() {
        for text in Self.texts {
            let expected = text.split { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == ";" }
            let actual = text.splitASCII { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == UInt8(ascii: ";") }
            #expect(actual == expected, "\(text.debugDescription)")
        }
    }

    @Test("lastIndexASCII and firstIndexASCII give the standard library's indices")
    func indices() {
        for text in Self.texts {
            for separator in Self.separators {
                #expect(text.lastIndexASCII(of: separator) == text.lastIndex(of: Character(separator)))
                #expect(text.firstIndexASCII(of: separator) == text.firstIndex(of: Character(separator)))
            }
        }
    }

    @Test("isPlainASCII: one byte per Character")
    func plain() {
        #expect("abc/def".isPlainASCII)
        #expect("".isPlainASCII)
        #expect(!"crlf\r\n".isPlainASCII)
        #expect(!"é".isPlainASCII)
    }
}

/// Discovery's byte-level path helpers against `PathUtilities`, which they stand in for.
@Suite
struct FileDiscoveryPathTests {
    @Test(
        "lastComponent and directory give PathUtilities' answers",
        arguments: [
            "", "/", "a", "/a", "a/", "a/b", "/a/b/c.yml", "owner__repo__.github__workflows__ci.yml",
            "x/.github/workflows/release.yml", "é/ü/action.yml", "a\r\n/b", "e\u{301}/f",
        ]
    )
    func helpers(path: String) {
        #expect(FileDiscovery.lastComponent(of: path) == PathUtilities.lastComponent(of: path))
        #expect(FileDiscovery.directory(of: path) == PathUtilities.directory(of: path))
    }
}
