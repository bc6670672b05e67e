import SlipwayCore
import SlipwayTestSupport
import SupplyChain
import Testing

@Suite struct SwiftLockfileTests {
    private let reader = PackageResolvedReader()

    @Test("version 1 pins are named by repository URL, with the branch pin versioned by its revision")
    func readsVersionOne() throws {
        let text = """
            {
              "object": {
                "pins": [
                  {
                    "package": "Nimble",
                    "repositoryURL": "https://github.com/Quick/Nimble.git",
                    "state": { "branch": null, "revision": "7fd118ec8795888bcbbebc1a41f6984454c4cd6f", "version": "8.0.7" }
                  },
                  {
                    "package": "ReactiveTask",
                    "repositoryURL": "git@github.com:Carthage/ReactiveTask.git",
                    "state": { "branch": "main", "revision": "01aba7b22a6a3ffee3a0a4a05f8a3a3c2a8b1c2d", "version": null }
                  }
                ]
              },
              "version": 1
            }
            """
        let components = try reader.read(text, path: "Package.resolved") { _ in nil }
        #expect(
            components.map(\.purl) == [
                "pkg:swift/github.com/Carthage/ReactiveTask@01aba7b22a6a3ffee3a0a4a05f8a3a3c2a8b1c2d",
                "pkg:swift/github.com/Quick/Nimble@8.0.7",
            ]
        )
        #expect(components.map(\.name) == ["github.com/Carthage/ReactiveTask", "github.com/Quick/Nimble"])
        #expect(components.allSatisfy { $0.ecosystem == .swift && $0.isDirect == nil && $0.hashes.isEmpty })
        #expect(components.map { $0.location?.line } == [9, 4])
    }

    @Test("version 3 reads remote, local and registry pins")
    func readsVersionThree() throws {
        let text = """
            {
              "originHash" : "96ee4eddeee014e76dbc4cb1f5dd5585adf5ae473997ccd61ed80c80dc468b42",
              "pins" : [
                {
                  "identity" : "swift-nio",
                  "kind" : "remoteSourceControl",
                  "location" : "https://user:token@GitHub.com/apple/swift-nio",
                  "state" : { "revision" : "aaaabbbbccccddddeeeeffff0000111122223333", "version" : "2.65.0" }
                },
                {
                  "identity" : "apple.swift-log",
                  "kind" : "registry",
                  "location" : "",
                  "state" : { "version" : "1.6.2" }
                },
                {
                  "identity" : "mylib",
                  "kind" : "localSourceControl",
                  "location" : "/Users/me/src/mylib",
                  "state" : { "branch" : "main", "revision" : "0123456789012345678901234567890123456789" }
                }
              ],
              "version" : 3
            }
            """
        let components = try reader.read(text, path: "Package.resolved") { _ in nil }
        #expect(
            components.map(\.purl) == [
                "pkg:swift/Users/me/src/mylib@0123456789012345678901234567890123456789",
                "pkg:swift/apple/swift-log@1.6.2",
                "pkg:swift/github.com/apple/swift-nio@2.65.0",
            ]
        )
        #expect(components.map(\.name) == ["/Users/me/src/mylib", "apple.swift-log", "github.com/apple/swift-nio"])
        #expect(components.map { $0.location?.line } == [16, 10, 4])
    }

    @Test(
        "repository URLs reduce to the OSV SwiftURL name",
        arguments: [
            ("https://github.com/apple/swift-nio.git", "github.com/apple/swift-nio"),
            ("git@github.com:apple/swift-nio.git", "github.com/apple/swift-nio"),
            ("ssh://git@github.com:22/apple/swift-nio.git/", "github.com/apple/swift-nio"),
            ("https://x-access-token:abc@GITHUB.com/Org/Repo", "github.com/Org/Repo"),
            ("http://gitlab.example.com:8080/group/sub/repo.git", "gitlab.example.com/group/sub/repo"),
        ]
    )
    func normalisesRepositoryURLs(url: String, name: String) {
        #expect(PackageResolvedReader.repositoryName(url) == name)
    }

    @Test("an unknown version is rejected at the version value")
    func rejectsUnknownVersion() {
        let text = "{\n  \"pins\": [],\n  \"version\": 4\n}\n"
        #expect(
            throws: LockfileError.unsupportedVersion(
                path: "Package.resolved",
                position: SourcePosition(line: 3, column: 14),
                version: "4",
                supported: ["1", "2", "3"]
            )
        ) {
            try reader.read(text, path: "Package.resolved") { _ in nil }
        }
    }

    @Test("truncated JSON and wrong types are located errors")
    func reportsMalformedInput() throws {
        let truncated = "{\n  \"pins\" : [\n    {\n      \"identity\" : \"a\",\n"
        let error = try #require(throws: LockfileError.self) {
            try reader.read(truncated, path: "Package.resolved") { _ in nil }
        }
        guard case .invalidSyntax(_, let position, "JSON", _) = error else {
            Issue.record("unexpected \(error)")
            return
        }
        #expect(position != nil)
        let wrongType = "{\n  \"pins\" : {},\n  \"version\" : 2\n}"
        #expect(
            throws: LockfileError.unexpectedShape(
                path: "Package.resolved",
                position: SourcePosition(line: 2, column: 12),
                reason: "`pins` must be an array, found a mapping"
            )
        ) {
            try reader.read(wrongType, path: "Package.resolved") { _ in nil }
        }
        let noState = "{ \"pins\" : [ { \"identity\" : \"a\", \"location\" : \"https://h/o/a\" } ], \"version\" : 2 }"
        #expect(throws: LockfileError.self) { try reader.read(noState, path: "Package.resolved") { _ in nil } }
    }
}

@Suite(.enabled(if: Corpus.isAvailable, "shared corpus not present"))
struct SwiftLockfileCorpusTests {
    @Test(
        "every Package.resolved in the corpus gives its MANIFEST entry count",
        arguments: [
            "Carthage__Carthage__Package.resolved",
            "Dimillian__IceCubesApp__IceCubesApp.xcodeproj__project.xcworkspace__xcshareddata__swiftpm__Package.resolved",
            "apple__container__Package.resolved",
            "peripheryapp__periphery__Package.resolved",
            "realm__SwiftLint__Package.resolved",
            "swiftlang__swiftly__Package.resolved",
            "tuist__tuist__Package.resolved",
            "yonaskolb__XcodeGen__Package.resolved",
        ]
    )
    func readsCorpusFile(name: String) throws {
        let file = "swiftpm/" + name
        let components = try PackageResolvedReader().read(try corpusText(file), path: file) { _ in nil }
        #expect(components.count == (try manifestEntries(file)))
        #expect(components.map(\.purl) == components.map(\.purl).sorted())
        for component in components {
            #expect(component.purl.hasPrefix("pkg:swift/"))
            #expect(!component.version.isEmpty)
            #expect((component.location?.line ?? 0) > 1)
        }
    }

    @Test("registry pins of tuist keep scope.name; branch pins carry the revision")
    func readsRegistryAndBranchPins() throws {
        let file = "swiftpm/tuist__tuist__Package.resolved"
        let components = try PackageResolvedReader().read(try corpusText(file), path: file) { _ in nil }
        let log = try #require(components.first { $0.name == "apple.swift-log" })
        #expect(log.purl == "pkg:swift/apple/swift-log@" + log.version)
        let carthage = "swiftpm/Carthage__Carthage__Package.resolved"
        let pins = try PackageResolvedReader().read(try corpusText(carthage), path: carthage) { _ in nil }
        #expect(pins.contains { $0.version.count == 40 && $0.version.allSatisfy(\.isHexDigit) })
    }
}

private func corpusText(_ file: String) throws -> String {
    String(decoding: try LocalFileSystem().readFile(at: Corpus.sharedRoot + "/corpus/lockfiles/" + file), as: UTF8.self)
}

private func manifestEntries(_ file: String) throws -> Int? {
    let manifest = try corpusText("MANIFEST.tsv")
    for line in manifest.split(separator: "\n") {
        let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
        if columns.count > 6, columns[0] == file { return Int(columns[6]) }
    }
    return nil
}
