/// Shared plumbing for the version parsers: zero-copy UTF-8 access, whitespace trimming and bounds-checked reads.
enum VersionText {
    /// Which characters an ecosystem's parser strips from both ends before parsing.
    enum Trimming {
        /// Nothing: whitespace is part of the text (Go, Cargo, Maven).
        case none
        /// Unicode `White_Space` (Python's `\s`, JavaScript's `trim`, .NET's `Trim`).
        case unicode
        /// Ruby's `\s`: space, tab, line feed, vertical tab, form feed, carriage return.
        case ruby
        /// PHP's `trim`: space, tab, line feed, carriage return, NUL and vertical tab.
        case php

        func strips(_ scalar: Unicode.Scalar) -> Bool {
            switch self {
            case .none: false
            // ASCII first: looking up Unicode properties costs more than the rest of a parse.
            case .unicode:
                scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
            case .ruby: scalar == " " || (0x09...0x0D).contains(scalar.value)
            case .php: scalar == " " || scalar.value == 0 || (0x09...0x0B).contains(scalar.value) || scalar == "\r"
            }
        }
    }

    /// Calls `body` with the UTF-8 bytes of `text` after trimming; strings stored as UTF-8 are not copied.
    static func withUTF8<Result>(
        _ text: String,
        trimming: Trimming = .none,
        _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        var trimmed = trimming == .none ? text[...] : trim(text, trimming)
        return trimmed.withUTF8(body)
    }

    private static func trim(_ text: String, _ trimming: Trimming) -> Substring {
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, trimming.strips(scalars[start]) {
            start = scalars.index(after: start)
        }
        while start < end {
            let last = scalars.index(before: end)
            guard trimming.strips(scalars[last]) else {
                break
            }
            end = last
        }
        return text[start..<end]
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The byte at `index`, or nil outside the buffer, so parsers can look ahead without risking a trap.
    func byte(at index: Int) -> UInt8? {
        index >= 0 && index < count ? self[index] : nil
    }

    /// The bytes in `range` as a string, clamped to the buffer.
    func string(_ range: Range<Int>) -> String {
        let lower = Swift.min(Swift.max(range.lowerBound, 0), count)
        let upper = Swift.min(Swift.max(range.upperBound, lower), count)
        return String(decoding: UnsafeBufferPointer(rebasing: self[lower..<upper]), as: UTF8.self)
    }

    /// The end of the run of bytes matching `predicate` that starts at `index`.
    func end(ofRunFrom index: Int, where predicate: (UInt8) -> Bool) -> Int {
        var position = Swift.max(index, 0)
        while position < count, predicate(self[position]) {
            position += 1
        }
        return position
    }
}
