/// A compact binary form of a package's advisories for the on-disk index: decoding it is several times faster
/// than decoding the same data as JSON, which matters when a scan looks up thousands of packages.
///
/// Grammar (all integers are unsigned LEB128 varints; strings are a length then UTF-8 bytes; an optional is a
/// 0/1 flag then the value; a list is a count then its items): advisories := list of advisory;
/// advisory := id, list of aliases, modified, optional summary, list of (type, score), optional database
/// severity, optional url, list of affected; affected := optional (ecosystem, name, optional purl), list of
/// (type, score), list of range, optional list of versions; range := type, optional repo, list of event;
/// event := kind byte (0 introduced, 1 fixed, 2 last_affected, 3 limit), value.
/// `database_specific` of affected entries is not kept: matching never reads it.
enum IndexedAdvisoryCodec {
    /// Why bytes are not a valid encoding.
    struct Malformed: Error {}

    static func encode(_ advisories: [IndexedAdvisory]) -> [UInt8] {
        var writer = Writer()
        writer.list(advisories) { writer, advisory in
            writer.string(advisory.id)
            writer.list(advisory.aliases) { $0.string($1) }
            writer.string(advisory.modified)
            writer.optional(advisory.summary) { $0.string($1) }
            writer.list(advisory.severity) { $0.severity($1) }
            writer.optional(advisory.databaseSeverity) { $0.string($1) }
            writer.optional(advisory.url) { $0.string($1) }
            writer.list(advisory.affected) { writer, affected in
                writer.optional(affected.package) { writer, package in
                    writer.string(package.ecosystem)
                    writer.string(package.name)
                    writer.optional(package.purl) { $0.string($1) }
                }
                writer.list(affected.severity ?? []) { $0.severity($1) }
                writer.list(affected.ranges ?? []) { writer, range in
                    writer.string(range.type)
                    writer.optional(range.repo) { $0.string($1) }
                    writer.list(range.events) { writer, event in
                        if let value = event.introduced {
                            writer.byte(0)
                            writer.string(value)
                        } else if let value = event.fixed {
                            writer.byte(1)
                            writer.string(value)
                        } else if let value = event.lastAffected {
                            writer.byte(2)
                            writer.string(value)
                        } else {
                            writer.byte(3)
                            writer.string(event.limit ?? "")
                        }
                    }
                }
                writer.optional(affected.versions) { writer, versions in writer.list(versions) { $0.string($1) } }
            }
        }
        return writer.bytes
    }

    static func decode(_ bytes: ArraySlice<UInt8>) throws(Malformed) -> [IndexedAdvisory] {
        var reader = Reader(bytes: bytes)
        let advisories = try reader.list { reader throws(Malformed) in
            let id = try reader.string()
            let aliases = try reader.list { reader throws(Malformed) in try reader.string() }
            let modified = try reader.string()
            let summary = try reader.optional { reader throws(Malformed) in try reader.string() }
            let severity = try reader.list { reader throws(Malformed) in try reader.severity() }
            let databaseSeverity = try reader.optional { reader throws(Malformed) in try reader.string() }
            let url = try reader.optional { reader throws(Malformed) in try reader.string() }
            let affected = try reader.list { reader throws(Malformed) in try reader.affected() }
            return IndexedAdvisory(
                id: id,
                aliases: aliases,
                modified: modified,
                summary: summary,
                severity: severity,
                databaseSeverity: databaseSeverity,
                url: url,
                affected: affected
            )
        }
        guard reader.isAtEnd else { throw Malformed() }
        return advisories
    }

    struct Writer {
        var bytes: [UInt8] = []

        mutating func byte(_ value: UInt8) { bytes.append(value) }

        mutating func varint(_ value: Int) {
            var remaining = UInt64(value)
            while remaining >= 0x80 {
                bytes.append(UInt8(remaining & 0x7f) | 0x80)
                remaining >>= 7
            }
            bytes.append(UInt8(remaining))
        }

        mutating func string(_ value: String) {
            varint(value.utf8.count)
            bytes.append(contentsOf: value.utf8)
        }

        mutating func optional<Value>(_ value: Value?, _ body: (inout Writer, Value) -> Void) {
            if let value {
                byte(1)
                body(&self, value)
            } else {
                byte(0)
            }
        }

        mutating func list<Value>(_ values: [Value], _ body: (inout Writer, Value) -> Void) {
            varint(values.count)
            for value in values { body(&self, value) }
        }

        mutating func severity(_ value: OSVSeverity) {
            string(value.type)
            string(value.score)
        }
    }

    struct Reader {
        let bytes: ArraySlice<UInt8>
        var position: Int

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            self.position = bytes.startIndex
        }

        var isAtEnd: Bool { position == bytes.endIndex }

        mutating func byte() throws(Malformed) -> UInt8 {
            guard position < bytes.endIndex else { throw Malformed() }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func varint() throws(Malformed) -> Int {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let next = try byte()
                result |= UInt64(next & 0x7f) << shift
                if next < 0x80 { break }
                shift += 7
                if shift > 56 { throw Malformed() }
            }
            guard result <= UInt64(bytes.count) * 8 + 1_000_000 else { throw Malformed() }
            return Int(result)
        }

        mutating func string() throws(Malformed) -> String {
            let length = try varint()
            guard length <= bytes.endIndex - position else { throw Malformed() }
            defer { position += length }
            return String(decoding: bytes[position..<(position + length)], as: UTF8.self)
        }

        mutating func optional<Value>(_ body: (inout Reader) throws(Malformed) -> Value) throws(Malformed) -> Value? {
            switch try byte() {
            case 0: return nil
            case 1: return try body(&self)
            default: throw Malformed()
            }
        }

        mutating func list<Value>(_ body: (inout Reader) throws(Malformed) -> Value) throws(Malformed) -> [Value] {
            let count = try varint()
            // Every item takes at least one byte, so a count beyond the remaining bytes is corrupt.
            guard count <= bytes.endIndex - position else { throw Malformed() }
            var values: [Value] = []
            values.reserveCapacity(count)
            for _ in 0..<count { values.append(try body(&self)) }
            return values
        }

        mutating func severity() throws(Malformed) -> OSVSeverity {
            let type = try string()
            return OSVSeverity(type: type, score: try string())
        }

        mutating func affected() throws(Malformed) -> OSVAffected {
            let package = try optional { reader throws(Malformed) in
                let ecosystem = try reader.string()
                let name = try reader.string()
                let purl = try reader.optional { reader throws(Malformed) in try reader.string() }
                return OSVPackage(ecosystem: ecosystem, name: name, purl: purl)
            }
            let severity = try list { reader throws(Malformed) in try reader.severity() }
            let ranges = try list { reader throws(Malformed) in
                let type = try reader.string()
                let repo = try reader.optional { reader throws(Malformed) in try reader.string() }
                let events = try reader.list { reader throws(Malformed) in
                    let kind = try reader.byte()
                    let value = try reader.string()
                    switch kind {
                    case 0: return OSVEvent(introduced: value)
                    case 1: return OSVEvent(fixed: value)
                    case 2: return OSVEvent(lastAffected: value)
                    case 3: return OSVEvent(limit: value)
                    default: throw Malformed()
                    }
                }
                return OSVRange(type: type, repo: repo, events: events)
            }
            let versions = try optional { reader throws(Malformed) in
                try reader.list { reader throws(Malformed) in try reader.string() }
            }
            return OSVAffected(
                package: package,
                severity: severity.isEmpty ? nil : severity,
                ranges: ranges.isEmpty ? nil : ranges,
                versions: versions
            )
        }
    }
}
