/// A POSIX ustar archive built in memory, byte-for-byte reproducible: fixed owner (0/0, no names), mode 0644,
/// one modification time for every member, members in the order they are added.
///
/// Evidence bundles are tar files because every auditor's machine can list and extract them (`tar -xf`) without
/// Slipway.
struct TarArchive {
    /// The member's name was empty, absolute, had a `..` segment, or does not fit ustar's 100+155-byte fields.
    struct InvalidName: Error, Sendable, Equatable {
        var path: String
    }

    private(set) var bytes: [UInt8] = []
    /// Seconds since 1970 written as every member's modification time.
    let modificationTime: Int

    init(modificationTime: Int) {
        self.modificationTime = max(0, modificationTime)
    }

    /// Adds a regular file.
    mutating func addFile(path: String, contents: [UInt8]) throws(InvalidName) {
        let (prefix, name) = try Self.split(path)
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ text: [UInt8], at offset: Int) {
            for (position, byte) in text.enumerated() { header[offset + position] = byte }
        }
        func octal(_ value: Int, width: Int) -> [UInt8] {
            let digits = Array(String(value, radix: 8).utf8)
            return [UInt8](repeating: UInt8(ascii: "0"), count: max(0, width - 1 - digits.count)) + digits + [0]
        }
        put(name, at: 0)
        put(octal(0o644, width: 8), at: 100)
        put(octal(0, width: 8), at: 108)
        put(octal(0, width: 8), at: 116)
        put(octal(contents.count, width: 12), at: 124)
        put(octal(modificationTime, width: 12), at: 136)
        put([UInt8](repeating: UInt8(ascii: " "), count: 8), at: 148)
        header[156] = UInt8(ascii: "0")
        put(Array("ustar".utf8) + [0], at: 257)
        put(Array("00".utf8), at: 263)
        put(prefix, at: 345)
        let checksum = header.reduce(0) { $0 + Int($1) }
        put(octal(checksum, width: 7) + [UInt8(ascii: " ")], at: 148)
        bytes += header
        bytes += contents
        let remainder = contents.count % 512
        if remainder != 0 { bytes += [UInt8](repeating: 0, count: 512 - remainder) }
    }

    /// The archive with its end-of-archive marker (two zero blocks).
    var finished: [UInt8] { bytes + [UInt8](repeating: 0, count: 1024) }

    /// Splits `path` into ustar's prefix and name fields.
    static func split(_ path: String) throws(InvalidName) -> (prefix: [UInt8], name: [UInt8]) {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, !path.hasPrefix("/"), !segments.contains(where: { $0.isEmpty || $0 == ".." || $0 == "." })
        else { throw InvalidName(path: path) }
        let utf8 = Array(path.utf8)
        if utf8.count <= 100 { return ([], utf8) }
        // The name field takes the last segments that fit; the prefix the rest (without the joining slash).
        for index in utf8.indices where utf8[index] == UInt8(ascii: "/") {
            let prefix = Array(utf8[..<index])
            let name = Array(utf8[(index + 1)...])
            if prefix.count <= 155, name.count <= 100, !name.isEmpty { return (prefix, name) }
        }
        throw InvalidName(path: path)
    }
}
