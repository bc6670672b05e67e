import SlipwayCore

/// Finds credentials written into the workflow file: registry passwords, API tokens and webhook URLs.
struct HardcodedCredentialsRule: AuditRule {
    static let metadata = RuleMetadata(
        id: "hardcoded-credentials",
        name: "Hardcoded Credentials",
        area: .security,
        severity: .high,
        confidence: .high,
        summary: "A password, API token or webhook URL is written literally in the workflow.",
        rationale: """
            Everything in a workflow file is readable by anyone who can read the repository, stays in its git \
            history forever and is copied into every fork. A literal registry password, API token or incoming \
            webhook URL (Slack, Teams, Discord) lets anyone use it. Revoke the credential, store a new one as an \
            encrypted secret (or better, use OIDC so there is no long-lived secret at all) and reference it with \
            `${{ secrets.NAME }}`.
            """,
        fixBefore: """
            container:
              image: ghcr.io/acme/build:1.4
              credentials:
                username: ci
                password: hunter2-registry-pass
            """,
        fixAfter: """
            container:
              image: ghcr.io/acme/build:1.4
              credentials:
                username: ${{ github.actor }}
                password: ${{ secrets.GITHUB_TOKEN }}
            """,
        triggeringExamples: [
            RuleExample(
                """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    container:
                      image: ghcr.io/acme/build:1.4
                      credentials:
                        username: ci
                        password: ↓hunter2-registry-pass
                    services:
                      db:
                        image: postgres:16
                        credentials:
                          username: ci
                          password: ↓'Tr0ub4dor&3'
                    steps:
                      - run: make
                """
            ),
            RuleExample(
                """
                on: push
                jobs:
                  notify:
                    runs-on: ubuntu-latest
                    env:
                      SLACK_WEBHOOK_URL: ↓"https://hooks.slack.com/triggers/E015GUGD2V6/9123952629527/1ba434edb79c"
                    steps:
                      - run: |
                          git push https://x-access-token:↓ghp_R2d2C3poR2d2C3poR2d2C3poR2d2C3poAbCd@github.com/o/r
                      - uses: some/deploy-action@v2
                        with:
                          api-key: ↓9f8e7d6c5b4a39281706f5e4d3c2b1a0
                """
            ),
        ],
        nonTriggeringExamples: [
            RuleExample(
                """
                on: push
                env:
                  AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLE
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    container:
                      image: ghcr.io/acme/build:1.4
                      credentials:
                        username: ${{ github.actor }}
                        password: ${{ secrets.GITHUB_TOKEN }}
                    services:
                      db:
                        image: postgres:16
                        env:
                          POSTGRES_PASSWORD: postgres
                    steps:
                      - uses: actions/setup-java@v4
                        with:
                          server-password: CI_DEPLOY_PASSWORD
                          token: ${{ secrets.DEPLOY_TOKEN }}
                      - run: curl -X POST "$SLACK_WEBHOOK_URL"
                        env:
                          SLACK_WEBHOOK_URL: ${{ secrets.SLACK_WEBHOOK_URL }}
                          NPM_TOKEN: ""
                """
            )
        ]
    )

    init(options: NoOptions) {}

    func check(_ file: WorkflowFile, context: RuleContext) -> [Finding] {
        var found: [SourcePosition: String] = [:]
        var order: [SourcePosition] = []
        func add(_ position: SourcePosition, _ message: String) {
            guard found[position] == nil else { return }
            found[position] = message
            order.append(position)
        }
        for job in file.jobs {
            if let password = job.container?.mapping?["credentials"]?.mapping?["password"]?.scalar,
                SupplyChainSupport.isLiteral(password)
            {
                add(password.position, .registryPassword(owner: "the container of job '\(job.id.value)'", password))
            }
            for service in job.services?.entries ?? [] {
                guard let password = service.value.mapping?["credentials"]?.mapping?["password"]?.scalar,
                    SupplyChainSupport.isLiteral(password)
                else { continue }
                add(password.position, .registryPassword(owner: "service '\(service.key.value)'", password))
            }
        }
        for scalar in file.scalars {
            for match in CredentialPatterns.matches(in: scalar.value) {
                let position =
                    match.line == 0 && match.column == 0
                    ? scalar.position
                    : SupplyChainSupport.position(
                        line: match.line,
                        column: match.column,
                        in: scalar,
                        source: file.source
                    )
                add(position, .knownCredential(kind: match.kind, text: match.text))
            }
        }
        var named: [(name: String, value: YAMLScalar)] = []
        for (_, step) in file.allSteps {
            for entry in step.with?.entries ?? [] {
                if let value = entry.value.scalar { named.append((entry.key.value, value)) }
            }
        }
        for (_, mapping) in SupplyChainSupport.environmentBlocks(in: file) {
            for entry in mapping.entries {
                if let value = entry.value.scalar { named.append((entry.key.value, value)) }
            }
        }
        for (name, value) in named
        where CredentialPatterns.isSecretName(name) && CredentialPatterns.looksLikeSecret(value) {
            add(value.position, .namedSecret(name: name, value))
        }
        return order.compactMap { position in
            found[position].map { context.finding(in: file, at: position, $0) }
        }
    }
}

/// Recognises credentials by their well-known shapes.
enum CredentialPatterns {
    /// One credential shape: a literal prefix followed by a run of allowed characters.
    struct Shape: Sendable {
        var kind: String
        var prefix: String
        var minimumLength: Int
        var maximumLength: Int = .max
        var allowed: @Sendable (Unicode.Scalar) -> Bool
        /// Whether the prefix must start a word (not follow a letter or digit).
        var wordStart = true
    }

    /// A credential found in a text.
    struct Match: Sendable, Hashable {
        var kind: String
        var text: String
        /// 0-based line and column (in Unicode scalars) inside the text.
        var line: Int
        var column: Int
    }

    private static func isAlphanumeric(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9")
    }

    private static let alphanumeric: @Sendable (Unicode.Scalar) -> Bool = { isAlphanumeric($0) }
    private static let tokenCharacter: @Sendable (Unicode.Scalar) -> Bool = {
        isAlphanumeric($0) || $0 == "_" || $0 == "-"
    }
    private static let upperAlphanumeric: @Sendable (Unicode.Scalar) -> Bool = {
        ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9")
    }
    private static let urlPath: @Sendable (Unicode.Scalar) -> Bool = {
        isAlphanumeric($0) || $0 == "/" || $0 == "_" || $0 == "-" || $0 == "@"
    }

    static let shapes: [Shape] =
        ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"].map {
            Shape(kind: "GitHub token", prefix: $0, minimumLength: 36, maximumLength: 36, allowed: alphanumeric)
        } + [
            Shape(kind: "GitHub token", prefix: "github_pat_", minimumLength: 22, allowed: tokenCharacter),
            Shape(
                kind: "AWS access key",
                prefix: "AKIA",
                minimumLength: 16,
                maximumLength: 16,
                allowed: upperAlphanumeric
            ),
            Shape(kind: "Stripe key", prefix: "sk_live_", minimumLength: 20, allowed: alphanumeric),
            Shape(kind: "Stripe key", prefix: "rk_live_", minimumLength: 20, allowed: alphanumeric),
            Shape(kind: "GitLab token", prefix: "glpat-", minimumLength: 20, allowed: tokenCharacter),
            Shape(kind: "npm token", prefix: "npm_", minimumLength: 36, maximumLength: 36, allowed: alphanumeric),
            Shape(kind: "PyPI token", prefix: "pypi-AgEI", minimumLength: 50, allowed: tokenCharacter),
            Shape(
                kind: "Google API key",
                prefix: "AIza",
                minimumLength: 35,
                maximumLength: 35,
                allowed: tokenCharacter
            ),
        ]
        + ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxe-"].map {
            Shape(kind: "Slack token", prefix: $0, minimumLength: 10, allowed: tokenCharacter)
        }
        + [
            ("Slack webhook URL", "https://hooks.slack.com/services/"),
            ("Slack webhook URL", "https://hooks.slack.com/triggers/"),
            ("Slack webhook URL", "https://hooks.slack.com/workflows/"),
            ("Microsoft Teams webhook URL", "https://outlook.office.com/webhook/"),
            ("Discord webhook URL", "https://discord.com/api/webhooks/"),
            ("Discord webhook URL", "https://discordapp.com/api/webhooks/"),
        ].map { Shape(kind: $0.0, prefix: $0.1, minimumLength: 16, allowed: urlPath, wordStart: false) }

    /// Every shape prefix (and the private-key marker) as bytes, indexed by first byte (a 256-entry table, so
    /// the pre-scan costs one array load per byte of text).
    private static let prefixesByFirstByte: [[[UInt8]]] = {
        var table = [[[UInt8]]](repeating: [], count: 256)
        for prefix in shapes.map(\.prefix) + ["PRIVATE KEY-----"] {
            let bytes = Array(prefix.utf8)
            if let first = bytes.first { table[Int(first)].append(bytes) }
        }
        return table
    }()

    /// Whether any shape's prefix occurs in `text`: one pass over the UTF-8 bytes, most scalars exit here.
    static func mayContainCredential(_ text: String) -> Bool {
        if let found = text.utf8.withContiguousStorageIfAvailable({ scan($0) }) { return found }
        return Array(text.utf8).withUnsafeBufferPointer { scan($0) }
    }

    /// Whether some prefix starts with the two bytes (index `first << 8 | second`; every prefix has at least two),
    /// so the scan reads the candidate lists only where a prefix can start.
    private static let startsPrefix: [Bool] = {
        var table = [Bool](repeating: false, count: 65536)
        for prefixes in prefixesByFirstByte {
            for prefix in prefixes where prefix.count >= 2 { table[Int(prefix[0]) << 8 | Int(prefix[1])] = true }
        }
        return table
    }()

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        startsPrefix.withUnsafeBufferPointer { starts in scan(bytes, starts: starts) }
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, starts: UnsafeBufferPointer<Bool>) -> Bool {
        var index = 0
        while index < bytes.count {
            if index + 1 < bytes.count, starts[Int(bytes[index]) << 8 | Int(bytes[index + 1])] {
                let candidates = prefixesByFirstByte[Int(bytes[index])]
                for prefix in candidates where index + prefix.count <= bytes.count {
                    var equal = true
                    for offset in 1..<prefix.count where bytes[index + offset] != prefix[offset] {
                        equal = false
                        break
                    }
                    if equal { return true }
                }
            }
            index += 1
        }
        return false
    }

    /// The credentials in `text`.
    static func matches(in text: String) -> [Match] {
        guard mayContainCredential(text) else { return [] }
        let scalars = Array(text.unicodeScalars)
        var results: [Match] = []
        var line = 0
        var lineStart = 0
        var index = 0
        while index < scalars.count {
            if scalars[index] == "\n" {
                line += 1
                lineStart = index + 1
                index += 1
                continue
            }
            if let (kind, length) = match(at: index, in: scalars) {
                var token = String.UnicodeScalarView()
                token.append(contentsOf: scalars[index..<(index + length)])
                results.append(Match(kind: kind, text: String(token), line: line, column: index - lineStart))
                index += length
                continue
            }
            index += 1
        }
        return results
    }

    private static func match(at index: Int, in scalars: [Unicode.Scalar]) -> (String, Int)? {
        if hasPrefix("-----BEGIN ", at: index, in: scalars) {
            var end = index + 11
            while end < scalars.count, scalars[end] != "\n", scalars[end] != "-" { end += 1 }
            if hasPrefix("-----", at: end, in: scalars), hasSuffix("PRIVATE KEY", endingAt: end, in: scalars) {
                return ("private key", end + 5 - index)
            }
        }
        for shape in shapes where hasPrefix(shape.prefix, at: index, in: scalars) {
            if shape.wordStart, index > 0, isAlphanumeric(scalars[index - 1]) { continue }
            let start = index + shape.prefix.unicodeScalars.count
            var end = start
            while end < scalars.count, shape.allowed(scalars[end]) { end += 1 }
            let length = end - start
            guard length >= shape.minimumLength else { continue }
            if shape.maximumLength != .max {
                guard length == shape.maximumLength else { continue }
            }
            let body = scalars[start..<end]
            if isPlaceholder(body) { continue }
            return (shape.kind, end - index)
        }
        return nil
    }

    /// Documentation examples (`AKIAIOSFODNN7EXAMPLE`) and filler (`xxxx…`, `0000…`).
    private static func isPlaceholder(_ body: ArraySlice<Unicode.Scalar>) -> Bool {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: body)
        let upper = String(text).uppercased()
        if upper.contains("EXAMPLE") || upper.contains("XXXXXXXX") || upper.contains("00000000") { return true }
        let distinct = Set(body.filter { $0 != "/" && $0 != "-" && $0 != "_" })
        return distinct.count < 6
    }

    private static func hasPrefix(_ prefix: String, at index: Int, in scalars: [Unicode.Scalar]) -> Bool {
        var cursor = index
        for scalar in prefix.unicodeScalars {
            guard cursor < scalars.count, scalars[cursor] == scalar else { return false }
            cursor += 1
        }
        return true
    }

    private static func hasSuffix(_ suffix: String, endingAt end: Int, in scalars: [Unicode.Scalar]) -> Bool {
        let count = suffix.unicodeScalars.count
        guard end >= count else { return false }
        return hasPrefix(suffix, at: end - count, in: scalars)
    }

    /// Whether an input or variable name says it holds a secret (`password`, `api-key`, `DEPLOY_TOKEN`…).
    static func isSecretName(_ name: String) -> Bool {
        let normalized = name.lowercased().replacingUnderscores()
        if normalized.isPlainASCII {
            // One byte per `Character` on both sides (the suffixes are ASCII): compare bytes.
            let bytes = Array(normalized.utf8)
            return secretNameSuffixBytes.contains { suffix in
                bytes == suffix.bare
                    || (bytes.count >= suffix.dashed.count
                        && bytes[(bytes.count - suffix.dashed.count)...].elementsEqual(suffix.dashed))
            }
        }
        return secretNameSuffixes.contains { normalized == $0.bare || normalized.hasSuffix($0.dashed) }
    }

    /// The name endings `isSecretName` looks for, alone and after a `-`.
    private static let secretNameSuffixes: [(bare: String, dashed: String)] =
        ["password", "passwd", "token", "api-key", "apikey", "secret", "secret-key", "private-key"].map {
            ($0, "-" + $0)
        }

    /// `secretNameSuffixes` as bytes.
    private static let secretNameSuffixBytes: [(bare: [UInt8], dashed: [UInt8])] = secretNameSuffixes.map {
        (Array($0.bare.utf8), Array($0.dashed.utf8))
    }

    /// Whether a literal value looks like a real secret rather than a placeholder, a variable name or a path.
    static func looksLikeSecret(_ scalar: YAMLScalar) -> Bool {
        guard SupplyChainSupport.isLiteral(scalar), scalar.bool == nil else { return false }
        let value = scalar.value.trimmingWhitespace()
        guard value.count >= 16, !value.contains(where: { $0 == " " || $0 == "\n" || $0 == "\t" }) else {
            return false
        }
        guard !value.contains("$"), !value.contains("://"), !["/", ".", "~"].contains(where: value.hasPrefix) else {
            return false
        }
        let isVariableName = value.allSatisfy { $0 == "_" || ($0.isUppercase && $0.isASCII) || $0.isNumber }
        guard !isVariableName else { return false }
        let hasDigit = value.contains { $0.isNumber }
        let hasLetter = value.contains { $0.isLetter }
        return hasDigit && hasLetter && Set(value).count >= 8
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        // ASCII without carriage returns: every Character is one byte, so replacing bytes is the same (and fast).
        var copy = self
        let fast = copy.withUTF8 { bytes -> String? in
            for byte in bytes where byte >= 0x80 || byte == 0x0D { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { buffer in
                for (offset, byte) in bytes.enumerated() { buffer[offset] = byte == 0x5F ? 0x2D : byte }
                return bytes.count
            }
        }
        return fast ?? String(map { $0 == "_" ? "-" : $0 })
    }

    fileprivate static func registryPassword(owner: String, _ password: YAMLScalar) -> String {
        "\(owner) logs in with a literal password (`\(SupplyChainSupport.redact(password.value))`); revoke it, "
            + "store a new one as a secret and use `${{ secrets.NAME }}` (or `${{ secrets.GITHUB_TOKEN }}` for ghcr.io)"
    }

    fileprivate static func knownCredential(kind: String, text: String) -> String {
        "a \(kind) (`\(SupplyChainSupport.redact(text))`) is written in the file; revoke it, store a new one as a "
            + "secret and reference it with `${{ secrets.NAME }}`"
    }

    fileprivate static func namedSecret(name: String, _ value: YAMLScalar) -> String {
        "`\(name)` holds a literal credential (`\(SupplyChainSupport.redact(value.value))`); revoke it, store a new "
            + "one as a secret and reference it with `${{ secrets.NAME }}`"
    }
}
