import SlipwayCore

/// Finds scripts that download code and run it straight away (`curl … | sh`, `bash <(curl …)`).
struct CurlPipeShellRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "curl-pipe-shell",
        name: "Curl Pipe Shell",
        area: .security,
        severity: .high,
        confidence: .high,
        summary: "A `run:` script pipes a download straight into a shell or interpreter.",
        rationale: """
            `curl https://… | sh` runs whatever the server returns at that moment, with the job's token and \
            secrets, and leaves no record of what ran. A compromised host, a hijacked domain or a changed install \
            script silently becomes code in your release pipeline, and a truncated download can run half a \
            script. Download to a file, verify its checksum or signature against a value committed in the \
            repository, then run it; better, use a pinned action or a package manager with a lockfile.
            """,
        fixBefore: """
            - run: curl -fsSL https://example.com/install.sh | bash
            """,
        fixAfter: """
            - run: |
                curl -fsSLo install.sh https://example.com/v1.4.2/install.sh
                echo "3f7a…  install.sh" | sha256sum --check
                bash install.sh
            """,
        triggeringExamples: [
            RuleExample(
                """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: ↓curl -fsSL https://example.com/install.sh | sudo -E bash -
                      - run: |
                          set -e
                          ↓wget -qO- https://example.com/setup | sh
                          bash <(↓curl -s https://example.com/bootstrap.sh)
                          sh -c "$(↓curl -fsSL https://example.com/install.sh)"
                """
            )
        ],
        nonTriggeringExamples: [
            RuleExample(
                """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          curl -fsSLo install.sh https://example.com/v1.4.2/install.sh
                          echo "3f7a0c  install.sh" | sha256sum --check
                          bash install.sh
                          curl -s $API | python3 -c 'import json,sys; print(json.load(sys.stdin))'
                          curl -s https://example.com/data.json | jq .version
                          # curl https://example.com/install.sh | sh
                """
            )
        ]
    )

    /// Shells that run a script read from standard input unless given `-c`.
    static let shells: Set<String> = ["sh", "bash", "zsh", "dash", "ksh", "fish"]
    /// Interpreters that run a program read from standard input unless given inline code or a module.
    static let interpreters: [String: Set<String>] = [
        "python": ["-c", "-m"], "python2": ["-c", "-m"], "python3": ["-c", "-m"], "perl": ["-e", "-E", "-n", "-p"],
        "ruby": ["-e", "-n", "-p"], "node": ["-e", "-p", "--eval", "--print"], "pwsh": ["-c", "-Command"],
    ]

    init(options: NoOptions) {}

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for (job, step) in file.allSteps {
            guard let run = step.run else { continue }
            let commands = context.facts.commands(job: job, step: step)
            var reported: Set<SourcePosition> = []
            for (index, command) in commands.enumerated()
            where Self.isDownloader(command) && command.pipesToNext && index + 1 < commands.count {
                let next = commands[index + 1]
                guard Self.executesStandardInput(next) else { continue }
                let position = FileFacts.position(of: command, in: run, source: file.source)
                guard reported.insert(position).inserted else { continue }
                findings.append(
                    context.finding(
                        in: file,
                        at: position,
                        .pipe(tool: command.name, into: next.name, step: step.label)
                    )
                )
            }
            for (line, column, tool) in Self.substitutionForms(in: run.value) {
                let position = SupplyChainSupport.position(line: line, column: column, in: run, source: file.source)
                guard reported.insert(position).inserted else { continue }
                findings.append(context.finding(in: file, at: position, .substitution(tool: tool, step: step.label)))
            }
        }
        return findings
    }

    static func isDownloader(_ command: ShellCommand) -> Bool {
        command.name == "curl" || command.name == "wget"
    }

    /// Whether `command` executes what it reads on standard input.
    static func executesStandardInput(_ command: ShellCommand) -> Bool {
        let arguments = command.words.dropFirst()
        let name = command.name
        if shells.contains(name) {
            let runsInlineCode = arguments.contains { $0.hasPrefix("-") && !$0.hasPrefix("--") && $0.contains("c") }
            if runsInlineCode { return false }
            if arguments.contains("-s") { return true }
            // `bash script.sh` runs the file; `bash`, `bash -` and `bash -x` read the program from standard input.
            return !arguments.contains { !$0.hasPrefix("-") }
        }
        if let inlineFlags = interpreters[name] {
            guard !arguments.contains(where: inlineFlags.contains) else { return false }
            // `python3 -` or plain `python3` reads the program from standard input; `python3 script.py` does not.
            return arguments.first { !$0.hasPrefix("-") || $0 == "-" }.map { $0 == "-" } ?? true
        }
        return false
    }

    /// `bash <(curl …)`, `source <(curl …)`, `sh -c "$(curl …)"` and `eval "$(curl …)"`, as (line, column, tool)
    /// of the downloader inside the script.
    static func substitutionForms(in script: String) -> [(line: Int, column: Int, tool: String)] {
        var result: [(line: Int, column: Int, tool: String)] = []
        // A substitution is only reported around `curl` or `wget`; most scripts mention neither.
        guard script.containsBytes("curl") || script.containsBytes("wget") else { return result }
        for (index, text) in SupplyChainSupport.lines(of: script) where !SupplyChainSupport.isComment(text) {
            // Substitutions open with `(`; a line without that byte has none.
            guard text.utf8.contains(UInt8(ascii: "(")) else { continue }
            let characters = Array(text)
            for cursor in characters.indices.dropFirst() where characters[cursor] == "(" {
                let opener = characters[cursor - 1]
                guard opener == "<" || opener == "$" else { continue }
                var start = cursor + 1
                while start < characters.count, characters[start] == " " { start += 1 }
                let tool = ["curl", "wget"].first { word in
                    let end = start + word.count
                    return end <= characters.count && String(characters[start..<end]) == word
                        && (end == characters.count || characters[end] == " ")
                }
                guard let tool else { continue }
                let prefix = String(characters[..<(cursor - 1)])
                if executesSubstitution(prefix: prefix, isProcessSubstitution: opener == "<") {
                    result.append((index, start, tool))
                }
            }
        }
        return result
    }

    /// Whether the text before `<(` or `$(` runs the substitution as code: `bash <(…)`, `. <(…)`,
    /// `sh -c "$(…)"`, `eval "$(…)"`.
    private static func executesSubstitution(prefix: String, isProcessSubstitution: Bool) -> Bool {
        var text = prefix.trimmingWhitespace()
        if text.hasSuffix("\"") || text.hasSuffix("'") { text.removeLast() }
        let words = text.split { " \t;&|".contains($0) }.map { String($0.split(separator: "/").last ?? $0) }
        guard let last = words.last else { return false }
        if isProcessSubstitution { return shells.contains(last) || last == "source" || last == "." }
        if last == "eval" { return true }
        return last == "-c" && words.count >= 2 && shells.contains(words[words.count - 2])
    }
}

extension String {
    fileprivate static func pipe(tool: String, into interpreter: String, step: String) -> String {
        "step '\(step)' pipes `\(tool)` output straight into `\(interpreter)`, running whatever the server returns; "
            + "download to a file, verify its checksum or signature, then run it"
    }

    fileprivate static func substitution(tool: String, step: String) -> String {
        "step '\(step)' runs a script fetched by `\(tool)` without saving or verifying it; download to a file, "
            + "verify its checksum or signature, then run it"
    }
}
