import Ledger
import SlipwayCore
import Testing

@Suite struct LedgerEventTests {
    static let sample = LedgerEvent(
        kind: .deploymentSucceeded,
        time: Timestamp(secondsSince1970: 1_795_000_000),
        actor: "octocat",
        subject: EventSubject(project: "shop", version: "1.4.0", environment: "production"),
        source: EventSource(
            repository: "acme/shop",
            commit: "0123abc",
            runURL: "https://github.com/acme/shop/actions/runs/9"
        ),
        inputs: [EventDigest(name: "sbom.cdx.json", digest: "sha256:" + String(repeating: "ab", count: 32))],
        result: "success",
        details: .object(["replicas": .number(3), "note": .string("line1\nline2")])
    )

    @Test("the canonical encoding is fixed: sorted keys, no whitespace, optional fields left out")
    func canonicalForm() throws {
        let text = String(decoding: try Self.sample.canonicalBytes(), as: UTF8.self)
        #expect(
            text
                == #"{"actor":"octocat","details":{"note":"line1\nline2","replicas":3},"inputs":[{"digest":"sha256:"#
                + String(repeating: "ab", count: 32)
                + #"","name":"sbom.cdx.json"}],"kind":"deployment.succeeded","result":"success","schema":1,"#
                + #""source":{"commit":"0123abc","repository":"acme/shop","run":"https://github.com/acme/shop/actions/runs/9"},"#
                + #""subject":{"environment":"production","project":"shop","version":"1.4.0"},"time":"2026-11-18T11:06:40Z"}"#
        )
    }

    @Test("decoding the canonical form gives the same event, and member order in the input does not matter")
    func roundTrip() throws {
        let bytes = try Self.sample.canonicalBytes()
        let decoded = try LedgerEvent.decode(try JSONParser.parse(bytes))
        #expect(decoded == Self.sample)
        let shuffled = #"""
            {"time":"2026-11-18T11:06:40Z","subject":{"version":"1.4.0","environment":"production","project":"shop"},
             "schema":1,"result":"success","kind":"deployment.succeeded","details":{"replicas":3.0,"note":"line1\nline2"},
             "source":{"run":"https://github.com/acme/shop/actions/runs/9","repository":"acme/shop","commit":"0123abc"},
             "inputs":[{"name":"sbom.cdx.json","digest":"sha256:\#(String(repeating: "ab", count: 32))"}],"actor":"octocat"}
            """#
        let reordered = try LedgerEvent.decode(try JSONParser.parse(Array(shuffled.utf8)))
        #expect(try reordered.canonicalBytes() == bytes)
    }

    @Test("an event of a newer schema is a clear error, not a guess")
    func newerSchema() throws {
        let text = #"{"schema":2,"kind":"gate.evaluated","time":"2026-01-01T00:00:00Z","actor":"a"}"#
        #expect(throws: EventError.newerSchema(found: 2, supported: 1)) {
            try LedgerEvent.decode(try JSONParser.parse(Array(text.utf8)))
        }
        #expect("\(EventError.newerSchema(found: 2, supported: 1))".contains("upgrade slipway"))
    }

    @Test(
        "bad fields are named",
        arguments: [
            (#"{"kind":"Deploy Now","time":"2026-01-01T00:00:00Z","actor":"a"}"#, "kind"),
            (#"{"kind":"a.b","time":"2026-01-01T00:00:00+02:00","actor":"a"}"#, "time"),
            (#"{"kind":"a.b","time":"2026-02-30T00:00:00Z","actor":"a"}"#, "time"),
            (
                #"{"kind":"a.b","time":"2026-01-01T00:00:00Z","actor":"a","outputs":[{"digest":"md5:00"}]}"#,
                "outputs[0].digest"
            ),
            (#"{"kind":"a.b","time":"2026-01-01T00:00:00Z","actor":7}"#, "actor"),
        ]
    )
    func invalidFields(text: String, field: String) {
        #expect {
            try LedgerEvent.decode(try JSONParser.parse(Array(text.utf8)))
        } throws: { error in
            guard case .invalid(let named, _) = error as? EventError else { return false }
            return named == field
        }
    }

    @Test("unknown fields are refused (they would silently escape the schema)")
    func unknownField() {
        let text = #"{"kind":"a.b","time":"2026-01-01T00:00:00Z","actor":"a","subject":{"env":"prod"}}"#
        #expect(throws: EventError.unknownField("subject.env")) {
            try LedgerEvent.decode(try JSONParser.parse(Array(text.utf8)))
        }
    }

    @Test("defaults from a GitHub Actions environment fill what the input leaves out")
    func defaults() throws {
        let environment = [
            "GITHUB_ACTOR": "octocat", "GITHUB_REPOSITORY": "acme/shop", "GITHUB_SHA": "abc",
            "GITHUB_SERVER_URL": "https://github.com", "GITHUB_RUN_ID": "42",
        ]
        var defaults = EventDefaults.fromEnvironment(environment, time: Timestamp(secondsSince1970: 0))
        defaults.kind = .approvalGranted
        let event = try LedgerEvent.decode(
            .object(["subject": .object(["version": .string("2.0.0")])]),
            defaults: defaults
        )
        #expect(event.kind == .approvalGranted)
        #expect(event.actor == "octocat")
        #expect(event.time.text == "1970-01-01T00:00:00Z")
        #expect(
            event.source
                == EventSource(
                    repository: "acme/shop",
                    commit: "abc",
                    runURL: "https://github.com/acme/shop/actions/runs/42"
                )
        )
        #expect(event.subject.version == "2.0.0")
    }

    @Test("timestamps order by instant, fractions included, and format from Unix time")
    func timestamps() throws {
        let whole = try #require(Timestamp("2026-12-05T23:10:05Z"))
        let fraction = try #require(Timestamp("2026-12-05T23:10:05.5Z"))
        #expect(whole < fraction)
        #expect(Timestamp(secondsSince1970: whole.secondsSince1970).text == "2026-12-05T23:10:05Z")
        #expect(Timestamp("2024-02-29T00:00:00Z") != nil)
        #expect(Timestamp("2023-02-29T00:00:00Z") == nil)
    }

    @Test("every known kind is well formed and unique")
    func knownKinds() {
        #expect(Set(EventKind.known).count == EventKind.known.count)
        #expect(EventKind.known.allSatisfy { $0.isWellFormed })
        #expect(EventKind.known.contains(EventKind(rawValue: "deployment.rolled-back")))
    }
}
