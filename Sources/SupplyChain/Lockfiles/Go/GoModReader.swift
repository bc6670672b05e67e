import SlipwayCore

/// Reads `go.mod` (with `go.sum` next to it for hashes) into the required modules.
///
/// Every `require` directive (single-line and block forms) gives one component; a `// indirect` comment makes it
/// transitive (`isDirect == false`), otherwise it is direct. `replace` directives are applied: a replacement by
/// another module (with or without a version on the left) changes the component's name and version; a replacement
/// by a local directory (`=> ../fork`) means the code is not a published module at all, so that component is left
/// out. `exclude`, `retract`, `tool`, `godebug`, `go` and `toolchain` do not change the resolved set.
///
/// Versions are stored as `go.mod` writes them, with the `v` prefix (`v1.2.3`), and so is the purl
/// (`pkg:golang/github.com/pkg/errors@v0.9.1`). OSV's Go advisories write versions without it (`"fixed": "1.6.0"`),
/// so advisory matching strips the `v`. A `go.sum` `h1:` hash (base64 SHA-256 of the module tree) on the module's
/// own line, not its `/go.mod` line, becomes a `SHA-256` hash in hex. `go.mod` has no dependency graph.
public struct GoModReader: LockfileReader {
    /// Creates the reader.
    public init() {}

    public var format: String { "go.mod" }

    public func handles(path: String) -> Bool {
        path == "go.mod" || path.hasSuffix("/go.mod")
    }

    public func read(
        _ text: String,
        path: String,
        companion: @Sendable (String) -> String?
    ) throws(LockfileError) -> [Component] {
        let module = try GoModFile.parse(text, path: path)
        let sums = companion("go.sum").map(Self.moduleHashes) ?? [:]
        var components: [Component] = []
        for requirement in module.requirements {
            var name = requirement.path
            var version = requirement.version
            let replacement =
                module.replacements.first { $0.path == name && $0.version == version }
                ?? module.replacements.first { $0.path == name && $0.version == nil }
            if let replacement {
                guard let newVersion = replacement.newVersion else { continue }
                name = replacement.newPath
                version = newVersion
            }
            var hashes: [ComponentHash] = []
            if let hex = sums["\(name) \(version)"] { hashes.append(ComponentHash(algorithm: "SHA-256", hex: hex)) }
            components.append(
                Component(
                    ecosystem: .go,
                    name: name,
                    version: version,
                    hashes: hashes,
                    isDirect: !requirement.isIndirect,
                    location: SourceLocation(path: path, position: requirement.position)
                )
            )
        }
        return components.sorted { $0.purl < $1.purl }
    }

    /// The `h1:` hashes of `go.sum` as hex, keyed by `module version` (the module's own lines only).
    static func moduleHashes(_ text: String) -> [String: String] {
        var hashes: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count == 3, !fields[1].hasSuffix("/go.mod"), fields[2].hasPrefix("h1:") else { continue }
            guard let bytes = Base64.decode(fields[2].dropFirst(3)), bytes.count == 32 else { continue }
            hashes["\(fields[0]) \(fields[1])"] = bytes.map { byte in
                let hex = String(byte, radix: 16)
                return hex.count == 1 ? "0" + hex : hex
            }.joined()
        }
        return hashes
    }
}

/// A minimal, strict-enough base64 decoder (standard alphabet, `=` padding).
private enum Base64 {
    static func decode(_ text: Substring) -> [UInt8]? {
        var bytes: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for character in text.utf8 {
            let value: UInt8
            switch character {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = character - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = character - UInt8(ascii: "a") + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = character - UInt8(ascii: "0") + 52
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            case UInt8(ascii: "="): return bytes
            default: return nil
            }
            buffer = (buffer << 6) | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8((buffer >> UInt32(bits)) & 0xFF))
            }
        }
        return bytes
    }
}
