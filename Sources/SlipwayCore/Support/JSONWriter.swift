/// Writes pretty-printed JSON byte for byte as `JSONOutput.string` (Foundation's `JSONEncoder` with sorted keys,
/// pretty printing and unescaped slashes) writes it, without the `Encodable` machinery, which was the largest cost
/// of writing an SBOM or a report with thousands of entries.
///
/// The caller writes each object's keys in ascending UTF-8 order (as `sortedKeys` would sort them; debug builds
/// check it) and leaves out nil optionals as synthesized `Encodable` conformances do. Every document written this
/// way keeps its `Encodable` model, and tests compare the two outputs on real inputs.
package struct JSONWriter {
    package private(set) var bytes: [UInt8] = []
    /// Per open container: whether nothing has been written in it yet.
    private var isFirst: [Bool] = []
    #if DEBUG
        /// Per open container: the last key written (objects only), to check the order.
        private var lastKey: [[UInt8]?] = []
    #endif

    /// Creates a writer; `capacity` is a guess of the output size.
    package init(capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
    }

    /// The document with the trailing newline `JSONOutput.string` adds.
    package consuming func finish() -> String {
        String(decoding: finishUTF8(), as: UTF8.self)
    }

    /// The document's UTF-8 with its final newline, for callers that write bytes (no String to build and validate).
    package consuming func finishUTF8() -> [UInt8] {
        bytes.append(0x0A)
        return bytes
    }

    // MARK: Containers

    package mutating func beginObject() {
        bytes.append(UInt8(ascii: "{"))
        bytes.append(0x0A)
        isFirst.append(true)
        #if DEBUG
            lastKey.append([])
        #endif
    }

    package mutating func endObject() {
        close(UInt8(ascii: "}"))
    }

    package mutating func beginArray() {
        bytes.append(UInt8(ascii: "["))
        bytes.append(0x0A)
        isFirst.append(true)
        #if DEBUG
            lastKey.append(nil)
        #endif
    }

    package mutating func endArray() {
        close(UInt8(ascii: "]"))
    }

    private mutating func close(_ bracket: UInt8) {
        isFirst.removeLast()
        #if DEBUG
            lastKey.removeLast()
        #endif
        bytes.append(0x0A)
        indent()
        bytes.append(bracket)
    }

    /// Starts the next member of the innermost container: the separator and the indentation.
    private mutating func nextMember() {
        if isFirst[isFirst.count - 1] {
            isFirst[isFirst.count - 1] = false
        } else {
            bytes.append(UInt8(ascii: ","))
            bytes.append(0x0A)
        }
        indent()
    }

    private mutating func indent() {
        for _ in 0..<isFirst.count {
            bytes.append(0x20)
            bytes.append(0x20)
        }
    }

    /// Writes `"name" : ` for a key known only at run time, escaped like any string.
    ///
    /// The caller writes an object's keys in ascending UTF-8 order; the value follows.
    package mutating func key(_ name: String) {
        nextMember()
        #if DEBUG
            if let previous = lastKey[lastKey.count - 1] {
                assert(previous.lexicographicallyPrecedes(name.utf8), "JSON keys out of order at \(name)")
                lastKey[lastKey.count - 1] = Array(name.utf8)
            } else {
                assertionFailure("a key inside an array")
            }
        #endif
        string(name)
        bytes.append(contentsOf: [0x20, UInt8(ascii: ":"), 0x20])
    }

    /// Writes `"name" : `; the value follows.
    package mutating func key(_ name: StaticString) {
        nextMember()
        let key = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        #if DEBUG
            if let previous = lastKey[lastKey.count - 1] {
                assert(previous.lexicographicallyPrecedes(key), "JSON keys out of order at \(name)")
                lastKey[lastKey.count - 1] = Array(key)
            } else {
                assertionFailure("a key inside an array")
            }
        #endif
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: key)
        bytes.append(contentsOf: [UInt8(ascii: "\""), 0x20, UInt8(ascii: ":"), 0x20])
    }

    /// Starts an element of the innermost array; the value follows.
    package mutating func element() {
        nextMember()
    }

    // MARK: Values

    package mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var start = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                start = index + 1
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
                case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
                case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                default:
                    let digits: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), 0x30, 0x30])
                    bytes.append(digits[Int(byte >> 4)])
                    bytes.append(digits[Int(byte & 0x0F)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    package mutating func int(_ value: Int) {
        bytes.append(contentsOf: String(value).utf8)
    }

    package mutating func bool(_ value: Bool) {
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// A finite double as `JSONEncoder` writes it: its shortest description, without a trailing `.0`.
    package mutating func double(_ value: Double) {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    // MARK: Conveniences

    /// `"name" : "value"`.
    package mutating func field(_ name: StaticString, _ value: String) {
        key(name)
        string(value)
    }

    /// `"name" : "value"` when `value` is not nil.
    package mutating func field(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    package mutating func field(_ name: StaticString, _ value: Int) {
        key(name)
        int(value)
    }

    package mutating func field(_ name: StaticString, _ value: Int?) {
        guard let value else { return }
        key(name)
        int(value)
    }

    package mutating func field(_ name: StaticString, _ value: Bool) {
        key(name)
        bool(value)
    }

    package mutating func field(_ name: StaticString, _ value: Bool?) {
        guard let value else { return }
        key(name)
        bool(value)
    }

    /// `"name" : [ "a", "b" ]`.
    package mutating func field(_ name: StaticString, _ values: [String]) {
        key(name)
        array(values) { $0.string($1) }
    }

    /// An array of `values`, each written by `body` after its separator.
    package mutating func array<Values: Sequence>(_ values: Values, _ body: (inout JSONWriter, Values.Element) -> Void)
    {
        beginArray()
        for value in values {
            element()
            body(&self, value)
        }
        endArray()
    }

    /// An object whose members `body` writes.
    package mutating func object(_ body: (inout JSONWriter) -> Void) {
        beginObject()
        body(&self)
        endObject()
    }
}
