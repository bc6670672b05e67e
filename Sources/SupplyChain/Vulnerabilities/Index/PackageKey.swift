/// The identity a component and an advisory's affected package share: ecosystem plus the name as the ecosystem
/// compares it (PEP 503 for PyPI, case-insensitive where the registry is).
public struct PackageKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var ecosystem: Ecosystem
    public var name: String

    /// The key of a package named `name` in `ecosystem`, normalised.
    public init(ecosystem: Ecosystem, name: String) {
        self.ecosystem = ecosystem
        self.name = Self.normalize(name, in: ecosystem)
    }

    /// The key of an OSV `affected.package`, or `nil` for ecosystems Slipway does not match (`Debian:12`, `GIT`…).
    public init?(osvEcosystem: String, name: String) {
        let base = osvEcosystem.split(separator: ":", maxSplits: 1).first.map(String.init) ?? osvEcosystem
        guard let ecosystem = Ecosystem(rawValue: base) else { return nil }
        self.init(ecosystem: ecosystem, name: name)
    }

    /// `ecosystem/name`, the form the on-disk index stores.
    public var description: String { "\(ecosystem.rawValue)/\(name)" }

    public static func < (lhs: PackageKey, rhs: PackageKey) -> Bool {
        (lhs.ecosystem.rawValue, lhs.name) < (rhs.ecosystem.rawValue, rhs.name)
    }

    static func normalize(_ name: String, in ecosystem: Ecosystem) -> String {
        switch ecosystem {
        case .pypi:
            // PEP 503: lowercase, and every run of `-`, `_` and `.` becomes one `-` (bytes for ASCII names).
            if name.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0A }) {
                var bytes: [UInt8] = []
                bytes.reserveCapacity(name.utf8.count)
                var previousWasSeparator = false
                for byte in name.utf8 {
                    if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") {
                        if !previousWasSeparator { bytes.append(UInt8(ascii: "-")) }
                        previousWasSeparator = true
                    } else {
                        bytes.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte)
                        previousWasSeparator = false
                    }
                }
                return String(decoding: bytes, as: UTF8.self)
            }
            var result = ""
            var previousWasSeparator = false
            for character in name.lowercased() {
                if character == "-" || character == "_" || character == "." {
                    if !previousWasSeparator { result.append("-") }
                    previousWasSeparator = true
                } else {
                    result.append(character)
                    previousWasSeparator = false
                }
            }
            return result
        case .packagist, .nuget, .swift, .cargo:
            // Registries that treat names case-insensitively; SwiftURL names keep the owner's case in advisories.
            return name.lowercased()
        case .npm, .go, .rubygems, .maven:
            return name
        }
    }
}
