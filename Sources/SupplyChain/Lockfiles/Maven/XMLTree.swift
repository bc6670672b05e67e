import Foundation
import SlipwayCore

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A small element tree of an XML document, with the line of each start tag, built with Foundation's `XMLParser`.
enum XMLTree {
    /// The largest document read (64 MiB, as for JSON lockfiles); the element tree is kept in memory.
    static let maximumBytes = 64 << 20

    /// One element: its local name, direct text (trimmed; `nil` when blank), children and position.
    final class Element {
        let name: String
        let position: SourcePosition
        var text: String?
        var children: [Element] = []

        init(name: String, position: SourcePosition) {
            self.name = name
            self.position = position
        }

        /// The first child named `name`.
        func child(_ name: String) -> Element? {
            children.first { $0.name == name }
        }
    }

    /// Parses `text` into its root element, or throws a located `invalidSyntax` error.
    ///
    /// Documents declaring entities are refused before parsing: a POM has no use for them, and entity expansion is
    /// how XML bombs work.
    static func parse(_ text: String, path: String) throws(LockfileError) -> Element {
        let byteCount = text.utf8.count
        if byteCount > maximumBytes { throw .tooLarge(path: path, bytes: byteCount, limit: maximumBytes) }
        if let range = text.firstRange(of: "<!ENTITY") {
            let position = SourceText(text).position(
                ofOffset: text.utf8.distance(from: text.startIndex, to: range.lowerBound)
            )
            throw .invalidSyntax(
                path: path,
                position: position,
                format: "XML",
                reason: "entity declarations are not allowed"
            )
        }
        let parser = XMLParser(data: Data(text.utf8))
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        let builder = Builder()
        parser.delegate = builder
        let succeeded = parser.parse()
        if !succeeded || builder.root == nil || !builder.stack.isEmpty {
            let position = SourcePosition(line: max(parser.lineNumber, 1), column: max(parser.columnNumber, 1))
            let reason =
                parser.parserError.map { "\($0.localizedDescription)" }
                ?? builder.stack.last.map { "<\($0.name)> is never closed (is the file truncated?)" }
                ?? "no root element"
            throw .invalidSyntax(path: path, position: position, format: "XML", reason: reason)
        }
        guard let root = builder.root else {
            throw .invalidSyntax(path: path, position: nil, format: "XML", reason: "no root element")
        }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: Element?
        var stack: [Element] = []
        var texts: [String] = []

        func parser(
            _ parser: XMLParser,
            didStartElement elementName: String,
            namespaceURI: String?,
            qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let position = SourcePosition(line: max(parser.lineNumber, 1), column: max(parser.columnNumber, 1))
            let element = Element(name: elementName, position: position)
            if let parent = stack.last {
                parent.children.append(element)
            } else if root == nil {
                root = element
            }
            stack.append(element)
            texts.append("")
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !texts.isEmpty else { return }
            texts[texts.count - 1] += string
        }

        func parser(_ parser: XMLParser, foundCDATA block: Data) {
            guard !texts.isEmpty else { return }
            texts[texts.count - 1] += String(decoding: block, as: UTF8.self)
        }

        func parser(
            _ parser: XMLParser,
            didEndElement elementName: String,
            namespaceURI: String?,
            qualifiedName: String?
        ) {
            guard let element = stack.popLast(), let text = texts.popLast() else { return }
            let trimmed = text.trimmingWhitespace()
            element.text = trimmed.isEmpty ? nil : trimmed
        }
    }
}
