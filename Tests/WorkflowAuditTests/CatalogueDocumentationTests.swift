import Foundation
import SlipwayTestSupport
import Testing

@testable import WorkflowAudit

/// `docs/catalogue.md` describes the built-in catalogue by hand; these tests keep the two in step.
///
/// The catalogue is Swift values in `Catalogue+BuiltIn.swift`; the last test checks that they survive the JSON
/// form that `slipway.yml` extensions use.
@Suite struct CatalogueDocumentationTests {
    /// One row of the capability table: id, title, action count, command count.
    struct Row: Equatable, CustomStringConvertible {
        var id: String
        var title: String
        var actions: Int
        var commands: Int
        var description: String { "\(id) (\(title)): \(actions) actions, \(commands) commands" }
    }

    static func documentedRows() throws -> [Row] {
        let text = try String(contentsOfFile: Corpus.packageRoot + "/docs/catalogue.md", encoding: .utf8)
        return text.split(separator: "\n").compactMap { line -> Row? in
            guard line.hasPrefix("| [`") else { return nil }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            // "", "[`id`](#id)", title, meaning, actions, commands, ""
            guard cells.count == 7, let start = cells[1].firstIndex(of: "`"),
                let end = cells[1][cells[1].index(after: start)...].firstIndex(of: "`"),
                let actions = Int(cells[4]), let commands = Int(cells[5])
            else { return nil }
            let id = String(cells[1][cells[1].index(after: start)..<end])
            return Row(id: id, title: cells[2], actions: actions, commands: commands)
        }
    }

    @Test("docs/catalogue.md lists every built-in capability with its title and counts")
    func tableMatchesBuiltIn() throws {
        let documented = try Self.documentedRows().sorted { $0.id < $1.id }
        let builtIn = Catalogue.builtIn.capabilities.map { id, capability in
            Row(id: id, title: capability.title, actions: capability.actions.count, commands: capability.commands.count)
        }.sorted { $0.id < $1.id }
        #expect(!builtIn.isEmpty)
        #expect(documented == builtIn)
    }

    @Test("the built-in catalogue has no empty or duplicated entries")
    func builtInIsWellFormed() {
        for (id, capability) in Catalogue.builtIn.capabilities {
            #expect(!capability.title.isEmpty, "\(id) has no title")
            #expect(!(capability.actions.isEmpty && capability.commands.isEmpty), "\(id) matches nothing")
            let actions = capability.actions.map { $0.lowercased() }
            #expect(Set(actions).count == actions.count, "\(id) lists an action twice")
            #expect(capability.commands.allSatisfy { !$0.isEmpty && $0.allSatisfy { !$0.isEmpty } }, "\(id)")
            let commands = capability.commands.map { $0.map { $0.lowercased() } }
            #expect(Set(commands).count == commands.count, "\(id) lists a command pattern twice")
        }
    }

    @Test("the built-in catalogue round-trips through the JSON form that slipway.yml extensions are read as")
    func builtInRoundTrips() throws {
        let data = try JSONEncoder().encode(Catalogue.builtIn)
        #expect(try JSONDecoder().decode(Catalogue.self, from: data) == Catalogue.builtIn)
    }
}
