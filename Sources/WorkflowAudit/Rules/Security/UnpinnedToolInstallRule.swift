import SlipwayCore

/// Finds tools installed without a version (`npm i -g`, `pip install`, `go install …@latest`, `cargo install`).
struct UnpinnedToolInstallRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "unpinned-tool-install",
        name: "Unpinned Tool Install",
        area: .security,
        severity: .low,
        confidence: .medium,
        summary: "A `run:` script installs a tool without pinning its version.",
        rationale: """
            Installing the newest release of a tool on every run means a compromised or broken release lands in \
            your pipeline the moment it is published, with the job's token and secrets, and builds are not \
            reproducible. Pin an exact version (`npm i -g pkg@1.2.3`, `pip install pkg==1.2.3`, \
            `go install mod@v1.2.3`, `cargo install crate --version 1.2.3`, a versioned release URL) and let \
            Dependabot or Renovate propose upgrades; for Python, a requirements file with hashes is better still.
            """,
        fixBefore: """
            - run: |
                npm install -g pnpm
                pip install ruff
                go install golang.org/x/vuln/cmd/govulncheck@latest
            """,
        fixAfter: """
            - run: |
                npm install -g pnpm@9.12.1
                pip install ruff==0.7.1
                go install golang.org/x/vuln/cmd/govulncheck@v1.1.3
            """,
        triggeringExamples: [
            RuleExample(
                """
                on: push
                jobs:
                  lint:
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          ↓npm install -g @vercel/ncc typescript@5.6.3
                          ↓python -m pip install --upgrade ruff
                          ↓go install golang.org/x/vuln/cmd/govulncheck@latest
                          ↓cargo install cargo-deny --locked
                          ↓curl -fsSLO https://github.com/o/tool/releases/latest/download/tool-linux-amd64.tar.gz
                """
            )
        ],
        nonTriggeringExamples: [
            RuleExample(
                """
                on: push
                jobs:
                  lint:
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          npm install -g @vercel/ncc@0.38.2 typescript@5.6.3
                          npm install
                          pip install --upgrade pip setuptools wheel
                          pip install -r requirements.txt
                          pip install -e '.[dev]' 'ruff==0.7.1'
                          go install golang.org/x/vuln/cmd/govulncheck@v1.1.3
                          go install ./cmd/tool
                          cargo install cargo-deny --version 0.16.1 --locked
                          cargo install --path .
                          curl -fsSLO https://github.com/o/tool/releases/download/v1.2.3/tool-linux-amd64.tar.gz
                """
            )
        ]
    )

    init(options: NoOptions) {}

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for (job, step) in file.allSteps {
            guard let run = step.run else { continue }
            let owner = "step '\(step.label)'" + (job.map { " in job '\($0.id.value)'" } ?? "")
            for command in context.facts.commands(job: job, step: step) {
                guard let problem = Self.problem(with: command) else { continue }
                let position = FileFacts.position(of: command, in: run, source: file.source)
                findings.append(context.finding(in: file, at: position, .unpinned(problem, owner: owner)))
            }
        }
        return findings
    }

    /// What the command installs without a version, as a short description with the fix.
    static func problem(with command: ShellCommand) -> String? {
        let words = command.words
        guard let tool = words.first.map({ String($0.splitASCII("/").last ?? "") }) else { return nil }
        switch tool {
        case "npm", "pnpm":
            return npmProblem(Array(words.dropFirst()))
        case "yarn":
            guard words.count > 2, words[1] == "global", words[2] == "add" else { return nil }
            return unversionedNodePackages(Array(words.dropFirst(3))).map(npmMessage)
        case _ where tool.hasPrefix("pip") && tool.dropFirst(3).allSatisfy({ $0.isNumber || $0 == "." }):
            return pipProblem(Array(words.dropFirst()))
        case "uv" where words.count > 2 && words[1] == "pip":
            return pipProblem(Array(words.dropFirst(2)))
        case "go":
            guard words.count > 2, words[1] == "install" else { return nil }
            let latest = words.dropFirst(2).filter {
                $0.hasSuffix("@latest") || $0.hasSuffix("@master") || $0.hasSuffix("@main")
            }
            guard let module = latest.first else { return nil }
            return "`go install \(module)` takes whatever was published last; pin a tagged version (`@v1.2.3`)"
        case "cargo":
            return cargoProblem(Array(words.dropFirst()))
        case "curl", "wget":
            guard let url = words.first(where: { $0.contains("/releases/latest/download/") }) else { return nil }
            return "`\(tool)` downloads `\(url)`, which moves with every release; download a versioned URL "
                + "(`/releases/download/v1.2.3/…`) and verify its checksum"
        default:
            return nil
        }
    }

    private static func npmProblem(_ arguments: [String]) -> String? {
        guard let verb = arguments.first, ["install", "i", "add", "install-global"].contains(verb) else { return nil }
        let isGlobal = arguments.contains { $0 == "-g" || $0 == "--global" || $0 == "--location=global" }
        guard isGlobal else { return nil }
        return unversionedNodePackages(Array(arguments.dropFirst())).map(npmMessage)
    }

    private static func npmMessage(_ packages: [String]) -> String {
        let first = packages[0]
        let versionSign = first.dropFirst().firstIndex(of: "@")
        let name = versionSign.map { String(first[..<$0]) } ?? first
        return "`npm install -g \(packages.joined(separator: " "))` installs the newest release; pin each package "
            + "(`\(name)@1.2.3`)"
    }

    /// Package arguments without a version (`pkg`, `@scope/pkg`, `pkg@latest`).
    private static func unversionedNodePackages(_ arguments: [String]) -> [String]? {
        let packages = arguments.filter { word in
            guard !word.hasPrefix("-"), !word.contains("$"), !word.hasPrefix("."), !word.hasPrefix("/"),
                !word.contains(":"), !word.hasSuffix(".tgz")
            else { return false }
            let name = word.hasPrefix("@") ? String(word.dropFirst()) : word
            if name.hasPrefix("/") || (!word.hasPrefix("@") && name.contains("/")) { return false }
            guard let at = name.firstIndex(of: "@") else { return true }
            let version = name[name.index(after: at)...]
            return version == "latest" || version == "next" || version.isEmpty
        }
        return packages.isEmpty ? nil : packages
    }

    /// Options of `pip install` that take a value.
    static let pipValueOptions: Set<String> = [
        "-i", "--index-url", "--extra-index-url", "-f", "--find-links", "-t", "--target", "--prefix", "--root",
        "--platform", "--python-version", "--implementation", "--abi", "--only-binary", "--no-binary",
        "--progress-bar", "--upgrade-strategy", "--src", "--cache-dir", "--log", "--trusted-host", "-C",
        "--config-settings", "--report", "--python", "--global-option", "--install-option", "--proxy", "--retries",
        "--timeout", "--exists-action", "--cert", "--client-cert", "--keyring-provider", "--group", "-e", "--editable",
    ]

    /// Packages pip manages itself, commonly upgraded first; not treated as tools.
    static let bootstrapPackages: Set<String> = ["pip", "setuptools", "wheel"]

    private static func pipProblem(_ arguments: [String]) -> String? {
        guard arguments.first == "install" else { return nil }
        let rest = arguments.dropFirst()
        let pinsElsewhere = ["-r", "--requirement", "-c", "--constraint", "--require-hashes"]
        if rest.contains(where: { word in pinsElsewhere.contains { word == $0 || word.hasPrefix($0 + "=") } }) {
            return nil
        }
        var packages: [String] = []
        var skipNext = false
        for word in rest {
            if skipNext {
                skipNext = false
                continue
            }
            if word.hasPrefix("-") {
                skipNext = pipValueOptions.contains(word)
                continue
            }
            guard !word.contains("$"), !word.hasPrefix("."), !word.contains("/"), !word.contains(":") else { continue }
            let lowered = word.lowercased()
            guard !lowered.hasSuffix(".whl"), !lowered.hasSuffix(".tar.gz"), !lowered.hasSuffix(".zip") else {
                continue
            }
            let hasSpecifier = word.contains { "=<>!~@;".contains($0) }
            let name = String(word.prefix { $0 != "[" })
            guard !hasSpecifier, !bootstrapPackages.contains(name.lowercased()) else { continue }
            packages.append(word)
        }
        guard let first = packages.first else { return nil }
        return
            "`pip install \(packages.joined(separator: " "))` installs the newest release; pin it (`\(first)==1.2.3`) "
            + "or install from a hashed requirements file"
    }

    private static func cargoProblem(_ arguments: [String]) -> String? {
        guard arguments.first == "install" else { return nil }
        let rest = arguments.dropFirst()
        let pinned = ["--version", "--vers", "--path", "--rev", "--tag"]
        if rest.contains(where: { word in pinned.contains { word == $0 || word.hasPrefix($0 + "=") } }) { return nil }
        let valueOptions: Set<String> = [
            "--git", "--branch", "--registry", "--index", "--root", "--target", "--features", "-F", "--profile", "-j",
            "--jobs", "--bin", "--example", "--target-dir", "--config", "-Z", "--color",
        ]
        var crates: [String] = []
        var skipNext = false
        for word in rest {
            if skipNext {
                skipNext = false
                continue
            }
            if word.hasPrefix("-") {
                skipNext = valueOptions.contains(word)
                continue
            }
            guard !word.contains("@"), !word.contains("$") else { continue }
            crates.append(word)
        }
        if crates.isEmpty, let git = rest.firstIndex(of: "--git") {
            let url = git + 1 < rest.endIndex ? rest[git + 1] : "the repository"
            return "`cargo install --git \(url)` builds whatever the default branch holds; add `--tag` or `--rev`"
        }
        guard let first = crates.first else { return nil }
        return "`cargo install \(crates.joined(separator: " "))` installs the newest release; pin it "
            + "(`cargo install \(first) --version 1.2.3 --locked`)"
    }
}

extension String {
    fileprivate static func unpinned(_ problem: String, owner: String) -> String {
        "\(owner): \(problem)"
    }
}
