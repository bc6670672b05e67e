import SlipwayCore
import SlipwayTestSupport
import SupplyChain
import Testing

@Suite struct MavenLockfileTests {
    private let reader = MavenPOMReader()

    private let pom = """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.example</groupId>
          <artifactId>app</artifactId>
          <version>1.4.0</version>
          <properties>
            <jackson.major>2.17</jackson.major>
            <jackson.version>${jackson.major}.1</jackson.version>
          </properties>
          <dependencyManagement>
            <dependencies>
              <dependency>
                <groupId>org.slf4j</groupId>
                <artifactId>slf4j-api</artifactId>
                <version>2.0.13</version>
              </dependency>
            </dependencies>
          </dependencyManagement>
          <dependencies>
            <dependency>
              <groupId>com.fasterxml.jackson.core</groupId>
              <artifactId>jackson-databind</artifactId>
              <version>${jackson.version}</version>
            </dependency>
            <dependency>
              <groupId>org.slf4j</groupId>
              <artifactId>slf4j-api</artifactId>
            </dependency>
            <dependency>
              <groupId>${project.groupId}</groupId>
              <artifactId>app-core</artifactId>
              <version>${project.version}</version>
              <classifier>tests</classifier>
              <scope>test</scope>
            </dependency>
            <dependency>
              <groupId>javax.servlet</groupId>
              <artifactId>servlet-api</artifactId>
              <version>2.5</version>
              <scope>provided</scope>
            </dependency>
            <dependency>
              <groupId>org.junit</groupId>
              <artifactId>junit-bom-managed</artifactId>
              <scope>test</scope>
            </dependency>
          </dependencies>
        </project>
        """

    @Test("declared dependencies with properties, managed versions, scopes and classifiers; unresolved ones counted")
    func readsPOM() throws {
        let result = try reader.readDeclared(pom, path: "pom.xml")
        #expect(
            result.components.map(\.purl) == [
                "pkg:maven/com.example/app-core@1.4.0?classifier=tests",
                "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.17.1",
                "pkg:maven/javax.servlet/servlet-api@2.5",
                "pkg:maven/org.slf4j/slf4j-api@2.0.13",
            ]
        )
        #expect(result.components.map(\.scope) == [.development, .runtime, .optional, .runtime])
        #expect(result.components.map(\.name)[1] == "com.fasterxml.jackson.core:jackson-databind")
        #expect(result.components.allSatisfy { $0.isDirect == true && $0.ecosystem == .maven })
        #expect(result.components.map { $0.location?.line } == [30, 21, 37, 26])
        #expect(result.unresolved == ["org.junit:junit-bom-managed"])
        #expect(try reader.read(pom, path: "pom.xml") { _ in nil } == result.components)
    }

    @Test("a POM over the size limit is refused before parsing")
    func refusesHugePOM() {
        let huge = "<project>" + String(repeating: " ", count: 64 << 20) + "</project>"
        #expect(throws: LockfileError.tooLarge(path: "pom.xml", bytes: huge.utf8.count, limit: 64 << 20)) {
            try reader.read(huge, path: "pom.xml") { _ in nil }
        }
    }

    @Test("broken XML, a non-POM root and entity declarations are located errors")
    func reportsMalformedInput() throws {
        let truncated = "<project>\n  <dependencies>\n    <dependency>\n      <groupId>a</gro"
        let error = try #require(throws: LockfileError.self) {
            try reader.read(truncated, path: "pom.xml") { _ in nil }
        }
        guard case .invalidSyntax(_, let position, "XML", _) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect((position?.line ?? 0) >= 4)
        #expect(
            throws: LockfileError.unexpectedShape(
                path: "pom.xml",
                position: SourcePosition(line: 1, column: 10),
                reason: "the root element is <settings>, expected <project>"
            )
        ) {
            try reader.read("<settings></settings>", path: "pom.xml") { _ in nil }
        }
        let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE p [\n  <!ENTITY a \"aaaa\">\n]>\n<project>&a;</project>"
        #expect(
            throws: LockfileError.invalidSyntax(
                path: "pom.xml",
                position: SourcePosition(line: 3, column: 3),
                format: "XML",
                reason: "entity declarations are not allowed"
            )
        ) {
            try reader.read(bomb, path: "pom.xml") { _ in nil }
        }
    }
}

@Suite(.enabled(if: Corpus.isAvailable, "shared corpus not present"))
struct MavenLockfileCorpusTests {
    @Test("the xunit plugin POM declares 16 dependencies; 3 have a version this file can resolve")
    func readsXunitPOM() throws {
        let file = "maven/jenkinsci__xunit-plugin__pom.xml"
        let result = try MavenPOMReader().readDeclared(try mavenCorpusText(file), path: file)
        // MANIFEST counts all 16 <dependency> elements: 15 under <dependencies> plus the bom-2.479.x import under
        // <dependencyManagement>, which is a BOM, not a dependency. Of the 15, 12 take their version from the Jenkins
        // plugin parent POM or that BOM, neither of which is in this file, so they are skipped and listed in
        // `unresolved`: 3 components + 12 unresolved + 1 BOM import = the MANIFEST's 16.
        #expect(try mavenManifestEntries(file) == 16)
        #expect(result.components.count == 3)
        #expect(result.unresolved.count == 12)
        #expect(
            result.components.map(\.purl) == [
                "pkg:maven/org.assertj/assertj-core@3.27.6",
                "pkg:maven/org.jenkins-ci.plugins/dtkit-api@3.0.3",
                "pkg:maven/org.xmlunit/xmlunit-core@2.11.0",
            ]
        )
        #expect(result.components.map(\.scope) == [.development, .runtime, .development])
    }

    @Test("the SLSA e2e POM has plugins but no dependencies")
    func readsPluginOnlyPOM() throws {
        let file = "maven/slsa-framework__slsa-github-generator__e2e__maven__workflow_dispatch__pom.xml"
        let result = try MavenPOMReader().readDeclared(try mavenCorpusText(file), path: file)
        #expect(result.components.count == (try mavenManifestEntries(file)))
        #expect(result.unresolved.isEmpty)
    }
}

private func mavenCorpusText(_ file: String) throws -> String {
    String(decoding: try LocalFileSystem().readFile(at: Corpus.sharedRoot + "/corpus/lockfiles/" + file), as: UTF8.self)
}

private func mavenManifestEntries(_ file: String) throws -> Int? {
    for line in try mavenCorpusText("MANIFEST.tsv").split(separator: "\n") {
        let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
        if columns.count > 6, columns[0] == file { return Int(columns[6]) }
    }
    return nil
}
