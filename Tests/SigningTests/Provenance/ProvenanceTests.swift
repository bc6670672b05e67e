import Foundation
import Signing
import SlipwayCore
import Testing

@Suite struct ProvenanceTests {
    static let commit = "8d2f1c7f3b1c4e6a9b0d2e4f6a8c0e2f4a6b8c0d"

    /// What GitHub Actions sets for a tag push of release.yml.
    static let gitHubEnvironment: [String: String] = [
        "GITHUB_REPOSITORY": "octo-org/app",
        "GITHUB_SHA": commit,
        "GITHUB_REF": "refs/tags/v1.2.3",
        "GITHUB_WORKFLOW_REF": "octo-org/app/.github/workflows/release.yml@refs/tags/v1.2.3",
        "GITHUB_RUN_ID": "4242",
        "GITHUB_RUN_ATTEMPT": "2",
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_EVENT_NAME": "push",
        "GITHUB_REPOSITORY_ID": "1296269",
        "GITHUB_REPOSITORY_OWNER_ID": "9919",
        "GITHUB_ACTOR_ID": "583231",
        "RUNNER_ENVIRONMENT": "github-hosted",
    ]

    static func resolve(
        _ overrides: ProvenanceOverrides = ProvenanceOverrides(),
        environment: [String: String] = gitHubEnvironment,
        fileSystem: any FileSystem = InMemoryFileSystem()
    ) throws -> ProvenanceParameters {
        try ProvenanceParameters.resolve(overrides: overrides, environment: environment, fileSystem: fileSystem)
    }

    @Test("every value comes from the GitHub Actions environment, laid out as the workflow/v1 buildType says")
    func resolvesFromEnvironment() throws {
        let parameters = try Self.resolve()
        #expect(parameters.repositoryURL == "https://github.com/octo-org/app")
        #expect(parameters.workflowPath == ".github/workflows/release.yml")
        #expect(
            parameters.builderID == "https://github.com/octo-org/app/.github/workflows/release.yml@refs/tags/v1.2.3"
        )
        #expect(parameters.invocationID == "https://github.com/octo-org/app/actions/runs/4242/attempts/2")
        #expect(parameters.buildType == "https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1")
        #expect(
            parameters.gitHubContext == [
                "event_name": "push", "repository_id": "1296269", "repository_owner_id": "9919", "actor_id": "583231",
                "runner_environment": "github-hosted",
            ]
        )
        #expect(parameters.inputs.isEmpty)
    }

    @Test("flags win over the environment")
    func flagsWin() throws {
        let parameters = try Self.resolve(
            ProvenanceOverrides(
                sourceRepository: "https://github.example.com/team/tool.git",
                commit: String(repeating: "A", count: 40),
                ref: "refs/heads/main",
                workflowPath: "ci/build.yml",
                builderID: "https://builder.example/v1",
                buildType: "https://example.com/buildtypes/make/v1",
                invocationID: "run-7",
                eventName: "workflow_dispatch",
                inputs: ["level=high", "empty="]
            )
        )
        #expect(parameters.repositoryURL == "https://github.example.com/team/tool")
        #expect(parameters.commit == String(repeating: "a", count: 40))
        #expect(parameters.ref == "refs/heads/main")
        #expect(parameters.workflowPath == "ci/build.yml")
        #expect(parameters.builderID == "https://builder.example/v1")
        #expect(parameters.buildType == "https://example.com/buildtypes/make/v1")
        #expect(parameters.invocationID == "run-7")
        #expect(parameters.gitHubContext["event_name"] == "workflow_dispatch")
        #expect(parameters.inputs == ["level": .string("high"), "empty": .string("")])
    }

    @Test("the run URL names the repository running the workflow even when --source-repo names another")
    func invocationUsesRunningRepository() throws {
        let parameters = try Self.resolve(ProvenanceOverrides(sourceRepository: "upstream/lib"))
        #expect(parameters.repositoryURL == "https://github.com/upstream/lib")
        #expect(parameters.invocationID == "https://github.com/octo-org/app/actions/runs/4242/attempts/2")
    }

    @Test("without GitHub, flags alone are enough and the builder id is derived from the workflow")
    func flagsOnly() throws {
        let parameters = try Self.resolve(
            ProvenanceOverrides(
                sourceRepository: "o/r",
                commit: Self.commit,
                ref: "refs/tags/v1",
                workflowPath: "w.yml"
            ),
            environment: [:]
        )
        #expect(parameters.builderID == "https://github.com/o/r/w.yml@refs/tags/v1")
        #expect(parameters.invocationID == nil)
        #expect(parameters.gitHubContext.isEmpty)
    }

    @Test(
        "a missing value names its flag and environment variable",
        arguments: [
            ("GITHUB_REPOSITORY", "--source-repo"), ("GITHUB_SHA", "--commit"), ("GITHUB_REF", "--ref"),
            ("GITHUB_WORKFLOW_REF", "--workflow"),
        ]
    )
    func missingValues(variable: String, flag: String) {
        var environment = Self.gitHubEnvironment
        environment[variable] = nil
        do {
            _ = try Self.resolve(environment: environment)
            Issue.record("resolved without \(variable)")
        } catch {
            #expect("\(error)".contains(flag) && "\(error)".contains(variable), "\(error)")
        }
    }

    @Test("malformed values are refused with what was expected")
    func malformedValues() {
        #expect(throws: ProvenanceError.self) { try Self.resolve(ProvenanceOverrides(commit: "abc123")) }
        #expect(throws: ProvenanceError.self) { try Self.resolve(ProvenanceOverrides(sourceRepository: "just-a-name")) }
        #expect(throws: ProvenanceError.invalidInput("novalue")) {
            try Self.resolve(ProvenanceOverrides(inputs: ["novalue"]))
        }
    }

    @Test("workflow_dispatch inputs come from the event payload, empty ones omitted, --input wins")
    func dispatchInputs() throws {
        var environment = Self.gitHubEnvironment
        environment["GITHUB_EVENT_NAME"] = "workflow_dispatch"
        environment["GITHUB_EVENT_PATH"] = "/run/event.json"
        let fileSystem = InMemoryFileSystem(files: [
            "/run/event.json": #"{"inputs": {"target": "prod", "dry": false, "note": "", "level": "1"}}"#
        ])
        let parameters = try Self.resolve(
            ProvenanceOverrides(inputs: ["level=2"]),
            environment: environment,
            fileSystem: fileSystem
        )
        #expect(parameters.inputs == ["target": .string("prod"), "dry": .bool(false), "level": .string("2")])
        let broken = InMemoryFileSystem(files: ["/run/event.json": "{not json"])
        #expect(throws: ProvenanceError.invalidEventPayload(path: "/run/event.json", detail: "not valid JSON")) {
            try Self.resolve(environment: environment, fileSystem: broken)
        }
    }

    @Test("a workflow path and ref may contain @")
    func workflowReferenceWithAt() throws {
        var environment = Self.gitHubEnvironment
        environment["GITHUB_REF"] = "refs/heads/fix@2"
        environment["GITHUB_WORKFLOW_REF"] = "octo-org/app/.github/workflows/a@b.yml@refs/heads/fix@2"
        #expect(try Self.resolve(environment: environment).workflowPath == ".github/workflows/a@b.yml")
    }

    @Test(
        "RFC 3339 timestamps are exact in UTC, including leap days and before 1970",
        arguments: [
            (0.0, "1970-01-01T00:00:00Z"), (1_795_000_000.9, "2026-11-18T11:06:40Z"),
            (951_782_400, "2000-02-29T00:00:00Z"),
            (-1, "1969-12-31T23:59:59Z"), (4_102_444_799, "2099-12-31T23:59:59Z"),
        ]
    )
    func rfc3339(seconds: Double, expected: String) {
        #expect(RFC3339.string(Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test("the statement carries subjects, the predicate fields and the timestamps; its bytes are canonical")
    func statementLayout() throws {
        let subjects = [ArtifactSubject(name: "app.tar.gz", sha256: String(repeating: "ab", count: 32))]
        let statement = ProvenanceStatement.statement(
            subjects: subjects,
            parameters: try Self.resolve(),
            startedOn: Date(timeIntervalSince1970: 1_700_000_000),
            finishedOn: Date(timeIntervalSince1970: 1_700_000_060),
            builderVersion: "0.1.0"
        )
        let text = try CanonicalJSON.string(statement)
        #expect(
            text.hasPrefix(#"{"_type":"https://in-toto.io/Statement/v1","predicate":{"buildDefinition":{"buildType":"#)
        )
        #expect(
            text.contains(
                #""externalParameters":{"workflow":{"path":".github/workflows/release.yml","ref":"refs/tags/v1.2.3","repository":"https://github.com/octo-org/app"}}"#
            )
        )
        #expect(
            text.contains(
                #""resolvedDependencies":[{"digest":{"gitCommit":"\#(Self.commit)"},"uri":"git+https://github.com/octo-org/app@refs/tags/v1.2.3"}]"#
            )
        )
        #expect(text.contains(#""internalParameters":{"github":{"actor_id":"583231","event_name":"push","#))
        #expect(
            text.contains(
                #""metadata":{"finishedOn":"2023-11-14T22:14:20Z","invocationId":"https://github.com/octo-org/app/actions/runs/4242/attempts/2","startedOn":"2023-11-14T22:13:20Z"}"#
            )
        )
        #expect(
            text.contains(
                #""builder":{"id":"https://github.com/octo-org/app/.github/workflows/release.yml@refs/tags/v1.2.3","version":{"slipway":"0.1.0"}}"#
            )
        )
        #expect(
            text.hasSuffix(
                #""predicateType":"https://slsa.dev/provenance/v1","subject":[{"digest":{"sha256":"\#(String(repeating: "ab", count: 32))"},"name":"app.tar.gz"}]}"#
            )
        )
    }

    @Test("artifact digests are streamed and equal SHA-256 of the whole file (FIPS 180 'abc' and a 2.5 MiB file)")
    func artifactDigests() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("attest-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let small = directory + "/abc.txt"
        try Data("abc".utf8).write(to: URL(fileURLWithPath: small))
        let subject = try ArtifactSubject.digesting(path: small, fileSystem: LocalFileSystem())
        #expect(
            subject
                == ArtifactSubject(
                    name: "abc.txt",
                    sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
                )
        )
        let large = directory + "/large.bin"
        let bytes = (0..<(2_621_440)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
        try Data(bytes).write(to: URL(fileURLWithPath: large))
        let streamed = try ArtifactSubject.digesting(path: large, fileSystem: LocalFileSystem())
        let whole = try ArtifactSubject.digesting(
            path: "large.bin",
            fileSystem: InMemoryFileSystem(files: [:]).with("large.bin", bytes)
        )
        #expect(streamed.sha256 == whole.sha256)
        #expect(throws: ProvenanceError.self) {
            try ArtifactSubject.digesting(path: directory + "/missing", fileSystem: LocalFileSystem())
        }
        #expect(throws: ProvenanceError.self) {
            try ArtifactSubject.digesting(path: directory, fileSystem: LocalFileSystem())
        }
    }
}

extension InMemoryFileSystem {
    fileprivate func with(_ path: String, _ bytes: [UInt8]) throws -> InMemoryFileSystem {
        try writeFileAtomically(bytes, to: path)
        return self
    }
}
