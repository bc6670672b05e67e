import Foundation
import SlipwayCore
import SlipwayTestSupport
import Testing

@testable import SupplyChain

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The POM reader's XML scanner against Foundation's `XMLParser` (libxml2), which it replaced: the same element
/// names, positions and texts on the corpus POMs and on documents built to exercise each construct.
@Suite struct XMLTreeOracleTests {
    /// Documents covering what POMs use: declarations, namespaces, attributes over several lines, self-closing
    /// tags, comments, CDATA, predefined and numeric references, a byte order mark, CRLF and CR line ends, tabs and
    /// non-ASCII names and text.
    static let documents: [String] = [
        "<settings></settings>",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<project xmlns=\"http://maven.apache.org/POM/4.0.0\"\n"
            + "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
            + "    xsi:schemaLocation=\"http://maven.apache.org/POM/4.0.0 x.xsd\">\n"
            + "  <modelVersion>4.0.0</modelVersion>\n  <dependencies>\n    <dependency>\n"
            + "      <groupId>org.example</groupId><artifactId>a</artifactId>\n"
            + "      <version>1.0</version>\n    </dependency>\n  </dependencies>\n</project>\n",
        "<?xml version=\"1.0\"?>\n<p:project xmlns:p=\"u\" a='1'\n   b=\"2\">\n\t<x/>  <é>é&amp;&#x41;&lt;</é><y\n/>\r\n"
            + "<z>a\r\nb</z></p:project>",
        "\u{FEFF}<a><b>x<!-- c -->y<![CDATA[<z>\r\n]]></b><c   /><d\t></d ></a>",
        "<!DOCTYPE project [\n  <!ELEMENT project ANY>\n]>\n<project><!-- > --><?pi x?>\n<v>  1.0 &#49;&gt;</v></project>",
        "<a>\r\n  x \r\n</a>",
        "<a>\r  x \r</a>",
        "<a>&quot;&apos;&#x1F600;\u{1F600}</a>",
        "<!-- first -->\n<?xml-stylesheet href=\"a\"?>\n<root>\n  <k attr=\"&lt;&amp;\">v</k>\n</root>\n<!-- after -->\n",
    ]

    /// Malformed documents both readers refuse.
    static let malformed: [String] = [
        "<project>\n  <dependencies>\n    <dependency>\n      <groupId>a</gro",
        "<a><b></a>",
        "<a>&foo;</a>",
        "<a b=\"1></a>",
        "<a><!-- never closed</a>",
        "<a><![CDATA[x</a>",
        "",
        "   ",
        "text",
    ]

    @Test("the same tree as XMLParser on constructed documents", arguments: documents)
    func matchesOnDocuments(_ document: String) throws {
        try #require(XMLParserTree.isAvailable, "FoundationXML is not available")
        let expected = try #require(XMLParserTree.parse(document))
        let actual = try XMLTree.parse(document, path: "pom.xml")
        #expect(Snapshot(actual) == expected)
    }

    @Test("both refuse malformed documents", arguments: malformed)
    func refusesMalformed(_ document: String) {
        #expect(XMLParserTree.parse(document) == nil)
        #expect(throws: LockfileError.self) { try XMLTree.parse(document, path: "pom.xml") }
    }

    @Test("content after the root element is refused (XMLParser reported success there)")
    func refusesTrailingContent() {
        #expect(throws: LockfileError.self) { try XMLTree.parse("<a></a>junk", path: "pom.xml") }
        #expect(throws: LockfileError.self) { try XMLTree.parse("<a></a><b></b>", path: "pom.xml") }
    }

    @Test("errors name the line and column and say what is wrong")
    func locatesErrors() throws {
        let error = try #require(throws: LockfileError.self) {
            try XMLTree.parse("<project>\n  <a>x</b>\n</project>", path: "pom.xml")
        }
        #expect(
            error
                == .invalidSyntax(
                    path: "pom.xml",
                    position: SourcePosition(line: 2, column: 10),
                    format: "XML",
                    reason: "</b> closes <a>, opened at line 2"
                )
        )
        let truncated = try #require(throws: LockfileError.self) {
            try XMLTree.parse("<project>\n  <dependencies>\n", path: "pom.xml")
        }
        #expect(
            truncated
                == .invalidSyntax(
                    path: "pom.xml",
                    position: SourcePosition(line: 2, column: 3),
                    format: "XML",
                    reason: "<dependencies> is never closed (is the file truncated?)"
                )
        )
    }

    @Test("nesting deeper than the limit is refused, not recursed into")
    func refusesDeepNesting() {
        let deep = String(repeating: "<a>", count: XMLTree.maximumDepth + 1)
        #expect(throws: LockfileError.self) { try XMLTree.parse(deep, path: "pom.xml") }
    }

    @Test(
        "the same tree as XMLParser on every corpus POM",
        .enabled(if: Corpus.isAvailable, "shared corpus not present")
    )
    func matchesOnCorpus() throws {
        try #require(XMLParserTree.isAvailable, "FoundationXML is not available")
        let directory = Corpus.sharedRoot + "/corpus/lockfiles/maven"
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".xml") }
        #expect(!files.isEmpty)
        for file in files {
            let text = String(decoding: try LocalFileSystem().readFile(at: directory + "/" + file), as: UTF8.self)
            let expected = try #require(XMLParserTree.parse(text), "XMLParser refused \(file)")
            #expect(Snapshot(try XMLTree.parse(text, path: file)) == expected, "\(file)")
        }
    }
}

/// An element tree as plain values, for comparing the two readers.
private struct Snapshot: Equatable, CustomStringConvertible {
    var name: String
    var line: Int
    var column: Int
    var text: String?
    var children: [Snapshot]

    init(name: String, line: Int, column: Int, text: String?, children: [Snapshot]) {
        self.name = name
        self.line = line
        self.column = column
        self.text = text
        self.children = children
    }

    init(_ element: XMLTree.Element) {
        self.init(
            name: element.name,
            line: element.position.line,
            column: element.position.column,
            text: element.text,
            children: element.children.map(Snapshot.init)
        )
    }

    var description: String {
        "<\(name) \(line):\(column) \(text.map { "\"\($0)\"" } ?? "-")>"
            + children.map(\.description).joined() + "</\(name)>"
    }
}

/// The tree Foundation's `XMLParser` builds, the way the POM reader built it before.
private enum XMLParserTree {
    #if canImport(FoundationXML) || os(macOS)
        static let isAvailable = true

        static func parse(_ text: String) -> Snapshot? {
            let parser = XMLParser(data: Data(text.utf8))
            parser.shouldProcessNamespaces = true
            parser.shouldResolveExternalEntities = false
            let builder = Builder()
            parser.delegate = builder
            guard parser.parse(), builder.stack.isEmpty, let root = builder.root else { return nil }
            return freeze(root)
        }

        private final class Node {
            let name: String
            let line: Int
            let column: Int
            var text = ""
            var children: [Node] = []

            init(name: String, line: Int, column: Int) {
                self.name = name
                self.line = line
                self.column = column
            }
        }

        private static func freeze(_ node: Node) -> Snapshot {
            let trimmed = node.text.trimmingWhitespace()
            return Snapshot(
                name: node.name,
                line: node.line,
                column: node.column,
                text: trimmed.isEmpty ? nil : trimmed,
                children: node.children.map(freeze)
            )
        }

        private final class Builder: NSObject, XMLParserDelegate {
            var root: Node?
            var stack: [Node] = []

            func parser(
                _ parser: XMLParser,
                didStartElement elementName: String,
                namespaceURI: String?,
                qualifiedName: String?,
                attributes: [String: String] = [:]
            ) {
                let node = Node(name: elementName, line: max(parser.lineNumber, 1), column: max(parser.columnNumber, 1))
                if let parent = stack.last {
                    parent.children.append(node)
                } else if root == nil {
                    root = node
                }
                stack.append(node)
            }

            func parser(_ parser: XMLParser, foundCharacters string: String) {
                stack.last?.text += string
            }

            func parser(_ parser: XMLParser, foundCDATA block: Data) {
                stack.last?.text += String(decoding: block, as: UTF8.self)
            }

            func parser(
                _ parser: XMLParser,
                didEndElement elementName: String,
                namespaceURI: String?,
                qualifiedName: String?
            ) {
                _ = stack.popLast()
            }
        }
    #else
        static let isAvailable = false
        static func parse(_ text: String) -> Snapshot? { nil }
    #endif
}
