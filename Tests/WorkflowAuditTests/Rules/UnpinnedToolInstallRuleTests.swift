import SlipwayCore
import Testing

@testable import WorkflowAudit

@Suite struct UnpinnedToolInstallRuleTests {
    func isReported(_ script: String) -> Bool {
        ShellTokenizer.commands(in: script).contains { UnpinnedToolInstallRule.problem(with: $0) != nil }
    }

    @Test(
        "unversioned installs are reported",
        arguments: [
            "npm i -g npm@latest", "pnpm add -g turbo", "yarn global add lerna", "pip3 install --user pipenv",
            "uv pip install --system tox", "cargo install --git https://github.com/o/r",
            "go install example.com/x@main",
        ]
    )
    func unpinned(_ script: String) {
        #expect(isReported(script))
    }

    @Test(
        "pinned, local and requirement-file installs are not",
        arguments: [
            "npm i -g @scope/tool@1.2.3", "npm install", "npm install --save-dev eslint", "pip install -U pip",
            "pip install -r requirements.txt pytest", "pip install 'ruff>=0.7'", "pip install ./dist/pkg.whl",
            "pip install -c constraints.txt tox", "cargo install cargo-deny@0.16.1",
            "cargo install --git https://x --tag v1",
            "go install golang.org/x/tools/cmd/goimports@v0.26.0", "go install ./...",
        ]
    )
    func pinned(_ script: String) {
        #expect(!isReported(script))
    }
}
