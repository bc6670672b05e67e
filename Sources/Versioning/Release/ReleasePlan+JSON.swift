extension ReleasePlan {
    /// The plan as `JSONOutput.string(plan)` writes it, byte for byte, without `JSONEncoder`.
    ///
    /// Pretty-printed, sorted keys, slashes unescaped, one final newline. With thousands of commits the encoder's
    /// boxing and key sorting cost more than planning the release. Tests compare both on random plans.
    public func jsonText() -> String {
        var json = JSONText()
        json.open("{")
        json.key("changelogSection", first: true)
        json.string(changelogSection)
        if let commitMessage {
            json.key("commitMessage")
            json.string(commitMessage)
        }
        json.key("commits")
        json.array(commits) { json, reason in
            json.open("{")
            json.key("contributes", first: true)
            json.string(reason.contributes.rawValue)
            json.key("hash")
            json.string(reason.hash)
            json.key("header")
            json.string(reason.header)
            json.key("why")
            json.string(reason.why)
            json.close("}")
        }
        json.key("files")
        json.array(files) { json, file in
            json.open("{")
            json.key("path", first: true)
            json.string(file.path)
            json.close("}")
        }
        json.key("issueKeys")
        json.array(issueKeys) { json, key in json.string(key) }
        if let nextVersion {
            json.key("nextVersion")
            json.string(nextVersion)
        }
        if let previousTag {
            json.key("previousTag")
            json.string(previousTag)
        }
        json.key("previousVersion")
        json.string(previousVersion)
        json.key("releaseNotes")
        json.string(releaseNotes)
        if let releaseType {
            json.key("releaseType")
            json.string(releaseType.rawValue)
        }
        json.key("summary")
        json.string(summary)
        if let tag {
            json.key("tag")
            json.string(tag)
        }
        json.key("unparsedCommits")
        json.array(unparsedCommits) { json, text in json.string(text) }
        json.key("warnings")
        json.array(warnings) { json, text in json.string(text) }
        json.close("}")
        json.bytes.append(0x0A)
        return String(decoding: json.bytes, as: UTF8.self)
    }
}

/// A JSON writer with Foundation's pretty-printed layout: two-space indentation, `"key" : value`, empty arrays as
/// `[`, a blank line and `]`, strings escaped as `JSONEncoder` escapes them (`\"`, `\\`, `\b\f\n\r\t`, other
/// controls as `\u00xx`; everything else, `/` included, as is).
private struct JSONText {
    var bytes: [UInt8] = []
    var depth = 0

    mutating func newline() {
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(0x20, count: 2 * depth))
    }

    mutating func open(_ bracket: Unicode.Scalar) {
        bytes.append(UInt8(bracket.value))
        depth += 1
    }

    mutating func close(_ bracket: Unicode.Scalar) {
        depth -= 1
        newline()
        bytes.append(UInt8(bracket.value))
    }

    mutating func key(_ name: StaticString, first: Bool = false) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        newline()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [0x22, 0x20, 0x3A, 0x20])  // `" : `
    }

    mutating func array<Element>(_ elements: [Element], _ write: (inout JSONText, Element) -> Void) {
        open("[")
        if elements.isEmpty { bytes.append(0x0A) }
        for (index, element) in elements.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            newline()
            write(&self, element)
        }
        close("]")
    }

    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                switch byte {
                case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
                case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x08: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
                case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0C: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
                case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [
                        0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)],
                    ])
                }
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
