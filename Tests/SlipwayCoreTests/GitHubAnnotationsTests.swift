import SlipwayCore
import Testing

@Suite struct GitHubAnnotationsTests {
    @Test("at most ten annotations of each level are written, in order, the other levels unaffected")
    func capPerLevel() {
        let errors = (1...12).map {
            GitHubAnnotations.Annotation(
                level: "error",
                title: "rule",
                location: SourceLocation(path: "a.yml", line: $0, column: 1),
                message: "finding \($0)"
            )
        }
        let warning = GitHubAnnotations.Annotation(level: "warning", title: nil, location: nil, message: "50% done")
        let lines = GitHubAnnotations.commands(errors + [warning]).split(separator: "\n")
        #expect(lines.count == 11)
        #expect(lines.first == "::error file=a.yml,line=1,col=1,title=rule::finding 1")
        #expect(lines.filter { $0.hasPrefix("::error") }.last?.hasSuffix("finding 10") == true)
        #expect(lines.last == "::warning::50%25 done")
    }
}
