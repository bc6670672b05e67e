import Testing
import Versioning

@Suite struct IssueKeysTests {
    let keys = IssueKeys(projects: ["ABC", "PLAT"])

    @Test("finds allowed keys and ignores look-alikes such as SHA-256 and UTF-8")
    func allowList() {
        #expect(keys.keys(in: "ABC-123 use SHA-256 and UTF-8, see PLAT-7 and XYZ-9") == ["ABC-123", "PLAT-7"])
    }

    @Test(
        "a key must stand alone",
        arguments: ["XABC-1", "ABC-12x", "abc-1", "ABC-", "ABC_1", "PLAT-ABC-1", "1ABC-2"]
    )
    func boundaries(_ text: String) {
        #expect(keys.keys(in: text).isEmpty)
    }

    @Test("keys in brackets, after punctuation and at line ends count")
    func punctuation() {
        #expect(keys.keys(in: "[ABC-1] (PLAT-22), ABC-3.\nABC-4") == ["ABC-1", "PLAT-22", "ABC-3", "ABC-4"])
    }

    @Test("collects from header, body and footers, deduplicated in first-seen order")
    func commits() {
        let first = ConventionalCommit(
            hash: "1111111111111111111111111111111111111111",
            header: "feat(api): ABC-2 paging",
            type: "feat",
            scope: "api",
            description: "ABC-2 paging",
            body: "Also touches PLAT-5 and ABC-2.",
            footers: [CommitFooter(token: "Refs", value: "ABC-1")]
        )
        let second = ConventionalCommit(
            hash: "2222222222222222222222222222222222222222",
            header: "fix: checksum uses SHA-256",
            type: "fix",
            description: "checksum uses SHA-256",
            footers: [CommitFooter(token: "Jira", value: "PLAT-5, ABC-9")]
        )
        #expect(keys.keys(in: first) == ["ABC-2", "PLAT-5", "ABC-1"])
        #expect(keys.keys(in: [first, second]) == ["ABC-2", "PLAT-5", "ABC-1", "ABC-9"])
    }

    @Test("an empty allow-list finds nothing")
    func emptyAllowList() {
        #expect(IssueKeys(projects: []).keys(in: "ABC-1").isEmpty)
    }
}
