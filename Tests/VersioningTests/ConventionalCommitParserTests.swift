import Testing
import Versioning

@Suite struct ConventionalCommitParserTests {
    private func parse(_ message: String, hash: String = "0123456789abcdef") throws -> ConventionalCommit {
        try ConventionalCommitParser.parse(RawCommit(hash: hash, message: message)).get()
    }

    private func failure(_ message: String, hash: String = "0123456789abcdef") -> CommitParseError? {
        if case .failure(let error) = ConventionalCommitParser.parse(RawCommit(hash: hash, message: message)) {
            return error
        }
        return nil
    }

    // MARK: The examples of the Conventional Commits 1.0.0 specification

    @Test("spec example: description and breaking change footer")
    func specBreakingFooter() throws {
        let commit = try parse(
            """
            feat: allow provided config object to extend other configs

            BREAKING CHANGE: `extends` key in config file is now used for extending other config files
            """
        )
        #expect(commit.type == "feat" && commit.scope == nil && !commit.hasBreakingMarker)
        #expect(commit.description == "allow provided config object to extend other configs")
        #expect(commit.body == nil)
        #expect(
            commit.footers == [
                CommitFooter(
                    token: "BREAKING CHANGE",
                    value: "`extends` key in config file is now used for extending other config files"
                )
            ]
        )
        #expect(commit.breakingNotes == ["`extends` key in config file is now used for extending other config files"])
        #expect(commit.isBreaking)
    }

    @Test("spec example: ! to draw attention to a breaking change")
    func specBang() throws {
        let commit = try parse("feat!: send an email to the customer when a product is shipped")
        #expect(commit.type == "feat" && commit.hasBreakingMarker && commit.scope == nil)
        #expect(commit.breakingNotes == ["send an email to the customer when a product is shipped"])
    }

    @Test("spec example: scope and ! to draw attention to a breaking change")
    func specScopeBang() throws {
        let commit = try parse("feat(api)!: send an email to the customer when a product is shipped")
        #expect(commit.type == "feat" && commit.scope == "api" && commit.hasBreakingMarker)
        #expect(commit.description == "send an email to the customer when a product is shipped")
        #expect(commit.breakingNotes == ["send an email to the customer when a product is shipped"])
    }

    @Test("spec example: both ! and BREAKING CHANGE footer; the footer is the note")
    func specBangAndFooter() throws {
        let commit = try parse(
            """
            chore!: drop support for Node 6

            BREAKING CHANGE: use JavaScript features not available in Node 6.
            """
        )
        #expect(commit.type == "chore" && commit.hasBreakingMarker)
        #expect(commit.breakingNotes == ["use JavaScript features not available in Node 6."])
    }

    @Test("spec example: no body")
    func specNoBody() throws {
        let commit = try parse("docs: correct spelling of CHANGELOG")
        #expect(commit.type == "docs" && commit.description == "correct spelling of CHANGELOG")
        #expect(commit.body == nil && commit.footers.isEmpty && !commit.isBreaking)
    }

    @Test("spec example: scope")
    func specScope() throws {
        let commit = try parse("feat(lang): add Polish language")
        #expect(commit.type == "feat" && commit.scope == "lang" && commit.description == "add Polish language")
    }

    @Test("spec example: multi-paragraph body and multiple footers")
    func specMultiParagraph() throws {
        let commit = try parse(
            """
            fix: prevent racing of requests

            Introduce a request id and a reference to latest request. Dismiss
            incoming responses other than from latest request.

            Remove timeouts which were used to mitigate the racing issue but are
            obsolete now.

            Reviewed-by: Z
            Refs: #123
            """
        )
        #expect(
            commit.body == """
                Introduce a request id and a reference to latest request. Dismiss
                incoming responses other than from latest request.

                Remove timeouts which were used to mitigate the racing issue but are
                obsolete now.
                """
        )
        #expect(
            commit.footers == [
                CommitFooter(token: "Reviewed-by", value: "Z"), CommitFooter(token: "Refs", value: "#123"),
            ]
        )
        #expect(!commit.isBreaking)
    }

    @Test("spec FAQ example: revert type with a Refs footer")
    func specRevert() throws {
        let commit = try parse(
            """
            revert: let us never again speak of the noodle incident

            Refs: 676104e, a215868
            """
        )
        #expect(commit.type == "revert" && commit.revertedHeader == nil)
        #expect(commit.footers == [CommitFooter(token: "Refs", value: "676104e, a215868")])
    }

    // MARK: Footers

    @Test("BREAKING-CHANGE is a synonym and # is a separator that the value keeps")
    func footerForms() throws {
        let commit = try parse(
            """
            fix(parser): handle tabs

            BREAKING-CHANGE: tabs are now significant
            Closes #42
            Co-authored-by: A <a@example.com>
            """
        )
        #expect(
            commit.footers == [
                CommitFooter(token: "BREAKING-CHANGE", value: "tabs are now significant"),
                CommitFooter(token: "Closes", value: "#42"),
                CommitFooter(token: "Co-authored-by", value: "A <a@example.com>"),
            ]
        )
        #expect(commit.breakingNotes == ["tabs are now significant"])
    }

    @Test("a footer value continues on the following lines and a BREAKING CHANGE value across paragraphs")
    func multilineFooterValue() throws {
        let commit = try parse(
            """
            feat: new config format

            BREAKING CHANGE: the config file is now YAML.
            Convert it with `slipway config migrate`.

            Old JSON files are rejected with a message.
            Refs: #7
            """
        )
        #expect(commit.body == nil)
        #expect(
            commit.breakingNotes == [
                "the config file is now YAML.\nConvert it with `slipway config migrate`.\n\n"
                    + "Old JSON files are rejected with a message."
            ]
        )
        #expect(commit.footers.last == CommitFooter(token: "Refs", value: "#7"))
    }

    @Test("footer-looking lines followed by ordinary paragraphs stay in the body")
    func footerLookingBody() throws {
        let commit = try parse(
            """
            fix: keep the cache warm

            Note: the cache was cold after deploys.

            This paragraph explains the fix and is not a footer.
            """
        )
        #expect(commit.footers.isEmpty)
        #expect(
            commit.body
                == "Note: the cache was cold after deploys.\n\nThis paragraph explains the fix and is not a footer."
        )
    }

    @Test("a lowercase 'breaking change:' line is not a breaking footer (the token must be uppercase)")
    func lowercaseBreaking() throws {
        let commit = try parse("fix: x\n\nbreaking change: not really")
        #expect(!commit.isBreaking)
        #expect(commit.body == "breaking change: not really")
    }

    @Test("feat! with a BREAKING CHANGE footer uses the footer as the note")
    func bangWithFooter() throws {
        let commit = try parse("feat(api)!: drop v1\n\nBody.\n\nBREAKING CHANGE: v1 endpoints are gone")
        #expect(commit.hasBreakingMarker && commit.breakingNotes == ["v1 endpoints are gone"])
        #expect(commit.body == "Body.")
    }

    // MARK: Line endings and whitespace

    @Test("CRLF line endings and trailing newlines parse like LF")
    func crlf() throws {
        let commit = try parse("feat(x): add y\r\n\r\nBody line.\r\n\r\nRefs: #1\r\n\r\n\r\n")
        #expect(commit.header == "feat(x): add y")
        #expect(commit.body == "Body line.")
        #expect(commit.footers == [CommitFooter(token: "Refs", value: "#1")])
    }

    @Test("the type is case-insensitive and stored lowercased")
    func typeCase() throws {
        let commit = try parse("FEAT(Parser): Add X")
        #expect(commit.type == "feat" && commit.scope == "Parser" && commit.header == "FEAT(Parser): Add X")
    }

    @Test("a body that starts on the second line is accepted")
    func bodyWithoutBlankLine() throws {
        let commit = try parse("fix: a\nsecond line")
        #expect(commit.body == "second line")
    }

    @Test("empty and whitespace-only messages are reported", arguments: ["", "   ", "\n\n", " \r\n\t\r\n"])
    func emptyMessage(_ message: String) {
        #expect(failure(message) == .emptyMessage(hash: "0123456789abcdef"))
    }

    // MARK: Git's own messages

    @Test("git's default revert message sets the reverted header")
    func gitRevert() throws {
        let commit = try parse(
            """
            Revert "fix(pre-commit-hooks): remove magic constants on pre-push hook (#1815)"

            This reverts commit 047c914f072a781c6daa1280f929f5a81a985690.
            """
        )
        #expect(commit.type == "revert")
        #expect(commit.revertedHeader == "fix(pre-commit-hooks): remove magic constants on pre-push hook (#1815)")
        #expect(commit.body == "This reverts commit 047c914f072a781c6daa1280f929f5a81a985690.")
        #expect(!commit.isMerge && !commit.isBreaking)
    }

    @Test("a revert: commit with git's body names the reverted header")
    func conventionalRevert() throws {
        let commit = try parse("revert: \"feat: add x\"\n\nThis reverts commit abc1234.")
        #expect(commit.revertedHeader == "feat: add x")
    }

    @Test(
        "merge commits are flagged",
        arguments: [
            "Merge pull request #1 from octo/feature", "Merge branch 'main' into topic",
            "Merge remote-tracking branch 'origin/main'", "Merge branch 'feature' into 'main'", "Merged PR 12: feat: x",
        ]
    )
    func merges(_ header: String) throws {
        let commit = try parse(header + "\n\nfeat: the pull request title")
        #expect(commit.isMerge && commit.type == "merge" && commit.header == header)
        #expect(!commit.isBreaking)
    }

    @Test(
        "fixup!, squash! and amend! commits are reported so callers can skip them",
        arguments: [
            ("fixup! refactor(Commit): refactor prompts", CommitParseError.AutosquashKind.fixup),
            ("squash! feat: add x", .squash), ("amend! feat: add x", .amend),
        ]
    )
    func autosquash(header: String, kind: CommitParseError.AutosquashKind) throws {
        let error = try #require(failure(header))
        guard case .autosquash(_, let found, let target) = error else {
            Issue.record("expected an autosquash error, got \(error)")
            return
        }
        #expect(found == kind)
        #expect(target == String(header.drop { $0 != " " }.dropFirst()))
        #expect(error.description.contains("0123456"))
        #expect(error.description.contains("git rebase -i --autosquash"))
    }

    // MARK: Malformed headers

    @Test(
        "malformed headers name the problem",
        arguments: [
            ("Initial commit", CommitParseError.HeaderProblem.missingType),
            ("Update README.md: typo", .invalidType("Update README.md")),
            ("feat-x: y", .invalidType("feat-x")), ("1.0: release", .invalidType("1.0")),
            (": nothing", .missingType), ("(scope): nothing", .missingType),
            ("feat : y", .spaceBeforeColon), ("feat (x): y", .spaceBeforeColon),
            ("feat(parser: y", .unclosedScope), ("feat(): y", .emptyScope), ("feat( ): y", .emptyScope),
            ("feat!(api): y", .breakingMarkerBeforeScope), ("feat(api)x: y", .unexpectedTextAfterScope("x")),
            ("feat:add x", .missingSpaceAfterColon), ("feat:", .emptyDescription), ("feat:   ", .emptyDescription),
        ]
    )
    func malformed(header: String, problem: CommitParseError.HeaderProblem) {
        #expect(
            failure(header)
                == .malformedHeader(hash: "0123456789abcdef", header: header.trimmingSpaces, reason: problem)
        )
    }

    @Test("the malformed-header message names the short hash, the header, the problem and the fix")
    func malformedMessage() throws {
        let error = try #require(failure("feat:add x", hash: "deadbeefcafe"))
        #expect(
            error.description
                == "commit deadbee is not a conventional commit: 'feat:add x': the colon must be followed by a space, "
                + "as in 'type: description'; reword it with git rebase -i, or keep it out of the release range"
        )
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var text = Substring(self)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
