public import SlipwayCore

/// One kind of secret the scanner recognises: a stable id, what it is, how bad a leak is, the keywords that must
/// appear on a line before anything more expensive runs, and how to find and confirm the secret itself.
public struct SecretRule: Sendable {
    /// Stable, lowercase, kebab-case id (`github-pat`); used in output, allow-lists and baselines.
    public let id: String
    /// What the secret is, for people.
    public let description: String
    /// How serious a leak is.
    public let severity: Severity
    /// Lowercase ASCII byte strings; a line is only examined for this rule when one of them occurs in it.
    public let keywords: [String]
    /// The pattern as documented (a regular expression, or a description of a hand-written matcher).
    public let pattern: String
    /// Minimum Shannon entropy (bits per character) of the secret, if any.
    public let minimumEntropy: Double?
    let matcher: SecretMatcher
    let validator: SecretValidator?

    init(
        id: String,
        description: String,
        severity: Severity,
        keywords: [String],
        matcher: SecretMatcher,
        pattern: String? = nil,
        minimumEntropy: Double? = nil,
        validator: SecretValidator? = nil
    ) {
        self.id = id
        self.description = description
        self.severity = severity
        self.keywords = keywords.map { $0.lowercased() }
        self.matcher = matcher
        self.pattern = pattern ?? matcher.documentation
        self.minimumEntropy = minimumEntropy
        self.validator = validator
    }

    /// Whether a validator (a checksum, a decoded header) confirms candidates beyond the pattern.
    public var isValidated: Bool { validator != nil }

    /// Whether the rule's regular expression compiled (hand-written matchers always do).
    public var compiles: Bool {
        switch matcher {
        case .anchored(let pattern, _, _), .context(let pattern, _, _, _), .line(let pattern, _): pattern.isValid
        case .privateKey, .urlPassword, .generic, .serviceAccount: true
        }
    }
}

/// How a rule finds candidates once a keyword has been seen on a line.
enum SecretMatcher: Sendable {
    /// A regular expression tried at the keyword's offset (the keyword is the token's prefix); `group` is the
    /// capture holding the secret (0 for the whole match); `span` bounds the bytes the pattern may see.
    case anchored(CompiledPattern, group: Int = 0, span: Int = 512)
    /// A regular expression searched in a window around the keyword: `before`/`after` bytes either side.
    case context(CompiledPattern, group: Int = 0, before: Int = 120, after: Int = 200)
    /// A regular expression searched over the whole line (custom rules; lines longer than the cap are windowed).
    case line(CompiledPattern, group: Int = 0)
    /// `-----BEGIN … PRIVATE KEY-----` with a body, on following lines or with `\n` escapes.
    case privateKey
    /// `scheme://user:password@host`.
    case urlPassword
    /// A keyword assignment (`password = "…"`) whose value passes entropy and placeholder checks.
    case generic
    /// A Google service-account JSON document: `"type": "service_account"` with a `"private_key"`.
    case serviceAccount

    var documentation: String {
        switch self {
        case .anchored(let pattern, _, _), .context(let pattern, _, _, _), .line(let pattern, _): pattern.source
        case .privateKey: "-----BEGIN [RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP] PRIVATE KEY[ BLOCK]----- + base64 body"
        case .urlPassword: "scheme://user:password@host (hand-written matcher)"
        case .generic:
            "keyword (password, secret, token, api_key, …) assigned with = : := => to a value of enough entropy"
        case .serviceAccount: "\"type\": \"service_account\" with a \"private_key\" in the same file"
        }
    }
}

/// A compiled regular expression with its source; compiled once and shared.
struct CompiledPattern: @unchecked Sendable {
    // Regex holds only immutable compiled state once built; matching never mutates it, so sharing it across
    // tasks is safe (the standard library does not mark it Sendable on every platform).
    /// `nil` only for a built-in pattern that failed to compile, which then matches nothing (a test compiles
    /// every built-in pattern, so that is a bug caught there rather than a crash on a user's machine).
    let regex: Regex<AnyRegexOutput>?
    let source: String

    init(_ source: String) throws {
        self.source = source
        regex = try Regex(source).matchingSemantics(.unicodeScalar)
    }

    private init(neverMatching source: String) {
        self.source = source
        regex = nil
    }

    /// Compiles a built-in pattern.
    static func builtIn(_ source: String) -> CompiledPattern {
        (try? CompiledPattern(source)) ?? CompiledPattern(neverMatching: source)
    }

    /// Whether the pattern compiled.
    var isValid: Bool { regex != nil }

    /// Whether the pattern occurs anywhere in `text`.
    func occurs(in text: String) -> Bool {
        guard let regex else { return false }
        return (try? regex.firstMatch(in: text)) != nil
    }
}
