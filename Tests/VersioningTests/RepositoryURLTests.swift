import Testing
import Versioning

@Suite struct RepositoryURLTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var remote: String
        var host: String
        var owner: String
        var repository: String
        var testDescription: String { remote }
    }

    static let cases: [Case] = [
        Case(
            remote: "https://github.com/acme/widget.git",
            host: "https://github.com",
            owner: "acme",
            repository: "widget"
        ),
        Case(remote: "https://github.com/acme/widget", host: "https://github.com", owner: "acme", repository: "widget"),
        Case(
            remote: "https://github.com/acme/widget/",
            host: "https://github.com",
            owner: "acme",
            repository: "widget"
        ),
        Case(
            remote: "git@github.com:acme/widget.git\n",
            host: "https://github.com",
            owner: "acme",
            repository: "widget"
        ),
        Case(
            remote: "ssh://git@github.com:22/acme/widget.git",
            host: "https://github.com",
            owner: "acme",
            repository: "widget"
        ),
        Case(
            remote: "ssh://git@gitlab.example.com:2222/platform/tools/widget.git",
            host: "https://gitlab.example.com",
            owner: "platform/tools",
            repository: "widget"
        ),
        Case(
            remote: "https://gitlab.com/group/subgroup/widget.git",
            host: "https://gitlab.com",
            owner: "group/subgroup",
            repository: "widget"
        ),
        Case(
            remote: "git@gitlab.com:group/subgroup/deeper/widget.git",
            host: "https://gitlab.com",
            owner: "group/subgroup/deeper",
            repository: "widget"
        ),
        Case(
            remote: "https://jdoe@bitbucket.org/acme/widget.git",
            host: "https://bitbucket.org",
            owner: "acme",
            repository: "widget"
        ),
        Case(
            remote: "git@bitbucket.org:acme/widget.git",
            host: "https://bitbucket.org",
            owner: "acme",
            repository: "widget"
        ),
        Case(
            remote: "https://git.example.com:8443/team/widget.git",
            host: "https://git.example.com:8443",
            owner: "team",
            repository: "widget"
        ),
        Case(remote: "http://git.local/team/widget", host: "http://git.local", owner: "team", repository: "widget"),
        Case(
            remote: "git://github.com/acme/widget.git",
            host: "https://github.com",
            owner: "acme",
            repository: "widget"
        ),
        Case(
            remote: "git+ssh://git@github.com/acme/widget.git",
            host: "https://github.com",
            owner: "acme",
            repository: "widget"
        ),
        Case(
            remote: "git+https://github.com/acme/widget.git",
            host: "https://github.com",
            owner: "acme",
            repository: "widget"
        ),
        Case(
            remote: "https://GitHub.com/Acme/Widget.git",
            host: "https://github.com",
            owner: "Acme",
            repository: "Widget"
        ),
    ]

    @Test("parses every remote form git prints", arguments: cases)
    func parses(_ testCase: Case) throws {
        let url = try #require(RepositoryURL(remote: testCase.remote))
        #expect(url.host == testCase.host)
        #expect(url.owner == testCase.owner)
        #expect(url.repository == testCase.repository)
    }

    @Test(
        "never keeps credentials from the remote URL",
        arguments: [
            "https://x-access-token:ghp_SECRET123@github.com/acme/widget.git",
            "https://jdoe:glpat-SECRET123@gitlab.com/group/widget.git",
            "https://oauth2:SECRET123@git.example.com/team/widget.git",
        ]
    )
    func dropsCredentials(_ remote: String) throws {
        let url = try #require(RepositoryURL(remote: remote))
        let rendered = "\(url.host) \(url.owner) \(url.repository) \(url.browseURL)"
        #expect(!rendered.contains("SECRET123"))
        #expect(!rendered.contains("@"))
        #expect(url.repository == "widget")
    }

    @Test("recognises the hosting provider")
    func provider() {
        #expect(RepositoryURL(remote: "git@github.com:a/b.git")?.provider == .github)
        #expect(RepositoryURL(remote: "https://gitlab.com/a/b")?.provider == .gitlab)
        #expect(RepositoryURL(remote: "https://bitbucket.org/a/b")?.provider == .bitbucket)
        #expect(RepositoryURL(remote: "https://git.example.com/a/b")?.provider == .other)
    }

    @Test(
        "rejects local paths and incomplete URLs",
        arguments: ["", "/srv/git/widget.git", "../widget", "https://github.com/widget", "file:///srv/a/b.git", "a b"]
    )
    func rejects(_ remote: String) {
        #expect(RepositoryURL(remote: remote) == nil)
    }

    @Test("the browse URL joins host, owner and name")
    func browseURL() {
        #expect(
            RepositoryURL(remote: "git@gitlab.com:g/s/w.git")?.browseURL == "https://gitlab.com/g/s/w"
        )
    }
}
