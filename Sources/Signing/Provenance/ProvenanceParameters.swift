public import SlipwayCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Values given on the command line; each one, when set, wins over its GitHub Actions environment variable.
public struct ProvenanceOverrides: Sendable, Hashable {
    /// `--source-repo`: `OWNER/REPO` or the repository's HTTPS URL.
    public var sourceRepository: String?
    /// `--commit`: the full commit SHA that was built.
    public var commit: String?
    /// `--ref`: the git ref (`refs/tags/v1.2.3`).
    public var ref: String?
    /// `--workflow`: the workflow file's path in the repository.
    public var workflowPath: String?
    /// `--builder-id`.
    public var builderID: String?
    /// `--build-type`.
    public var buildType: String?
    /// `--invocation-id`.
    public var invocationID: String?
    /// `--event-name`.
    public var eventName: String?
    /// `--input KEY=VALUE`, in order (a later key wins).
    public var inputs: [String]

    /// Creates overrides; everything defaults to unset.
    public init(
        sourceRepository: String? = nil,
        commit: String? = nil,
        ref: String? = nil,
        workflowPath: String? = nil,
        builderID: String? = nil,
        buildType: String? = nil,
        invocationID: String? = nil,
        eventName: String? = nil,
        inputs: [String] = []
    ) {
        self.sourceRepository = sourceRepository
        self.commit = commit
        self.ref = ref
        self.workflowPath = workflowPath
        self.builderID = builderID
        self.buildType = buildType
        self.invocationID = invocationID
        self.eventName = eventName
        self.inputs = inputs
    }
}

/// Everything the SLSA provenance predicate says about the build, resolved from flags and the environment.
public struct ProvenanceParameters: Sendable, Hashable {
    /// The SLSA buildType for a top-level GitHub Actions workflow run (slsa-framework/github-actions-buildtypes).
    public static let gitHubWorkflowBuildType = "https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1"

    /// HTTPS URL of the source repository, without `.git` (`https://github.com/OWNER/REPO`).
    public var repositoryURL: String
    /// The commit that was built (lowercase hex).
    public var commit: String
    /// The git ref the workflow ran for.
    public var ref: String
    /// The workflow file's path inside the repository.
    public var workflowPath: String
    /// `runDetails.builder.id`.
    public var builderID: String
    /// `buildDefinition.buildType`.
    public var buildType: String
    /// `runDetails.metadata.invocationId`, when known.
    public var invocationID: String?
    /// `externalParameters.inputs` (non-empty `workflow_dispatch` inputs and `--input`s).
    public var inputs: [String: JSONValue]
    /// `internalParameters.github` (event name, numeric repository/owner/actor ids, runner environment).
    public var gitHubContext: [String: String]

    /// Creates parameters from resolved values.
    public init(
        repositoryURL: String,
        commit: String,
        ref: String,
        workflowPath: String,
        builderID: String,
        buildType: String = ProvenanceParameters.gitHubWorkflowBuildType,
        invocationID: String? = nil,
        inputs: [String: JSONValue] = [:],
        gitHubContext: [String: String] = [:]
    ) {
        self.repositoryURL = repositoryURL
        self.commit = commit
        self.ref = ref
        self.workflowPath = workflowPath
        self.builderID = builderID
        self.buildType = buildType
        self.invocationID = invocationID
        self.inputs = inputs
        self.gitHubContext = gitHubContext
    }

    /// Resolves every value from `overrides`, falling back to the GitHub Actions variables in `environment`.
    ///
    /// The workflow path comes from `GITHUB_WORKFLOW_REF` (`OWNER/REPO/PATH@REF`) with the repository prefix and
    /// the ref suffix removed; the default builder id is `GITHUB_SERVER_URL/GITHUB_WORKFLOW_REF`; the default
    /// invocation id is the run URL with its attempt. For `workflow_dispatch` runs the non-empty `inputs` of the
    /// event payload at `GITHUB_EVENT_PATH` are recorded.
    ///
    /// - Throws: `ProvenanceError` naming the flag and variable of a missing or malformed value.
    public static func resolve(
        overrides: ProvenanceOverrides,
        environment: [String: String],
        fileSystem: any FileSystem
    ) throws(ProvenanceError) -> ProvenanceParameters {
        func variable(_ name: String) -> String? {
            guard let value = environment[name]?.trimmingWhitespace(), !value.isEmpty else {
                return nil
            }
            return value
        }
        func nonEmpty(_ value: String?) -> String? {
            guard let value, !value.isEmpty else { return nil }
            return value
        }
        var serverURL = variable("GITHUB_SERVER_URL") ?? "https://github.com"
        while serverURL.hasSuffix("/") { serverURL.removeLast() }

        guard let repository = nonEmpty(overrides.sourceRepository) ?? variable("GITHUB_REPOSITORY") else {
            throw .missingValue(
                what: "source repository",
                flag: "--source-repo OWNER/REPO",
                environmentVariable: "GITHUB_REPOSITORY"
            )
        }
        let (repositoryURL, repositoryPath) = try repositoryLocation(repository, serverURL: serverURL)

        guard let commitText = nonEmpty(overrides.commit) ?? variable("GITHUB_SHA") else {
            throw .missingValue(what: "source commit", flag: "--commit SHA", environmentVariable: "GITHUB_SHA")
        }
        let commit = commitText.lowercased()
        guard commit.count == 40 || commit.count == 64, DSSEHex.bytes(commit) != nil else {
            throw .invalidValue(what: "commit", value: commitText, expected: "a full 40- or 64-character hex SHA")
        }

        guard let ref = nonEmpty(overrides.ref) ?? variable("GITHUB_REF") else {
            throw .missingValue(what: "git ref", flag: "--ref REF", environmentVariable: "GITHUB_REF")
        }

        let workflowReference = variable("GITHUB_WORKFLOW_REF")
        guard
            let workflowPath = nonEmpty(overrides.workflowPath)
                ?? workflowReference.flatMap({ path(ofWorkflowReference: $0, repository: repositoryPath, ref: ref) })
        else {
            throw .missingValue(
                what: "workflow path",
                flag: "--workflow PATH",
                environmentVariable: "GITHUB_WORKFLOW_REF"
            )
        }

        let builderID =
            nonEmpty(overrides.builderID)
            ?? workflowReference.map { "\(serverURL)/\($0)" }
            ?? "\(repositoryURL)/\(workflowPath)@\(ref)"

        var invocationID = nonEmpty(overrides.invocationID)
        if invocationID == nil, let runID = variable("GITHUB_RUN_ID") {
            let attempt = variable("GITHUB_RUN_ATTEMPT") ?? "1"
            // The run belongs to the repository running the workflow, even when --source-repo names another.
            let runRepository = variable("GITHUB_REPOSITORY").map { "\(serverURL)/\($0)" } ?? repositoryURL
            invocationID = "\(runRepository)/actions/runs/\(runID)/attempts/\(attempt)"
        }

        var gitHubContext: [String: String] = [:]
        let eventName = nonEmpty(overrides.eventName) ?? variable("GITHUB_EVENT_NAME")
        gitHubContext["event_name"] = eventName
        gitHubContext["repository_id"] = variable("GITHUB_REPOSITORY_ID")
        gitHubContext["repository_owner_id"] = variable("GITHUB_REPOSITORY_OWNER_ID")
        gitHubContext["actor_id"] = variable("GITHUB_ACTOR_ID")
        gitHubContext["runner_environment"] = variable("RUNNER_ENVIRONMENT")

        var inputs: [String: JSONValue] = [:]
        if eventName == "workflow_dispatch", let eventPath = variable("GITHUB_EVENT_PATH"),
            fileSystem.exists(eventPath)
        {
            inputs = try dispatchInputs(eventPath: eventPath, fileSystem: fileSystem)
        }
        for text in overrides.inputs {
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw .invalidInput(text)
            }
            inputs[String(text[..<equals])] = .string(String(text[text.index(after: equals)...]))
        }

        return ProvenanceParameters(
            repositoryURL: repositoryURL,
            commit: commit,
            ref: ref,
            workflowPath: workflowPath,
            builderID: builderID,
            buildType: nonEmpty(overrides.buildType) ?? gitHubWorkflowBuildType,
            invocationID: invocationID,
            inputs: inputs,
            gitHubContext: gitHubContext
        )
    }

    /// `(URL, OWNER/REPO)` for `OWNER/REPO` or an HTTPS URL (a trailing `.git` or `/` is dropped).
    private static func repositoryLocation(
        _ text: String,
        serverURL: String
    ) throws(ProvenanceError) -> (String, String) {
        var value = text
        while value.hasSuffix("/") { value.removeLast() }
        if value.hasSuffix(".git") { value.removeLast(4) }
        if value.hasPrefix("https://") || value.hasPrefix("http://") {
            let afterScheme = value.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
            // ["https:", "", "host", "OWNER/REPO"]
            guard afterScheme.count == 4, !afterScheme[2].isEmpty, afterScheme[3].split(separator: "/").count >= 2
            else {
                throw .invalidValue(
                    what: "source repository",
                    value: text,
                    expected: "OWNER/REPO or https://HOST/OWNER/REPO"
                )
            }
            return (value, String(afterScheme[3]))
        }
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && !$0.contains(" ") && !$0.contains("@") }) else {
            throw .invalidValue(what: "source repository", value: text, expected: "OWNER/REPO or an HTTPS URL")
        }
        return ("\(serverURL)/\(value)", value)
    }

    /// The workflow path inside `OWNER/REPO/.github/workflows/release.yml@refs/tags/v1` (paths and refs may
    /// contain `@`, so the known ref is removed first).
    static func path(ofWorkflowReference reference: String, repository: String, ref: String) -> String? {
        var rest = Substring(reference)
        let prefix = repository + "/"
        if rest.lowercased().hasPrefix(prefix.lowercased()) {
            rest = rest.dropFirst(prefix.count)
        } else {
            let components = rest.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
            guard components.count == 3 else { return nil }
            rest = components[2]
        }
        if rest.hasSuffix("@" + ref) {
            rest = rest.dropLast(ref.count + 1)
        } else if let at = rest.lastIndex(of: "@") {
            rest = rest[..<at]
        }
        return rest.isEmpty ? nil : String(rest)
    }

    private static func dispatchInputs(
        eventPath: String,
        fileSystem: any FileSystem
    ) throws(ProvenanceError) -> [String: JSONValue] {
        let bytes: [UInt8]
        do {
            bytes = try fileSystem.readFile(at: eventPath)
        } catch {
            throw .invalidEventPayload(path: eventPath, detail: "\(error)")
        }
        let event: JSONValue
        do {
            event = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        } catch {
            throw .invalidEventPayload(path: eventPath, detail: "not valid JSON")
        }
        guard case .object(let fields) = event, case .object(let inputs)? = fields["inputs"] else { return [:] }
        // The buildType asks for empty inputs to be omitted so verifiers can compare what matters.
        return inputs.filter { _, value in
            switch value {
            case .null: false
            case .string(let text): !text.isEmpty
            default: true
            }
        }
    }
}
