import SlipwayCore

/// One pass over a `Pipfile.lock` as pipenv writes it (JSON), taking each package's name, pin and hashes without
/// loading the document as YAML (libyaml and the node tree were most of the cost of reading the lock).
///
/// It reads a strict subset of JSON whose reading as YAML is plain: ASCII text, spaces and line feeds between tokens,
/// strings without escapes, keys on one line with their colon, no duplicate key in any object, bounded nesting and
/// size. Whatever it does not cover returns `nil`, and `PipfileLockReader` loads the file as before, which reports
/// any error at its position: syntax errors, tabs, carriage returns, escapes, non-ASCII text, a missing `_meta`, an
/// unsupported `pipfile-spec`, a section or package that is not an object, a `version` that is not an exact pin, a
/// hash that is not `algorithm:hex`. A lock it reads therefore gives the same components either way, with the same
/// positions (libyaml's columns count characters, here bytes, which is the same in ASCII).
struct PipfileLockScanner {
    /// The components of `text` in the reader's order (`develop`, then `default`), or `nil` when the YAML loader
    /// must read it.
    static func scan(_ text: String, path: String) -> [Component]? {
        guard text.utf8.count <= LockfileDocument.limits.maximumBytes else { return nil }
        return text.utf8.withContiguousStorageIfAvailable { bytes in
            var scanner = PipfileLockScanner(bytes: bytes, path: path)
            return try? scanner.document()
        } ?? nil
    }

    /// Stops the scan: the YAML loader reads the file.
    private struct Unsupported: Error {}

    /// A package entry of `default` or `develop`.
    private struct Entry {
        var name: String
        var position: SourcePosition
        /// `nil` without a `version` (editable and VCS installs, skipped like the reader skips them).
        var version: Substring?
        var hashes: [ComponentHash]
    }

    /// Values the reader looks at.
    private enum Value {
        case string(String)
        /// A number, `true`, `false` or `null`, as written.
        case token(Substring)
        case container
    }

    /// Less deep than the loader's limit (256) and than its flow-nesting pre-check.
    private static let maximumDepth = 200
    /// Fewer than the loader's node budget (5,000,000).
    private static let maximumValues = 4_000_000

    private let bytes: UnsafeBufferPointer<UInt8>
    private let path: String
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var values = 0

    private init(bytes: UnsafeBufferPointer<UInt8>, path: String) {
        self.bytes = bytes
        self.path = path
    }

    private var position: SourcePosition { SourcePosition(line: line, column: index - lineStart + 1) }

    // MARK: Document

    private mutating func document() throws(Unsupported) -> [Component] {
        skipWhitespace()
        guard peek() == UInt8(ascii: "{") else { throw Unsupported() }
        var hasMeta = false
        var develop: [Entry]?
        var runtime: [Entry]?
        try object(depth: 1) { this, key, _, depth throws(Unsupported) in
            switch key {
            case "_meta":
                hasMeta = true
                try this.meta(depth: depth)
            case "develop":
                develop = try this.section(depth: depth)
            case "default":
                runtime = try this.section(depth: depth)
            default:
                _ = try this.value(depth: depth)
            }
        }
        skipWhitespace()
        guard index == bytes.count, hasMeta else { throw Unsupported() }
        var components: [Component] = []
        for (entries, scope) in [(develop, DependencyScope.development), (runtime, .runtime)] {
            for entry in entries ?? [] {
                guard let version = entry.version else { continue }
                components.append(
                    Component(
                        ecosystem: .pypi,
                        name: entry.name,
                        version: String(version),
                        scope: scope,
                        hashes: PythonProject.unique(entry.hashes),
                        location: SourceLocation(path: path, position: entry.position)
                    )
                )
            }
        }
        return components
    }

    /// `_meta`: an object whose `pipfile-spec`, when present, is a supported version.
    private mutating func meta(depth: Int) throws(Unsupported) {
        guard peek() == UInt8(ascii: "{") else { throw Unsupported() }
        try object(depth: depth) { this, key, _, depth throws(Unsupported) in
            let value = try this.value(depth: depth)
            guard key == "pipfile-spec" else { return }
            let spec: String
            switch value {
            case .string(let string): spec = string
            case .token(let token): spec = String(token)
            case .container: throw Unsupported()
            }
            guard PipfileLockReader.supportedSpecs.contains(spec) else { throw Unsupported() }
        }
    }

    /// `default` or `develop`: an object of package objects.
    private mutating func section(depth: Int) throws(Unsupported) -> [Entry] {
        guard peek() == UInt8(ascii: "{") else { throw Unsupported() }
        var entries: [Entry] = []
        try object(depth: depth) { this, name, position, depth throws(Unsupported) in
            entries.append(try this.package(name: name, position: position, depth: depth))
        }
        return entries
    }

    /// One package object: its exact pin (`==1.2` or `===1.2`) and `algorithm:hex` hashes.
    private mutating func package(name: String, position: SourcePosition, depth: Int) throws(Unsupported) -> Entry {
        guard peek() == UInt8(ascii: "{") else { throw Unsupported() }
        var entry = Entry(name: name, position: position, version: nil, hashes: [])
        try object(depth: depth) { this, key, _, depth throws(Unsupported) in
            switch key {
            case "version":
                guard case .string(let pinned) = try this.value(depth: depth) else { throw Unsupported() }
                let version =
                    pinned.hasPrefix("===")
                    ? pinned.dropFirst(3) : pinned.hasPrefix("==") ? pinned.dropFirst(2) : ""
                guard !version.isEmpty else { throw Unsupported() }
                entry.version = version
            case "hashes":
                guard this.peek() == UInt8(ascii: "[") else { throw Unsupported() }
                try this.array(depth: depth) { this, depth throws(Unsupported) in
                    guard case .string(let text) = try this.value(depth: depth), let hash = PythonProject.hash(text)
                    else { throw Unsupported() }
                    entry.hashes.append(hash)
                }
            default:
                _ = try this.value(depth: depth)
            }
        }
        return entry
    }

    // MARK: JSON

    private func peek() -> UInt8? {
        index < bytes.count ? bytes[index] : nil
    }

    /// Spaces and line feeds (tabs and carriage returns are left to the loader).
    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20:
                index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
            default:
                return
            }
        }
    }

    private mutating func expect(_ byte: UInt8) throws(Unsupported) {
        guard peek() == byte else { throw Unsupported() }
        index += 1
    }

    /// Any value; strings and scalar tokens are returned, objects and arrays checked and skipped.
    private mutating func value(depth: Int) throws(Unsupported) -> Value {
        values += 1
        guard depth <= Self.maximumDepth, values <= Self.maximumValues, let byte = peek() else { throw Unsupported() }
        switch byte {
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "{"):
            try object(depth: depth) { this, _, _, depth throws(Unsupported) in _ = try this.value(depth: depth) }
            return .container
        case UInt8(ascii: "["):
            try array(depth: depth) { this, depth throws(Unsupported) in _ = try this.value(depth: depth) }
            return .container
        default:
            return .token(try token())
        }
    }

    /// A string of printable ASCII without escapes (the loader reads the rest).
    private mutating func string() throws(Unsupported) -> String {
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            guard byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") else { throw Unsupported() }
            index += 1
        }
        throw Unsupported()
    }

    /// `true`, `false`, `null` or a JSON number, as written.
    private mutating func token() throws(Unsupported) -> Substring {
        let start = index
        let literals: [StaticString] = ["true", "false", "null"]
        for literal in literals where matches(literal) {
            index += literal.utf8CodeUnitCount
            return Substring(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        }
        if peek() == UInt8(ascii: "-") { index += 1 }
        guard let first = peek(), first.isDigit else { throw Unsupported() }
        if first == UInt8(ascii: "0") {
            index += 1
        } else {
            skipDigits()
        }
        if peek() == UInt8(ascii: ".") {
            index += 1
            guard peek()?.isDigit == true else { throw Unsupported() }
            skipDigits()
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            index += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
            guard peek()?.isDigit == true else { throw Unsupported() }
            skipDigits()
        }
        return Substring(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    private func matches(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] { return false }
        return true
    }

    private mutating func skipDigits() {
        while let byte = peek(), byte.isDigit { index += 1 }
    }

    /// An object: `member` reads each value, given its key, the key's position and the value's depth.
    ///
    /// A duplicate key, a key spanning lines or one the loader would not take as a simple key (over 1,024
    /// characters before its colon) is not covered.
    private mutating func object(
        depth: Int,
        _ member: (inout PipfileLockScanner, String, SourcePosition, Int) throws(Unsupported) -> Void
    ) throws(Unsupported) {
        index += 1
        var keys = Set<String>()
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw Unsupported() }
            let keyStart = index
            let keyPosition = position
            let key = try string()
            while peek() == 0x20 { index += 1 }
            guard index - keyStart < 1000, keys.insert(key).inserted else { throw Unsupported() }
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            try member(&self, key, keyPosition, depth + 1)
            if try closes(UInt8(ascii: "}")) { return }
        }
    }

    /// An array: `element` reads each value at its depth.
    private mutating func array(
        depth: Int,
        _ element: (inout PipfileLockScanner, Int) throws(Unsupported) -> Void
    ) throws(Unsupported) {
        index += 1
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            try element(&self, depth + 1)
            if try closes(UInt8(ascii: "]")) { return }
        }
    }

    /// After a member or element: consumes `,` (false: another follows) or `closing` (true: the container ends).
    private mutating func closes(_ closing: UInt8) throws(Unsupported) -> Bool {
        skipWhitespace()
        switch peek() {
        case UInt8(ascii: ","):
            index += 1
            return false
        case closing:
            index += 1
            return true
        default:
            throw Unsupported()
        }
    }
}

extension UInt8 {
    fileprivate var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
}
