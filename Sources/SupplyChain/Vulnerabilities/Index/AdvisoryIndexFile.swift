import SlipwayCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The on-disk form of an `AdvisoryIndex`, read lazily so a scan decodes only the packages it looks up.
///
/// Layout: a magic line `SLIPWAY-OSV-INDEX 2`; one line of JSON with the database fingerprint and snapshot; one
/// line per package, `ecosystem/name<TAB>offset<TAB>length` (name with `%`, tab and newline percent-encoded); an
/// empty line; then each package's advisories in `IndexedAdvisoryCodec`'s binary form at those offsets, relative
/// to the end of the empty line. The file is written to a temporary name and renamed, so readers never see half.
public struct AdvisoryIndexFile: AdvisoryLookup {
    static let magic = "SLIPWAY-OSV-INDEX 2"

    struct Header: Codable {
        var fingerprint: String
        var snapshot: DatabaseSnapshot
        var withdrawnCount: Int
        var packageCount: Int
    }

    public let snapshot: DatabaseSnapshot
    /// The database fingerprint the index was built from (see `AdvisoryDatabaseLoader.fingerprint`).
    public let fingerprint: String
    public let withdrawnCount: Int
    let path: String
    let bytes: [UInt8]
    let table: [PackageKey: Range<Int>]

    /// Serialises `index`, built from a database whose fingerprint is `fingerprint`.
    public static func encode(_ index: AdvisoryIndex, fingerprint: String) throws -> [UInt8] {
        let encoder = JSONOutput.encoder(pretty: false)
        var blobs: [UInt8] = []
        var lines = ""
        for key in index.packages.keys.sorted() {
            let data = IndexedAdvisoryCodec.encode(index.packages[key] ?? [])
            lines += "\(escape(key.description))\t\(blobs.count)\t\(data.count)\n"
            blobs.append(contentsOf: data)
        }
        let header = Header(
            fingerprint: fingerprint,
            snapshot: index.snapshot,
            withdrawnCount: index.withdrawnCount,
            packageCount: index.packages.count
        )
        let headerJSON = try encoder.encode(header)
        var result = Array((magic + "\n").utf8)
        result.append(contentsOf: headerJSON)
        result.append(0x0a)
        result.append(contentsOf: Array(lines.utf8))
        result.append(0x0a)
        result.append(contentsOf: blobs)
        return result
    }

    /// Reads the header and package table of an index file; advisories are decoded on lookup.
    public init(bytes: [UInt8], path: String) throws(AdvisoryIndexError) {
        var cursor = 0
        func nextLine() -> ArraySlice<UInt8>? {
            guard cursor < bytes.count, let end = bytes[cursor...].firstIndex(of: 0x0a) else { return nil }
            defer { cursor = end + 1 }
            return bytes[cursor..<end]
        }
        guard let magicLine = nextLine(), String(decoding: magicLine, as: UTF8.self) == Self.magic else {
            throw .corrupt(path: path, reason: "not a Slipway advisory index of format 2")
        }
        guard let headerLine = nextLine(),
            let header = try? JSONDecoder().decode(Header.self, from: Data(headerLine))
        else {
            throw .corrupt(path: path, reason: "unreadable header")
        }
        var entries: [(PackageKey, Int, Int)] = []
        entries.reserveCapacity(header.packageCount)
        while let line = nextLine(), !line.isEmpty {
            guard let (key, offset, length) = Self.tableLine(line) else {
                throw .corrupt(path: path, reason: "bad package table line \(entries.count + 1)")
            }
            entries.append((key, offset, length))
        }
        let base = cursor
        var table: [PackageKey: Range<Int>] = [:]
        table.reserveCapacity(entries.count)
        for (key, offset, length) in entries {
            guard offset >= 0, length >= 0, base + offset + length <= bytes.count else {
                throw .corrupt(path: path, reason: "package \(key) points past the end of the file")
            }
            table[key] = (base + offset)..<(base + offset + length)
        }
        guard table.count == header.packageCount else {
            throw .corrupt(path: path, reason: "\(table.count) packages listed, header says \(header.packageCount)")
        }
        self.snapshot = header.snapshot
        self.fingerprint = header.fingerprint
        self.withdrawnCount = header.withdrawnCount
        self.path = path
        self.bytes = bytes
        self.table = table
    }

    /// The number of packages in the index.
    public var packageCount: Int { table.count }

    public func advisories(for key: PackageKey) throws(AdvisoryIndexError) -> [IndexedAdvisory] {
        guard let range = table[key] else { return [] }
        do {
            return try IndexedAdvisoryCodec.decode(bytes[range])
        } catch {
            throw .corrupt(path: path, reason: "the advisories of \(key) do not decode")
        }
    }

    /// `ecosystem/name<TAB>offset<TAB>length`, read from the bytes (a scan reads every line of the table).
    private static func tableLine(_ line: ArraySlice<UInt8>) -> (PackageKey, Int, Int)? {
        guard let firstTab = line.firstIndex(of: 0x09),
            let secondTab = line[(firstTab + 1)...].firstIndex(of: 0x09),
            let offset = decimal(line[(firstTab + 1)..<secondTab]),
            let length = decimal(line[(secondTab + 1)...])
        else { return nil }
        let name = line[..<firstTab]
        let text = String(decoding: name, as: UTF8.self)
        guard let key = Self.key(name.contains(UInt8(ascii: "%")) ? unescape(text) : text) else { return nil }
        return (key, offset, length)
    }

    /// A non-negative decimal of at most 18 digits.
    private static func decimal(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var value = 0
        for digit in digits {
            guard digit >= 0x30, digit <= 0x39 else { return nil }
            value = value * 10 + Int(digit - 0x30)
        }
        return value
    }

    private static func key(_ text: String) -> PackageKey? {
        guard let slash = text.firstIndex(of: "/"), let ecosystem = Ecosystem(rawValue: String(text[..<slash])) else {
            return nil
        }
        var key = PackageKey(ecosystem: ecosystem, name: "")
        key.name = String(text[text.index(after: slash)...])
        return key
    }

    private static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "%" || $0 == "\t" || $0 == "\n" }) else { return text }
        return text.replacingAll("%", with: "%25").replacingAll("\t", with: "%09").replacingAll("\n", with: "%0A")
    }

    private static func unescape(_ text: String) -> String {
        guard text.contains("%") else { return text }
        return text.replacingAll("%09", with: "\t").replacingAll("%0A", with: "\n").replacingAll("%25", with: "%")
    }
}
