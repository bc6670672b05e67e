import SlipwayCore
import SlipwayTestSupport
import Testing
import Versioning

/// Which names git accepts for a tag, checked against `git check-ref-format` itself.
@Suite struct GitTagNameTests {
    static let accepted = ["v1.2.3", "pkg@1.0.0", "@acme/web@2.0.0-rc.1", "release/v1", "v1.0.0+build.5", "é-1", "@"]
    static let refused = [
        "", "bad tag 1.0.0", "a..b", "v:1", "v~1", "v^1", "v?1", "v*1", "v[1", "back\\slash", "x.lock",
        "dir/x.lock/y", ".hidden", "dir/.hidden", "trailing/", "/leading", "a//b", "a@{b", "ends.", "tab\there",
        "nul\u{7F}",
    ]

    @Test("names git accepts pass, the others say why")
    func verdicts() {
        for name in Self.accepted { #expect(GitTagName.problem(name) == nil, "\(name)") }
        for name in Self.refused { #expect(GitTagName.problem(name) != nil, "\(name)") }
        #expect(GitTagName.problem("bad tag 1.0.0") == "it contains ' '")
        #expect(GitTagName.problem("-v1") == "it starts with '-'")
    }

    @Test("git check-ref-format agrees on every name", .tags(.process))
    func agreesWithGit() async throws {
        for name in Self.accepted + Self.refused {
            let result = try await FoundationProcessRunner().run(
                ProcessRequest(
                    ["git", "check-ref-format", "refs/tags/" + name],
                    environment: ["PATH": "/usr/local/bin:/usr/bin:/bin"],
                    workingDirectory: "/",
                    timeout: .seconds(30)
                )
            )
            #expect((result.status == 0) == (GitTagName.problem(name) == nil), "\(name): git says \(result.status)")
        }
    }
}
