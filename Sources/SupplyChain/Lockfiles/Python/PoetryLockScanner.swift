import SlipwayCore

/// What `PoetryLockReader` takes from a lock, whichever way it was read: the 1.x digests of `[metadata.files]` and
/// `[metadata.hashes]` and each package's fields.
struct PoetryLock: Sendable, Equatable {
    /// One `[[package]]`.
    struct Package: Sendable, Equatable {
        var name: String
        var version: String
        /// The digests of `files` (2.x), in order, unknown algorithms left out.
        var fileHashes: [ComponentHash]
        /// The purl qualifiers its `[package.source]` gives.
        var qualifiers: [String: String]
        var scope: DependencyScope?
        /// The keys of `[package.dependencies]`, as written.
        var dependencyNames: [String]
        /// Where its `[[package]]` header starts.
        var position: SourcePosition
    }

    /// Digests by normalised name from `[metadata.files]` then `[metadata.hashes]`.
    var legacyHashes: [String: [ComponentHash]]
    var packages: [Package]
}

/// One pass over a `poetry.lock` in the layout Poetry writes, taking only what `PoetryLockReader` needs without
/// building the TOML tree (building and freeing the tree was most of the cost of reading a large lock).
///
/// It reads every token with `TOMLParser`'s own scanner and checks keys for duplicates table by table, so it accepts
/// only text `TOMLParser` accepts. Whatever it does not cover returns `nil`, and the reader parses the file with
/// `TOMLParser`, which reports any error at its position: syntax errors, dotted keys, keys at the root, headers other
/// than `[[package]]`, `[package.NAME]`, `[metadata]` and `[metadata.NAME]` (this one after `[metadata]`), inline
/// `source`, `dependencies`, `files` or `hashes` tables, a field of an unexpected type, a missing `name`, `version`
/// or `lock-version`, or an unsupported lock-version. A lock it reads therefore gives the same packages either way.
struct PoetryLockScanner {
    /// The lock's content, or `nil` when `TOMLParser` must read it.
    static func scan(_ text: String) -> PoetryLock? {
        guard text.utf8.count <= TOMLLockfile.maximumBytes else { return nil }
        var scanner = PoetryLockScanner(scanner: TOMLScanner(bytes: Array(text.utf8)))
        do {
            return try scanner.document()
        } catch {
            return nil
        }
    }

    /// The keys of one table, for duplicate checks: the first two in place (most inline tables have two), the rest
    /// in a set.
    private struct KeySet {
        private var first: String?
        private var second: String?
        private var rest = Set<String>()

        /// Adds `key`; `false` when it was already there.
        mutating func insert(_ key: String) -> Bool {
            guard let first else {
                first = key
                return true
            }
            if first == key { return false }
            guard let second else {
                second = key
                return true
            }
            if second == key { return false }
            return rest.insert(key).inserted
        }
    }

    /// A `[[package]]` as read so far.
    private struct PackageFields {
        var position: SourcePosition
        var keys = KeySet()
        var name: String?
        var version: String?
        var fileHashes: [ComponentHash] = []
        var optional: Bool?
        var groups: [String]?
        var category: String?
        var hasSource = false
        var sourceURL: String?
        var sourceType: String?
        var sourceReference: String?
        var dependencyNames: [String] = []

        init(position: SourcePosition) {
            self.position = position
        }

        /// The package, or `nil` without a name or version.
        func package() -> PoetryLock.Package? {
            guard let name, let version else { return nil }
            return PoetryLock.Package(
                name: name,
                version: version,
                fileHashes: fileHashes,
                qualifiers: qualifiers(),
                scope: scope(),
                dependencyNames: dependencyNames,
                position: position
            )
        }

        /// `PoetryLockReader.qualifiers` on the fields read.
        func qualifiers() -> [String: String] {
            guard hasSource, let url = sourceURL else { return [:] }
            switch sourceType {
            case "git": return ["vcs_url": "git+" + url + (sourceReference.map { "@" + $0 } ?? "")]
            case "url": return ["download_url": url]
            case "legacy": return ["repository_url": url]
            default: return [:]
            }
        }

        /// `PoetryLockReader.scope` on the fields read.
        func scope() -> DependencyScope? {
            if optional == true { return .optional }
            let groups = groups ?? []
            if !groups.isEmpty { return groups.contains("main") ? .runtime : .development }
            switch category {
            case "main": return .runtime
            case "dev": return .development
            default: return nil
            }
        }
    }

    /// Where key/value lines go.
    private enum Target {
        case root
        case package
        case packageDependencies
        case packageSource
        case metadata
        case metadataDigests(hashes: Bool)
        /// Another subtable: its values are checked and skipped.
        case other
    }

    /// A string an inline table holds at the key asked for: where its text is when it has no escape, else the text.
    private enum Capture {
        case bytes(Range<Int>)
        case string(String)
    }

    /// A value as far as the reader cares.
    private enum Value {
        case string(String)
        case boolean(Bool)
        case other
    }

    private var scanner: TOMLScanner
    private var target = Target.root
    /// The keys of the subtable being read (`[package.NAME]`, `[metadata.NAME]`).
    private var subtableKeys = KeySet()
    private var packages: [PackageFields] = []
    private var metadataKeys = KeySet()
    private var hasMetadata = false
    private var lockVersion: String?
    private var legacyFiles: [(name: String, hashes: [ComponentHash])] = []
    private var legacyHashes: [(name: String, hashes: [ComponentHash])] = []

    private init(scanner: TOMLScanner) {
        self.scanner = scanner
    }

    /// Stops the scan: the full parser reads the file.
    private func unsupported() -> TOMLError {
        TOMLError(position: scanner.position, reason: "not in the layout the poetry.lock scanner reads")
    }

    // MARK: Document

    private mutating func document() throws(TOMLError) -> PoetryLock {
        // As `TOMLScanner.parseDocument`.
        if scanner.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { scanner.index = 3 }
        while true {
            scanner.skipSpaces()
            guard let byte = scanner.peek() else { break }
            switch byte {
            case UInt8(ascii: "#"):
                try scanner.skipComment()
            case 0x0A, 0x0D:
                try scanner.consumeNewline()
            case UInt8(ascii: "["):
                try header()
                try scanner.expectLineEnd()
            default:
                try keyValue()
                try scanner.expectLineEnd()
            }
        }
        guard hasMetadata, let lockVersion, PoetryLockReader.supportedVersions.contains(lockVersion) else {
            throw unsupported()
        }
        var result = PoetryLock(legacyHashes: [:], packages: [])
        result.packages.reserveCapacity(packages.count)
        for fields in packages {
            guard let package = fields.package() else { throw unsupported() }
            result.packages.append(package)
        }
        for (name, hashes) in legacyFiles + legacyHashes where !hashes.isEmpty {
            result.legacyHashes[PythonProject.normalize(name), default: []] += hashes
        }
        return result
    }

    /// A `[header]` or `[[header]]` line, lexically as `TOMLScanner.parseHeader`.
    private mutating func header() throws(TOMLError) {
        let start = scanner.position
        scanner.advance()
        let isArray = scanner.peek() == UInt8(ascii: "[")
        if isArray { scanner.advance() }
        scanner.skipSpaces()
        let key = try scanner.parseKey()
        scanner.skipSpaces()
        guard scanner.peek() == UInt8(ascii: "]") else { throw unsupported() }
        scanner.advance()
        if isArray {
            guard scanner.peek() == UInt8(ascii: "]") else { throw unsupported() }
            scanner.advance()
        }
        switch (isArray, key.count, key[0].name) {
        case (true, 1, "package"):
            packages.append(PackageFields(position: start))
            target = .package
        case (false, 2, "package"):
            let name = key[1].name
            guard !packages.isEmpty, packages[packages.count - 1].keys.insert(name) else { throw unsupported() }
            subtableKeys = KeySet()
            switch name {
            case "dependencies":
                target = .packageDependencies
            case "source":
                packages[packages.count - 1].hasSource = true
                target = .packageSource
            default:
                target = .other
            }
        case (false, 1, "metadata"):
            guard !hasMetadata else { throw unsupported() }
            hasMetadata = true
            target = .metadata
        case (false, 2, "metadata"):
            let name = key[1].name
            guard hasMetadata, metadataKeys.insert(name) else { throw unsupported() }
            subtableKeys = KeySet()
            switch name {
            case "files": target = .metadataDigests(hashes: false)
            case "hashes": target = .metadataDigests(hashes: true)
            default: target = .other
            }
        default:
            throw unsupported()
        }
    }

    /// A `key = value` line into the current table, lexically as `TOMLScanner.parseKeyValue`.
    private mutating func keyValue() throws(TOMLError) {
        let key = try simpleKey()
        guard scanner.peek() == UInt8(ascii: "=") else { throw unsupported() }
        scanner.advance()
        scanner.skipSpaces()
        switch target {
        case .root:
            throw unsupported()
        case .package:
            guard packages[packages.count - 1].keys.insert(key) else { throw unsupported() }
            try packageValue(key)
        case .packageDependencies:
            guard subtableKeys.insert(key) else { throw unsupported() }
            _ = try value(depth: 1, keep: false)
            packages[packages.count - 1].dependencyNames.append(key)
        case .packageSource:
            guard subtableKeys.insert(key) else { throw unsupported() }
            switch key {
            case "url": packages[packages.count - 1].sourceURL = try string()
            case "type": packages[packages.count - 1].sourceType = try string()
            case "resolved_reference": packages[packages.count - 1].sourceReference = try string()
            default: _ = try value(depth: 1, keep: false)
            }
        case .metadata:
            guard metadataKeys.insert(key) else { throw unsupported() }
            switch key {
            case "lock-version": lockVersion = try string()
            case "files", "hashes": throw unsupported()
            default: _ = try value(depth: 1, keep: false)
            }
        case .metadataDigests(let isHashes):
            guard subtableKeys.insert(key) else { throw unsupported() }
            let hashes = try legacyDigests()
            if isHashes {
                legacyHashes.append((key, hashes))
            } else {
                legacyFiles.append((key, hashes))
            }
        case .other:
            guard subtableKeys.insert(key) else { throw unsupported() }
            _ = try value(depth: 1, keep: false)
        }
    }

    /// The value of `key` in a `[[package]]` table.
    private mutating func packageValue(_ key: String) throws(TOMLError) {
        let last = packages.count - 1
        switch key {
        case "name":
            let name = try string()
            packages[last].name = name
        case "version":
            let version = try string()
            packages[last].version = version
        case "category":
            let category = try string()
            packages[last].category = category
        case "optional":
            guard case .boolean(let flag) = try value(depth: 1) else { throw unsupported() }
            packages[last].optional = flag
        case "groups":
            guard scanner.peek() == UInt8(ascii: "[") else { throw unsupported() }
            var groups: [String] = []
            try array(depth: 1) { this, depth throws(TOMLError) in
                if case .string(let group) = try this.value(depth: depth) { groups.append(group) }
            }
            packages[last].groups = groups
        case "files":
            guard scanner.peek() == UInt8(ascii: "[") else { throw unsupported() }
            var hashes: [ComponentHash] = []
            try array(depth: 1) { this, depth throws(TOMLError) in
                guard this.scanner.peek() == UInt8(ascii: "{") else {
                    _ = try this.value(depth: depth, keep: false)
                    return
                }
                try this.checkDepth(depth)
                if let capture = try this.inlineTable(depth: depth, capturing: "hash"), let hash = this.hash(capture) {
                    hashes.append(hash)
                }
            }
            packages[last].fileHashes = hashes
        case "source", "dependencies":
            throw unsupported()
        default:
            _ = try value(depth: 1, keep: false)
        }
    }

    /// A 1.x `[metadata.files]` or `[metadata.hashes]` entry: `{file, hash}` tables or `algorithm:hex` or bare hex
    /// strings, as `PoetryLockReader.legacyHashes` reads them.
    private mutating func legacyDigests() throws(TOMLError) -> [ComponentHash] {
        guard scanner.peek() == UInt8(ascii: "[") else { throw unsupported() }
        var hashes: [ComponentHash] = []
        try array(depth: 1) { this, depth throws(TOMLError) in
            let text: String
            if this.scanner.peek() == UInt8(ascii: "{") {
                try this.checkDepth(depth)
                text = try this.inlineTable(depth: depth, capturing: "hash").map(this.text) ?? ""
            } else if case .string(let string) = try this.value(depth: depth) {
                text = string
            } else {
                text = ""
            }
            if let hash = PythonProject.hash(text) ?? PythonProject.hash("sha256:" + text) { hashes.append(hash) }
        }
        return hashes
    }

    /// `PythonProject.hash` of a captured string.
    private func hash(_ capture: Capture) -> ComponentHash? {
        switch capture {
        case .bytes(let range):
            scanner.bytes.withUnsafeBufferPointer { PythonProject.hash(utf8: UnsafeBufferPointer(rebasing: $0[range])) }
        case .string(let text):
            PythonProject.hash(text)
        }
    }

    /// The text of a captured string.
    private func text(_ capture: Capture) -> String {
        switch capture {
        case .bytes(let range): String(decoding: scanner.bytes[range], as: UTF8.self)
        case .string(let text): text
        }
    }

    // MARK: Values

    /// A one-part key, lexically as `TOMLScanner.parseKey`; a dotted key is not covered.
    private mutating func simpleKey() throws(TOMLError) -> String {
        let name: String
        switch scanner.peek() {
        case UInt8(ascii: "\""):
            name = try scanner.parseBasicString()
        case UInt8(ascii: "'"):
            name = try scanner.parseLiteralString()
        default:
            let begin = scanner.index
            while let byte = scanner.peek(), TOMLScanner.isBareKeyByte(byte) { scanner.advance() }
            guard scanner.index > begin else { throw unsupported() }
            name = String(decoding: scanner.bytes[begin..<scanner.index], as: UTF8.self)
        }
        scanner.skipSpaces()
        guard scanner.peek() != UInt8(ascii: ".") else { throw unsupported() }
        return name
    }

    /// A top-level value that must be a string.
    private mutating func string() throws(TOMLError) -> String {
        guard case .string(let string) = try value(depth: 1) else { throw unsupported() }
        return string
    }

    private func checkDepth(_ depth: Int) throws(TOMLError) {
        if depth > TOMLParser.maximumDepth { throw unsupported() }
    }

    /// Any value, checked as `TOMLScanner.parseValue` checks it; only strings and booleans are kept, and strings only
    /// when `keep` (a skipped basic string is not built).
    private mutating func value(depth: Int, keep: Bool = true) throws(TOMLError) -> Value {
        try checkDepth(depth)
        switch scanner.peek() {
        case UInt8(ascii: "\""):
            if scanner.peek(1) == UInt8(ascii: "\""), scanner.peek(2) == UInt8(ascii: "\"") {
                return .string(try scanner.parseMultilineString(literal: false))
            }
            guard keep else {
                try scanner.skipBasicString()
                return .other
            }
            return .string(try scanner.parseBasicString())
        case UInt8(ascii: "'"):
            if scanner.peek(1) == UInt8(ascii: "'"), scanner.peek(2) == UInt8(ascii: "'") {
                return .string(try scanner.parseMultilineString(literal: true))
            }
            return .string(try scanner.parseLiteralString())
        case UInt8(ascii: "["):
            try array(depth: depth) { this, depth throws(TOMLError) in _ = try this.value(depth: depth, keep: false) }
            return .other
        case UInt8(ascii: "{"):
            _ = try inlineTable(depth: depth, capturing: nil)
            return .other
        case nil, 0x0A, 0x0D, UInt8(ascii: "#"):
            throw unsupported()
        default:
            if case .boolean(let flag) = try scanner.parseScalarToken().value { return .boolean(flag) }
            return .other
        }
    }

    /// An array, as `TOMLScanner.parseArray`; `element` reads each element at its depth (and checks the depth).
    private mutating func array(
        depth: Int,
        _ element: (inout PoetryLockScanner, Int) throws(TOMLError) -> Void
    ) throws(TOMLError) {
        scanner.advance()
        while true {
            try scanner.skipBlank()
            if scanner.peek() == UInt8(ascii: "]") {
                scanner.advance()
                return
            }
            if scanner.atEnd { throw unsupported() }
            try element(&self, depth + 1)
            try scanner.skipBlank()
            switch scanner.peek() {
            case UInt8(ascii: ","):
                scanner.advance()
            case UInt8(ascii: "]"):
                scanner.advance()
                return
            default:
                throw unsupported()
            }
        }
    }

    /// An inline table, as `TOMLScanner.parseInlineTable` (duplicate keys included); returns the string at
    /// `capturing`, if there is one.
    private mutating func inlineTable(depth: Int, capturing wanted: String?) throws(TOMLError) -> Capture? {
        scanner.advance()
        scanner.skipSpaces()
        if scanner.peek() == UInt8(ascii: "}") {
            scanner.advance()
            return nil
        }
        var keys = KeySet()
        var captured: Capture?
        while true {
            scanner.skipSpaces()
            let key = try simpleKey()
            guard scanner.peek() == UInt8(ascii: "=") else { throw unsupported() }
            scanner.advance()
            scanner.skipSpaces()
            try checkDepth(depth + 1)
            if key == wanted, let text = scanner.skipPlainBasicString() {
                // Where the text is is enough: a digest is read from its bytes.
                captured = .bytes(text)
            } else if case .string(let string) = try value(depth: depth + 1, keep: key == wanted), key == wanted {
                captured = .string(string)
            }
            guard keys.insert(key) else { throw unsupported() }
            scanner.skipSpaces()
            switch scanner.peek() {
            case UInt8(ascii: ","):
                scanner.advance()
            case UInt8(ascii: "}"):
                scanner.advance()
                return captured
            default:
                throw unsupported()
            }
        }
    }
}
