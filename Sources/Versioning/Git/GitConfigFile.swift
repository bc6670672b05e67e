/// One `section.subsection.key = value` of a git config file.
struct GitConfigEntry: Sendable, Equatable {
    /// The section name, lowercased (`remote`).
    var section: String
    /// The subsection exactly as written (`origin`), `nil` for `[core]`.
    var subsection: String?
    /// The key, lowercased (`url`).
    var key: String
    /// The value after git's unquoting; `nil` for a bare key (`[core] bare`, git's implicit `true`).
    var value: [UInt8]?
}

/// A strict reader of git's config syntax (sections, quoted subsections, quoting, escapes, comments, line
/// continuations), for the native fast path.
///
/// It follows `config.c` of git for what it accepts; anything it does not accept (old `[section.sub]` headers,
/// carriage returns, a byte-order mark, malformed lines) throws, and the caller asks `git config` instead.
enum GitConfigFile {
    static func parse(_ bytes: [UInt8]) throws(GitNativeUnsupported) -> [GitConfigEntry] {
        var parser = Parser(bytes: bytes)
        return try parser.entries()
    }

    private struct Parser {
        let bytes: [UInt8]
        var position = 0
        var section: String?
        var subsection: String?

        init(bytes: [UInt8]) { self.bytes = bytes }

        static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        static func isKeyCharacter(_ byte: UInt8) -> Bool { ASCII.isAlphanumeric(byte) || byte == 0x2D }

        func unsupported(_ why: String) -> GitNativeUnsupported {
            GitNativeUnsupported(reason: "git config: \(why) at byte \(position)")
        }

        mutating func next() -> UInt8? {
            guard position < bytes.count else { return nil }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func entries() throws(GitNativeUnsupported) -> [GitConfigEntry] {
            if bytes.contains(0x0D) { throw unsupported("carriage return") }
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { throw unsupported("byte-order mark") }
            var result: [GitConfigEntry] = []
            var inComment = false
            while let byte = next() {
                if byte == 0x0A {
                    inComment = false
                    continue
                }
                if inComment || Self.isSpace(byte) { continue }
                if byte == 0x23 || byte == 0x3B {
                    inComment = true
                    continue
                }
                if byte == 0x5B {
                    try header()
                    continue
                }
                guard ASCII.isLetter(byte), let section else { throw unsupported("unexpected character") }
                var key = [ASCII.lowered(byte)]
                var value: [UInt8]?
                while true {
                    guard let character = next() else { break }
                    if Self.isKeyCharacter(character) {
                        key.append(ASCII.lowered(character))
                        continue
                    }
                    var current: UInt8? = character
                    while current == 0x20 || current == 0x09 { current = next() }
                    if current == nil || current == 0x0A { break }
                    guard current == 0x3D else { throw unsupported("expected `=` after a key") }
                    value = try self.value()
                    break
                }
                result.append(
                    GitConfigEntry(
                        section: section,
                        subsection: subsection,
                        key: String(decoding: key, as: UTF8.self),
                        value: value
                    )
                )
            }
            return result
        }

        /// `[name]` or `[name "subsection"]`.
        mutating func header() throws(GitNativeUnsupported) {
            var name: [UInt8] = []
            while true {
                guard let byte = next() else { throw unsupported("unterminated section header") }
                if byte == 0x5D {
                    guard !name.isEmpty else { throw unsupported("empty section name") }
                    section = String(decoding: name, as: UTF8.self)
                    subsection = nil
                    return
                }
                if byte == 0x20 || byte == 0x09 { break }
                guard Self.isKeyCharacter(byte) else { throw unsupported("section name") }
                name.append(ASCII.lowered(byte))
            }
            var byte = next()
            while byte == 0x20 || byte == 0x09 { byte = next() }
            guard byte == 0x22, !name.isEmpty else { throw unsupported("subsection must be quoted") }
            var sub: [UInt8] = []
            while true {
                guard var character = next(), character != 0x0A else { throw unsupported("unterminated subsection") }
                if character == 0x22 { break }
                if character == 0x5C {
                    guard let escaped = next(), escaped != 0x0A else { throw unsupported("subsection escape") }
                    character = escaped
                }
                sub.append(character)
            }
            guard next() == 0x5D else { throw unsupported("expected `]` after a subsection") }
            section = String(decoding: name, as: UTF8.self)
            subsection = String(decoding: sub, as: UTF8.self)
        }

        /// git's `parse_value`: whitespace outside quotes becomes single spaces between words and is dropped at the
        /// ends, `#` and `;` start a comment outside quotes, `\` escapes `\\ \" \n \t \b` and continues lines.
        mutating func value() throws(GitNativeUnsupported) -> [UInt8] {
            var value: [UInt8] = []
            var quoted = false
            var comment = false
            var spaces = 0
            while true {
                guard let byte = next() else {
                    guard !quoted else { throw unsupported("unterminated quote") }
                    return value
                }
                if byte == 0x0A {
                    guard !quoted else { throw unsupported("newline in a quoted value") }
                    return value
                }
                if comment { continue }
                if Self.isSpace(byte) && !quoted {
                    if !value.isEmpty { spaces += 1 }
                    continue
                }
                if !quoted && (byte == 0x3B || byte == 0x23) {
                    comment = true
                    continue
                }
                value.append(contentsOf: repeatElement(0x20, count: spaces))
                spaces = 0
                if byte == 0x5C {
                    switch next() {
                    case 0x0A: continue
                    case 0x74: value.append(0x09)
                    case 0x62: value.append(0x08)
                    case 0x6E: value.append(0x0A)
                    case 0x22: value.append(0x22)
                    case 0x5C: value.append(0x5C)
                    default: throw unsupported("unknown escape")
                    }
                    continue
                }
                if byte == 0x22 {
                    quoted.toggle()
                    continue
                }
                value.append(byte)
            }
        }
    }
}
