import SlipwayCore
import Testing
import Versioning

@Suite struct VersioningSettingsTests {
    static func decode(_ text: String, path: String = ".versionrc") throws -> VersioningSettings {
        try VersioningSettings.decode(try YAMLLoader.load(text, path: path), path: path)
    }

    @Test("reads standard-version's .versionrc keys from JSON")
    func readsVersionrc() throws {
        let settings = try Self.decode(
            """
            {
              "types": [
                {"type": "feat", "section": "Features"},
                {"type": "chore", "hidden": true}
              ],
              "tagPrefix": "pkg@",
              "issuePrefixes": ["#", "PLAT-"],
              "bumpFiles": ["package.json", {"filename": "VERSION", "type": "plain-text"},
                            {"filename": "src/version.swift", "pattern": "let version = \\"(.*)\\""}],
              "skip": {"changelog": true},
              "releaseCommitMessageFormat": "chore(release): {{currentTag}} [skip ci]",
              "scripts": {"postbump": "echo ignored"}
            }
            """
        )
        #expect(settings.types == [.init(type: "feat", section: "Features"), .init(type: "chore", hidden: true)])
        #expect(settings.tagPrefix == "pkg@")
        #expect(settings.bumpFiles?.map(\.filename) == ["package.json", "VERSION", "src/version.swift"])
        #expect(settings.bumpFiles?[2].pattern == "let version = \"(.*)\"")
        #expect(settings.skip.changelog && !settings.skip.tag)
    }

    @Test("unknown keys and wrong types are located errors with a suggestion")
    func strictKeys() throws {
        do {
            _ = try Self.decode("{\n  \"tagPrefx\": \"v\"\n}\n")
            Issue.record("expected an error")
        } catch let error as ConfigurationError {
            #expect(error.location == SourceLocation(path: ".versionrc", line: 2, column: 3))
            #expect(error.message.contains("did you mean 'tagPrefix'?"))
        }
        #expect(throws: ConfigurationError.self) { try Self.decode("{\"skip\": {\"tag\": \"yes please\"}}") }
        #expect(throws: ConfigurationError.self) {
            try Self.decode("{\"bumpFiles\": [{\"filename\": \"a.txt\", \"updater\": \"./updater.js\"}]}")
        }
    }

    @Test("slipway.yml versioning: wins over .versionrc, and .versionrc.js is refused with what to do instead")
    func loaderPrecedence() throws {
        let fileSystem = InMemoryFileSystem(files: [".versionrc": "{\"tagPrefix\": \"rc@\"}"], currentDirectory: "/r")
        let plain = try VersioningSettingsLoader.load(
            root: "/r",
            configuration: SlipwayConfiguration(),
            fileSystem: fileSystem
        )
        #expect(plain.tagPrefix == "rc@")
        let configured = SlipwayConfiguration(
            path: "slipway.yml",
            versioning: try YAMLLoader.load("tagPrefix: yml@\n", path: "slipway.yml")
        )
        #expect(
            try VersioningSettingsLoader.load(root: "/r", configuration: configured, fileSystem: fileSystem).tagPrefix
                == "yml@"
        )
        let javascript = InMemoryFileSystem(files: [".versionrc.js": "module.exports = {}"], currentDirectory: "/r")
        #expect(throws: ConfigurationError.self) {
            try VersioningSettingsLoader.load(root: "/r", configuration: SlipwayConfiguration(), fileSystem: javascript)
        }
    }
}
