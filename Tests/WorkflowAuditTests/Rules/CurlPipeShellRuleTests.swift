import SlipwayCore
import Testing

@testable import WorkflowAudit

@Suite struct CurlPipeShellRuleTests {
    @Test("only interpreters that read the program from standard input count")
    func interpreterDetection() {
        let cases: [(String, Bool)] = [
            ("curl -sSf https://sh.rustup.rs | sh -s -- -y", true),
            ("curl -sSL https://install.python-poetry.org | python3 -", true),
            ("curl -fsSL https://deb.nodesource.com/setup_20.x | sudo -E bash -", true),
            ("wget -qO- https://example.com/x | bash", true),
            ("curl -s https://api.example.com | python3 -c 'import json,sys; print(json.load(sys.stdin))'", false),
            ("curl -s https://api.example.com | bash -c 'cat > out'", false),
            ("curl -s https://api.example.com | node script.js", false),
            ("curl -s https://api.example.com | jq .", false),
        ]
        for (script, expected) in cases {
            let commands = ShellTokenizer.commands(in: script)
            let piped =
                commands.count > 1 && CurlPipeShellRule.isDownloader(commands[0]) && commands[0].pipesToNext
                && CurlPipeShellRule.executesStandardInput(commands[1])
            #expect(piped == expected, "\(script)")
        }
    }

    @Test("process and command substitutions are found with the downloader's column")
    func substitutions() {
        let forms = CurlPipeShellRule.substitutionForms(
            in: """
                source <(curl -s https://example.com/env.sh)
                eval "$(wget -qO- https://example.com/init)"
                echo "$(curl -s https://example.com/version)"
                diff <(curl -s https://a) <(curl -s https://b)
                """
        )
        #expect(forms.map(\.line) == [0, 1])
        #expect(forms.map(\.column) == [9, 8])
        #expect(forms.map(\.tool) == ["curl", "wget"])
    }
}
