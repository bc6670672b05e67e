import SlipwayCore

/// Python naming helpers shared by the Python lockfile readers, and the direct dependencies a project declares.
enum PythonProject {
    /// The PEP 503 normalised form of a distribution name (lowercase, runs of `-`, `_`, `.` become `-`).
    static func normalize(_ name: String) -> String {
        if let ascii = normalizeASCII(name) { return ascii }
        var result = ""
        var lastWasSeparator = false
        for character in name.lowercased() {
            if character == "-" || character == "_" || character == "." {
                if !lastWasSeparator { result.append("-") }
                lastWasSeparator = true
            } else {
                result.append(character)
                lastWasSeparator = false
            }
        }
        return result
    }

    /// `normalize` on the bytes of an ASCII name (every real one): ASCII lowercases byte by byte and each byte is a
    /// `Character` of its own but for CR LF, which is no separator either, so the result is the same; `nil` for
    /// other text.
    private static func normalizeASCII(_ name: String) -> String? {
        var name = name
        return name.withUTF8 { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { output in
                var count = 0
                var lastWasSeparator = false
                for byte in bytes {
                    if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") {
                        if !lastWasSeparator {
                            output[count] = UInt8(ascii: "-")
                            count += 1
                        }
                        lastWasSeparator = true
                    } else {
                        output[count] = byte.asciiLowercased
                        count += 1
                        lastWasSeparator = false
                    }
                }
                return count
            }
        }
    }

    /// The distribution name at the start of a PEP 508 requirement (`requests[socks] (>=2) ; …` → `requests`).
    static func requirementName(_ requirement: some StringProtocol) -> String? {
        if requirement.isASCII {
            // Byte for byte the same as the `Character` scan below when every character is one ASCII byte.
            let bytes = requirement.utf8.drop { $0 == 0x20 || $0 == 0x09 }.prefix { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
                    true
                default: false
                }
            }
            return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
        }
        let trimmed = requirement.drop { $0 == " " || $0 == "\t" }
        let name = trimmed.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        return name.isEmpty ? nil : String(name)
    }

    /// A pip/poetry/uv hash `sha256:<hex>` as a component hash; `nil` for unknown algorithms or non-hex digests.
    static func hash(_ text: some StringProtocol) -> ComponentHash? {
        // Native text is one buffer: ASCII (every real digest) is read on its bytes.
        let fast: (isASCII: Bool, hash: ComponentHash?)? = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 < 0x80 } ? (true, hash(asciiBytes: bytes)) : (false, nil)
        }
        if let fast, fast.isASCII { return fast.hash }
        // A colon byte always starts a `Character` of its own unless a combining mark follows it, and then the
        // digest cannot be hex: the byte search finds the same split the `Character` search would.
        guard let colon = text.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        guard let algorithm = algorithmName(text.utf8[..<colon]) else { return nil }
        let hex = text[text.utf8.index(after: colon)...]
        guard !hex.isEmpty, hex.isAllHexDigits else { return nil }
        return ComponentHash(algorithm: algorithm, hex: String(hex))
    }

    /// `hash(_:)` of the string these UTF-8 bytes spell, without building it when they are ASCII.
    static func hash(utf8 bytes: UnsafeBufferPointer<UInt8>) -> ComponentHash? {
        bytes.allSatisfy { $0 < 0x80 } ? hash(asciiBytes: bytes) : hash(String(decoding: bytes, as: UTF8.self))
    }

    /// `hash(_:)` of ASCII bytes (checked by the caller), without building a `String` until the digest is valid.
    static func hash(asciiBytes bytes: UnsafeBufferPointer<UInt8>) -> ComponentHash? {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")),
            let algorithm = algorithmName(bytes[..<colon])
        else { return nil }
        let hex = UnsafeBufferPointer(rebasing: bytes[(colon + 1)...])
        guard !hex.isEmpty else { return nil }
        var hasUppercase = false
        for byte in hex {
            guard byte.isASCIIHexDigit else { return nil }
            if byte < UInt8(ascii: "a") && byte >= UInt8(ascii: "A") { hasUppercase = true }
        }
        // Most digests are written in lowercase already: then they are copied as they are.
        guard hasUppercase else {
            return ComponentHash(algorithm: algorithm, lowercaseHex: String(decoding: hex, as: UTF8.self))
        }
        let lowercase = String(unsafeUninitializedCapacity: hex.count) { output in
            for offset in 0..<hex.count { output[offset] = hex[offset].asciiLowercased }
            return hex.count
        }
        return ComponentHash(algorithm: algorithm, lowercaseHex: lowercase)
    }

    /// The CycloneDX name of a pip hash algorithm (`sha256` → `SHA-256`), matched case-insensitively on the bytes:
    /// only ASCII lowercases to these names (the one non-ASCII letter with an ASCII lowercase is the Kelvin sign,
    /// `k`), so no lowercased copy is needed.
    private static func algorithmName(_ name: some Collection<UInt8>) -> String? {
        func named(_ expected: StaticString) -> Bool {
            guard name.count == expected.utf8CodeUnitCount else { return false }
            var offset = 0
            for byte in name {
                guard byte.asciiLowercased == expected.utf8Start[offset] else { return false }
                offset += 1
            }
            return true
        }
        if named("sha256") { return "SHA-256" }
        if named("sha384") { return "SHA-384" }
        if named("sha512") { return "SHA-512" }
        if named("sha1") { return "SHA-1" }
        if named("md5") { return "MD5" }
        return nil
    }

    /// Hashes in first-seen order without repeats.
    static func unique(_ hashes: [ComponentHash]) -> [ComponentHash] {
        // A lockfile entry has a few dozen hashes, a few hundred at most: comparing them beats hashing them into a set.
        guard hashes.count > 256 else {
            guard hashes.count > 1 else { return hashes }
            // Each hash is compared in full only with those that share its digest's first bytes.
            var result: [ComponentHash] = []
            var prefixes: [UInt64] = []
            result.reserveCapacity(hashes.count)
            prefixes.reserveCapacity(hashes.count)
            for hash in hashes {
                let prefix = hash.prefixKey
                var isRepeat = false
                for index in prefixes.indices where prefixes[index] == prefix && result[index] == hash {
                    isRepeat = true
                    break
                }
                if !isRepeat {
                    result.append(hash)
                    prefixes.append(prefix)
                }
            }
            return result
        }
        var seen = Set<ComponentHash>(minimumCapacity: hashes.count)
        return hashes.filter { seen.insert($0).inserted }
    }

    /// The normalised names a `pyproject.toml` declares as dependencies (PEP 621 `[project]` lists and extras,
    /// PEP 735 `[dependency-groups]`, Poetry's `[tool.poetry.*dependencies]` tables), or `nil` when the text is
    /// missing or not valid TOML.
    static func declaredDependencies(pyproject text: String?) -> Set<String>? {
        guard let text, let root = try? TOMLParser.parse(text) else { return nil }
        var names = Set<String>()
        func addRequirements(_ node: TOMLNode?) {
            for item in node?.array ?? [] {
                if let string = item.string, let name = requirementName(string) { names.insert(normalize(name)) }
            }
        }
        func addKeys(_ table: TOMLTable?) {
            for key in table?.keys ?? [] where key.lowercased() != "python" { names.insert(normalize(key)) }
        }
        if let project = root["project"]?.table {
            addRequirements(project["dependencies"])
            for extra in project["optional-dependencies"]?.table?.entries.values ?? [:].values {
                addRequirements(extra)
            }
        }
        for group in root["dependency-groups"]?.table?.entries.values ?? [:].values { addRequirements(group) }
        if let poetry = root["tool"]?.table?["poetry"]?.table {
            addKeys(poetry["dependencies"]?.table)
            addKeys(poetry["dev-dependencies"]?.table)
            for group in poetry["group"]?.table?.entries.values ?? [:].values {
                addKeys(group.table?["dependencies"]?.table)
            }
        }
        return names
    }
}

extension ComponentHash {
    /// The first eight bytes of the digest's text: equal for equal hashes and, digests being random, almost always
    /// different for different ones, so it screens comparisons.
    fileprivate var prefixKey: UInt64 {
        var hex = hex
        return hex.withUTF8 { bytes in
            var key: UInt64 = 0
            for byte in bytes.prefix(8) { key = key << 8 | UInt64(byte) }
            return key
        }
    }
}
