import SlipwayCore
import Testing

@testable import SupplyChain

/// The name and version an SBOM gives the component under release, read from the project's own manifest.
@Suite struct ProjectIdentityTests {
    static func identity(_ files: [String: String]) throws -> ProjectIdentity? {
        try ProjectIdentity.read(
            root: "/p",
            fileSystem: InMemoryFileSystem(files: files.reduce(into: [:]) { $0["/p/" + $1.key] = $1.value })
        )
    }

    @Test("each manifest gives its name and version")
    func eachManifest() throws {
        #expect(
            try Self.identity(["package.json": #"{"name": "@acme/web", "version": "2.1.0", "private": true}"#])
                == ProjectIdentity(name: "@acme/web", version: "2.1.0", manifest: "package.json")
        )
        #expect(
            try Self.identity(["pyproject.toml": "[project]\nname = \"acme-api\"\nversion = \"0.4.0\"\n"])
                == ProjectIdentity(name: "acme-api", version: "0.4.0", manifest: "pyproject.toml")
        )
        #expect(
            try Self.identity(["pyproject.toml": "[tool.poetry]\nname = \"legacy\"\nversion = \"1.0.0b1\"\n"])
                == ProjectIdentity(name: "legacy", version: "1.0.0b1", manifest: "pyproject.toml")
        )
        #expect(
            try Self.identity(["Cargo.toml": "[package]\nname = \"slip\"\nversion = \"0.9.2\"\nedition = \"2021\"\n"])
                == ProjectIdentity(name: "slip", version: "0.9.2", manifest: "Cargo.toml")
        )
        #expect(
            try Self.identity(["composer.json": #"{"name": "acme/portal", "type": "project"}"#])
                == ProjectIdentity(name: "acme/portal", version: nil, manifest: "composer.json")
        )
        let pom = """
            <?xml version="1.0"?>
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <parent><artifactId>parent</artifactId><version>9</version></parent>
              <groupId>com.acme</groupId>
              <artifactId> billing </artifactId>
              <version>3.2.1</version>
            </project>
            """
        #expect(
            try Self.identity(["pom.xml": pom])
                == ProjectIdentity(name: "billing", version: "3.2.1", manifest: "pom.xml")
        )
    }

    @Test("a version taken from elsewhere is no version; PEP 621 wins over [tool.poetry]")
    func versionsFromElsewhere() throws {
        let workspace = "[package]\nname = \"member\"\nversion.workspace = true\n"
        #expect(try Self.identity(["Cargo.toml": workspace])?.version == nil)
        let dynamic = "[project]\nname = \"dyn\"\ndynamic = [\"version\"]\n"
        #expect(
            try Self.identity(["pyproject.toml": dynamic])
                == ProjectIdentity(name: "dyn", version: nil, manifest: "pyproject.toml")
        )
        let both =
            "[project]\nname = \"new\"\nversion = \"2.0.0\"\n[tool.poetry]\nname = \"old\"\nversion = \"1.0.0\"\n"
        #expect(try Self.identity(["pyproject.toml": both])?.name == "new")
        let property = "<project><artifactId>svc</artifactId><version>${revision}</version></project>"
        #expect(
            try Self.identity(["pom.xml": property]) == ProjectIdentity(name: "svc", version: nil, manifest: "pom.xml")
        )
    }

    @Test("package.json wins; a manifest without a name gives way to the next; none: nil")
    func precedence() throws {
        let files = [
            "package.json": #"{"name": "front", "version": "1.0.0"}"#,
            "pyproject.toml": "[project]\nname = \"back\"\n",
        ]
        #expect(try Self.identity(files)?.name == "front")
        #expect(
            try Self.identity(["package.json": #"{"private": true}"#, "Cargo.toml": "[package]\nname = \"c\"\n"])?.name
                == "c"
        )
        #expect(try Self.identity(["package.json": #"{"name": "  "}"#]) == nil)
        #expect(try Self.identity(["README.md": "# x"]) == nil)
    }

    @Test("a broken manifest is an error at its line and column")
    func brokenManifest() {
        #expect {
            try Self.identity(["package.json": "{\n  \"name\": \"x\",\n  \"version\": [1,\n}\n"])
        } throws: { error in
            guard let error = error as? LockfileError else { return false }
            return error.location.path == "/p/package.json" && error.location.line == 4
                && error.problem.hasPrefix("not valid JSON")
        }
        #expect {
            try Self.identity(["Cargo.toml": "[package]\nname = \"x\"\nversion = \n"])
        } throws: { error in
            guard let error = error as? LockfileError else { return false }
            return error.location.path == "/p/Cargo.toml" && error.location.line == 3
        }
    }
}
