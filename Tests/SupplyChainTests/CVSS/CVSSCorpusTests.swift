import Foundation
import SlipwayCore
import SlipwayTestSupport
import SupplyChain
import Testing

/// The OSV advisories of the shared corpus.
private let osvCorpusRoot = Corpus.sharedRoot + "/corpus/osv"

/// Every CVSS vector in the real OSV advisories of the shared corpus (`osv/PyPI`, `osv/Go`, `osv/samples`) parses.
@Suite(.enabled(if: LocalFileSystem().isDirectory(osvCorpusRoot + "/PyPI"), "shared OSV corpus not present"))
struct CVSSCorpusTests {
    static let root = osvCorpusRoot

    /// The parts of an OSV record that carry severity: top-level and per affected package.
    struct Advisory: Decodable {
        struct Severity: Decodable {
            var type: String
            var score: String
        }
        struct Affected: Decodable {
            var severity: [Severity]?
        }
        var id: String
        var severity: [Severity]?
        var affected: [Affected]?

        var severities: [Severity] { (severity ?? []) + (affected ?? []).flatMap { $0.severity ?? [] } }
    }

    struct Found {
        var advisory: String
        var type: String
        var vector: String
    }

    /// The CVSS_V3 and CVSS_V4 severities of every advisory in `folder` (and its subfolders), with the file count.
    static func severities(in folder: String) throws -> (files: Int, found: [Found]) {
        let fileSystem = LocalFileSystem()
        var files = 0
        var found: [Found] = []
        var pending = [root + "/" + folder]
        while let directory = pending.popLast() {
            for name in try fileSystem.contentsOfDirectory(at: directory).sorted() {
                let path = directory + "/" + name
                if fileSystem.isDirectory(path) {
                    pending.append(path)
                    continue
                }
                guard name.hasSuffix(".json") else { continue }
                files += 1
                let advisory = try JSONDecoder().decode(Advisory.self, from: Data(try fileSystem.readFile(at: path)))
                for severity in advisory.severities where severity.type.hasPrefix("CVSS_V") {
                    found.append(Found(advisory: advisory.id, type: severity.type, vector: severity.score))
                }
            }
        }
        return (files, found)
    }

    struct Folder: CustomTestStringConvertible, Sendable {
        var name: String
        var files: Int
        /// CVSS_V3 severities at the corpus's pinned commits (osv/MANIFEST.md), by the version their prefix names.
        var version30: Int
        var version31: Int
        /// CVSS_V4 severities.
        var version4: Int
        var testDescription: String { name }
    }

    static let folders = [
        // pypa/advisory-database: 192 CVSS:3.1 and 10 CVSS:3.0 vectors, none malformed.
        Folder(name: "PyPI", files: 2_661, version30: 10, version31: 192, version4: 0),
        // golang/vulndb records carry no severity at all.
        Folder(name: "Go", files: 4_291, version30: 0, version31: 0, version4: 0),
        // ossf/osv-schema test data: 7 CVSS:3.1 vectors.
        Folder(name: "samples", files: 23, version30: 0, version31: 7, version4: 0),
    ]

    @Test("every CVSS_V3 and CVSS_V4 vector of the OSV corpus parses as its declared version", arguments: folders)
    func corpusVectorsParse(folder: Folder) throws {
        let (files, found) = try Self.severities(in: folder.name)
        #expect(files == folder.files)
        #expect(found.filter { $0.type == "CVSS_V3" }.count == folder.version30 + folder.version31)
        #expect(found.filter { $0.type == "CVSS_V4" }.count == folder.version4)
        var versions: [CVSSVersion: Int] = [:]
        for severity in found {
            do {
                let vector = try CVSSVector(parsing: severity.vector)
                let expected: Set<CVSSVersion> = severity.type == "CVSS_V4" ? [.v4_0] : [.v3_0, .v3_1]
                #expect(expected.contains(vector.version), "\(severity.advisory): \(severity.vector)")
                versions[vector.version, default: 0] += 1
                #expect((0...10).contains(vector.baseScore))
            } catch {
                Issue.record("\(severity.advisory): \(severity.vector): \(error)")
            }
        }
        #expect(versions[.v3_0, default: 0] == folder.version30)
        #expect(versions[.v3_1, default: 0] == folder.version31)
        #expect(versions[.v4_0, default: 0] == folder.version4)
    }
}
