import SlipwayCore
import Testing

@testable import WorkflowAudit

/// Malformed, huge and malicious YAML yields a clear error or a bounded run, never a crash.
@Suite struct HostileInputTests {
    static func parse(_ text: String) -> Result<WorkflowFile, WorkflowParseError> {
        Result { () throws(WorkflowParseError) in try WorkflowParser.parse(text, path: "w.yml") }
    }

    @Test("malformed YAML reports line and column")
    func malformedYAML() {
        guard case .failure(let error) = Self.parse("on: push\njobs:\n  build: {runs-on: [x\n") else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.location?.path == "w.yml")
        #expect((error.location?.line ?? 0) >= 3)
        #expect(error.message.contains("invalid YAML"))
    }

    @Test("a YAML file that is not a workflow is rejected clearly")
    func notAWorkflow() {
        guard case .failure(let error) = Self.parse("name: my-chart\nversion: 1.2.3\n") else {
            Issue.record("expected a failure")
            return
        }
        #expect(error == .notAWorkflow(path: "w.yml"))
        guard case .failure(let list) = Self.parse("- a\n- b\n") else {
            Issue.record("expected a failure")
            return
        }
        #expect(list.message.contains("found a sequence"))
    }

    @Test("a 10 MB file is refused with its size, before parsing")
    func hugeFile() {
        let line = "# " + String(repeating: "x", count: 98) + "\n"
        let text = "on: push\n" + String(repeating: line, count: 100_000)
        guard case .failure(.yaml(.tooLarge(_, let bytes, _))) = Self.parse(text) else {
            Issue.record("expected tooLarge")
            return
        }
        #expect(bytes > 10_000_000)
    }

    @Test("a billion-laughs alias bomb stops at the node budget")
    func aliasBomb() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(refs)]\n"
        }
        text += "on: push\njobs: {}\n"
        guard case .failure(.yaml(.tooManyNodes)) = Self.parse(text) else {
            Issue.record("expected tooManyNodes")
            return
        }
    }

    @Test("deep flow nesting is refused before the parser recurses")
    func deepFlowNesting() {
        let text =
            "on: push\njobs: " + String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000) + "\n"
        guard case .failure(.yaml(.tooDeep)) = Self.parse(text) else {
            Issue.record("expected tooDeep")
            return
        }
    }

    @Test("deep block nesting within the limit parses; beyond it is refused")
    func deepBlockNesting() {
        func nested(_ depth: Int) -> String {
            var text = "on: push\njobs:\n"
            for level in 0..<depth { text += String(repeating: " ", count: 2 * (level + 1)) + "k\(level):\n" }
            return text + String(repeating: " ", count: 2 * (depth + 1)) + "v\n"
        }
        if case .failure(let error) = Self.parse(nested(20)) { Issue.record("unexpected \(error)") }
        guard case .failure(.yaml(.tooDeep)) = Self.parse(nested(400)) else {
            Issue.record("expected tooDeep")
            return
        }
    }

    @Test("invalid UTF-8 and empty files are input errors")
    func encodingAndEmpty() {
        #expect(YAMLLoader.decodeUTF8([0x6F, 0x6E, 0xFF]) == nil)
        guard case .failure(.yaml(.empty)) = Self.parse("") else {
            Issue.record("expected empty")
            return
        }
    }
}
