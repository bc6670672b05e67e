/// A simple command found in a `run:` script: its words and where it starts in the script.
public struct ShellCommand: Sendable, Hashable {
    /// Words after quote removal, with leading `VAR=value` assignments and wrappers (`sudo`, `npx`…) removed.
    public var words: [String]
    /// The words as written before wrappers were removed.
    public var originalWords: [String]
    /// 0-based line inside the script.
    public var line: Int
    /// 0-based column inside that line.
    public var column: Int
    /// Whether this command's output is piped into the next one.
    public var pipesToNext: Bool

    /// The command name without directories (`./bin/trivy` → `trivy`).
    public var name: String {
        guard let first = words.first else { return "" }
        return ShellTokenizer.lastPathComponent(first)
    }
}

/// Splits shell scripts into simple commands, enough to recognise tools (`trivy`, `cdk deploy`, `curl … | sh`).
///
/// It understands quotes, escapes, comments, line continuations and the separators `;`, `&&`, `||`, `|`, `&` and
/// newlines; it does not expand variables or run anything.
public enum ShellTokenizer {
    /// Wrappers whose first argument is the real command.
    static let transparentWrappers: Set<String> = ["sudo", "time", "exec", "command", "nohup", "xargs", "env"]
    /// Runners whose first non-option argument is the real command.
    static let packageRunners: Set<String> = ["npx", "bunx", "uvx", "pnpx"]
    /// Package managers whose `dlx`/`exec` subcommand runs the real command.
    static let packageManagers: Set<String> = ["pnpm", "yarn", "npm", "bun"]
    /// Tools whose `run` subcommand runs the real command.
    static let environmentRunners: Set<String> = ["pipx", "uv", "poetry", "pdm", "hatch", "pipenv"]

    /// `word.split(separator: "/").last ?? word`: the command name without directories.
    static func lastPathComponent(_ word: String) -> String {
        // No `/` byte means no `/` Character: the word is its own last component.
        guard word.utf8.contains(UInt8(ascii: "/")) else { return word }
        return String(word.splitASCII("/").last ?? Substring(word))
    }

    /// The commands of `script`.
    public static func commands(in script: String) -> [ShellCommand] {
        var commands: [ShellCommand] = []
        var words: [String] = []
        // Unicode scalars, not Characters: grapheme segmentation is slow and shell syntax is ASCII anyway. The word
        // is kept as UTF-8 bytes (a buffer reused for every word) and decoded once when it ends.
        var current: [UInt8] = []
        var hasWord = false
        var quote: Unicode.Scalar?
        var line = 0
        var column = 0
        var startLine = 0
        var startColumn = 0
        var characters = Array(script.unicodeScalars)
        characters.append("\n")
        var index = 0

        func finishWord() {
            if hasWord {
                if words.isEmpty {
                    startLine = pendingLine
                    startColumn = pendingColumn
                }
                words.append(String(decoding: current, as: UTF8.self))
            }
            current.removeAll(keepingCapacity: true)
            hasWord = false
        }
        var pendingLine = 0
        var pendingColumn = 0
        func finishCommand(pipes: Bool) {
            finishWord()
            if !words.isEmpty {
                commands.append(normalize(words, line: startLine, column: startColumn, pipes: pipes))
            }
            words = []
        }
        func append(_ scalar: Unicode.Scalar) {
            if scalar.isASCII {
                current.append(UInt8(truncatingIfNeeded: scalar.value))
            } else {
                current.append(contentsOf: scalar.utf8)
            }
        }
        func beginWordIfNeeded() {
            if !hasWord {
                hasWord = true
                pendingLine = line
                pendingColumn = column
            }
        }

        while index < characters.count {
            let c = characters[index]
            defer {
                if characters[index] == "\n" {
                    line += 1
                    column = 0
                } else {
                    column += 1
                }
                index += 1
            }
            if let open = quote {
                if c == open {
                    quote = nil
                } else if c == "\\", open == "\"", index + 1 < characters.count {
                    index += 1
                    append(characters[index])
                    column += 1
                } else {
                    append(c)
                }
                continue
            }
            switch c {
            case "'", "\"":
                beginWordIfNeeded()
                quote = c
            case "\\":
                if index + 1 < characters.count, characters[index + 1] == "\n" {
                    index += 1
                    line += 1
                    column = -1
                } else if index + 1 < characters.count {
                    beginWordIfNeeded()
                    index += 1
                    append(characters[index])
                }
            case "#" where !hasWord:
                while index + 1 < characters.count, characters[index + 1] != "\n" { index += 1 }
            case " ", "\t", "\r":
                finishWord()
            case "\n", ";":
                finishCommand(pipes: false)
            case "&":
                if index + 1 < characters.count, characters[index + 1] == "&" { index += 1 }
                finishCommand(pipes: false)
            case "|":
                if index + 1 < characters.count, characters[index + 1] == "|" {
                    index += 1
                    finishCommand(pipes: false)
                } else {
                    finishCommand(pipes: true)
                }
            case "(", ")", "{", "}":
                // Inside a word (`${VAR}`, `$(cmd)`, `a{b,c}`) these are part of it; at a word start they group.
                if hasWord {
                    append(c)
                } else {
                    finishWord()
                }
            default:
                beginWordIfNeeded()
                append(c)
            }
        }
        return commands
    }

    private static func normalize(_ words: [String], line: Int, column: Int, pipes: Bool) -> ShellCommand {
        var remaining = words[...]
        while let first = remaining.first, isAssignment(first) { remaining = remaining.dropFirst() }
        var changed = true
        while changed, let first = remaining.first {
            changed = false
            let name = lastPathComponent(first)
            if transparentWrappers.contains(name) {
                remaining = remaining.dropFirst()
                while let option = remaining.first, option.hasPrefix("-") || isAssignment(option) {
                    remaining = remaining.dropFirst()
                }
                changed = true
            } else if packageRunners.contains(name) {
                remaining = remaining.dropFirst()
                while let option = remaining.first, option.hasPrefix("-") { remaining = remaining.dropFirst() }
                changed = true
            } else if packageManagers.contains(name), remaining.count > 2,
                ["dlx", "exec"].contains(remaining[remaining.startIndex + 1])
            {
                remaining = remaining.dropFirst(2)
                changed = true
            } else if environmentRunners.contains(name), remaining.count > 2,
                remaining[remaining.startIndex + 1] == "run"
            {
                remaining = remaining.dropFirst(2)
                changed = true
            } else if name.hasPrefix("python"), remaining.count > 2, remaining[remaining.startIndex + 1] == "-m" {
                remaining = remaining.dropFirst(2)
                changed = true
            }
        }
        return ShellCommand(
            words: Array(remaining),
            originalWords: words,
            line: line,
            column: column,
            pipesToNext: pipes
        )
    }

    private static func isAssignment(_ word: String) -> Bool {
        if word.isPlainASCII {
            // One byte per `Character`; for ASCII, `isLetter` and `isNumber` mean A–Z, a–z and 0–9.
            var word = word
            return word.withUTF8 { bytes in
                guard let equals = bytes.firstIndex(of: UInt8(ascii: "=")), equals != 0 else { return false }
                return bytes[..<equals].allSatisfy { byte in
                    byte == UInt8(ascii: "_") || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
                        || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                }
            }
        }
        guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { return false }
        return word[..<equals].allSatisfy { $0 == "_" || $0.isLetter || $0.isNumber }
    }
}
