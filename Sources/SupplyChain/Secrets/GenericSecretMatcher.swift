/// The generic rule: a secret-like name (`password`, `client_secret`, `API_TOKEN`, `"apiKey"`) assigned with
/// `=`, `:`, `:=` or `=>` to a value that is not a reference or placeholder and looks random enough.
enum GenericSecretMatcher {
    static let ruleID = "generic-secret"

    /// The words that make a name secret-like (lowercase).
    static let keywords = [
        "passw", "pwd", "secret", "token", "api_key", "apikey", "api-key", "access_key", "accesskey", "auth_key",
        "authkey", "private_key", "privatekey", "credential",
    ]

    /// Bits per character a value needs.
    static let minimumEntropy = 3.0

    /// Name endings that describe something about a secret rather than the secret itself.
    private static let describingSuffixes = [
        "file", "path", "url", "uri", "name", "type", "len", "length", "count", "header", "prefix", "field", "env",
        "dir", "endpoint", "format", "pattern", "regex", "expiry", "expires", "expiration", "ttl", "id", "ids",
        "size", "policy", "kind", "mode", "method", "version", "param", "key_id", "keyid", "arn", "ref", "label",
    ]

    /// The value's byte range when the keyword at `offset` starts a secret assignment.
    static func match(
        in buffer: UnsafeBufferPointer<UInt8>,
        keywordAt offset: Int,
        keywordLength: Int,
        line: LineSpan
    ) -> Range<Int>? {
        // The whole name around the keyword.
        var nameStart = offset
        while nameStart > line.start, ByteText.isIdentifier(buffer[nameStart - 1]) { nameStart -= 1 }
        var cursor = offset + keywordLength
        while cursor < line.end, ByteText.isIdentifier(buffer[cursor]) { cursor += 1 }
        let name = ByteText.string(buffer, nameStart..<cursor).lowercased()
        if describingSuffixes.contains(where: { name.hasSuffix($0) }) { return nil }
        // `$NAME` or `${NAME:-default}` is a shell expansion, not an assignment.
        if nameStart > line.start,
            buffer[nameStart - 1] == UInt8(ascii: "$") || buffer[nameStart - 1] == UInt8(ascii: "{")
        {
            return nil
        }
        // A closing quote of a JSON/YAML key, spaces, then the operator.
        if cursor < line.end, isQuote(buffer[cursor]) { cursor += 1 }
        while cursor < line.end, ByteText.isSpace(buffer[cursor]) { cursor += 1 }
        guard cursor < line.end else { return nil }
        let first = buffer[cursor]
        let next = cursor + 1 < line.end ? buffer[cursor + 1] : 0
        switch first {
        case UInt8(ascii: "="):
            if next == UInt8(ascii: "=") || next == UInt8(ascii: "~") { return nil }
            cursor += next == UInt8(ascii: ">") ? 2 : 1
        case UInt8(ascii: ":"):
            if next == UInt8(ascii: ":") { return nil }
            cursor += next == UInt8(ascii: "=") ? 2 : 1
        default:
            return nil
        }
        while cursor < line.end, ByteText.isSpace(buffer[cursor]) { cursor += 1 }
        guard cursor < line.end else { return nil }
        let valueRange: Range<Int>
        let quoted = isQuote(buffer[cursor])
        if quoted {
            let quote = buffer[cursor]
            let start = cursor + 1
            var end = start
            while end < line.end, buffer[end] != quote {
                if buffer[end] == UInt8(ascii: "\\") { end += 1 }
                end += 1
            }
            guard end < line.end else { return nil }
            valueRange = start..<end
        } else {
            let start = cursor
            var end = start
            while end < line.end, !endsUnquotedValue(buffer[end]) { end += 1 }
            valueRange = start..<end
        }
        guard valueRange.count >= 8, valueRange.count <= 256 else { return nil }
        return looksLikeSecret(buffer, valueRange, quoted: quoted) ? valueRange : nil
    }

    private static func isQuote(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "`")
    }

    private static func endsUnquotedValue(_ byte: UInt8) -> Bool {
        ByteText.isSpace(byte) || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";")
            || byte == UInt8(ascii: ")") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")
    }

    /// Whether a value is a literal that looks like a secret rather than code, a reference or prose.
    private static func looksLikeSecret(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, quoted: Bool) -> Bool
    {
        var lower = false
        var upper = false
        var digit = false
        var symbol = false
        for index in range {
            let byte = buffer[index]
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): lower = true
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): upper = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = true
            case UInt8(ascii: " "), UInt8(ascii: "\t"): return false
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "<"):
                if !quoted { return false }
                symbol = true
            default:
                if byte >= 0x80 { return false }
                symbol = true
            }
        }
        let first = buffer[range.lowerBound]
        // YAML tags, anchors and aliases; shell and template references; paths.
        if first == UInt8(ascii: "!") || first == UInt8(ascii: "&") || first == UInt8(ascii: "*") { return false }
        if first == UInt8(ascii: "/") || first == UInt8(ascii: "~") || first == UInt8(ascii: "@") { return false }
        let text = ByteText.string(buffer, range)
        if text.contains("://") || text.hasPrefix("./") || text.hasPrefix("../") { return false }
        if looksLikeCode(text) { return false }
        let identifierOnly = range.allSatisfy { ByteText.isIdentifier(buffer[$0]) }
        if !digit {
            // Words (`page_token`, `Reviewed-by`) and unquoted references (`settings.token`, `String?`) carry no
            // digit; random secrets of this length almost always do, or at least mix cases without separators.
            if !quoted {
                // An unquoted literal without digits must look like a password: mixed case and punctuation that
                // type names, paths and expressions do not use.
                let punctuation = Array("#!@%^*+=~&".utf8)
                let hasPunctuation = range.contains { punctuation.contains(buffer[$0]) }
                let codeLike = text.contains("/") || text.contains("?") || text.contains("\\") || text.contains("\"")
                if !(lower && upper && hasPunctuation) || codeLike { return false }
            }
            let separated = text.contains("_") || text.contains("-") || text.contains(".")
            if identifierOnly, separated || !(lower && upper) { return false }
        }
        if !quoted, identifierOnly {
            // `DEPLOY_API_TOKEN_V2`, `config.token2`: a variable or constant, not a literal.
            if !lower || text.contains(".") { return false }
        }
        let classes = [lower, upper, digit, symbol].filter { $0 }.count
        if classes < 2 { return false }
        return Entropy.shannon(text.utf8) >= minimumEntropy
    }

    /// Regular expressions, string interpolation and format strings: source code, not a secret.
    private static func looksLikeCode(_ text: String) -> Bool {
        let markers = ["(?", "]{", "[^", "\\.", "\\d", "\\s", "\\w", "\\(", "\\b", "{0,", "{1,", "%s", "%d", "%@"]
        return markers.contains { text.contains($0) }
    }
}

/// The hand-written matchers for secrets with structure a single-line pattern cannot express.
enum StructuralMatchers {
    /// Values that are never a real password in a URL.
    static let trivialPasswords: Set<String> = [
        "password", "passwd", "pass", "pwd", "secret", "token", "admin", "root", "test", "guest", "user", "username",
        "example", "changeme", "letmein", "foobar", "foo", "bar", "x-oauth-basic", "anonymous",
    ]

    /// `-----BEGIN … PRIVATE KEY-----`, its body up to `-----END`, on following lines or with `\n` escapes (JSON).
    static func privateKey(
        in buffer: UnsafeBufferPointer<UInt8>,
        keywordAt offset: Int,
        line: LineSpan
    ) -> (start: Int, end: Int, secret: String)? {
        guard let begin = ByteText.find(Array("-----begin ".utf8), in: buffer, range: line.start..<offset) else {
            return nil
        }
        // Only key-type words between BEGIN and PRIVATE KEY.
        for index in (begin + 11)..<offset {
            let byte = buffer[index]
            if !(ByteText.isAlphanumeric(byte) || byte == UInt8(ascii: " ")) { return nil }
        }
        var cursor = offset + 11
        if ByteText.find(Array(" block".utf8), in: buffer, range: cursor..<min(line.end, cursor + 6)) == cursor {
            cursor += 6
        }
        guard ByteText.find(Array("-----".utf8), in: buffer, range: cursor..<min(line.end, cursor + 5)) == cursor
        else { return nil }
        let bodyStart = cursor + 5
        let limit = min(buffer.count, bodyStart + 65_536)
        guard let end = ByteText.find(Array("-----end".utf8), in: buffer, range: bodyStart..<limit) else {
            return nil
        }
        // Collect base64 characters, skipping `Header: value` lines and `\n` escapes.
        var body: [UInt8] = []
        var segment: [UInt8] = []
        func flush() {
            if !segment.contains(UInt8(ascii: ":")) {
                body += segment.filter(ByteText.isBase64)
            }
            segment.removeAll(keepingCapacity: true)
        }
        var index = bodyStart
        while index < end {
            let byte = buffer[index]
            if byte == ByteText.newline {
                flush()
            } else if byte == UInt8(ascii: "\\"), index + 1 < end, buffer[index + 1] == UInt8(ascii: "n") {
                flush()
                index += 1
            } else {
                segment.append(byte)
            }
            index += 1
        }
        flush()
        guard body.count >= 64, Entropy.shannon(body) >= 4.0 else { return nil }
        return (begin, min(line.end, bodyStart), String(decoding: body, as: UTF8.self))
    }

    /// The password of `scheme://user:password@host`.
    static func urlPassword(
        in buffer: UnsafeBufferPointer<UInt8>,
        separatorAt offset: Int,
        line: LineSpan
    ) -> Range<
        Int
    >? {
        var schemeStart = offset
        while schemeStart > line.start {
            let byte = buffer[schemeStart - 1]
            guard
                ByteText.isAlphanumeric(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
                    || byte == UInt8(ascii: ".")
            else { break }
            schemeStart -= 1
        }
        guard offset - schemeStart >= 2, ByteText.lower(buffer[schemeStart]) >= UInt8(ascii: "a"),
            ByteText.lower(buffer[schemeStart]) <= UInt8(ascii: "z")
        else { return nil }
        let userStart = offset + 3
        var cursor = userStart
        var colon: Int?
        while cursor < line.end {
            let byte = buffer[cursor]
            if byte == UInt8(ascii: "@") { break }
            if ByteText.isSpace(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "\"")
                || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "`") || byte == UInt8(ascii: "<")
                || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "?")
                || byte == UInt8(ascii: "#")
            {
                return nil
            }
            if byte == UInt8(ascii: ":"), colon == nil { colon = cursor }
            cursor += 1
        }
        guard cursor < line.end, let colon, cursor + 1 < line.end, ByteText.isAlphanumeric(buffer[cursor + 1]) else {
            return nil
        }
        let password = (colon + 1)..<cursor
        guard password.count >= 4 else { return nil }
        let text = ByteText.string(buffer, password).lowercased()
        if trivialPasswords.contains(text) { return nil }
        return password
    }

    /// A service-account key file: `"type": "service_account"` and a `"private_key"` holding a PEM key.
    ///
    /// The secret is the `private_key_id` (or the start of the key when there is none).
    static func serviceAccount(
        in buffer: UnsafeBufferPointer<UInt8>,
        keywordAt offset: Int,
        line: LineSpan
    ) -> (start: Int, end: Int, secret: String)? {
        guard offset > line.start, buffer[offset - 1] == UInt8(ascii: "\""),
            ByteText.find(Array("\"type\"".utf8), in: buffer, range: line.start..<offset) != nil
        else { return nil }
        let whole = 0..<buffer.count
        guard let key = ByteText.find(Array("\"private_key\"".utf8), in: buffer, range: whole),
            ByteText.find(Array("-----begin".utf8), in: buffer, range: key..<min(buffer.count, key + 200)) != nil
        else { return nil }
        let secret: String
        if let id = ByteText.find(Array("\"private_key_id\"".utf8), in: buffer, range: whole),
            let value = quotedValue(in: buffer, after: id + 16)
        {
            secret = ByteText.string(buffer, value)
        } else {
            secret = ByteText.string(buffer, key..<min(buffer.count, key + 120))
        }
        guard secret.utf8.count >= 8 else { return nil }
        return (offset - 1, offset + 16, secret)
    }

    /// The range inside the quotes of the string value after `"key"` ending at `offset` (`: "value"`).
    private static func quotedValue(in buffer: UnsafeBufferPointer<UInt8>, after offset: Int) -> Range<Int>? {
        var cursor = offset
        while cursor < buffer.count, ByteText.isSpace(buffer[cursor]) || buffer[cursor] == UInt8(ascii: ":") {
            cursor += 1
        }
        guard cursor < buffer.count, buffer[cursor] == UInt8(ascii: "\"") else { return nil }
        let start = cursor + 1
        var end = start
        while end < buffer.count, buffer[end] != UInt8(ascii: "\""), buffer[end] != ByteText.newline { end += 1 }
        guard end < buffer.count, buffer[end] == UInt8(ascii: "\"") else { return nil }
        return start..<end
    }
}
