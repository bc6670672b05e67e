import ArgumentParser
import Testing

@testable import slipway

@Suite struct ParserWarmUpTests {
    static func name(_ arguments: [String]) -> String? {
        ParserWarmUp.command(namedBy: arguments, root: Slipway.self).map { String(describing: $0) }
    }

    @Test("the leading arguments name the innermost subcommand, by name or alias")
    func namesSubcommands() {
        #expect(Self.name(["version", "--next", "--path", "."]) == String(describing: Slipway.Version.self))
        #expect(Self.name(["scan", "deps", "version"]) == String(describing: Slipway.ScanDeps.self))
        #expect(Self.name(["scan"]) == String(describing: Slipway.Scan.self))
        #expect(Self.name(["ledger", "query"]) == String(describing: Slipway.LedgerShow.self))
    }

    @Test("options, unknown words and no arguments name nothing")
    func namesNothing() {
        #expect(Self.name([]) == nil)
        #expect(Self.name(["--version"]) == nil)
        #expect(Self.name(["--help", "audit"]) == nil)
        #expect(Self.name(["audits"]) == nil)
    }

    @Test("parsing while the warm-up runs gives the same command and values")
    func parseUnchanged() throws {
        let arguments = ["version", "--next", "--path", "some/repo"]
        ParserWarmUp.start(arguments: arguments, root: Slipway.self)
        let parsed = try #require(try Slipway.parseAsRoot(arguments) as? Slipway.Version)
        #expect(parsed.nextOnly)
        #expect(parsed.path == "some/repo")
    }
}
